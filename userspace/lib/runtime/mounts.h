/* SPDX-License-Identifier: GPL-2.0 */
#ifndef ISO_MOUNTS_H
#define ISO_MOUNTS_H

#include <stdbool.h>

struct iso_cgroup;
struct iso_config;

/*
 * In the child's mount namespace, before entering the rootfs: what
 * lxc.mount.auto asks for (all of it without the key: proc, sys
 * read-only, the container's cgroups), a minimal /dev and the
 * lxc.mount.entry lines.  Every path is resolved inside the rootfs; the
 * rootfs's fd, which the caller closes, or a negative errno.
 */
int iso_mount_rootfs(const struct iso_config *cfg, const struct iso_cgroup *cg);

/* Inside the rootfs: /proc/sys read-only, sensitive paths masked. */
int iso_mount_protect(void);

#endif /* ISO_MOUNTS_H */
