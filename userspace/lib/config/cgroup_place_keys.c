// SPDX-License-Identifier: GPL-2.0
/*
 * lxc.cgroup.dir, .dir.container, .dir.container.inner, .dir.monitor,
 * .dir.monitor.pivot and .relative: where a container's cgroups go
 * (runtime/cgroup_place.c), checked as LXC 5.0.2's confile.c checks them.
 * Whether they fit together is checked at start, as LXC checks it.
 */
#include <errno.h>
#include <string.h>

#include "config/parser.h"

/* "a//b/./c/" as "a/b/c", as LXC's path_simplify() has it. */
static void simplify(char *path)
{
	char *in = path, *out = path;
	size_t len;

	while (*in) {
		len = strcspn(in, "/");
		if (len && !(len == 1 && in[0] == '.')) {
			if (out != path)
				*out++ = '/';
			memmove(out, in, len);
			out += len;
		}
		in += len + !!in[len];
	}
	*out = '\0';
}

/* Below the base, never out of it. */
static int set_dir(struct parser *p, const char *key, const char *value,
		   char *dst, size_t size)
{
	if (value[0] == '/' || strstr(value, ".."))
		return cfg_fail(p, "%.128s: \"%.64s\" is not a relative path without \"..\"",
				key, value);
	if (cfg_copy(p, key, dst, size, value))
		return -EINVAL;
	simplify(dst);
	if (*value && !*dst)
		return cfg_fail(p, "%.128s: \"%.64s\" names no directory", key, value);
	return 0;
}

/* One directory name, as LXC says. */
static int set_inner(struct parser *p, const char *key, const char *value)
{
	struct iso_config *cfg = p->cfg;

	if (strchr(value, '/') || !strcmp(value, ".") || !strcmp(value, ".."))
		return cfg_fail(p, "%.128s: \"%.64s\" is not a single directory name",
				key, value);
	return cfg_copy(p, key, cfg->cgroup_dir_inner,
			sizeof(cfg->cgroup_dir_inner), value);
}

int cfg_set_cgroup_place_key(struct parser *p, const char *key,
			     const char *value)
{
	struct iso_config *cfg = p->cfg;

	if (!strcmp(key, "lxc.cgroup.relative")) {
		if (!*value) {
			cfg->cgroup_relative = false;
			return 0;
		}
		return cfg_bool(p, key, value, &cfg->cgroup_relative);
	}
	if (!strcmp(key, "lxc.cgroup.dir.container.inner"))
		return set_inner(p, key, value);
	if (!strcmp(key, "lxc.cgroup.dir"))
		return set_dir(p, key, value, cfg->cgroup_dir,
			       sizeof(cfg->cgroup_dir));
	if (!strcmp(key, "lxc.cgroup.dir.container"))
		return set_dir(p, key, value, cfg->cgroup_dir_container,
			       sizeof(cfg->cgroup_dir_container));
	if (!strcmp(key, "lxc.cgroup.dir.monitor"))
		return set_dir(p, key, value, cfg->cgroup_dir_monitor,
			       sizeof(cfg->cgroup_dir_monitor));
	if (!strcmp(key, "lxc.cgroup.dir.monitor.pivot"))
		return set_dir(p, key, value, cfg->cgroup_dir_pivot,
			       sizeof(cfg->cgroup_dir_pivot));
	return -ENOENT;
}
