// SPDX-License-Identifier: GPL-2.0
/* A container's cgroups on v1, v2 and hybrid hosts. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <linux/magic.h>
#include <time.h>
#include <unistd.h>

#include "runtime/cgroup.h"
#include "config/config.h"
#include "error.h"
#include "runtime/idmap.h"
#include "runtime/store.h"

int iso_cgroup_write_at(int dirfd, const char *file, const char *value)
{
	int fd = openat(dirfd, file, O_WRONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return -errno;
	n = write(fd, value, strlen(value));
	close(fd);
	return n < 0 ? -errno : 0;
}

int iso_cgroup_write(const char *dir, const char *file, const char *value)
{
	char path[PATH_MAX];
	int ret = iso_path_join(path, dir, file);

	return ret ? ret : iso_cgroup_write_at(AT_FDCWD, path, value);
}

int iso_cgroup_read(const char *dir, const char *file, char *buf, size_t size)
{
	char path[PATH_MAX];
	FILE *f;
	int ret;

	ret = iso_path_join(path, dir, file);
	if (ret)
		return ret;
	f = fopen(path, "re");
	if (!f)
		return -errno;
	if (!fgets(buf, size, f))
		buf[0] = '\0';
	fclose(f);
	buf[strcspn(buf, "\n")] = '\0';
	return 0;
}

/*
 * A pure v1 host mounts no cgroup2 at all, but iso.ko tracks v2 cgroups:
 * mount a private hierarchy with no controller in it, as systemd mounts
 * "unified" beside the v1 ones on hybrid hosts, and give each container a
 * v2 cgroup there too.  Every task sits in its root until isoctl moves
 * one, so nothing else on the host changes.  A failure only means the
 * container runs untracked, so it is said and not returned.
 */
