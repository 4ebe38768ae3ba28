// SPDX-License-Identifier: GPL-2.0
/*
 * lxc.net.N.KEY: the network devices of a container, one index each,
 * which net/net.c makes.  An empty value takes a key back to what it was
 * before any line, as LXC's clear.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <linux/if_link.h>

#include "config/parser.h"

/* lxc.net.N.type's words, as LXC spells them */
static const char *const type_names[] = {
	[ISO_NET_VETH] = "veth", [ISO_NET_EMPTY] = "empty",
	[ISO_NET_NONE] = "none", [ISO_NET_MACVLAN] = "macvlan",
	[ISO_NET_IPVLAN] = "ipvlan", [ISO_NET_VLAN] = "vlan",
	[ISO_NET_PHYS] = "phys",
};

const char *iso_net_type_name(enum iso_net_type type)
{
	return type < sizeof(type_names) / sizeof(type_names[0]) ?
	       type_names[type] : NULL;
}

static int net_type(struct parser *p, struct iso_cfg_net *n, const char *key,
		    const char *value)
{
	size_t i;

	for (i = 0; i < sizeof(type_names) / sizeof(type_names[0]); i++) {
		if (!type_names[i] || strcmp(value, type_names[i]))
			continue;
		n->type = i;
		return 0;
	}
	return cfg_fail(p, "%.128s: type \"%.64s\" is not veth, macvlan, ipvlan, vlan, phys, empty or none",
			key, value);
}

static int ifname(struct parser *p, const char *key, char dst[16],
		  const char *value)
{
	if (!*value || strlen(value) > 15 || strchr(value, '/') ||
	    strchr(value, ' '))
		return cfg_fail(p, "%.128s: \"%.128s\" is not an interface name", key, value);
	strcpy(dst, value);
	return 0;
}

static int net_link(struct parser *p, struct iso_cfg_net *n, const char *key,
		    const char *value)
{
	return ifname(p, key, n->link, value);
}

static int net_name(struct parser *p, struct iso_cfg_net *n, const char *key,
		    const char *value)
{
	return ifname(p, key, n->name, value);
}

static int net_veth_pair(struct parser *p, struct iso_cfg_net *n,
			 const char *key, const char *value)
{
	return ifname(p, key, n->veth_pair, value);
}

static int net_flags(struct parser *p, struct iso_cfg_net *n, const char *key,
		     const char *value)
{
	if (strcmp(value, "up") && *value)
		return cfg_fail(p, "%.128s: flag \"%.128s\" is not \"up\"", key, value);
	n->up = !strcmp(value, "up");
	return 0;
}

static int net_hwaddr(struct parser *p, struct iso_cfg_net *n, const char *key,
		      const char *value)
{
	char filled[18];

	/* a template, drawn at each load as LXC does; create keeps a draw */
	if (strlen(value) < sizeof(filled)) {
		strcpy(filled, value);
		iso_mac_fill(filled);
		value = filled;
	}
	if (iso_parse_mac(value, n->hwaddr))
		return cfg_fail(p, "%.128s: \"%.128s\" is not a unicast MAC address", key,
			    value);
	n->has_hwaddr = true;
	return 0;
}

static int net_mtu(struct parser *p, struct iso_cfg_net *n, const char *key,
		   const char *value)
{
	if (cfg_uint(p, key, value, 65535, &n->mtu) || n->mtu < 68)
		return cfg_fail(p, "%.128s: MTU \"%.128s\" is not 68 to 65535", key, value);
	return 0;
}

static int net_address(struct parser *p, struct iso_cfg_net *n,
		       const char *key, const char *value, int family)
{
	struct iso_cfg_addr a;

	if (iso_parse_cidr(value, &a) || a.family != family)
		return cfg_fail(p, "%.128s: \"%.128s\" is not an IPv%d address/prefix", key,
			    value, family == AF_INET ? 4 : 6);
	if (n->n_addrs == ISO_CFG_MAX_ADDRS)
		return cfg_fail(p, "%.128s: more than %d addresses", key,
			    ISO_CFG_MAX_ADDRS);
	n->addrs[n->n_addrs++] = a;
	return 0;
}

/* veth.ipv4.route, veth.ipv6.route: a network, as LXC's, each appended */
static int net_route(struct parser *p, struct iso_cfg_net *n, const char *key,
		     const char *value, int family)
{
	struct iso_cfg_addr a;

	if (iso_parse_cidr(value, &a) || a.family != family)
		return cfg_fail(p, "%.128s: \"%.128s\" is not an IPv%d route like %s",
				key, value, family == AF_INET ? 4 : 6,
				family == AF_INET ? "10.0.0.0/24" : "fd00::/64");
	if (n->n_routes == ISO_CFG_MAX_ADDRS)
		return cfg_fail(p, "%.128s: more than %d routes", key,
				ISO_CFG_MAX_ADDRS);
	n->routes[n->n_routes++] = a;
	return 0;
}

