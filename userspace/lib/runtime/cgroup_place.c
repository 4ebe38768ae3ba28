// SPDX-License-Identifier: GPL-2.0
/*
 * Where a container's cgroups go, as LXC 5.0.2's cgfsng.c places them:
 *
 *   (default)                  BASE/iso/NAME
 *   lxc.cgroup.dir = D         BASE/D/NAME
 *   lxc.cgroup.dir.container   BASE/C, its limits there and its tasks in
 *   + .dir.container.inner     BASE/C/INNER, the root of its cgroup
 *                              namespace, so that it cannot lift them
 *   lxc.cgroup.dir.monitor     BASE/M, the monitor's while it runs; it then
 *   + .dir.monitor.pivot       moves to BASE/P, or back where it came from
 *
 * BASE is each hierarchy's root, or with lxc.cgroup.relative isoctl's own
 * cgroup in it.  Where they went is recorded in the container's DIR/cgroup,
 * for the commands that find them later with another config, or none.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "runtime/cgroup.h"
#include "config/config.h"
#include "error.h"
#include "runtime/store.h"

#define ISO_CGROUP_PARENT "iso"
#define ISO_CGROUP_RECORD "cgroup"

/*
 * This process's cgroup in hierarchy @i of @l (-1: v2), from
 * /proc/self/cgroup: "0::/PATH" on v2, "N:CONTROLLERS:/PATH" on v1.
 */
static int own_cgroup(const struct cgroup_layout *l, int i, char *out)
{
	char line[PATH_MAX + 256], first[64], *ctrl, *path;
	FILE *f = fopen("/proc/self/cgroup", "re");
	int ret = -ENOENT;

	if (!f)
		return -errno;
	if (i >= 0)
		snprintf(first, sizeof(first), "%.*s",
			 (int)strcspn(l->v1[i].options, ","), l->v1[i].options);
	while (ret && fgets(line, sizeof(line), f)) {
		line[strcspn(line, "\n")] = '\0';
		ctrl = strchr(line, ':');
		path = ctrl ? strchr(ctrl + 1, ':') : NULL;
		if (!path)
			continue;
		*path++ = '\0';
		*ctrl++ = '\0';
		if (i < 0 ? !strcmp(line, "0") && !*ctrl :
		    strcmp(line, "0") && cgroup_option_listed(ctrl, first)) {
			snprintf(out, PATH_MAX, "%s", path);
			ret = 0;
		}
	}
	fclose(f);
	return ret;
}

int iso_cgroup_base(const struct cgroup_layout *l, int i, bool relative,
		    char *out)
{
	const char *mnt = i < 0 ? l->v2_path : l->v1[i].path;
	char own[PATH_MAX];
	int ret;

	if (!relative) {
		snprintf(out, PATH_MAX, "%s", mnt);
		return 0;
	}
	ret = own_cgroup(l, i, own);
	if (ret)
		return iso_fail(ret, "lxc.cgroup.relative: finding the cgroup of",
				"isoctl");
	if (!strcmp(own, "/"))
		own[0] = '\0';
	if (snprintf(out, PATH_MAX, "%s%s", mnt, own) >= PATH_MAX)
		return iso_fail(-ENAMETOOLONG, "lxc.cgroup.relative:", own);
	return 0;
}

/* Its path below each base, as LXC checks the keys at start. */
static int container_path(const struct iso_config *cfg, const char *name,
			  char *rel)
{
	bool split = cfg->cgroup_dir_container[0] || cfg->cgroup_dir_monitor[0] ||
		     cfg->cgroup_dir_inner[0];
	int n;

	if (split && cfg->cgroup_dir[0])
		return iso_fail(-EINVAL, "placing cgroups:",
				"lxc.cgroup.dir conflicts with lxc.cgroup.dir.container and .monitor");
	if (split && (!cfg->cgroup_dir_container[0] || !cfg->cgroup_dir_monitor[0]))
		return iso_fail(-EINVAL, "placing cgroups:",
				"lxc.cgroup.dir.container and lxc.cgroup.dir.monitor must both be set");
	if (split)
		n = snprintf(rel, PATH_MAX, "%s", cfg->cgroup_dir_container);
	else
		n = snprintf(rel, PATH_MAX, "%s/%s", cfg->cgroup_dir[0] ?
			     cfg->cgroup_dir : ISO_CGROUP_PARENT, name);
	return n >= PATH_MAX ? iso_fail(-ENAMETOOLONG, "placing cgroups:", rel) : 0;
}

static int record_path(const char *dir, char *path)
{
	return iso_path_join(path, dir, ISO_CGROUP_RECORD);
}