static void mount_private_v2(struct cgroup_layout *l)
{
	struct statfs sf;
	int lock;

	if (l->v2_path[0] || !l->n_v1)
		return;
	if (mkdir(ISO_PRIVATE_V2_PARENT, 0755) && errno != EEXIST)
		return;
	lock = open(ISO_PRIVATE_V2_PARENT "/cgroup2.lock",
		    O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	if (lock < 0 || flock(lock, LOCK_EX))
		goto out;
	/* a start beside this one may have mounted it meanwhile */
	if (statfs(ISO_PRIVATE_V2, &sf) || sf.f_type != CGROUP2_SUPER_MAGIC) {
		if (mkdir(ISO_PRIVATE_V2, 0755) && errno != EEXIST)
			goto out;
		if (mount("cgroup2", ISO_PRIVATE_V2, "cgroup2",
			  MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL)) {
			if (errno != ENODEV)	/* ENODEV: no cgroup2 here */
				iso_fail(-errno, "mounting a private cgroup2 hierarchy at",
					 ISO_PRIVATE_V2);
			goto out;
		}
	}
	snprintf(l->v2_path, sizeof(l->v2_path), "%s", ISO_PRIVATE_V2);
	l->mode = CGROUP_HYBRID;
out:
	if (lock >= 0)
		close(lock);
}

int iso_cgroup_layout(struct iso_cgroup *cg)
{
	int ret;

	cg->v2[0] = '\0';	/* not memset: 270 KB, mostly unused paths */
	cg->n_v1 = 0;
	cg->inner[0] = '\0';
	ret = cgroup_layout_read(&cg->layout);
	if (ret)
		return iso_fail(ret, "reading", "/proc/self/mountinfo");
	if (cg->layout.mode == CGROUP_NONE)
		return iso_fail(-ENOENT, "finding cgroups:",
				"no cgroup hierarchy is mounted");
	mount_private_v2(&cg->layout);
	return 0;
}

static const struct cgroup_v1_mount *v1_for(const struct iso_cgroup *cg,
					    const char *ctrl, int *index)
{
	int i;

	for (i = 0; i < cg->layout.n_v1; i++) {
		if (cgroup_option_listed(cg->layout.v1[i].options, ctrl)) {
			*index = i;
			return &cg->layout.v1[i];
		}
	}
	return NULL;
}

static int apply_v1(struct iso_cgroup *cg, const struct iso_cfg_pair *p)
{
	char ctrl[64];
	int i, ret;

	snprintf(ctrl, sizeof(ctrl), "%.*s", (int)strcspn(p->key, "."), p->key);
	if (!v1_for(cg, ctrl, &i))
		return iso_failf(-ENOENT, "lxc.cgroup", "%s: this host has no cgroup v1 %s controller",
				 p->key, ctrl);
	ret = iso_cgroup_write(cg->v1[i], p->key, p->value);
	if (ret)
		return iso_failf(ret, "lxc.cgroup", "%s: writing \"%s\" to %s/%s",
				 p->key, p->value, cg->v1[i], p->key);
	return 0;
}

static int apply_v2(struct iso_cgroup *cg, const struct iso_cfg_pair *p)
{
	int ret;

	if (!cg->v2[0])
		return iso_failf(-ENOENT, "lxc.cgroup2", "%s: this host has no cgroup v2 tree",
				 p->key);
	ret = iso_cgroup_write(cg->v2, p->key, p->value);
	if (ret == -ENOENT)
		return iso_failf(ret, "lxc.cgroup2", "%s: %s/%s is missing (controller not enabled on v2 here)",
				 p->key, cg->v2, p->key);
	if (ret)
		return iso_failf(ret, "lxc.cgroup2", "%s: writing \"%s\" to %s/%s",
				 p->key, p->value, cg->v2, p->key);
	return 0;
}

/* cgroup_devices.c makes one allowlist of these */
static bool is_devices_key(const struct iso_cfg_pair *p)
{
	return !strcmp(p->key, "devices.allow") || !strcmp(p->key, "devices.deny");
}

int iso_cgroup_apply(struct iso_cgroup *cg, const struct iso_config *cfg)
{
	int i, ret = 0;

	for (i = 0; !ret && i < cfg->n_cgroup1; i++)
		if (!is_devices_key(&cfg->cgroup1[i]))
			ret = apply_v1(cg, &cfg->cgroup1[i]);
	for (i = 0; !ret && i < cfg->n_cgroup2; i++)
		if (!is_devices_key(&cfg->cgroup2[i]))
			ret = apply_v2(cg, &cfg->cgroup2[i]);
	return ret ? ret : iso_cgroup_apply_devices(cg, cfg);
}

static int chown_at(const char *dir, const char *file, uid_t uid, gid_t gid)
{
	char path[PATH_MAX];
	int ret = iso_path_join(path, dir, file);

	if (!ret && chown(path, uid, gid) && errno != ENOENT)
		ret = -errno;
	return ret ? iso_fail(ret, "delegating", path) : 0;
}

int iso_cgroup_delegate(const struct iso_cgroup *cg, const struct iso_config *cfg)
{
	static const char *const v2_files[] = {
		".", "cgroup.procs", "cgroup.threads", "cgroup.subtree_control",
	};
	static const char *const v1_files[] = { ".", "cgroup.procs", "tasks" };
	long uid = iso_idmap_host_id(cfg, 'u', 0), gid = iso_idmap_host_id(cfg, 'g', 0);
	char dir[PATH_MAX];
	size_t i;
	int j, ret = 0;

	if (!cfg->n_idmaps || uid < 0 || gid < 0)
		return 0;
	/* with an inner cgroup, only that: the limits stay root's */
	for (j = cg->v2[0] ? -1 : 0; !ret && j < cg->n_v1; j++) {
		const char *const *files = j < 0 ? v2_files : v1_files;
		size_t n = j < 0 ? sizeof(v2_files) / sizeof(v2_files[0]) :
			   sizeof(v1_files) / sizeof(v1_files[0]);

		ret = iso_cgroup_task_dir(cg, j < 0 ? cg->v2 : cg->v1[j], dir);
		for (i = 0; !ret && i < n; i++)
			ret = chown_at(dir, files[i], uid, gid);
	}
	return ret;
}

void iso_cgroup_v2_leaf(const struct iso_cgroup *cg, pid_t pid, char *dir)
{
	char path[64], line[PATH_MAX], leaf[PATH_MAX];
	size_t len = strlen(cg->v2);
	bool found = false;
	FILE *f;

	if (iso_cgroup_task_dir(cg, cg->v2, dir))
		snprintf(dir, PATH_MAX, "%s", cg->v2);
	line[0] = '\0';
	snprintf(path, sizeof(path), "/proc/%d/cgroup", (int)pid);
	f = fopen(path, "re");
	while (f && !found && fgets(line, sizeof(line), f))
		found = !strncmp(line, "0::", 3);
	if (f)
		fclose(f);
	line[strcspn(line, "\n")] = '\0';
	/* from our cgroup namespace's root: ours, or one below ours */
	if (!found || line[3] != '/' ||
	    snprintf(leaf, sizeof(leaf), "%s%s", cg->layout.v2_path,
		     line[4] ? line + 3 : "") >= (int)sizeof(leaf))
		return;
	if (!strncmp(leaf, cg->v2, len) && (!leaf[len] || leaf[len] == '/'))
		snprintf(dir, PATH_MAX, "%s", leaf);
}

int iso_cgroup_attach_v2(const struct iso_cgroup *cg, pid_t pid)
{
	char value[32], dir[PATH_MAX];
	int ret;

	if (!cg->v2[0])
		return 0;
	snprintf(value, sizeof(value), "%d", (int)pid);
	ret = iso_cgroup_task_dir(cg, cg->v2, dir);
	if (!ret)
		ret = iso_cgroup_write(dir, "cgroup.procs", value);
	return ret ? iso_failf(ret, "joining cgroup", "%s", cg->v2) : 0;
}

/*
 * A pid goes in through cgroup.procs, which write-locks the global
 * cgroup_threadgroup_rwsem and so waits for an RCU grace period, most of
 * an exec's time on a v1 host.  The calling thread (pid 0) goes in
 * through "tasks", where the kernel takes no such lock: a single-threaded
 * child joins by itself.
 */
int iso_cgroup_attach_v1(const struct iso_cgroup *cg, pid_t pid)
{
	const char *file = pid ? "cgroup.procs" : "tasks";
	char value[32], dir[PATH_MAX];
	int i, ret;

	snprintf(value, sizeof(value), "%d", (int)pid);
	for (i = 0; i < cg->n_v1; i++) {
		ret = iso_cgroup_task_dir(cg, cg->v1[i], dir);
		if (!ret)
			ret = iso_cgroup_write(dir, file, value);
		if (ret)
			return iso_failf(ret, "joining cgroup", "%s", cg->v1[i]);
	}
	return 0;
}

int iso_cgroup_destroy(struct iso_cgroup *cg)
{
	int i, ret = 0;

	if (cg->v2[0] && iso_cgroup_remove_tree(cg->v2))
		ret = -EBUSY;
	for (i = 0; i < cg->n_v1; i++)
		if (iso_cgroup_remove_tree(cg->v1[i]))
			ret = -EBUSY;
	/* kept while a directory is, for whoever removes it later */
	if (!ret && cg->record[0] && unlink(cg->record) && errno != ENOENT)
		ret = iso_fail(-errno, "removing", cg->record);
	cg->v2[0] = '\0';
	cg->n_v1 = 0;
	cg->record[0] = '\0';
	return ret;
}

/* The v1 directory of @cg in the hierarchy with @ctrl, or NULL. */
const char *iso_cgroup_v1_dir(const struct iso_cgroup *cg, const char *ctrl)
{
	int i, j;

	for (i = 0; i < cg->n_v1; i++)
		for (j = 0; j < cg->layout.n_v1; j++)
			if (cgroup_option_listed(cg->layout.v1[j].options, ctrl) &&
			    !strncmp(cg->v1[i], cg->layout.v1[j].path,
				     strlen(cg->layout.v1[j].path)) &&
			    cg->v1[i][strlen(cg->layout.v1[j].path)] == '/')
				return cg->v1[i];
	return NULL;
}

/* v2's cgroup.freeze where the container has a v2 cgroup, else freezer v1. */
int iso_cgroup_freeze_ask(const struct iso_cgroup *cg, bool freeze)
{
	const char *dir = cg->v2[0] ? cg->v2 : iso_cgroup_v1_dir(cg, "freezer");
	int ret;

	if (!dir)
		return iso_fail(-EOPNOTSUPP, "freezing:", "no v2 tree and no v1 freezer");
	if (cg->v2[0])
		ret = iso_cgroup_write(dir, "cgroup.freeze", freeze ? "1" : "0");
	else
		ret = iso_cgroup_write(dir, "freezer.state", freeze ? "FROZEN" : "THAWED");
	return ret ? iso_fail(ret, freeze ? "freezing" : "thawing", dir) : 0;
}

int iso_cgroup_freeze(const struct iso_cgroup *cg, bool freeze)
{
	struct timespec tick = { 0, 10 * 1000 * 1000 };
	const char *dir = cg->v2[0] ? cg->v2 : iso_cgroup_v1_dir(cg, "freezer");
	int tries, ret;

	ret = iso_cgroup_freeze_ask(cg, freeze);
	if (ret)
		return ret;
	/* the write only asks; wait until every task has stopped */
	for (tries = 0; tries < 500; tries++) {
		if (iso_cgroup_frozen(cg) == freeze)
			return 0;
		nanosleep(&tick, NULL);
	}
	return iso_fail(-ETIMEDOUT, freeze ? "freezing" : "thawing", dir);
}

bool iso_cgroup_frozen(const struct iso_cgroup *cg)
{
	const char *dir = cg->v2[0] ? cg->v2 : iso_cgroup_v1_dir(cg, "freezer");
	char line[64], path[PATH_MAX];
	bool frozen = false;
	FILE *f;

	if (!dir)
		return false;
	if (!cg->v2[0])
		return !iso_cgroup_read(dir, "freezer.state", line, sizeof(line)) &&
		       !strcmp(line, "FROZEN");
	if (iso_path_join(path, dir, "cgroup.events"))
		return false;
	f = fopen(path, "re");
	if (!f)
		return false;
	while (fgets(line, sizeof(line), f))
		if (!strcmp(line, "frozen 1\n"))
			frozen = true;
	fclose(f);
	return frozen;
}
