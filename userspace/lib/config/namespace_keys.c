// SPDX-License-Identifier: GPL-2.0
/*
 * lxc.namespace.clone, .keep and .share.NS: which namespaces a container
 * gets of its own, which it keeps of the host's, and which it joins of
 * another's (runtime/namespaces.c), as LXC 5.0.2's confile.c reads them.
 */
#include <errno.h>
#include <sched.h>
#include <string.h>

#include "config/parser.h"

/* LXC's names, in its order; share.NS indexes this table. */
const struct iso_namespace iso_namespaces[ISO_NS_COUNT] = {
	{ "user", CLONE_NEWUSER }, { "mnt", CLONE_NEWNS },
	{ "pid", CLONE_NEWPID }, { "uts", CLONE_NEWUTS },
	{ "ipc", CLONE_NEWIPC }, { "net", CLONE_NEWNET },
	{ "cgroup", CLONE_NEWCGROUP }, { "time", CLONE_NEWTIME },
};

static int ns_index(const char *name)
{
	int i;

	for (i = 0; i < ISO_NS_COUNT; i++)
		if (!strcmp(name, iso_namespaces[i].name))
			return i;
	return -1;
}

/* Space-separated names into CLONE_NEW* flags: 0, or -EINVAL said. */
static int ns_flags(struct parser *p, const char *key, const char *value,
		    unsigned long *flags)
{
	char buf[ISO_CFG_VALUE_MAX], *word, *save = NULL;
	int i;

	if (cfg_copy(p, key, buf, sizeof(buf), value))
		return -EINVAL;
	for (word = strtok_r(buf, " \t", &save); word;
	     word = strtok_r(NULL, " \t", &save)) {
		i = ns_index(word);
		if (i < 0)
			return cfg_fail(p, "%.128s: \"%.64s\" is not a namespace",
					key, word);
		*flags |= iso_namespaces[i].flag;
	}
	return 0;
}

/* clone and keep each other out, as in LXC; each line adds its names. */
static int set_clone_keep(struct parser *p, const char *key, const char *value,
			  unsigned long *set, unsigned long other)
{
	if (!*value) {
		*set = 0;
		return 0;
	}
	if (other)
		return cfg_fail(p, "%.128s: lxc.namespace.clone and .keep cannot both be set",
				key);
	return ns_flags(p, key, value, set);
}

int cfg_set_namespace_key(struct parser *p, const char *key, const char *value)
{
	struct iso_config *cfg = p->cfg;
	const char *ns;
	int i;

	if (!strcmp(key, "lxc.namespace.clone"))
		return set_clone_keep(p, key, value, &cfg->ns_clone,
				      cfg->ns_keep);
	if (!strcmp(key, "lxc.namespace.keep"))
		return set_clone_keep(p, key, value, &cfg->ns_keep,
				      cfg->ns_clone);
	if (strncmp(key, "lxc.namespace.share.", 20))
		return -ENOENT;
	ns = key + 20;
	i = ns_index(ns);
	if (i < 0)
		return cfg_fail(p, "unknown key \"%.128s\": no such namespace", key);
	return cfg_copy(p, key, cfg->ns_share[i], sizeof(cfg->ns_share[i]),
			value);
}