static int net_route4(struct parser *p, struct iso_cfg_net *n,
		      const char *key, const char *value)
{
	return net_route(p, n, key, value, AF_INET);
}

static int net_route6(struct parser *p, struct iso_cfg_net *n,
		      const char *key, const char *value)
{
	return net_route(p, n, key, value, AF_INET6);
}

static int net_ipv4(struct parser *p, struct iso_cfg_net *n, const char *key,
		    const char *value)
{
	return net_address(p, n, key, value, AF_INET);
}

static int net_ipv6(struct parser *p, struct iso_cfg_net *n, const char *key,
		    const char *value)
{
	return net_address(p, n, key, value, AF_INET6);
}

/*
 * An address, or LXC's words: "auto", the first address of the host's
 * link, found at the start; "dev", a default route with no gateway.
 */
static int net_gateway(struct parser *p, const char *key, const char *value,
		       int family, void *addr, bool *has, bool *is_auto,
		       bool *dev)
{
	*has = *is_auto = *dev = false;
	if (!strcmp(value, "auto"))
		*is_auto = true;
	else if (!strcmp(value, "dev"))
		*dev = true;
	else if (inet_pton(family, value, addr) != 1)
		return cfg_fail(p, "%.128s: \"%.128s\" is not an %s address, auto or dev",
				key, value, family == AF_INET ? "IPv4" : "IPv6");
	else
		*has = true;
	return 0;
}

static int net_gw4(struct parser *p, struct iso_cfg_net *n, const char *key,
		   const char *value)
{
	return net_gateway(p, key, value, AF_INET, &n->gw4, &n->has_gw4,
			   &n->gw4_auto, &n->gw4_dev);
}

static int net_gw6(struct parser *p, struct iso_cfg_net *n, const char *key,
		   const char *value)
{
	return net_gateway(p, key, value, AF_INET6, &n->gw6, &n->has_gw6,
			   &n->gw6_auto, &n->gw6_dev);
}

/* One of @words, as LXC spells it: its value in @values, into @out. */
static int net_word(struct parser *p, const char *key, const char *value,
		    const char *const *words, const unsigned int *values,
		    unsigned int *out)
{
	int i;

	for (i = 0; words[i]; i++) {
		if (strcmp(value, words[i]))
			continue;
		*out = values[i];
		return 0;
	}
	return cfg_fail(p, "%.128s: unknown value \"%.64s\"", key, value);
}

static int net_macvlan_mode(struct parser *p, struct iso_cfg_net *n,
			    const char *key, const char *value)
{
	static const char *const words[] = {
		"private", "vepa", "bridge", "passthru", NULL,
	};
	static const unsigned int modes[] = {
		MACVLAN_MODE_PRIVATE, MACVLAN_MODE_VEPA, MACVLAN_MODE_BRIDGE,
		MACVLAN_MODE_PASSTHRU,
	};

	return net_word(p, key, value, words, modes, &n->macvlan_mode);
}

static int net_ipvlan_mode(struct parser *p, struct iso_cfg_net *n,
			   const char *key, const char *value)
{
	static const char *const words[] = { "l3", "l3s", "l2", NULL };
	static const unsigned int modes[] = {
		IPVLAN_MODE_L3, IPVLAN_MODE_L3S, IPVLAN_MODE_L2,
	};

	return net_word(p, key, value, words, modes, &n->ipvlan_mode);
}

/* ipvlan.isolation: IPVLAN_F_* of linux/if_link.h, bridge the kernel's 0 */
static int net_ipvlan_isolation(struct parser *p, struct iso_cfg_net *n,
				const char *key, const char *value)
{
	static const char *const words[] = {
		"bridge", "private", "vepa", NULL,
	};
	static const unsigned int flags[] = {
		0, IPVLAN_F_PRIVATE, IPVLAN_F_VEPA,
	};

	return net_word(p, key, value, words, flags, &n->ipvlan_flags);
}

/* lxc.net.N.vlan.id: LXC's get_u16(). */
static int net_vlan_id(struct parser *p, struct iso_cfg_net *n,
		       const char *key, const char *value)
{
	return cfg_uint(p, key, value, 65535, &n->vlan_id);
}

static int net_script_up(struct parser *p, struct iso_cfg_net *n,
			 const char *key, const char *value)
{
	return cfg_copy(p, key, n->script_up, sizeof(n->script_up), value);
}

static int net_l2proxy(struct parser *p, struct iso_cfg_net *n,
		       const char *key, const char *value)
{
	return cfg_bool(p, key, value, &n->l2proxy);
}

static int net_script_down(struct parser *p, struct iso_cfg_net *n,
			   const char *key, const char *value)
{
	return cfg_copy(p, key, n->script_down, sizeof(n->script_down),
			value);
}

