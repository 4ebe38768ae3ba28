// SPDX-License-Identifier: GPL-2.0
/* The container's filesystems, as LXC and the OCI runtimes set them up. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "config/config.h"
#include "config/mount_entry.h"
#include "error.h"
#include "runtime/cgroup.h"
#include "runtime/mounts.h"
#include "runtime/rootfs_path.h"

/* What mount_in() mounts: a filesystem, or with MS_BIND a host path. */
struct fs {
	const char *src, *type;
	unsigned long flags;
	const char *data;
};

/* Mount @fs on @rel, made if missing, inside the rootfs. */
static int mount_in(int rootfd, const char *rel, const struct fs *fs)
{
	int fd = iso_root_mkdirs(rootfd, rel, 0755), ret;

	if (fd < 0)
		return iso_failf(fd, "mounting", "%s on %s in the rootfs",
				 fs->type ?: fs->src, rel);
	if (fs->flags & MS_BIND)
		ret = iso_bind_on(fd, AT_FDCWD, fs->src, fs->flags & MS_REC, 0);
	else
		ret = iso_mount_on(fd, fs->src, fs->type, fs->flags, fs->data);
	close(fd);
	return ret ? iso_failf(ret, "mounting", "%s on %s in the rootfs",
			       fs->type ?: fs->src, rel) : 0;
}

/* Remount what is mounted on @rel read-only, keeping @flags. */
static int remount_ro(int rootfd, const char *rel, unsigned long flags,
		      const char *data)
{
	int fd = iso_root_open(rootfd, rel, O_PATH | O_DIRECTORY), ret;

	if (fd < 0)
		return iso_fail(fd, "making read-only", rel);
	ret = iso_mount_on(fd, NULL, NULL, MS_REMOUNT | MS_RDONLY | flags, data);
	close(fd);
	return ret ? iso_fail(ret, "making read-only", rel) : 0;
}

static const struct {
	const char *name;
	unsigned int major, minor;
} devices[] = {
	{ "null", 1, 3 }, { "zero", 1, 5 }, { "full", 1, 7 },
	{ "random", 1, 8 }, { "urandom", 1, 9 }, { "tty", 5, 0 },
};

static const struct {
	const char *name, *target;
} dev_links[] = {
	{ "ptmx", "pts/ptmx" }, { "fd", "/proc/self/fd" },
	{ "stdin", "/proc/self/fd/0" }, { "stdout", "/proc/self/fd/1" },
	{ "stderr", "/proc/self/fd/2" },
};

/*
 * mknod in the fresh /dev, or in a user namespace, where mknod is not
 * allowed, a bind mount of the host's node over an empty file, as LXC
 * does there.
 */
static int make_device(int devfd, const char *name, dev_t devno)
{
	char host[64];
	int fd, ret;

	if (!mknodat(devfd, name, S_IFCHR | 0666, devno))
		return fchmodat(devfd, name, 0666, 0) ? -errno : 0;
	if (errno != EPERM)
		return -errno;
	fd = openat(devfd, name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW |
		    O_CLOEXEC, 0666);
	if (fd < 0)
		return -errno;
	snprintf(host, sizeof(host), "/dev/%s", name);
	ret = iso_bind_on(fd, AT_FDCWD, host, false, 0);
	close(fd);
	return ret;
}

/*
 * /dev: a fresh tmpfs (@fresh, lxc.autodev) of @size bytes (0: 64 MiB,
 * lxc.autodev.tmpfs.size), with the devices and links a container needs,
 * or the image's; then its pts, with at most @pty_max ptys if not 0
 * (lxc.pty.max and lxc.tty.max, as LXC counts them: the console is among
 * them), shm and mqueue.
 */
