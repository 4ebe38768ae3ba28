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
#include <stdio.h>

#include "isoctl.h"

int cmd_chroot(int argc, char **argv)
{
	static char *shell[] = { "/bin/sh", NULL };
	struct iso_target t = { 0 };
	char **cmd;
	int ret;

	ret = iso_target_parse_cmd(&t, argc, argv, &cmd);
	if (ret < 0)
		return ret;
	if (ret) {
		fprintf(stderr, "Usage: isoctl chroot -n NAME [-P PATH] [-- CMD [ARG]...]\n");
		return -EINVAL;
	}
	return iso_exec_transient("chroot", &t, cmd ? cmd : shell, false);
}