/* Written before the first directory is made, for a killed monitor's. */
static int record_save(struct iso_cgroup *cg, const char *dir)
{
	char text[(CGROUP_V1_MAX + 1) * (PATH_MAX + 4) + NAME_MAX + 8];
	size_t used = 0;
	int i, ret;

	ret = record_path(dir, cg->record);
	if (ret)
		return iso_fail(ret, "recording the cgroups of", dir);
	if (cg->v2[0])
		used += snprintf(text + used, sizeof(text) - used, "v2 %s\n", cg->v2);
	for (i = 0; i < cg->n_v1; i++)
		used += snprintf(text + used, sizeof(text) - used, "v1 %s\n",
				 cg->v1[i]);
	if (cg->inner[0])
		used += snprintf(text + used, sizeof(text) - used, "inner %s\n",
				 cg->inner);
	ret = iso_write_atomic(cg->record, text, used);
	if (ret) {
		iso_fail(ret, "writing", cg->record);
		cg->record[0] = '\0';
	}
	return ret;
}

/* The paths, in each hierarchy's order: nothing is made yet. */
static int name_paths(struct iso_cgroup *cg, const char *rel, bool relative)
{
	char base[PATH_MAX];
	int i, ret;

	for (i = cg->layout.v2_path[0] ? -1 : 0; i < cg->layout.n_v1; i++) {
		char *dir = i < 0 ? cg->v2 : cg->v1[i];

		ret = iso_cgroup_base(&cg->layout, i, relative, base);
		if (ret)
			return ret;
		ret = iso_path_join(dir, base, rel);
		if (ret)
			return iso_fail(ret, "naming the cgroup", rel);
		if (strchr(dir, '\n'))
			return iso_fail(-EINVAL, "naming the cgroup", dir);
	}
	cg->n_v1 = cg->layout.n_v1;
	return 0;
}

int iso_cgroup_create(struct iso_cgroup *cg, const struct iso_config *cfg,
		      const char *name, const char *dir)
{
	char rel[PATH_MAX];
	int ret;

	cg->record[0] = '\0';
	ret = iso_cgroup_layout(cg);
	if (!ret)
		ret = container_path(cfg, name, rel);
	if (ret)
		return ret;
	snprintf(cg->inner, sizeof(cg->inner), "%s", cfg->cgroup_dir_inner);
	ret = name_paths(cg, rel, cfg->cgroup_relative);
	if (!ret)
		ret = record_save(cg, dir);
	if (ret) {
		cg->v2[0] = '\0';
		cg->n_v1 = 0;
		return ret;
	}
	ret = iso_cgroup_make(cg, rel);
	if (ret)
		iso_cgroup_destroy(cg);
	return ret;
}

int iso_cgroup_task_dir(const struct iso_cgroup *cg, const char *dir, char *out)
{
	if (!cg->inner[0]) {
		snprintf(out, PATH_MAX, "%s", dir);
		return 0;
	}
	return iso_path_join(out, dir, cg->inner);
}

static bool is_dir(const char *path)
{
	struct stat st;

	return !stat(path, &st) && S_ISDIR(st.st_mode);
}

/* A container started before DIR/cgroup was written: iso/NAME. */
static void find_default(struct iso_cgroup *cg, const char *name)
{
	char rel[PATH_MAX];
	int i;

	snprintf(rel, sizeof(rel), "%s/%s", ISO_CGROUP_PARENT, name);
	for (i = cg->layout.v2_path[0] ? -1 : 0; i < cg->layout.n_v1; i++) {
		char *dir = i < 0 ? cg->v2 : cg->v1[cg->n_v1];
		const char *mnt = i < 0 ? cg->layout.v2_path : cg->layout.v1[i].path;

		if (iso_path_join(dir, mnt, rel) || !is_dir(dir))
			dir[0] = '\0';
		else if (i >= 0)
			cg->n_v1++;
	}
}

static int find_recorded(struct iso_cgroup *cg, FILE *f)
{
	char line[PATH_MAX + 8], *dir;

	while (fgets(line, sizeof(line), f)) {
		line[strcspn(line, "\n")] = '\0';
		dir = NULL;
		if (!strncmp(line, "v2 ", 3))
			dir = cg->v2;
		else if (!strncmp(line, "v1 ", 3) && cg->n_v1 < CGROUP_V1_MAX)
			dir = cg->v1[cg->n_v1];
		else if (!strncmp(line, "inner ", 6))
			snprintf(cg->inner, sizeof(cg->inner), "%.255s", line + 6);
		if (!dir || !is_dir(line + 3))
			continue;
		snprintf(dir, PATH_MAX, "%.4095s", line + 3);
		if (dir != cg->v2)
			cg->n_v1++;
	}
	return ferror(f) ? -EIO : 0;
}