static int mount_dev(int rootfd, bool fresh, unsigned int size,
		     unsigned int pty_max)
{
	char tmpfs_data[64], devpts_data[64];
	const struct fs tmpfs = {
		"tmpfs", "tmpfs", MS_NOSUID | MS_NOEXEC, tmpfs_data
	}, devpts = {
		"devpts", "devpts", MS_NOSUID | MS_NOEXEC, devpts_data
	};
	static const struct fs shm = {
		"tmpfs", "tmpfs", MS_NOSUID | MS_NODEV, "mode=1777"
	}, mqueue = {
		"mqueue", "mqueue", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL
	};
	size_t i;
	int dev, ret;

	snprintf(devpts_data, sizeof(devpts_data), "newinstance,ptmxmode=0666,mode=0620");
	if (pty_max)
		snprintf(devpts_data + strlen(devpts_data),
			 sizeof(devpts_data) - strlen(devpts_data), ",max=%u", pty_max);
	if (size)
		snprintf(tmpfs_data, sizeof(tmpfs_data), "mode=755,size=%u", size);
	else
		snprintf(tmpfs_data, sizeof(tmpfs_data), "mode=755,size=65536k");
	ret = fresh ? mount_in(rootfd, "dev", &tmpfs) : 0;
	if (ret || !fresh)
		goto pts;
	/* the tmpfs just mounted: nothing of the image's is in it */
	dev = iso_root_open(rootfd, "dev", O_PATH | O_DIRECTORY);
	if (dev < 0)
		return iso_fail(dev, "opening", "the container's /dev");
	for (i = 0; !ret && i < sizeof(devices) / sizeof(devices[0]); i++) {
		ret = make_device(dev, devices[i].name,
				  makedev(devices[i].major, devices[i].minor));
		if (ret)
			ret = iso_failf(ret, "creating device", "/dev/%s",
					devices[i].name);
	}
	for (i = 0; !ret && i < sizeof(dev_links) / sizeof(dev_links[0]); i++)
		if (symlinkat(dev_links[i].target, dev, dev_links[i].name))
			ret = iso_failf(-errno, "linking", "/dev/%s",
					dev_links[i].name);
	close(dev);
pts:
	if (!ret)
		ret = mount_in(rootfd, "dev/pts", &devpts);
	if (!ret)
		ret = mount_in(rootfd, "dev/shm", &shm);
	if (!ret)
		ret = mount_in(rootfd, "dev/mqueue", &mqueue);
	return ret;
}

/* MS_* flags a bind mount takes as MOUNT_ATTR_* after the fact. */
static unsigned int bind_attr(unsigned long flags)
{
	return (flags & MS_RDONLY ? MOUNT_ATTR_RDONLY : 0) |
	       (flags & MS_NOSUID ? MOUNT_ATTR_NOSUID : 0) |
	       (flags & MS_NODEV ? MOUNT_ATTR_NODEV : 0) |
	       (flags & MS_NOEXEC ? MOUNT_ATTR_NOEXEC : 0) |
	       (flags & MS_NOATIME ? MOUNT_ATTR_NOATIME : 0) |
	       (flags & MS_STRICTATIME ? MOUNT_ATTR_STRICTATIME : 0) |
	       (flags & MS_RELATIME ? ISO_MOUNT_ATTR_RELATIME : 0) |
	       (flags & MS_NODIRATIME ? MOUNT_ATTR_NODIRATIME : 0);
}

/*
 * An lxc.mount.entry, or a line of lxc.mount.fstab, named @where in what
 * is said.  A target is inside the rootfs: relative, or absolute under
 * the rootfs's path, as LXC takes it.
 */
