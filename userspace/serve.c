// SPDX-License-Identifier: GPL-2.0
/*
 * isoctl serve: run isoctl-serve (serve_main.c), from beside this isoctl
 * or from where make install put it.
 */
#include <errno.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "isoctl.h"
#include "error.h"
#include "libexecdir.h"	/* ISO_LIBEXECDIR, from the Makefile */

int cmd_serve(int argc, char **argv)
{
	char self[PATH_MAX], helper[PATH_MAX + 16];
	ssize_t len;

	(void)argc;
	len = readlink("/proc/self/exe", self, sizeof(self) - 1);
	if (len > 0) {
		self[len] = '\0';
		snprintf(helper, sizeof(helper), "%.4095s/isoctl-serve",
			 dirname(self));
		argv[0] = helper;
		if (!access(helper, X_OK))
			execv(helper, argv);
	}
	snprintf(helper, sizeof(helper), "%.4095s/isoctl-serve", ISO_LIBEXECDIR);
	argv[0] = helper;
	execv(helper, argv);
	return iso_fail(-errno, "running", helper);
}
