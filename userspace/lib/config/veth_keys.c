// SPDX-License-Identifier: GPL-2.0
/*
 * lxc.net.N.veth.mode, .veth.n_rxqueues, .veth.n_txqueues, .veth.vlan.id
 * and .veth.vlan.tagged.id, checked as LXC 5.0.2's confile.c checks them
 * (net/net.c applies them).  Whether they fit the link is checked at
 * start, as LXC's validate_veth() does.
 */
#include <errno.h>
#include <limits.h>
#include <string.h>

#include "config/parser.h"

static int veth_mode(struct parser *p, struct iso_cfg_net *n, const char *key,
		     const char *value)
{
	if (!strcmp(value, "bridge") || !strcmp(value, "router")) {
		n->veth_router = value[0] == 'r';
		return 0;
	}
	return cfg_fail(p, "%.128s: unknown value \"%.64s\"", key, value);
}

/* A positive count, as LXC's lxc_safe_int() and "> 0". */
static int queues(struct parser *p, const char *key, const char *value,
		  unsigned int *n)
{
	if (cfg_uint(p, key, value, INT_MAX, n))
		return -EINVAL;
	if (!*n)
		return cfg_fail(p, "%.128s: \"%.64s\" is not a positive count", key, value);
	return 0;
}

/* 1 to 4094, the ids a bridge port takes; "none" for the untagged one. */
static int vlan(struct parser *p, const char *key, const char *value,
		bool none, int *id)
{
	unsigned int n;

	if (none && !strcmp(value, "none")) {
		*id = ISO_VLAN_NONE;
		return 0;
	}
	if (cfg_uint(p, key, value, 4094, &n) || !n)
		return cfg_fail(p, "%.128s: \"%.64s\" is not a VLAN id from 1 to 4094",
				key, value);
	*id = n;
	return 0;
}

static int veth_tagged(struct parser *p, struct iso_cfg_net *n,
		       const char *key, const char *value)
{
	int id;

	if (vlan(p, key, value, false, &id))
		return -EINVAL;
	if (n->n_tagged == ISO_CFG_MAX_TAGGED)
		return cfg_fail(p, "%.128s: more than %d tagged VLANs", key,
				ISO_CFG_MAX_TAGGED);
	n->tagged[n->n_tagged++] = id;
	return 0;
}

int cfg_set_veth_key(struct parser *p, struct iso_cfg_net *n, const char *key,
		     const char *sub, const char *value)
{
	bool clear = !*value;

	if (!strcmp(sub, "veth.mode")) {
		if (clear)
			n->veth_router = false;
		return clear ? 0 : veth_mode(p, n, key, value);
	}
	if (!strcmp(sub, "veth.n_rxqueues") || !strcmp(sub, "veth.n_txqueues")) {
		unsigned int *q = !strcmp(sub, "veth.n_rxqueues") ?
				  &n->veth_rxqueues : &n->veth_txqueues;

		if (clear)
			*q = 0;
		return clear ? 0 : queues(p, key, value, q);
	}
	if (!strcmp(sub, "veth.vlan.id")) {
		if (clear)
			n->veth_vlan = ISO_VLAN_UNSET;
		return clear ? 0 : vlan(p, key, value, true, &n->veth_vlan);
	}
	if (!strcmp(sub, "veth.vlan.tagged.id")) {
		if (clear)
			n->n_tagged = 0;
		return clear ? 0 : veth_tagged(p, n, key, value);
	}
	return -ENOENT;
}