static int mount_entry(int rootfd, const char *rootfs, const char *line,
		       const char *where)
{
	size_t len = strlen(rootfs);
	struct iso_mount_entry e;
	const char *rel;
	char why[128];
	int fd, ret;

	ret = iso_mount_entry_parse(line, &e, why, sizeof(why));
	if (ret)
		return iso_failf(ret, where, "\"%.512s\": %.128s", line, why);
	rel = e.dst;
	if (rel[0] == '/') {
		if (strncmp(rel, rootfs, len) || (rel[len] && rel[len] != '/'))
			return iso_failf(-EINVAL, where,
					 "%.512s is not inside the rootfs %.512s",
					 e.dst, rootfs);
		rel += len;
	}
	if (e.create_file)
		fd = iso_root_mkfile(rootfd, rel, 0644);
	else if (e.create_dir)
		fd = iso_root_mkdirs(rootfd, rel, 0755);
	else
		fd = iso_root_open(rootfd, rel, O_PATH);
	if (fd < 0)
		return e.optional ? 0 :
		       iso_failf(fd, where, "target %.512s in the rootfs",
				 e.dst);
	if (e.flags & MS_BIND)
		ret = iso_bind_on(fd, AT_FDCWD, e.src, e.flags & MS_REC,
				  bind_attr(e.flags));
	else
		ret = iso_mount_on(fd, e.src, e.type, e.flags,
				   e.data[0] ? e.data : NULL);
	close(fd);
	if (ret && !e.optional)
		return iso_failf(ret, where, "mounting %.512s on %.512s",
				 e.src, e.dst);
	return 0;
}

/*
 * lxc.mount.fstab: each line of the file an lxc.mount.entry, blank ones
 * and # comments aside, as LXC's getmntent() reads it.
 */
static int mount_fstab(int rootfd, const char *rootfs, const char *path)
{
	char *line = NULL, where[PATH_MAX + 32];
	size_t size = 0;
	ssize_t len;
	int n = 0, ret = 0;
	FILE *f;

	f = fopen(path, "re");
	if (!f)
		return iso_fail(-errno, "opening lxc.mount.fstab", path);
	while (!ret && (len = getline(&line, &size, f)) >= 0) {
		n++;
		if (len && line[len - 1] == '\n')
			line[--len] = '\0';
		if (!line[strspn(line, " \t")] || line[strspn(line, " \t")] == '#')
			continue;
		snprintf(where, sizeof(where), "lxc.mount.fstab %.4000s:%d:",
			 path, n);
		ret = mount_entry(rootfd, rootfs, line, where);
	}
	if (!ret && ferror(f))
		ret = iso_fail(-EIO, "reading lxc.mount.fstab", path);
	free(line);
	fclose(f);
	return ret;
}

/* lxc.mount.auto has @what ("proc", "sys:rw"...); no such key: everything. */
static bool auto_wants(const struct iso_config *cfg, const char *what)
{
	size_t len = strlen(what);
	int i;

	if (!cfg->mount_auto.n)
		return !strchr(what, ':');
	for (i = 0; i < cfg->mount_auto.n; i++) {
		const char *item = cfg->mount_auto.item[i];

		if (!strncmp(item, what, len) && (!item[len] || item[len] == ':'))
			return true;
	}
	return false;
}

/*
 * Each v1 hierarchy as LXC's cgroup:mixed: the container's own cgroup
 * bound at the hierarchy's name in a tmpfs that is then read-only; in a
 * user namespace too, where a v1 mount is not allowed.
 */
static int mount_cgroup_v1(int rootfd, const struct iso_cgroup *cg)
{
	const unsigned long flags = MS_NOSUID | MS_NODEV | MS_NOEXEC;
	const struct fs tmpfs = { "tmpfs", "tmpfs", flags, "mode=755" };
	const struct fs v2 = { "cgroup2", "cgroup2", flags, NULL };
	char rel[PATH_MAX], dir[PATH_MAX];
	int i, ret;

	ret = mount_in(rootfd, "sys/fs/cgroup", &tmpfs);
	for (i = 0; !ret && i < cg->n_v1; i++) {
		const char *name = strrchr(cg->layout.v1[i].path, '/') + 1;
		const struct fs bind = { dir, NULL, MS_BIND, NULL };

		snprintf(rel, sizeof(rel), "sys/fs/cgroup/%s", name);
		ret = iso_cgroup_task_dir(cg, cg->v1[i], dir);
		if (!ret)
			ret = mount_in(rootfd, rel, &bind);
	}
	if (!ret && cg->v2[0])	/* hybrid: v2 where systemd puts it */
		ret = mount_in(rootfd, "sys/fs/cgroup/unified", &v2);
	if (!ret)
		ret = remount_ro(rootfd, "sys/fs/cgroup", flags, "mode=755");
	return ret;
}

