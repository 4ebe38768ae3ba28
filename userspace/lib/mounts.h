/* SPDX-License-Identifier: GPL-2.0 */
#ifndef ISO_MOUNTS_H
#define ISO_MOUNTS_H

#include <stdbool.h>

struct iso_config;

/* In the child's mount namespace, before entering the rootfs: proc, sys
 * read-only, cgroup2, a minimal /dev and the lxc.mount.entry lines.
 */
int iso_mount_rootfs(const struct iso_config *cfg, bool cgroup_v2);

/* Inside the rootfs: /proc/sys read-only, sensitive paths masked. */
int iso_mount_protect(void);

#endif /* ISO_MOUNTS_H */
