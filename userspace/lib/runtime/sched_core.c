// SPDX-License-Identifier: GPL-2.0
/* lxc.sched.core: a core scheduling domain for a container's tasks. */
#include <errno.h>
#include <stdio.h>
#include <sys/prctl.h>
#include <linux/prctl.h>

#include "config/config.h"
#include "error.h"
#include "runtime/sched_core.h"

int iso_sched_core_create(const struct iso_config *cfg, bool new_pid, pid_t pid)
{
	if (!cfg->sched_core)
		return 0;
	if (!new_pid)
		return iso_fail(-EINVAL, "lxc.sched.core:", "it needs a pid namespace of its own");
	if (!prctl(PR_SCHED_CORE, PR_SCHED_CORE_CREATE, pid,
		   PR_SCHED_CORE_SCOPE_THREAD_GROUP, 0))
		return 0;
	if (errno == ENODEV) {
		fprintf(stderr, "isoctl: notice: lxc.sched.core: no SMT here, so no core scheduling domain\n");
		return 0;
	}
	if (errno == EINVAL)
		return iso_fail(-EINVAL, "lxc.sched.core:",
				"this kernel has no core scheduling (CONFIG_SCHED_CORE)");
	return iso_fail(-errno, "lxc.sched.core: creating", "a core scheduling domain");
}

int iso_sched_core_join(pid_t init)
{
	unsigned long long cookie = 0;

	/* EINVAL: no core scheduling here, so init has no cookie either */
	if (prctl(PR_SCHED_CORE, PR_SCHED_CORE_GET, init,
		  PR_SCHED_CORE_SCOPE_THREAD, &cookie))
		return errno == EINVAL || errno == ENODEV ? 0 :
		       iso_fail(-errno, "attach: reading", "init's core scheduling cookie");
	if (!cookie)
		return 0;
	if (prctl(PR_SCHED_CORE, PR_SCHED_CORE_SHARE_FROM, init,
		  PR_SCHED_CORE_SCOPE_THREAD, 0))
		return iso_fail(-errno, "attach: joining", "init's core scheduling domain");
	return 0;
}