/* On v2 the cgroup namespace roots a plain cgroup2 mount at its own. */
static int mount_cgroups(int rootfd, const struct iso_cgroup *cg)
{
	static const struct fs v2 = {
		"cgroup2", "cgroup2", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL
	};

	if (cg->n_v1)
		return mount_cgroup_v1(rootfd, cg);
	if (!cg->v2[0])
		return 0;
	return mount_in(rootfd, "sys/fs/cgroup", &v2);
}

/*
 * Paths the OCI runtimes hide, files under the host's /dev/null and
 * directories under an empty tmpfs, and those they make read-only: done
 * by fd before entering the rootfs, so that nothing of the image's, not
 * even its own /dev/null with lxc.autodev = 0, is taken for them.
 */
static const char *const masked[] = {
	"proc/kcore", "proc/keys", "proc/latency_stats", "proc/timer_list",
	"proc/timer_stats", "proc/sched_debug", "proc/acpi", "proc/scsi",
	"proc/asound", "sys/firmware", "sys/devices/virtual/powercap",
};

static const char *const read_only[] = {
	"proc/sys", "proc/sysrq-trigger", "proc/bus", "proc/fs", "proc/irq",
};

static int protect(int rootfd)
{
	struct stat st;
	size_t i;
	int fd, ret = 0;

	for (i = 0; !ret && i < sizeof(read_only) / sizeof(read_only[0]); i++) {
		fd = iso_root_open(rootfd, read_only[i], O_PATH | O_NOFOLLOW);
		if (fd == -ENOENT)
			continue;
		ret = fd < 0 ? fd : iso_bind_on(fd, fd, "", true, MOUNT_ATTR_RDONLY);
		if (fd >= 0)
			close(fd);
		if (ret)
			ret = iso_failf(ret, "making read-only", "/%s", read_only[i]);
	}
	for (i = 0; !ret && i < sizeof(masked) / sizeof(masked[0]); i++) {
		fd = iso_root_open(rootfd, masked[i], O_PATH | O_NOFOLLOW);
		if (fd == -ENOENT)
			continue;
		if (fd < 0 || fstat(fd, &st))
			ret = fd < 0 ? fd : -errno;
		else if (S_ISDIR(st.st_mode))
			ret = iso_mount_on(fd, "tmpfs", "tmpfs", MS_RDONLY, "size=0");
		else
			ret = iso_bind_on(fd, AT_FDCWD, "/dev/null", false, 0);
		if (fd >= 0)
			close(fd);
		if (ret)
			ret = iso_failf(ret, "masking", "/%s", masked[i]);
	}
	return ret;
}

/*
 * lxc.rootfs.options on the rootfs's bind, as LXC's dir storage takes
 * them: mount flags, the top mount only.  What only a filesystem or
 * LXC's idmapped mounts would take fails, rather than go unapplied.
 */
static int rootfs_options(int rootfd, const char *opts)
{
	const unsigned long flags = MS_RDONLY | MS_NOSUID | MS_NODEV |
				    MS_NOEXEC | MS_NOATIME | MS_NODIRATIME |
				    MS_RELATIME | MS_STRICTATIME;
	static struct iso_mount_entry e;	/* 12 KB: not on the stack */
	int ret;

	memset(&e, 0, sizeof(e));
	ret = iso_mount_entry_options(&e, opts);
	if (!ret && (e.data[0] || e.create_dir || e.create_file ||
		     e.optional || (e.flags & ~(flags | MS_BIND | MS_REC))))
		return iso_failf(-EINVAL, "lxc.rootfs.options:",
				 "\"%.256s\": only mount flags apply to a directory rootfs",
				 opts);
	if (!ret)
		ret = iso_mount_set_attr(rootfd, bind_attr(e.flags), false);
	if (ret)
		return iso_failf(ret, "lxc.rootfs.options:", "\"%.256s\"", opts);
	return 0;
}

