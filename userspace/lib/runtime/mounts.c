// SPDX-License-Identifier: GPL-2.0
/* The container's filesystems, as LXC and the OCI runtimes set them up. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "runtime/cgroup.h"
#include "config/config.h"
#include "error.h"
#include "runtime/mounts.h"
#include "runtime/store.h"

static int mount_in(const char *rootfs, const char *rel, const char *src,
		    const char *type, unsigned long flags, const char *data)
{
	char dst[PATH_MAX];
	int ret = iso_path_join(dst, rootfs, rel);

	if (!ret && mkdir(dst, 0755) && errno != EEXIST)
		ret = -errno;
	if (!ret && mount(src, dst, type, flags, data))
		ret = -errno;
	return ret ? iso_failf(ret, "mounting", "%s on %s", type ?: src, dst) : 0;
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
 * mknod, or in a user namespace, where mknod is not allowed, a bind mount
 * of the host's node over an empty file, as LXC does there.
 */
static int make_device(const char *path, const char *name, dev_t devno)
{
	char host[64];
	int ret;

	if (!mknod(path, S_IFCHR | 0666, devno))
		return chmod(path, 0666) ? -errno : 0;
	if (errno != EPERM)
		return -errno;
	ret = iso_touch(path, 0666);
	if (ret)
		return ret;
	snprintf(host, sizeof(host), "/dev/%s", name);
	return mount(host, path, NULL, MS_BIND, NULL) ? -errno : 0;
}

/* tmpfs /dev with the usual nodes, a private devpts, shm and mqueue. */
static int mount_dev(const char *rootfs)
{
	char dev[PATH_MAX], path[PATH_MAX + 16];
	size_t i;
	int ret;

	ret = mount_in(rootfs, "dev", "tmpfs", "tmpfs", MS_NOSUID | MS_NOEXEC,
		       "mode=755,size=65536k");
	if (ret)
		return ret;
	iso_path_join(dev, rootfs, "dev");
	for (i = 0; i < sizeof(devices) / sizeof(devices[0]); i++) {
		snprintf(path, sizeof(path), "%s/%s", dev, devices[i].name);
		ret = make_device(path, devices[i].name,
				  makedev(devices[i].major, devices[i].minor));
		if (ret)
			return iso_fail(ret, "creating device", path);
	}
	for (i = 0; i < sizeof(dev_links) / sizeof(dev_links[0]); i++) {
		snprintf(path, sizeof(path), "%s/%s", dev, dev_links[i].name);
		if (symlink(dev_links[i].target, path))
			return iso_fail(-errno, "linking", path);
	}
	ret = mount_in(rootfs, "dev/pts", "devpts", "devpts",
		       MS_NOSUID | MS_NOEXEC, "newinstance,ptmxmode=0666,mode=0620");
	if (!ret)
		ret = mount_in(rootfs, "dev/shm", "tmpfs", "tmpfs",
			       MS_NOSUID | MS_NODEV, "mode=1777");
	if (!ret)
		ret = mount_in(rootfs, "dev/mqueue", "mqueue", "mqueue",
			       MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL);
	return ret;
}

struct entry {
	char src[PATH_MAX], dst[PATH_MAX], type[64], data[256];
	unsigned long flags;
	int create_dir, create_file, optional, ro;
};

static int parse_options(struct entry *e, char *opts)
{
	static const struct { const char *name; unsigned long flag; } flags[] = {
		{ "bind", MS_BIND }, { "rbind", MS_BIND | MS_REC },
		{ "nosuid", MS_NOSUID }, { "nodev", MS_NODEV },
		{ "noexec", MS_NOEXEC }, { "rw", 0 }, { "defaults", 0 },
	};
	char *o, *save = NULL;
	size_t i, used = 0;

	for (o = strtok_r(opts, ",", &save); o; o = strtok_r(NULL, ",", &save)) {
		for (i = 0; i < sizeof(flags) / sizeof(flags[0]); i++)
			if (!strcmp(o, flags[i].name))
				break;
		if (i < sizeof(flags) / sizeof(flags[0]))
			e->flags |= flags[i].flag;
		else if (!strcmp(o, "ro"))
			e->ro = 1;
		else if (!strcmp(o, "create=dir"))
			e->create_dir = 1;
		else if (!strcmp(o, "create=file"))
			e->create_file = 1;
		else if (!strcmp(o, "optional"))
			e->optional = 1;
		else	/* for the filesystem, e.g. size=10m */
			used += snprintf(e->data + used, sizeof(e->data) - used,
					 "%s%s", used ? "," : "", o);
	}
	return used < sizeof(e->data) ? 0 : -E2BIG;
}

