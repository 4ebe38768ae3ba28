/* SPDX-License-Identifier: GPL-2.0 */
#ifndef ISO_MOUNTS_H
#define ISO_MOUNTS_H

#include <stdbool.h>

struct iso_cgroup;
struct iso_config;

/*
 * First in the child's mount namespace: nothing mounted from here on
 * may show up on the host.
 */
int iso_mount_private(void);

/*
 * In the child's mount namespace, before entering the rootfs: what
 * lxc.mount.auto asks for (all of it without the key: proc, sys
 * read-only, the container's cgroups), a minimal /dev and the
 * lxc.mount.entry lines; then /proc/sys and the like read-only and the
 * OCI runtimes' masked paths hidden.  Every path is resolved inside the
 * rootfs.  @nesting: lxc.apparmor.allow_nesting's proc and sysfs at
 * /dev/.lxc too.  Returns the rootfs's fd, which the caller closes, or
 * -errno.
 */
int iso_mount_rootfs(const struct iso_config *cfg, const struct iso_cgroup *cg,
		     bool nesting);

#endif /* ISO_MOUNTS_H */