int iso_mount_private(void)
{
	if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL))
		return iso_fail(-errno, "making", "mounts private");
	return 0;
}

/*
 * LXC's, but read-only: none of protect()'s masks cover them, and only a
 * generated profile denies them to the container's root.
 */
static const char *const nesting_helpers[] = {
	"proc dev/.lxc/proc proc ro,nosuid,nodev,noexec,create=dir,optional 0 0",
	"sys dev/.lxc/sys sysfs ro,nosuid,nodev,noexec,create=dir,optional 0 0",
};

int iso_mount_rootfs(const struct iso_config *cfg, const struct iso_cgroup *cg,
		     bool nesting)
{
	const unsigned long nosuid_nodev_noexec = MS_NOSUID | MS_NODEV | MS_NOEXEC;
	const struct fs proc = { "proc", "proc", nosuid_nodev_noexec, NULL };
	const struct fs sys = {
		"sysfs", "sysfs", nosuid_nodev_noexec |
		(auto_wants(cfg, "sys:rw") ? 0 : MS_RDONLY), NULL
	};
	const char *rootfs = iso_rootfs_mount(cfg);
	int i, ret = 0, rootfd;

	/* onto itself, or lxc.rootfs.mount, as LXC binds it to pivot */
	if (mount(cfg->rootfs, rootfs, NULL, MS_BIND | MS_REC, NULL))
		return iso_failf(-errno, "bind-mounting rootfs", "%.200s on %.200s",
				 cfg->rootfs, rootfs);
	/* the bind just made, which every path below is resolved in */
	rootfd = open(rootfs, O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (rootfd < 0)
		return iso_fail(-errno, "opening rootfs", rootfs);
	if (cfg->rootfs_options[0]) {
		ret = rootfs_options(rootfd, cfg->rootfs_options);
		if (ret) {
			close(rootfd);
			return ret;
		}
	}
	/*
	 * A device node the image ships is no device inside: /dev is a
	 * fresh tmpfs on top anyway.  With lxc.autodev = 0 /dev is the
	 * image's, and its nodes must work.
	 */
	if (cfg->autodev &&
	    mount_setattr(rootfd, "", AT_EMPTY_PATH | AT_RECURSIVE,
			  &(struct mount_attr){ .attr_set = MOUNT_ATTR_NODEV },
			  sizeof(struct mount_attr))) {
		ret = iso_fail(-errno, "binding nodev", rootfs);
		close(rootfd);
		return ret;
	}
	if (auto_wants(cfg, "proc"))
		ret = mount_in(rootfd, "proc", &proc);
	if (!ret && auto_wants(cfg, "sys"))
		ret = mount_in(rootfd, "sys", &sys);
	if (!ret && auto_wants(cfg, "sys") && auto_wants(cfg, "cgroup"))
		ret = mount_cgroups(rootfd, cg);
	if (!ret)
		ret = mount_dev(rootfd, cfg->autodev, cfg->autodev_size,
				cfg->pty_max ? cfg->pty_max + cfg->tty_max : 0);
	/* the file's first, as LXC mounts them; absolute targets are under
	 * lxc.rootfs.path, whatever lxc.rootfs.mount, as in LXC */
	if (!ret && cfg->mount_fstab[0])
		ret = mount_fstab(rootfd, cfg->rootfs, cfg->mount_fstab);
	for (i = 0; !ret && i < cfg->mount_entries.n; i++)
		ret = mount_entry(rootfd, cfg->rootfs, cfg->mount_entries.item[i],
				  "lxc.mount.entry:");
	/* LXC's: a proc and sys of its own for a nested container's start */
	for (i = 0; !ret && nesting && i < 2; i++)
		ret = mount_entry(rootfd, cfg->rootfs, nesting_helpers[i],
				  "lxc.apparmor.allow_nesting:");
	if (!ret)
		ret = protect(rootfd);
	if (ret) {
		close(rootfd);
		return ret;
	}
	return rootfd;
}
