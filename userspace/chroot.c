// SPDX-License-Identifier: GPL-2.0
/*
 * isoctl chroot -n NAME [-P PATH] [-- CMD [ARG]...]: run a command chrooted
 * into the container's rootfs, nothing else: the course's way to set
 * root's password, "isoctl chroot -n c1 -- passwd".
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "isoctl.h"
#include "config/config.h"
#include "error.h"
#include "runtime/exec_inside.h"
#include "runtime/store.h"

int cmd_chroot(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "name", required_argument, NULL, 'n' },
		{ "lxcpath", required_argument, NULL, 'P' },
		{ 0 }
	};
	static char *shell[] = { "/bin/sh", NULL };
	const char *name = NULL, *base = NULL;
	struct iso_config *cfg;
	char **cmd;
	int opt, ret;

	while ((opt = getopt_long(argc, argv, "+n:P:", opts, NULL)) != -1) {
		switch (opt) {
		case 'n': name = optarg; break;
		case 'P': base = optarg; break;
		default: goto usage;
		}
	}
	if (!name)
		goto usage;
	cmd = optind < argc ? argv + optind : shell;
	ret = iso_load_container(base, name, &cfg);
	if (ret)
		return ret;
	if (chroot(cfg->rootfs) || chdir("/"))
		ret = iso_fail(-errno, "chroot into", cfg->rootfs);
	free(cfg);
	if (ret)
		return ret;
	return iso_exec_inside(cmd, getenv("TERM"), -1, -1);
usage:
	fprintf(stderr, "Usage: isoctl chroot -n NAME [-P PATH] [-- CMD [ARG]...]\n");
	return -EINVAL;
}