int iso_cgroup_find_quiet(struct iso_cgroup *cg, const char *dir,
			  const char *name)
{
	FILE *f;
	int ret;

	cg->v2[0] = '\0';
	cg->n_v1 = 0;
	cg->inner[0] = '\0';
	ret = cgroup_layout_read(&cg->layout);
	if (!ret)
		ret = record_path(dir, cg->record);
	if (ret)
		return ret;
	f = fopen(cg->record, "re");
	if (f) {
		ret = find_recorded(cg, f);
		fclose(f);
	} else if (errno == ENOENT) {
		cg->record[0] = '\0';
		find_default(cg, name);
	} else {
		return -errno;
	}
	if (ret)
		return ret;
	return !cg->v2[0] && !cg->n_v1 ? -ENOENT : 0;
}

int iso_cgroup_find(struct iso_cgroup *cg, const char *dir, const char *name)
{
	int ret = iso_cgroup_find_quiet(cg, dir, name);

	if (ret == -ENOENT)
		return iso_failf(ret, "finding the cgroups of", "%s", name);
	return ret ? iso_fail(ret, "reading the cgroups of", name) : 0;
}

/* Each hierarchy's cgroup.procs of @cg, opened to move this process. */
static int open_procs(const struct iso_cgroup *cg, int *fds, int *n)
{
	char path[PATH_MAX];
	int i, ret = 0;

	for (i = cg->v2[0] ? -1 : 0; !ret && i < cg->n_v1; i++) {
		ret = iso_path_join(path, i < 0 ? cg->v2 : cg->v1[i],
				    "cgroup.procs");
		if (!ret) {
			fds[*n] = open(path, O_WRONLY | O_CLOEXEC);
			ret = fds[*n] < 0 ? -errno : 0;
		}
		if (ret)
			return iso_fail(ret, "opening", path);
		(*n)++;
	}
	return 0;
}

/* Where the monitor goes back: lxc.cgroup.dir.monitor.pivot, or home. */
static int open_home(struct iso_cgroup_monitor *m, const struct iso_config *cfg)
{
	static struct iso_cgroup home;
	const char *rel = cfg->cgroup_dir_pivot;
	int i, ret = 0;

	home.layout = m->cg.layout;
	home.v2[0] = '\0';
	home.inner[0] = '\0';
	home.record[0] = '\0';
	if (rel[0]) {
		ret = name_paths(&home, rel, cfg->cgroup_relative);
		if (!ret)
			ret = iso_cgroup_make(&home, rel);
	} else {
		for (i = home.layout.v2_path[0] ? -1 : 0;
		     !ret && i < home.layout.n_v1; i++)
			ret = iso_cgroup_base(&home.layout, i, true,
					      i < 0 ? home.v2 : home.v1[i]);
		home.n_v1 = home.layout.n_v1;
	}
	return ret ? ret : open_procs(&home, m->home, &m->n_home);
}

int iso_cgroup_monitor_enter(struct iso_cgroup_monitor *m,
			     const struct iso_config *cfg)
{
	const char *rel = cfg->cgroup_dir_monitor;
	int ret;

	m->n_home = 0;
	m->cg.v2[0] = '\0';
	m->cg.n_v1 = 0;
	m->cg.inner[0] = '\0';
	m->cg.record[0] = '\0';
	if (!rel[0])
		return 0;
	ret = iso_cgroup_layout(&m->cg);
	if (!ret)
		ret = open_home(m, cfg);
	if (!ret)
		ret = name_paths(&m->cg, rel, cfg->cgroup_relative);
	if (!ret)
		ret = iso_cgroup_make(&m->cg, rel);
	if (!ret)
		ret = iso_cgroup_attach_v2(&m->cg, getpid());
	if (!ret)
		ret = iso_cgroup_attach_v1(&m->cg, getpid());
	if (ret)
		iso_cgroup_monitor_leave(m);
	return ret;
}

/*
 * Its cgroups are removed only once it is out of each: removing kills
 * what is left in them.
 */
void iso_cgroup_monitor_leave(struct iso_cgroup_monitor *m)
{
	bool out = true;
	char pid[32];

	snprintf(pid, sizeof(pid), "%d", (int)getpid());
	while (m->n_home) {
		if (write(m->home[--m->n_home], pid, strlen(pid)) < 0) {
			iso_fail(-errno, "lxc.cgroup.dir.monitor: leaving",
				 m->cg.v2[0] ? m->cg.v2 : m->cg.v1[0]);
			out = false;
		}
		close(m->home[m->n_home]);
	}
	if (out)
		iso_cgroup_destroy(&m->cg);
}
