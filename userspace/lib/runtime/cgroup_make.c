// SPDX-License-Identifier: GPL-2.0
/*
 * Making and pruning cgroup directories: the levels down to one, made
 * where missing, with v2's controllers delegated down them and v1's
 * cpuset.cpus and mems inherited, as a task cannot join a cpuset without.
 */
#include <errno.h>
#include <ftw.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "runtime/cgroup.h"
#include "error.h"

/*
 * A container's own directory: one left empty by a monitor that was
 * killed is taken over; one with tasks or children is not ours to take.
 * Another's (a pivot) may be there already.
 */
static int make_dir(const char *path, bool own)
{
	if (!mkdir(path, 0755))
		return 0;
	if (errno == EEXIST && !own)
		return 0;
	if (errno != EEXIST || rmdir(path) || mkdir(path, 0755))
		return -errno;
	return 0;
}

/*
 * As systemd does on v2: let the children of @dir use each controller it
 * has and does not pass on yet.  Not where tasks are, as in isoctl's own
 * cgroup (lxc.cgroup.relative), but for the root, which has no
 * cgroup.events: the threaded controllers, which alone it would take,
 * would make it a thread root, and no cgroup below it could then take a
 * process.
 */
static void delegate_controllers(const char *dir)
{
	char have[512], given[512], *c, *save = NULL, plus[64];

	if (!iso_cgroup_read(dir, "cgroup.events", have, sizeof(have)) &&
	    (iso_cgroup_read(dir, "cgroup.procs", have, sizeof(have)) || have[0]))
		return;
	if (iso_cgroup_read(dir, "cgroup.controllers", have, sizeof(have)) ||
	    iso_cgroup_read(dir, "cgroup.subtree_control", given, sizeof(given)) ||
	    !strcmp(have, given))
		return;
	for (c = strtok_r(have, " ", &save); c; c = strtok_r(NULL, " ", &save)) {
		if (cgroup_option_listed(given, c))
			continue;
		snprintf(plus, sizeof(plus), "+%s", c);
		iso_cgroup_write(dir, "cgroup.subtree_control", plus);
	}
}

/* cpuset v1 takes no task until cpus and mems are set: inherit them. */
static int cpuset_inherit(const char *parent, const char *child)
{
	static const char *const files[] = { "cpuset.cpus", "cpuset.mems" };
	char value[256];
	size_t i;
	int ret;

	for (i = 0; i < 2; i++) {
		ret = iso_cgroup_read(parent, files[i], value, sizeof(value));
		if (!ret && !value[0])
			continue;
		if (!ret)
			ret = iso_cgroup_write(child, files[i], value);
		if (ret)
			return ret;
	}
	return 0;
}

/*
 * Each level from @base down to @dir's parent, made where missing (a new
 * v1 cpuset inheriting cpus and mems), and on v2 passing its controllers
 * on: an admin's level too, as LXC delegates down the whole path.
 */
static int make_parents(const char *base, const char *dir, bool v2, bool cpuset)
{
	char path[PATH_MAX], parent[PATH_MAX], *slash;
	int ret = 0;

	snprintf(path, sizeof(path), "%s", dir);
	snprintf(parent, sizeof(parent), "%s", base);
	slash = path + strlen(base);
	while (!ret && (slash = strchr(slash + 1, '/'))) {
		*slash = '\0';
		if (v2)
			delegate_controllers(parent);
		if (mkdir(path, 0755))
			ret = errno == EEXIST ? 0 : -errno;
		else if (cpuset)
			ret = cpuset_inherit(parent, path);
		if (ret)
			iso_fail(ret, "creating cgroup", path);
		snprintf(parent, sizeof(parent), "%s", path);
		*slash = '/';
	}
	if (!ret && v2)
		delegate_controllers(parent);
	return ret;
}

int iso_cgroup_make_dir(const struct cgroup_layout *l, int i, const char *base,
			const char *dir, bool own)
{
	bool cpuset = i >= 0 && cgroup_option_listed(l->v1[i].options, "cpuset");
	char parent[PATH_MAX];
	int ret;

	ret = make_parents(base, dir, i < 0, cpuset);
	if (!ret)
		ret = make_dir(dir, own);
	if (ret)
		return iso_fail(ret, "creating cgroup", dir);
	snprintf(parent, sizeof(parent), "%s", dir);
	*strrchr(parent, '/') = '\0';
	ret = cpuset ? cpuset_inherit(parent, dir) : 0;
	if (ret) {
		rmdir(dir);
		return iso_fail(ret, "setting cpuset.cpus and mems of", dir);
	}
	return 0;
}

int iso_cgroup_make(struct iso_cgroup *cg, const char *rel, bool own)
{
	char base[PATH_MAX];
	int n = cg->n_v1, i, ret;

	cg->n_v1 = 0;
	for (i = cg->v2[0] ? -1 : 0; i < n; i++) {
		char *dir = i < 0 ? cg->v2 : cg->v1[i];

		snprintf(base, sizeof(base), "%.*s",
			 (int)(strlen(dir) - strlen(rel) - 1), dir);
		ret = iso_cgroup_make_dir(&cg->layout, i, base, dir, own);
		if (ret) {
			if (i < 0)
				cg->v2[0] = '\0';
			return ret;
		}
		if (i >= 0)
			cg->n_v1++;
	}
	return 0;
}

int iso_cgroup_make_inner(struct iso_cgroup *cg)
{
	char dir[PATH_MAX];
	int i, ret = 0;

	for (i = cg->v2[0] ? -1 : 0; !ret && cg->inner[0] && i < cg->n_v1; i++) {
		const char *limit = i < 0 ? cg->v2 : cg->v1[i];

		ret = iso_cgroup_task_dir(cg, limit, dir);
		if (ret)
			return iso_fail(ret, "naming the cgroup", cg->inner);
		ret = iso_cgroup_make_dir(&cg->layout, i, limit, dir, true);
	}
	return ret;
}

/* nftw() passes no argument through: whether a directory stayed. */
static int prune_err;

static int prune_one(const char *path, const struct stat *st, int type,
		     struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	if (type == FTW_DP && rmdir(path) && errno != ENOENT && !prune_err)
		prune_err = -errno;
	return 0;
}

int iso_cgroup_prune(const char *dir)
{
	prune_err = 0;
	if (nftw(dir, prune_one, 16, FTW_DEPTH | FTW_PHYS | FTW_MOUNT) &&
	    errno != ENOENT)
		return -errno;
	return prune_err;
}
