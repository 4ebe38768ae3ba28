/* SPDX-License-Identifier: GPL-2.0 */
#ifndef ISO_ROOTFS_PATH_H
#define ISO_ROOTFS_PATH_H

#include <stdbool.h>
#include <sys/types.h>

/*
 * Paths inside a container's rootfs.  Whoever made the image may have
 * put a symlink anywhere in it, so each path is resolved from an fd of
 * the rootfs with openat2(RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS): "/",
 * ".." and symlinks stop at the rootfs, as they will inside the
 * container.  What is found is used by its fd, never by a path string the
 * kernel would resolve again (runc's CVE-2021-30465).
 *
 * Each returns a new fd, O_CLOEXEC, or a negative errno.
 */

/* @rel with open(2) @flags (O_PATH, O_DIRECTORY...), inside @rootfd. */
int iso_root_open(int rootfd, const char *rel, int flags);

/* mkdir -p of @rel inside @rootfd; an O_PATH fd of the directory. */
int iso_root_mkdirs(int rootfd, const char *rel, mode_t mode);

/*
 * An O_PATH fd of the regular file @rel, made (with its directories) if
 * missing, through a symlink that leads nowhere yet too, as LXC does:
 * inside the root; -EEXIST if something else is there.
 */
int iso_root_mkfile(int rootfd, const char *rel, mode_t mode);

/* mount(2) onto what @fd is, through /proc/self/fd. */
int iso_mount_on(int fd, const char *src, const char *type,
		 unsigned long flags, const char *data);

/*
 * Bind @src (a host path, or "" for @src_fd itself) onto what @fd is,
 * with the MOUNT_ATTR_* @attr set on every mount of the copy: the
 * source's locked flags stay, and a recursive bind is read-only all
 * through, which a remount of the top alone would not be.
 */
int iso_bind_on(int fd, int src_fd, const char *src, bool recursive,
		unsigned int attr);

/*
 * MOUNT_ATTR_* @attr on the mount at @fd (and below it, @recursive), an
 * atime mode replacing the one there: 0 or -errno.
 */
int iso_mount_set_attr(int fd, unsigned int attr, bool recursive);

/* MOUNT_ATTR_RELATIME is 0: this bit asks iso_bind_on() for it. */
#define ISO_MOUNT_ATTR_RELATIME 0x80000000U

#endif /* ISO_ROOTFS_PATH_H */
