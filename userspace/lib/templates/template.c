// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "error.h"
#include "runtime/stop_signals.h"
#include "templates/template.h"

static const struct iso_template templates[] = {
	{ "busybox", false, iso_template_busybox,
	  "a minimal system from the host's busybox-static, offline" },
	{ "debian", false, iso_template_debian,
	  "Debian by debootstrap from the host's apt mirror, cached" },
	{ "dir", true, iso_template_dir, "a copy of an existing root tree" },
	{ "tar", true, iso_template_tar, "a root tree from a tarball" },
};

const struct iso_template *iso_template_find(const char *name,
					     const char **source)
{
	const char *colon = strchr(name, ':');
	size_t len = colon ? (size_t)(colon - name) : strlen(name);
	size_t i;

	*source = colon ? colon + 1 : NULL;
	for (i = 0; i < sizeof(templates) / sizeof(templates[0]); i++)
		if (strlen(templates[i].name) == len &&
		    !strncmp(templates[i].name, name, len) &&
		    templates[i].takes_source == !!colon)
			return &templates[i];
	return NULL;
}

int iso_template_run(const char *what, char *const argv[])
{
	int status;
	pid_t pid;

	fflush(NULL);
	pid = fork();
	if (pid < 0)
		return iso_fail(-errno, what, argv[0]);
	if (!pid) {
		int null = open("/dev/null", O_RDONLY | O_CLOEXEC);

		/* a monitor's blocked stop signals, and its stdin, are not its */
		iso_signals_default();
		if (null >= 0)
			dup2(null, STDIN_FILENO);
		execvp(argv[0], argv);
		iso_fail(-errno, what, argv[0]);
		_exit(127);
	}
	if (waitpid(pid, &status, 0) < 0)
		return iso_fail(-errno, what, argv[0]);
	if (WIFEXITED(status) && WEXITSTATUS(status) == 127)
		return -ENOENT;	/* the child said why */
	if (!WIFEXITED(status) || WEXITSTATUS(status))
		return iso_failf(-EIO, what, "%.64s failed (status %d)", argv[0],
				 WIFEXITED(status) ? WEXITSTATUS(status) :
				 128 + WTERMSIG(status));
	return 0;
}

void iso_template_config(const struct iso_template_call *call,
			 const char *init, const char *halt)
{
	size_t used = strlen(call->config);

	snprintf(call->config + used, call->size - used,
		 "lxc.rootfs.path = dir:%s\n"
		 "lxc.uts.name = %s\n"
		 "lxc.init.cmd = %s\n"
		 "lxc.signal.halt = %s\n"
		 "lxc.mount.auto = cgroup:mixed proc:mixed sys:ro\n",
		 call->rootfs, call->name, init, halt);
}