static const struct net_handler {
	const char *subkey;
	int (*set)(struct parser *p, struct iso_cfg_net *n, const char *key,
		   const char *value);
} net_keys[] = {
	{ "flags", net_flags },
	{ "hwaddr", net_hwaddr },
	{ "ipv4.address", net_ipv4 },
	{ "ipv4.gateway", net_gw4 },
	{ "ipv6.address", net_ipv6 },
	{ "ipv6.gateway", net_gw6 },
	{ "ipvlan.isolation", net_ipvlan_isolation },
	{ "ipvlan.mode", net_ipvlan_mode },
	{ "l2proxy", net_l2proxy },
	{ "link", net_link },
	{ "macvlan.mode", net_macvlan_mode },
	{ "mtu", net_mtu },
	{ "name", net_name },
	{ "script.down", net_script_down },
	{ "script.up", net_script_up },
	{ "type", net_type },
	{ "veth.ipv4.route", net_route4 },
	{ "veth.ipv6.route", net_route6 },
	{ "veth.pair", net_veth_pair },
	{ "vlan.id", net_vlan_id },
};

/* lxc.net.N.KEY = (nothing): back to what it was before any line, as LXC. */
static int clear_net_key(struct iso_cfg_net *n, const char *sub)
{
	int i, family, kept = 0;

	if (!strcmp(sub, "type"))
		n->type = ISO_NET_UNSET;
	else if (!strcmp(sub, "link"))
		n->link[0] = '\0';
	else if (!strcmp(sub, "name"))
		n->name[0] = '\0';
	else if (!strcmp(sub, "veth.pair"))
		n->veth_pair[0] = '\0';
	else if (!strcmp(sub, "hwaddr"))
		n->has_hwaddr = false;
	else if (!strcmp(sub, "flags"))
		n->up = false;
	else if (!strcmp(sub, "mtu"))
		n->mtu = 0;
	else if (!strcmp(sub, "ipv4.gateway"))
		n->has_gw4 = n->gw4_auto = n->gw4_dev = false;
	else if (!strcmp(sub, "ipv6.gateway"))
		n->has_gw6 = n->gw6_auto = n->gw6_dev = false;
	else if (!strcmp(sub, "macvlan.mode"))
		n->macvlan_mode = 0;
	else if (!strcmp(sub, "ipvlan.mode"))
		n->ipvlan_mode = IPVLAN_MODE_L2;
	else if (!strcmp(sub, "ipvlan.isolation"))
		n->ipvlan_flags = 0;
	else if (!strcmp(sub, "vlan.id"))
		n->vlan_id = 0;
	else if (!strcmp(sub, "l2proxy"))
		n->l2proxy = false;
	else if (!strcmp(sub, "script.up"))
		n->script_up[0] = '\0';
	else if (!strcmp(sub, "script.down"))
		n->script_down[0] = '\0';
	if (!strcmp(sub, "veth.ipv4.route") || !strcmp(sub, "veth.ipv6.route")) {
		family = sub[8] == '4' ? AF_INET : AF_INET6;
		for (i = 0; i < n->n_routes; i++)
			if (n->routes[i].family != family)
				n->routes[kept++] = n->routes[i];
		n->n_routes = kept;
	}
	if (strcmp(sub, "ipv4.address") && strcmp(sub, "ipv6.address"))
		return 0;
	family = sub[3] == '4' ? AF_INET : AF_INET6;
	for (i = 0; i < n->n_addrs; i++)
		if (n->addrs[i].family != family)
			n->addrs[kept++] = n->addrs[i];
	n->n_addrs = kept;
	return 0;
}

int cfg_set_net_key(struct parser *p, const char *key, const char *value)
{
	const char *sub;
	unsigned long idx;
	char *end;
	size_t i;
	int ret;

	idx = strtoul(key + strlen("lxc.net."), &end, 10);
	if (end == key + strlen("lxc.net.") || *end != '.')
		return cfg_fail(p, "unknown key \"%.128s\"", key);
	if (idx >= ISO_CFG_MAX_NETS)
		return cfg_fail(p, "%.128s: at most %d networks", key, ISO_CFG_MAX_NETS);
	sub = end + 1;
	if (p->cfg->n_nets <= (int)idx)
		p->cfg->n_nets = idx + 1;
	for (i = 0; i < sizeof(net_keys) / sizeof(net_keys[0]); i++) {
		if (strcmp(sub, net_keys[i].subkey))
			continue;
		if (!*value)
			return clear_net_key(&p->cfg->nets[idx], sub);
		return net_keys[i].set(p, &p->cfg->nets[idx], key, value);
	}
	ret = cfg_set_veth_key(p, &p->cfg->nets[idx], key, sub, value);
	if (ret != -ENOENT)
		return ret;
	return cfg_fail(p, "unknown key \"%.128s\"", key);
}
