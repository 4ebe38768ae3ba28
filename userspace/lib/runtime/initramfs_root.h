/* SPDX-License-Identifier: GPL-2.0 */
#ifndef ISO_INITRAMFS_ROOT_H
#define ISO_INITRAMFS_ROOT_H

#include <stdbool.h>

/*
 * pivot_root(2) refuses to move the initramfs, so where "/" is one a
 * container's rootfs is moved over it and chrooted into, as LXC and
 * switch_root do.  A chroot is no pivot_root: these make up for it.
 */

/* Whether "/" is the initramfs: fstype "rootfs" in mountinfo (statfs says tmpfs). */
bool iso_root_is_initramfs(void);

/*
 * Once the rootfs is mounted over "/", and before the chroot: detach every
 * mount that is not the rootfs or below it, so that nothing of the host's
 * is left in this mount namespace to be reached from a chroot escaped.
 */
int iso_detach_outside_root(void);

#endif /* ISO_INITRAMFS_ROOT_H */
