// SPDX-License-Identifier: GPL-2.0
/* What a process takes into a container: see the header. */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config/config.h"
#include "error.h"
#include "runtime/exec_inside.h"

/* Say why on @errfd: init's stderr is the console by now. */
static int fail(int errfd, int err, const char *step, const char *object)
{
	if (errfd >= 0)
		dup2(errfd, STDERR_FILENO);
	return iso_fail(err, step, object);
}

/* Close every fd from 3 up but @a and @b (-1 for none). */
static int close_all_but(int a, int b)
{
	int keep[2] = { a < b ? a : b, a < b ? b : a }, from = 3, i;

	for (i = 0; i < 2; i++) {
		if (keep[i] < from)
			continue;
		if (keep[i] > from && close_range(from, keep[i] - 1, 0))
			return -errno;
		from = keep[i] + 1;
	}
	return close_range(from, ~0U, 0) ? -errno : 0;
}

int iso_exec_inside(char *const argv[], const char *term, const char *ttys,
		    const struct iso_cfg_list *env, const char *cwd, int errfd,
		    int keepfd)
{
	char here[PATH_MAX];
	struct stat st;
	int fd, ret, i;

	/*
	 * An fd the caller left open is a way out: a directory fd is a root
	 * outside the container's, whether used as the cwd or in a path
	 * through /proc/self/fd while execve() looks up the program
	 * (CVE-2024-21626).  So they are closed, not marked CLOEXEC; only
	 * isoctl's own error channels stay, and they are CLOEXEC.
	 */
	ret = close_all_but(errfd, keepfd);
	if (ret)
		return fail(errfd, ret, "closing", "inherited fds");
	for (fd = 0; fd < 3; fd++)
		if (!fstat(fd, &st) && S_ISDIR(st.st_mode))
			return fail(errfd, -EBADF, "checking stdio",
				    "a directory is not stdio");
	/* a cwd outside the root shows as "(unreachable)/...": refuse it */
	if (chdir("/"))
		return fail(errfd, -errno, "entering", "the container's /");
	if (!getcwd(here, sizeof(here)) || strcmp(here, "/"))
		return fail(errfd, -EPERM, "checking the cwd",
			    "it is not the container's /");
	/* inside the root: pivoted or chrooted, ".." stops there */
	if (cwd && *cwd && chdir(cwd))
		return fail(errfd, -errno, "entering lxc.init.cwd", cwd);
	clearenv();
	setenv("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", 1);
	setenv("container", "iso", 1);
	setenv("HOME", "/root", 1);
	if (term)
		setenv("TERM", term, 1);
	if (ttys && *ttys)
		setenv("container_ttys", ttys, 1);
	for (i = 0; env && i < env->n; i++)
		if (putenv((char *)env->item[i]))
			return fail(errfd, -errno, "setting", env->item[i]);
	execvp(argv[0], argv);
	return fail(errfd, -errno, "executing", argv[0]);
}
