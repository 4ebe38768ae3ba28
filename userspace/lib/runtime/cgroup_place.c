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
 * BASE is each hierarchy's root, or with lxc.cgroup.relative the
 * monitor's cgroup in it when it first started the container.  Where
 * they went is recorded in the container's DIR/cgroup, for the commands
 * that find them later with another config, or none, and for the next
 * start to prune what a killed monitor left.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
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
 * The cgroup in hierarchy @i of @l (-1: v2) that @home names, a
 * /proc/PID/cgroup text: "0::/PATH" on v2, "N:CONTROLLERS:/PATH" on v1.
 */
static int home_cgroup(const struct cgroup_layout *l, int i, const char *home,
		       char *out)
{
	char line[PATH_MAX + 256], first[64], *ctrl, *path;
	const char *next;
	size_t len;

	if (i >= 0)
		snprintf(first, sizeof(first), "%.*s",
			 (int)strcspn(l->v1[i].options, ","), l->v1[i].options);
	for (; *home; home = next) {
		len = strcspn(home, "\n");
		next = home + len + !!home[len];
		if (len >= sizeof(line))
			continue;
		memcpy(line, home, len);
		line[len] = '\0';
		ctrl = strchr(line, ':');
		path = ctrl ? strchr(ctrl + 1, ':') : NULL;
		if (!path)
			continue;
		*path++ = '\0';
		*ctrl++ = '\0';
		if (i < 0 ? !strcmp(line, "0") && !*ctrl :
		    strcmp(line, "0") && cgroup_option_listed(ctrl, first)) {
			snprintf(out, PATH_MAX, "%s", strcmp(path, "/") ? path : "");
			return 0;
		}
	}
	return -ENOENT;
}

int iso_cgroup_base(const struct cgroup_layout *l, int i, bool relative,
		    const char *home, char *out)
{
	const char *mnt = i < 0 ? l->v2_path : l->v1[i].path;
	char own[PATH_MAX];
	int ret;

	if (!relative) {
		snprintf(out, PATH_MAX, "%s", mnt);
		return 0;
	}
	ret = home_cgroup(l, i, home, own);
	if (ret)
		return iso_fail(ret, "lxc.cgroup.relative: finding the cgroup of",
				"isoctl");
	if (snprintf(out, PATH_MAX, "%s%s", mnt, own) >= PATH_MAX)
		return iso_fail(-ENAMETOOLONG, "lxc.cgroup.relative:", own);
	return 0;
}

/* Its path below each base, as LXC checks the keys, before anything. */
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

/* @rel below each hierarchy's base, in their order: nothing is made. */
static int name_paths(struct iso_cgroup *cg, const char *rel, bool relative,
		      const char *home)
{
	char base[PATH_MAX];
	int i, ret = 0;

	for (i = cg->layout.v2_path[0] ? -1 : 0; !ret && i < cg->layout.n_v1; i++) {
		char *dir = i < 0 ? cg->v2 : cg->v1[i];

		ret = iso_cgroup_base(&cg->layout, i, relative, home, base);
		if (!ret && iso_path_join(dir, base, rel))
			ret = iso_fail(-ENAMETOOLONG, "naming the cgroup", rel);
		if (!ret && strchr(dir, '\n'))
			ret = iso_fail(-EINVAL, "naming the cgroup", dir);
	}
	cg->n_v1 = ret ? 0 : cg->layout.n_v1;
	if (ret)
		cg->v2[0] = '\0';
	return ret;
}

static int record_path(const char *dir, char *path)
{
	return iso_path_join(path, dir, ISO_CGROUP_RECORD);
}

/*
 * Each cgroup of the last run that a killed monitor left: pruned, not
 * killed, as nothing of a stopped container's may run there still.
 */
static int prune_recorded(const char *record)
{
	char line[PATH_MAX + 8], *path;
	FILE *f = fopen(record, "re");
	int ret = 0;

	if (!f)
		return errno == ENOENT ? 0 : iso_fail(-errno, "reading", record);
	while (!ret && fgets(line, sizeof(line), f)) {
		line[strcspn(line, "\n")] = '\0';
		path = strchr(line, ' ');
		if (!path || !strncmp(line, "inner ", 6) || path[1] != '/')
			continue;
		ret = iso_cgroup_prune(path + 1);
		if (ret)
			iso_failf(ret, "starting", "pruning %.4000s, its last run's",
				  path + 1);
	}
	fclose(f);
	return ret;
}

