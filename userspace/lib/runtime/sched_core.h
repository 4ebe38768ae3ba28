/* SPDX-License-Identifier: GPL-2.0 */
#ifndef ISO_SCHED_CORE_H
#define ISO_SCHED_CORE_H

#include <stdbool.h>
#include <sys/types.h>

struct iso_config;

/*
 * lxc.sched.core = 1, as LXC 5.0.2's core_scheduling() does: init @pid's
 * thread group gets a core scheduling cookie of its own, which its
 * children inherit, so that no task of another domain runs on the SMT
 * siblings of its CPU.  It needs a pid namespace of its own (@new_pid);
 * a kernel without SMT gets none, which is said; one without core
 * scheduling fails the start.  0 or a negative errno, said.
 */
int iso_sched_core_create(const struct iso_config *cfg, bool new_pid, pid_t pid);

/*
 * attach: this process into the cookie of @init, if it has one, as
 * lxc-attach joins it.  0 or a negative errno, said.
 */
int iso_sched_core_join(pid_t init);

#endif /* ISO_SCHED_CORE_H */