static int mount_entry(const char *rootfs, const char *line)
{
	char dst[PATH_MAX], opts[256];
	struct entry e = { 0 };
	int ret;

	if (sscanf(line, "%4095s %4095s %63s %255s", e.src, dst, e.type, opts) != 4 ||
	    parse_options(&e, opts))
		return iso_failf(-EINVAL, "lxc.mount.entry", "\"%s\"", line);
	/* relative targets are inside the rootfs, absolute ones as given */
	if (dst[0] == '/')
		snprintf(e.dst, sizeof(e.dst), "%s", dst);
	else if (iso_path_join(e.dst, rootfs, dst))
		return iso_failf(-ENAMETOOLONG, "lxc.mount.entry", "\"%s\"", line);
	if (e.create_dir && mkdir(e.dst, 0755) && errno != EEXIST)
		return iso_fail(-errno, "lxc.mount.entry: creating", e.dst);
	ret = e.create_file ? iso_touch(e.dst, 0644) : 0;
	if (ret)
		return iso_fail(ret, "lxc.mount.entry: creating", e.dst);
	ret = mount(e.src, e.dst, e.type, e.flags, e.data[0] ? e.data : NULL);
	/* a read-only bind takes a second, remounting, call */
	if (!ret && e.ro)
		ret = mount(NULL, e.dst, NULL,
			    (e.flags & MS_BIND ? MS_BIND : 0) | MS_REMOUNT |
			    MS_RDONLY, NULL);
	if (ret && e.optional)
		return 0;
	return ret ? iso_failf(-errno, "lxc.mount.entry: mounting", "%s on %s",
			       e.src, e.dst) : 0;
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
static int mount_cgroup_v1(const char *rootfs, const struct iso_cgroup *cg)
{
	const unsigned long flags = MS_NOSUID | MS_NODEV | MS_NOEXEC;
	char rel[PATH_MAX], dir[PATH_MAX];
	int i, ret;

	ret = mount_in(rootfs, "sys/fs/cgroup", "tmpfs", "tmpfs", flags, "mode=755");
	for (i = 0; !ret && i < cg->n_v1; i++) {
		const char *name = strrchr(cg->layout.v1[i].path, '/') + 1;

		snprintf(rel, sizeof(rel), "sys/fs/cgroup/%s", name);
		ret = mount_in(rootfs, rel, cg->v1[i], NULL, MS_BIND, NULL);
	}
	if (!ret && cg->v2[0])	/* hybrid: v2 where systemd puts it */
		ret = mount_in(rootfs, "sys/fs/cgroup/unified", "cgroup2",
			       "cgroup2", flags, NULL);
	if (!ret && !iso_path_join(dir, rootfs, "sys/fs/cgroup") &&
	    mount(NULL, dir, NULL, MS_REMOUNT | MS_RDONLY | flags, "mode=755"))
		ret = iso_fail(-errno, "making read-only", dir);
	return ret;
}

/* On v2 the cgroup namespace roots a plain cgroup2 mount at its own. */
static int mount_cgroups(const char *rootfs, const struct iso_cgroup *cg)
{
	if (cg->n_v1)
		return mount_cgroup_v1(rootfs, cg);
	if (!cg->v2[0])
		return 0;
	return mount_in(rootfs, "sys/fs/cgroup", "cgroup2", "cgroup2",
			MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL);
}

int iso_mount_rootfs(const struct iso_config *cfg, const struct iso_cgroup *cg)
{
	const char *rootfs = cfg->rootfs;
	unsigned long sys_ro = auto_wants(cfg, "sys:rw") ? 0 : MS_RDONLY;
	int i, ret = 0;

	/* nothing mounted from here on may show up on the host */
	if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL))
		return iso_fail(-errno, "making", "mounts private");
	if (mount(rootfs, rootfs, NULL, MS_BIND | MS_REC, NULL))
		return iso_fail(-errno, "bind-mounting rootfs", rootfs);
	if (auto_wants(cfg, "proc"))
		ret = mount_in(rootfs, "proc", "proc", "proc",
			       MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL);
	if (!ret && auto_wants(cfg, "sys"))
		ret = mount_in(rootfs, "sys", "sysfs", "sysfs",
			       sys_ro | MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL);
	if (!ret && auto_wants(cfg, "sys") && auto_wants(cfg, "cgroup"))
		ret = mount_cgroups(rootfs, cg);
	if (!ret)
		ret = mount_dev(rootfs);
	for (i = 0; !ret && i < cfg->mount_entries.n; i++)
		ret = mount_entry(rootfs, cfg->mount_entries.item[i]);
	return ret;
}

/* Paths the OCI runtimes hide: files under /dev/null, dirs under tmpfs. */
static const char *const masked[] = {
	"/proc/kcore", "/proc/keys", "/proc/latency_stats", "/proc/timer_list",
	"/proc/timer_stats", "/proc/sched_debug", "/proc/acpi", "/proc/scsi",
	"/sys/firmware",
};

static const char *const read_only[] = {
	"/proc/sys", "/proc/sysrq-trigger", "/proc/bus", "/proc/fs", "/proc/irq",
};

int iso_mount_protect(void)
{
	struct stat st;
	size_t i;

	for (i = 0; i < sizeof(read_only) / sizeof(read_only[0]); i++) {
		if (stat(read_only[i], &st))
			continue;
		if (mount(read_only[i], read_only[i], NULL, MS_BIND | MS_REC, NULL) ||
		    mount(NULL, read_only[i], NULL,
			  MS_BIND | MS_REMOUNT | MS_RDONLY, NULL))
			return iso_fail(-errno, "making read-only", read_only[i]);
	}
	for (i = 0; i < sizeof(masked) / sizeof(masked[0]); i++) {
		if (stat(masked[i], &st))
			continue;
		if (S_ISDIR(st.st_mode) ?
		    mount("tmpfs", masked[i], "tmpfs", MS_RDONLY, "size=0") :
		    mount("/dev/null", masked[i], NULL, MS_BIND, NULL))
			return iso_fail(-errno, "masking", masked[i]);
	}
	return 0;
}
