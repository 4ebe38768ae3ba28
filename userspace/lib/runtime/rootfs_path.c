// SPDX-License-Identifier: GPL-2.0
/* Paths inside a container's rootfs, resolved inside it: see the header. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <linux/openat2.h>

#include "runtime/rootfs_path.h"

static int resolve(int rootfd, const char *rel, int flags, mode_t mode)
{
	struct open_how how = {
		.flags = flags | O_CLOEXEC,
		.mode = flags & O_CREAT ? mode : 0,
		.resolve = RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS,
	};
	int fd, tries = 0;

	/* EAGAIN: a rename raced the walk; nothing here renames for long */
	do
		fd = syscall(SYS_openat2, rootfd, rel, &how, sizeof(how));
	while (fd < 0 && errno == EAGAIN && ++tries < 16);
	return fd < 0 ? -errno : fd;
}

int iso_root_open(int rootfd, const char *rel, int flags)
{
	return resolve(rootfd, rel, flags, 0);
}

/*
 * Each prefix is resolved from the root, so that a symlink on the way
 * means what it will inside; only the missing last one is made, with
 * mkdirat() on its parent's fd, which follows no symlink.
 */
int iso_root_mkdirs(int rootfd, const char *rel, mode_t mode)
{
	char path[PATH_MAX], *p, *end, save;
	int parent, fd;

	if (strlen(rel) >= sizeof(path))
		return -ENAMETOOLONG;
	strcpy(path, rel);
	parent = iso_root_open(rootfd, ".", O_PATH | O_DIRECTORY);
	for (p = path; parent >= 0; p = end) {
		p += strspn(p, "/");
		if (!*p)
			break;
		end = p + strcspn(p, "/");
		save = *end;
		*end = '\0';
		fd = iso_root_open(rootfd, path, O_PATH | O_DIRECTORY);
		if (fd == -ENOENT) {
			if (mkdirat(parent, p, mode) && errno != EEXIST)
				fd = -errno;
			else
				fd = iso_root_open(rootfd, path,
						   O_PATH | O_DIRECTORY);
		}
		*end = save;
		close(parent);
		parent = fd;
	}
	return parent;
}

/* An O_PATH fd of @rel if it is a regular file, -EEXIST if not. */
static int regular(int rootfd, const char *rel)
{
	int fd = iso_root_open(rootfd, rel, O_PATH);
	struct stat st;

	if (fd < 0 || (!fstat(fd, &st) && S_ISREG(st.st_mode)))
		return fd;
	close(fd);
	return -EEXIST;
}

/*
 * A missing file is made by openat2(O_CREAT) from the root: like LXC,
 * and unlike a plain O_EXCL | O_NOFOLLOW on the parent, that follows a
 * symlink which leads nowhere yet (an image's etc/resolv.conf to
 * ../run/...), but inside the root, where it will lead in the container.
 * O_NONBLOCK: what a race put there instead must not hang the open.
 */
int iso_root_mkfile(int rootfd, const char *rel, mode_t mode)
{
	const char *slash = strrchr(rel, '/');
	char dir[PATH_MAX];
	int fd, parent;

	fd = regular(rootfd, rel);
	if (fd != -ENOENT)
		return fd;
	if (slash && slash - rel >= (long)sizeof(dir))
		return -ENAMETOOLONG;
	snprintf(dir, sizeof(dir), "%.*s", slash ? (int)(slash - rel) : 1,
		 slash ? rel : ".");
	parent = iso_root_mkdirs(rootfd, dir, 0755);
	if (parent < 0)
		return parent;
	close(parent);
	fd = resolve(rootfd, rel, O_WRONLY | O_CREAT | O_NONBLOCK | O_NOCTTY,
		     mode);
	if (fd < 0)
		return fd;
	close(fd);
	return regular(rootfd, rel);
}

int iso_mount_on(int fd, const char *src, const char *type,
		 unsigned long flags, const char *data)
{
	char path[32];

	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	return mount(src, path, type, flags, data) ? -errno : 0;
}

int iso_mount_set_attr(int fd, unsigned int attr, bool recursive)
{
	/* an atime mode replaces the one there: the kernel wants it cleared */
	struct mount_attr set = {
		.attr_set = attr & ~ISO_MOUNT_ATTR_RELATIME,
		.attr_clr = attr & (MOUNT_ATTR__ATIME | ISO_MOUNT_ATTR_RELATIME) ?
			    MOUNT_ATTR__ATIME : 0,
	};

	if ((set.attr_set || set.attr_clr) &&
	    mount_setattr(fd, "", AT_EMPTY_PATH | (recursive ? AT_RECURSIVE : 0),
			  &set, sizeof(set)))
		return -errno;
	return 0;
}

int iso_bind_on(int fd, int src_fd, const char *src, bool recursive,
		unsigned int attr)
{
	unsigned int rec = recursive ? AT_RECURSIVE : 0;
	int tree, ret;

	tree = open_tree(src_fd, src, OPEN_TREE_CLONE | OPEN_TREE_CLOEXEC |
			 (*src ? 0 : AT_EMPTY_PATH) | rec);
	if (tree < 0)
		return -errno;
	ret = iso_mount_set_attr(tree, attr, recursive);
	if (!ret && move_mount(tree, "", fd, "", MOVE_MOUNT_F_EMPTY_PATH |
			       MOVE_MOUNT_T_EMPTY_PATH))
		ret = -errno;
	close(tree);
	return ret;
}
