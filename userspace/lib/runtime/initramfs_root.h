/* SPDX-License-Identifier: GPL-2.0 */
#ifndef ISO_INITRAMFS_ROOT_H
#define ISO_INITRAMFS_ROOT_H

#include <stdbool.h>

/*
 * pivot_root(2) refuses to move the initramfs, so where "/" is one a
 * container's rootfs is moved over it and chrooted into, as LXC and
 * switch_root do.  A chroot is no pivot_root: these make up for it.
 */

/*
 * Whether "/" is the initramfs: fstype "rootfs" on mountinfo's first
 * line (statfs() says tmpfs for it and for a tmpfs root alike).
 */
bool iso_root_is_initramfs(void);

/*
 * Whether pivot_root(2) can make a container's rootfs "/" here, tried in
 * a child in a mount namespace of its own: 1, 0 where it fails with
 * EINVAL (the initramfs, unless the kernel mounts it on nullfs, as 7.3
 * does), or a negative errno.
 */
int iso_pivot_root_probe(void);

/*
 * Once the rootfs is mounted over "/", and before the chroot: detach every
 * mount that is not the rootfs or below it, so that nothing of the host's
 * is left in this mount namespace to be reached from a chroot escaped,
 * and check that none is left.  In a mount namespace of a user namespace
 * (@userns) the host's mounts are locked, and stay (LXC keeps them too):
 * beneath the rootfs, where ".." from a chroot comes back to the rootfs
 * over them, and setns(2) into the namespace, which would show them,
 * needs the CAP_SYS_CHROOT the container loses.
 */
int iso_detach_outside_root(bool userns);

#endif /* ISO_INITRAMFS_ROOT_H */
