// SPDX-License-Identifier: GPL-2.0
/*
 * lxc.hook.TYPE = COMMAND: each line adds a command to run at that point
 * of the container's life (runtime/hooks.c runs them), and an empty one
 * clears the type's, as "lxc.hook =" clears them all.  lxc.hook.version
 * says how a hook is told what it runs for: 0, LXC's arguments, or 1,
 * its environment.
 */
#include <errno.h>
#include <string.h>

#include "config/parser.h"

static const char *const hook_names[ISO_HOOK_TYPES] = {
	[ISO_HOOK_PRE_START] = "pre-start",
	[ISO_HOOK_PRE_MOUNT] = "pre-mount",
	[ISO_HOOK_MOUNT] = "mount",
	[ISO_HOOK_AUTODEV] = "autodev",
	[ISO_HOOK_START_HOST] = "start-host",
	[ISO_HOOK_START] = "start",
	[ISO_HOOK_STOP] = "stop",
	[ISO_HOOK_POST_STOP] = "post-stop",
	[ISO_HOOK_CLONE] = "clone",
	[ISO_HOOK_DESTROY] = "destroy",
};

const char *iso_hook_name(enum iso_hook_type type)
{
	return type < ISO_HOOK_TYPES ? hook_names[type] : "?";
}

/* Every hook of @type, or of every type for ISO_HOOK_TYPES. */
static void clear_hooks(struct iso_config *cfg, enum iso_hook_type type)
{
	int i, kept = 0;

	for (i = 0; i < cfg->n_hooks; i++)
		if (type != ISO_HOOK_TYPES && cfg->hooks[i].type != type)
			cfg->hooks[kept++] = cfg->hooks[i];
	cfg->n_hooks = kept;
}

static int add_hook(struct parser *p, const char *key, enum iso_hook_type type,
		    const char *cmd)
{
	struct iso_config *cfg = p->cfg;

	if (!*cmd) {
		clear_hooks(cfg, type);
		return 0;
	}
	if (cfg->n_hooks == ISO_CFG_MAX_HOOKS)
		return cfg_fail(p, "%.128s: more than %d hooks", key,
				ISO_CFG_MAX_HOOKS);
	cfg->hooks[cfg->n_hooks].type = type;
	if (cfg_copy(p, key, cfg->hooks[cfg->n_hooks].cmd,
		     sizeof(cfg->hooks[0].cmd), cmd))
		return -EINVAL;
	cfg->n_hooks++;
	return 0;
}

int cfg_set_hook_key(struct parser *p, const char *key, const char *value)
{
	const char *type;
	int i;

	if (!strcmp(key, "lxc.hook")) {
		if (cfg_clear_only(p, key, value))
			return -EINVAL;
		clear_hooks(p->cfg, ISO_HOOK_TYPES);
		return 0;
	}
	if (!strcmp(key, "lxc.hook.version")) {
		if (!*value) {
			p->cfg->hook_version = 0;
			return 0;
		}
		return cfg_uint(p, key, value, 1, &p->cfg->hook_version);
	}
	if (strncmp(key, "lxc.hook.", 9))
		return -ENOENT;
	type = key + 9;
	for (i = 0; i < ISO_HOOK_TYPES; i++)
		if (!strcmp(type, hook_names[i]))
			return add_hook(p, key, i, value);
	return -ENOENT;
}
