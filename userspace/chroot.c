// SPDX-License-Identifier: GPL-2.0
/*
 * isoctl chroot -n NAME [-P PATH] [-- CMD [ARG]...]: run a command in the
 * container's rootfs, the course's way to set root's password:
 * "isoctl chroot -n c1 -- passwd".  It is exec with no network (only lo):
 * the container's namespaces, idmap, capabilities, seccomp filter and
 * device list, never a chroot(2) by the host's root, since the rootfs is
 * not to be trusted.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>

#include "isoctl.h"

int cmd_chroot(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "name", required_argument, NULL, 'n' },
		{ "lxcpath", required_argument, NULL, 'P' },
		{ 0 }
	};
	static char *shell[] = { "/bin/sh", NULL };
	const char *name = NULL, *base = NULL;
	int opt;

	while ((opt = getopt_long(argc, argv, "+n:P:", opts, NULL)) != -1) {
		switch (opt) {
		case 'n': name = optarg; break;
		case 'P': base = optarg; break;
		default: goto usage;
		}
	}
	if (!name)
		goto usage;
	return iso_exec_transient("chroot", base, name,
				  optind < argc ? argv + optind : shell, false);
usage:
	fprintf(stderr, "Usage: isoctl chroot -n NAME [-P PATH] [-- CMD [ARG]...]\n");
	return -EINVAL;
}
