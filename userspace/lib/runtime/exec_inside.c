// SPDX-License-Identifier: GPL-2.0
/* What a process takes into a container: see the header. */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <linux/close_range.h>

#include "error.h"
#include "runtime/exec_inside.h"

/* Say why on @errfd: init's stderr is the console by now. */
static int fail(int errfd, int err, const char *step, const char *object)
{
	if (errfd >= 0)
		dup2(errfd, STDERR_FILENO);
	return iso_fail(err, step, object);
}

int iso_exec_inside(char *const argv[], const char *term, int errfd)
{
	char cwd[PATH_MAX];

	/*
	 * An fd the caller left open is a way out: a directory fd is a
	 * root outside the container's (CVE-2024-21626 used one as cwd).
	 * CLOEXEC rather than closing them, so that isoctl's own error
	 * channels last until the exec succeeds.
	 */
	if (close_range(3, ~0U, CLOSE_RANGE_CLOEXEC))
		return fail(errfd, -errno, "closing", "inherited fds");
	if (chdir("/"))
		return fail(errfd, -errno, "entering", "the container's /");
	if (!getcwd(cwd, sizeof(cwd)) || strcmp(cwd, "/"))
		return fail(errfd, -EPERM, "checking the cwd",
			    "it is not the container's /");
	clearenv();
	setenv("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", 1);
	setenv("container", "iso", 1);
	setenv("HOME", "/root", 1);
	if (term)
		setenv("TERM", term, 1);
	execvp(argv[0], argv);
	return fail(errfd, -errno, "executing", argv[0]);
}
