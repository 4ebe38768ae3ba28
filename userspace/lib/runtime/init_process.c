// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <linux/magic.h>
#include <sched.h>
#include <sys/statfs.h>
#include <grp.h>
#include <keyutils.h>
#include <stdio.h>
#include <sys/resource.h>
#include <unistd.h>

#include "config/config.h"
#include "error.h"
#include "runtime/init_process.h"

int iso_init_prlimits(const struct iso_config *cfg)
{
	const struct iso_cfg_prlimit *l;
	struct rlimit rl;
	char what[64];
	int i;

	for (i = 0; i < cfg->n_prlimits; i++) {
		l = &cfg->prlimits[i];
		rl.rlim_cur = l->soft;
		rl.rlim_max = l->hard;
		if (!setrlimit(l->resource, &rl))
			continue;
		snprintf(what, sizeof(what), "resource %d", l->resource);
		return iso_fail(-errno, "applying lxc.prlimit to", what);
	}
	return 0;
}

/* @value into @path, a file of procfs (not of an image's /proc). */
static int write_proc(const char *path, const char *value, const char *what)
{
	struct statfs sf;
	ssize_t len;
	int fd, ret = 0;

	fd = open(path, O_WRONLY | O_CLOEXEC | O_NOFOLLOW);
	if (fd < 0)
		return iso_failf(-errno, "applying", "%.128s: opening %.128s",
				 what, path);
	len = strlen(value);
	if (fstatfs(fd, &sf) || sf.f_type != PROC_SUPER_MAGIC)
		ret = iso_failf(-ENOTSUP, "applying", "%.128s: %.128s",
				what, path);
	else if ((errno = 0, write(fd, value, len)) != len)
		ret = iso_failf(errno ? -errno : -EIO, "applying",
				"%.128s: writing %.128s", what, path);
	close(fd);
	return ret;
}

int iso_init_proc(const struct iso_config *cfg, pid_t pid)
{
	const struct iso_cfg_pair *w;
	char path[128], what[96];
	int i, ret;

	for (i = 0; i < cfg->n_proc; i++) {
		w = &cfg->proc[i];
		snprintf(path, sizeof(path), "/proc/%d/%.63s", (int)pid, w->key);
		snprintf(what, sizeof(what), "lxc.proc.%.63s", w->key);
		ret = write_proc(path, w->value, what);
		if (ret)
			return ret;
	}
	return 0;
}

int iso_init_sysctls(const struct iso_config *cfg)
{
	const struct iso_cfg_pair *w;
	char path[128], what[96], *c;
	int i, ret;

	for (i = 0; i < cfg->n_sysctl; i++) {
		w = &cfg->sysctl[i];
		snprintf(path, sizeof(path), "/proc/sys/%.63s", w->key);
		for (c = path + strlen("/proc/sys/"); *c; c++)
			if (*c == '.')
				*c = '/';
		snprintf(what, sizeof(what), "lxc.sysctl.%.63s", w->key);
		ret = write_proc(path, w->value, what);
		if (ret)
			return ret;
	}
	return 0;
}

int iso_new_session_keyring(void)
{
	if (keyctl_join_session_keyring(NULL) >= 0 || errno == ENOSYS ||
	    errno == EACCES || errno == EPERM)
		return 0;
	return iso_fail(-errno, "joining", "a session keyring of its own");
}

int iso_init_time_ns(const struct iso_config *cfg)
{
	char offsets[128];
	int fd, ret;

	if (!cfg->boot_offset_s && !cfg->boot_offset_ns &&
	    !cfg->mono_offset_s && !cfg->mono_offset_ns)
		return 0;
	if (unshare(CLONE_NEWTIME)) {
		if (errno != EINVAL)
			return iso_fail(-errno, "unsharing", "a time namespace");
		iso_errorf(0, "lxc.time.offset: this kernel has no time namespace: ignored");
		return 0;
	}
	/* before anyone is in it: then the offsets are fixed */
	snprintf(offsets, sizeof(offsets),
		 "monotonic %lld %lld\nboottime %lld %lld\n",
		 (long long)cfg->mono_offset_s, (long long)cfg->mono_offset_ns,
		 (long long)cfg->boot_offset_s, (long long)cfg->boot_offset_ns);
	ret = write_proc("/proc/self/timens_offsets", offsets, "lxc.time.offset");
	if (ret)
		return ret;
	fd = open("/proc/self/ns/time_for_children", O_RDONLY | O_CLOEXEC);
	if (fd < 0 || setns(fd, CLONE_NEWTIME))
		ret = iso_fail(-errno, "entering", "the time namespace");
	if (fd >= 0)
		close(fd);
	return ret;
}

int iso_init_identity(const struct iso_config *cfg)
{
	const gid_t *groups = cfg->init_groups;

	/* no group of root's is left over, unless the config names it */
	if ((cfg->has_init_groups || cfg->has_init_uid || cfg->has_init_gid) &&
	    setgroups(cfg->has_init_groups ? cfg->n_init_groups : 0, groups))
		return iso_fail(-errno, "applying", "lxc.init.groups");
	if (cfg->has_init_gid && setresgid(cfg->init_gid, cfg->init_gid,
					   cfg->init_gid))
		return iso_fail(-errno, "applying", "lxc.init.gid");
	if (cfg->has_init_uid && setresuid(cfg->init_uid, cfg->init_uid,
					   cfg->init_uid))
		return iso_fail(-errno, "applying", "lxc.init.uid");
	return 0;
}