/* Before the first directory is made, for the next start to prune. */
static int record_save(struct iso_cgroup *cg, const struct iso_cgroup *mon,
		       const char *dir)
{
	static char text[2 * (CGROUP_V1_MAX + 1) * (PATH_MAX + 8) + NAME_MAX + 8];
	const struct iso_cgroup *each[] = { cg, mon };
	size_t used = 0, k;
	int i, ret;

	ret = record_path(dir, cg->record);
	if (!ret)
		ret = prune_recorded(cg->record);
	if (ret) {
		cg->record[0] = '\0';
		return ret;
	}
	for (k = 0; k < 2; k++) {
		const char *tag = k ? "monitor" : "v1";

		if (each[k]->v2[0])
			used += snprintf(text + used, sizeof(text) - used, "%s %s\n",
					 k ? "monitor" : "v2", each[k]->v2);
		for (i = 0; i < each[k]->n_v1; i++)
			used += snprintf(text + used, sizeof(text) - used, "%s %s\n",
					 tag, each[k]->v1[i]);
	}
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

static int read_home(char **home)
{
	char buf[16384];
	size_t n;
	FILE *f;

	f = fopen("/proc/self/cgroup", "re");
	if (!f)
		return iso_fail(-errno, "reading", "/proc/self/cgroup");
	n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[n] = '\0';
	*home = strdup(buf);
	return *home ? 0 : iso_fail(-ENOMEM, "reading", "/proc/self/cgroup");
}

static int monitor_enter(struct iso_cgroup_monitor *m, const char *rel)
{
	int ret;

	if (!m->cg.v2[0] && !m->cg.n_v1)
		return 0;
	ret = iso_cgroup_make(&m->cg, rel, true);
	m->made = true;
	if (ret)
		return ret;
	/* out again by monitor_leave(), even from where it did not get */
	m->inside = true;
	ret = iso_cgroup_attach_v2(&m->cg, getpid());
	return ret ? ret : iso_cgroup_attach_v1(&m->cg, getpid());
}

int iso_cgroup_create(struct iso_cgroup *cg, struct iso_cgroup_monitor *m,
		      const struct iso_config *cfg, const char *name,
		      const char *dir)
{
	const char *mon = cfg->cgroup_dir_monitor;
	bool rel_base = cfg->cgroup_relative;
	char rel[PATH_MAX];
	int ret;

	cg->record[0] = '\0';
	m->cg.v2[0] = '\0';
	m->cg.n_v1 = 0;
	m->made = false;
	m->inside = false;
	ret = container_path(cfg, name, rel);
	if (!ret)
		ret = iso_cgroup_layout(cg);
	snprintf(cg->inner, sizeof(cg->inner), "%s", cfg->cgroup_dir_inner);
	/* the monitor's first place: where a relative base and home are */
	if (!ret && !m->home)
		ret = read_home(&m->home);
	if (!ret)
		ret = name_paths(cg, rel, rel_base, m->home);
	m->cg.layout = cg->layout;
	if (!ret && mon[0])
		ret = name_paths(&m->cg, mon, rel_base, m->home);
	if (!ret)
		ret = record_save(cg, &m->cg, dir);
	if (!ret)
		ret = monitor_enter(m, mon);
	if (!ret) {
		ret = iso_cgroup_make(cg, rel, true);
		if (!ret)
			return 0;
	} else {
		/* named, not made: somebody else's, maybe */
		cg->v2[0] = '\0';
		cg->n_v1 = 0;
	}
	iso_cgroup_monitor_leave(m, cfg);
	iso_cgroup_destroy(cg);
	return ret;
}

/* Into @dir of hierarchy @i, or failing that its root. */
static void move_self(const struct cgroup_layout *l, int i, const char *dir)
{
	const char *mnt = i < 0 ? l->v2_path : l->v1[i].path;
	char pid[32];

	snprintf(pid, sizeof(pid), "%d", (int)getpid());
	if (iso_cgroup_write(dir, "cgroup.procs", pid) &&
	    iso_cgroup_write(mnt, "cgroup.procs", pid))
		iso_fail(-errno, "lxc.cgroup.dir.monitor: leaving", dir);
}

void iso_cgroup_monitor_leave(struct iso_cgroup_monitor *m,
			      const struct iso_config *cfg)
{
	const struct cgroup_layout *l = &m->cg.layout;
	const char *pivot = cfg->cgroup_dir_pivot;
	char base[PATH_MAX], dir[PATH_MAX];
	int i;

	for (i = l->v2_path[0] ? -1 : 0; m->inside && i < l->n_v1; i++) {
		const char *mnt = i < 0 ? l->v2_path : l->v1[i].path;
		const char *to = mnt;

		/* home's base is where it first was, whatever the config says */
		if (iso_cgroup_base(l, i, !pivot[0] || cfg->cgroup_relative,
				    m->home, base))
			snprintf(base, sizeof(base), "%s", mnt);
		if (!pivot[0])
			to = base;
		else if (!iso_path_join(dir, base, pivot) &&
			 !iso_cgroup_make_dir(l, i, base, dir, false))
			to = dir;
		move_self(l, i, to);
	}
	for (i = m->cg.v2[0] ? -1 : 0; m->made && i < m->cg.n_v1; i++) {
		const char *own = i < 0 ? m->cg.v2 : m->cg.v1[i];

		if (iso_cgroup_prune(own))
			iso_failf(-EBUSY, "lxc.cgroup.dir.monitor", "%.4000s keeps tasks: left",
				  own);
	}
	m->cg.v2[0] = '\0';
	m->cg.n_v1 = 0;
	m->made = false;
	m->inside = false;
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
