// SPDX-License-Identifier: GPL-2.0
/*
 * Container networking over rtnetlink through libnl-route-3: veth pairs
 * with one end on a host bridge, as lxc.net.N.type = veth sets them up,
 * the other types' links through links.c, and each link's setup inside.
 */
#include <errno.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <fcntl.h>
#include <sched.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <netlink/netlink.h>
#include <netlink/route/addr.h>
#include <netlink/route/link.h>
#include <netlink/route/link/bridge.h>
#include <netlink/route/link/veth.h>
#include <netlink/route/route.h>

#include "error.h"
#include "net/net.h"
#include "net/route.h"

#include "nlerr.h"

int iso_route_open(struct nl_sock **sk)
{
	int ret;

	*sk = nl_socket_alloc();
	if (!*sk)
		return iso_fail(-ENOMEM, "opening", "an rtnetlink socket");
	ret = nl_connect(*sk, NETLINK_ROUTE);
	if (ret) {
		nl_socket_free(*sk);
		*sk = NULL;
		return iso_fail(iso_nl_errno(ret), "opening", "an rtnetlink socket");
	}
	return 0;
}

const char *iso_net_inside_name(const struct iso_cfg_net *net, int i,
				char buf[IFNAMSIZ])
{
	if (net->name[0])
		return net->name;
	/* LXC's phys keeps the host's name */
	if (net->type == ISO_NET_PHYS)
		return net->link;
	snprintf(buf, IFNAMSIZ, "eth%d", i);
	return buf;
}

/* Bring @link up, with @mtu if non-zero, and optionally put it on @master. */
static int link_change(struct nl_sock *sk, struct rtnl_link *link,
		       unsigned int mtu, int master, bool up)
{
	struct rtnl_link *change = rtnl_link_alloc();
	int ret;

	if (!change)
		return -NLE_NOMEM;
	if (mtu)
		rtnl_link_set_mtu(change, mtu);
	if (master)
		rtnl_link_set_master(change, master);
	if (up)
		rtnl_link_set_flags(change, IFF_UP);
	ret = rtnl_link_change(sk, link, change, 0);
	rtnl_link_put(change);
	return ret;
}

/*
 * The bridge @name, which must exist and be a bridge, for @step: 0 with
 * a reference in @link, or a negative errno after saying why.
 */
static int get_bridge(struct nl_sock *sk, const char *name, const char *step,
		      struct rtnl_link **link)
{
	int ret = rtnl_link_get_kernel(sk, 0, name, link);

	if (ret)
		return iso_failf(ret == -NLE_OBJ_NOTFOUND ? -ENODEV : iso_nl_errno(ret),
				 step, "bridge %.16s", name);
	if (rtnl_link_is_bridge(*link))
		return 0;
	rtnl_link_put(*link);
	return iso_failf(-EINVAL, step, "bridge %.16s: not a bridge", name);
}

/* The ifindex of the bridge lxc.net.N.link names. */
static int find_bridge(struct nl_sock *sk, const char *name)
{
	struct rtnl_link *link;
	int ret = get_bridge(sk, name, "lxc.net.link", &link);

	if (ret)
		return ret;
	ret = rtnl_link_get_ifindex(link);
	rtnl_link_put(link);
	return ret;
}

static int host_routes(struct nl_sock *sk, const struct iso_cfg_net *net,
		       struct rtnl_link *link);

/* The pair is recorded in @host as soon as it exists, for the cleanup. */
static int add_veth(struct nl_sock *sk, const struct iso_cfg_net *net,
		    const void *gw4, const void *gw6, const char *peer,
		    pid_t pid, struct iso_net_host *host)
{
	const char *name = host->veth[host->n];
	struct rtnl_link *link;
	int ret, master = 0;

	/* router mode: no bridge, as LXC attaches none then */
	if (net->link[0] && !net->veth_router) {
		master = find_bridge(sk, net->link);
		if (master < 0)
			return master;
	}
	ret = iso_veth_add(sk, net, name, peer, pid);
	if (ret)
		return iso_failf(iso_nl_errno(ret), "creating veth", "%.16s", name);
	host->n++;
	ret = rtnl_link_get_kernel(sk, 0, name, &link);
	if (!ret) {
		/* its VLANs before it is up on the bridge, as LXC sets them */
		if (master && (net->veth_vlan || net->n_tagged)) {
			ret = link_change(sk, link, net->mtu, master, false);
			if (!ret)
				ret = iso_veth_vlans(sk, net, link);
			else
				ret = iso_failf(iso_nl_errno(ret), "putting veth", "%.16s on %.16s",
						name, net->link);
		}
		if (!ret) {
			ret = link_change(sk, link, net->mtu, master, true);
			if (ret)
				ret = iso_failf(iso_nl_errno(ret), "bringing up veth",
						"%.16s on %.16s", name,
						master ? net->link : "no bridge");
		}
		if (!ret)
			ret = host_routes(sk, net, link);
		if (!ret)
			ret = iso_veth_router(sk, net, gw4, gw6, link);
		rtnl_link_put(link);
		return ret;
	}
	return iso_failf(iso_nl_errno(ret), "finding veth", "%.16s", name);
}

static bool has_type(const struct iso_config *cfg, enum iso_net_type type)
{
	int i;

	for (i = 0; i < cfg->n_nets; i++)
		if (cfg->nets[i].type == type)
			return true;
	return false;
}

/* A link the host makes or lends: what lxc.net.N.link is about. */
static bool has_host_side(const struct iso_cfg_net *net)
{
	return net->type == ISO_NET_VETH || net->type >= ISO_NET_MACVLAN;
}

static bool has_down_script(const struct iso_config *cfg)
{
	int i;

	for (i = 0; i < cfg->n_nets; i++)
		if (cfg->nets[i].script_down[0])
			return true;
	return false;
}

/*
 * none shares the host's network namespace, where no other type's link
 * belongs: LXC shares it only when none is the one type.
 */
int iso_net_check(const struct iso_config *cfg)
{
	int i, none = -1;

	for (i = 0; i < cfg->n_nets; i++)
		if (cfg->nets[i].type == ISO_NET_NONE)
			none = i;
	for (i = 0; none >= 0 && i < cfg->n_nets; i++)
		if (cfg->nets[i].type != ISO_NET_NONE &&
		    cfg->nets[i].type != ISO_NET_UNSET)
			return iso_failf(-EINVAL, "starting", "lxc.net.%d with lxc.net.%d.type = none, which shares the host's network",
					 i, none);
	for (i = 0; i < cfg->n_nets; i++)
		if (iso_veth_check(&cfg->nets[i], i))
			return -EINVAL;
	return 0;
}

void iso_net_host_name(const struct iso_cfg_net *net, int i, pid_t pid,
		       char name[IFNAMSIZ])
{
	if (net->veth_pair[0])
		snprintf(name, IFNAMSIZ, "%.15s", net->veth_pair);
	else	/* PID_MAX_LIMIT is 2^22: "veth" 7 digits "_" 1 digit fit */
		snprintf(name, IFNAMSIZ, "veth%u_%u",
			 (unsigned int)pid % 10000000, (unsigned int)i % 10);
}

int iso_net_create(const struct iso_config *cfg,
		   const struct iso_net_gateways *gw, pid_t pid,
		   struct iso_net_host *host)
{
	const struct iso_cfg_net *net;
	struct nl_sock *sk = NULL;
	char name[IFNAMSIZ];
	const char *inside;
	int i, ret = 0;

	memset(host, 0, sizeof(*host));
	/* the down scripts see the veths' host ends: init's end is not theirs */
	if (has_down_script(cfg))
		ret = iso_net_hold(pid, host);
	for (i = 0; !ret && i < cfg->n_nets; i++) {
		net = &cfg->nets[i];
		inside = iso_net_inside_name(net, i, name);
		if ((has_host_side(net) || (net->l2proxy && net->link[0])) && !sk)
			ret = iso_route_open(&sk);
		if (ret)
			break;
		/* before its link, as LXC's lxc_create_network_priv() */
		ret = iso_net_l2proxy_add(sk, net, i, &host->l2proxy[i]);
		if (ret)
			break;
		if (net->type == ISO_NET_VETH) {
			iso_net_host_name(net, i, pid, host->veth[host->n]);
			ret = add_veth(sk, net, iso_net_gateway(net, i, AF_INET, gw),
				       iso_net_gateway(net, i, AF_INET6, gw),
				       inside, pid, host);
		} else if (net->type == ISO_NET_PHYS) {
			/* lent once the up scripts have seen it on the host */
			ret = iso_net_check_phys(sk, net, i);
		} else if (net->type >= ISO_NET_MACVLAN) {
			ret = iso_net_add_sublink(sk, net, i, inside, pid);
		}
		/* as LXC's ifindex: what its down script is run for */
		host->made[i] = !ret && net->type != ISO_NET_UNSET &&
				net->type != ISO_NET_NONE;
	}
	if (sk)
		nl_socket_free(sk);
	if (ret)
		iso_net_destroy(cfg, host);
	return ret;
}

void iso_net_destroy(const struct iso_config *cfg, struct iso_net_host *host)
{
	struct rtnl_link *link;
	struct nl_sock *sk;
	bool proxied = false;
	int i;

	if (host->n_phys)
		iso_net_give_back(cfg, host);
	/* what held the namespace, now that nothing in it is wanted */
	if (host->inside)
		nl_socket_free(host->inside);
	host->inside = NULL;
	for (i = 0; i < cfg->n_nets && !proxied; i++)
		proxied = host->l2proxy[i] != 0;
	if ((!host->n && !proxied) || iso_route_open(&sk))
		return;
	for (i = 0; i < cfg->n_nets; i++)
		iso_net_l2proxy_del(sk, &cfg->nets[i], &host->l2proxy[i]);
	for (i = 0; i < host->n; i++) {
		if (rtnl_link_get_kernel(sk, 0, host->veth[i], &link))
			continue;	/* gone with the namespace */
		rtnl_link_delete(sk, link);
		rtnl_link_put(link);
	}
	host->n = 0;
	nl_socket_free(sk);
}

static struct nl_addr *addr_of(const struct iso_cfg_addr *a)
{
	struct nl_addr *addr;

	if (a->family == AF_INET)
		addr = nl_addr_build(AF_INET, &a->v4, sizeof(a->v4));
	else
		addr = nl_addr_build(AF_INET6, &a->v6, sizeof(a->v6));
	if (addr)
		nl_addr_set_prefixlen(addr, a->prefix);
	return addr;
}

static int add_address(struct nl_sock *sk, int ifindex,
		       const struct iso_cfg_addr *a)
{
	struct rtnl_addr *ra = rtnl_addr_alloc();
	struct nl_addr *local = addr_of(a);
	int ret = -NLE_NOMEM;

	if (ra && local) {
		rtnl_addr_set_ifindex(ra, ifindex);
		rtnl_addr_set_local(ra, local);
		ret = rtnl_addr_add(sk, ra, 0);
	}
	nl_addr_put(local);
	rtnl_addr_put(ra);
	return ret;
}

/* A default route through @gw (AF_INET or AF_INET6) on @ifindex. */
static int add_gateway(struct nl_sock *sk, int ifindex, int family,
		       const void *gw)
{
	struct rtnl_route *route = rtnl_route_alloc();
	struct rtnl_nexthop *nh = rtnl_route_nh_alloc();
	size_t len = family == AF_INET ? 4 : 16;
	struct nl_addr *dst = nl_addr_build(family, NULL, 0);
	struct nl_addr *via = nl_addr_build(family, gw, len);
	int ret = -NLE_NOMEM;

	if (route && nh && dst && via) {
		rtnl_route_set_family(route, family);
		rtnl_route_set_dst(route, dst);
		rtnl_route_nh_set_ifindex(nh, ifindex);
		rtnl_route_nh_set_gateway(nh, via);
		rtnl_route_add_nexthop(route, nh);
		nh = NULL;	/* the route owns it now */
		ret = rtnl_route_add(sk, route, 0);
	}
	if (nh)
		rtnl_route_nh_free(nh);
	nl_addr_put(dst);
	nl_addr_put(via);
	rtnl_route_put(route);
	return ret;
}

/* A link-scope route to @to through @ifindex, or NULL: no memory. */
static struct rtnl_route *route_dev(int ifindex, const struct iso_cfg_addr *to)
{
	struct rtnl_route *route = rtnl_route_alloc();
	struct rtnl_nexthop *nh = rtnl_route_nh_alloc();
	struct nl_addr *dst = addr_of(to);

	if (route && nh && dst) {
		rtnl_route_set_family(route, to->family);
		rtnl_route_set_table(route, RT_TABLE_MAIN);
		rtnl_route_set_scope(route, RT_SCOPE_LINK);
		rtnl_route_set_protocol(route, RTPROT_BOOT);
		rtnl_route_set_type(route, RTN_UNICAST);
		rtnl_route_set_dst(route, dst);
		rtnl_route_nh_set_ifindex(nh, ifindex);
		rtnl_route_add_nexthop(route, nh);
		nh = NULL;	/* the route owns it now */
	} else {
		rtnl_route_put(route);
		route = NULL;
	}
	if (nh)
		rtnl_route_nh_free(nh);
	nl_addr_put(dst);
	return route;
}

int iso_net_route_dev(struct nl_sock *sk, int ifindex,
		      const struct iso_cfg_addr *to)
{
	struct rtnl_route *route = route_dev(ifindex, to);
	int ret = route ? rtnl_route_add(sk, route, NLM_F_EXCL) : -NLE_NOMEM;

	rtnl_route_put(route);
	return ret;
}

int iso_net_route_dev_del(struct nl_sock *sk, int ifindex,
			  const struct iso_cfg_addr *to)
{
	struct rtnl_route *route = route_dev(ifindex, to);
	int ret = route ? rtnl_route_delete(sk, route, 0) : -NLE_NOMEM;

	rtnl_route_put(route);
	return ret;
}

/*
 * veth.ipv4.route and .ipv6.route: each network through the host's end,
 * as LXC's lxc_ip_route_dest() adds them; they go with the veth.
 */
static int host_routes(struct nl_sock *sk, const struct iso_cfg_net *net,
		       struct rtnl_link *link)
{
	char text[INET6_ADDRSTRLEN + 8];
	int i, ret;

	for (i = 0; i < net->n_routes; i++) {
		ret = iso_net_route_dev(sk, rtnl_link_get_ifindex(link),
					&net->routes[i]);
		if (ret) {
			inet_ntop(net->routes[i].family, &net->routes[i].v6,
				  text, sizeof(text));
			return iso_failf(iso_nl_errno(ret), "adding veth route",
					 "%.64s/%u via %.16s", text,
					 net->routes[i].prefix,
					 rtnl_link_get_name(link));
		}
	}
	return 0;
}

static int set_hwaddr(struct nl_sock *sk, struct rtnl_link *link,
		      const uint8_t mac[6])
{
	struct rtnl_link *change = rtnl_link_alloc();
	struct nl_addr *addr = nl_addr_build(AF_LLC, mac, 6);
	int ret = -NLE_NOMEM;

	if (change && addr) {
		rtnl_link_set_addr(change, addr);
		ret = rtnl_link_change(sk, link, change, 0);
	}
	nl_addr_put(addr);
	rtnl_link_put(change);
	return ret;
}

static int configure_link(struct nl_sock *sk, const struct iso_cfg_net *net,
			  const char *name, int *ifindex)
{
	struct rtnl_link *link;
	int ret;

	ret = rtnl_link_get_kernel(sk, 0, name, &link);
	if (ret)
		return iso_failf(iso_nl_errno(ret), "finding", "%.16s in the container", name);
	*ifindex = rtnl_link_get_ifindex(link);
	ret = net->has_hwaddr ? set_hwaddr(sk, link, net->hwaddr) : 0;
	if (ret)
		iso_failf(iso_nl_errno(ret), "lxc.net.hwaddr", "setting %.16s's", name);
	else
		ret = link_change(sk, link, net->mtu, 0, net->up);
	rtnl_link_put(link);
	return ret ? iso_failf(iso_nl_errno(ret), "bringing up", "%.16s", name) : 0;
}

/* Whether one of @net's addresses has @gw in its network. */
static bool on_link(const struct iso_cfg_net *net, int family, const void *gw)
{
	const uint8_t *g = gw;
	unsigned int bits, b;
	int i;

	if (family == AF_INET6 && IN6_IS_ADDR_LINKLOCAL((const struct in6_addr *)gw))
		return true;
	for (i = 0; i < net->n_addrs; i++) {
		const uint8_t *a = (const uint8_t *)&net->addrs[i].v6;

		if (net->addrs[i].family != family)
			continue;
		bits = net->addrs[i].prefix;
		for (b = 0; b < bits; b++)
			if ((a[b / 8] ^ g[b / 8]) & (0x80 >> (b % 8)))
				break;
		if (b == bits)
			return true;
	}
	return false;
}

/*
 * A default route through @gw; one off the addresses' networks (veth.mode
 * router's) first gets a route of its own on the link, as LXC adds it.
 */
static int add_default(struct nl_sock *sk, const struct iso_cfg_net *net,
		       int ifindex, int family, const void *gw)
{
	struct iso_cfg_addr to = { .family = family };
	int ret;

	if (!on_link(net, family, gw)) {
		memcpy(&to.v6, gw, family == AF_INET ? 4 : 16);
		to.prefix = family == AF_INET ? 32 : 128;
		ret = iso_net_route_dev(sk, ifindex, &to);
		if (ret)
			return ret;
	}
	return add_gateway(sk, ifindex, family, gw);
}

/* lxc.net.@n's default route of @family: through its gateway, or dev. */
static int add_gateway_of(struct nl_sock *sk, const struct iso_cfg_net *net,
			  const struct iso_net_gateways *gw, int n, int family,
			  int ifindex, const char *name)
{
	const void *via = iso_net_gateway(net, n, family, gw);
	bool dev = family == AF_INET ? net->gw4_dev : net->gw6_dev;
	struct iso_cfg_addr any = { .family = family, .prefix = 0 };
	int ret = 0;

	if (via)
		ret = add_default(sk, net, ifindex, family, via);
	else if (dev)	/* no gateway: a route through the link */
		ret = iso_net_route_dev(sk, ifindex, &any);
	if (ret)
		return iso_failf(iso_nl_errno(ret), family == AF_INET ?
				 "lxc.net.ipv4.gateway" : "lxc.net.ipv6.gateway",
				 "via %.16s", name);
	return 0;
}

static int setup_one(struct nl_sock *sk, const struct iso_cfg_net *net,
		     const struct iso_net_gateways *gw, int n,
		     const char *name)
{
	int i, ifindex = 0, ret = configure_link(sk, net, name, &ifindex);

	if (ret)
		return ret;
	for (i = 0; i < net->n_addrs; i++) {
		ret = add_address(sk, ifindex, &net->addrs[i]);
		if (ret)
			return iso_failf(iso_nl_errno(ret), "lxc.net.ipv4/ipv6.address",
					 "adding address %d to %.16s", i, name);
	}
	ret = add_gateway_of(sk, net, gw, n, AF_INET, ifindex, name);
	return ret ? ret : add_gateway_of(sk, net, gw, n, AF_INET6, ifindex, name);
}

int iso_net_setup_inside(const struct iso_config *cfg,
			 const struct iso_net_gateways *gw)
{
	struct rtnl_link *lo;
	char buf[IFNAMSIZ];
	struct nl_sock *sk;
	int i, ret;

	if (has_type(cfg, ISO_NET_NONE))
		return 0;	/* the host's own network: leave it be */
	ret = iso_route_open(&sk);
	if (ret)
		return ret;
	/* a new namespace's first device: no need to ask for it */
	lo = rtnl_link_alloc();
	if (!lo) {
		nl_socket_free(sk);
		return iso_fail(-ENOMEM, "bringing up", "lo");
	}
	rtnl_link_set_ifindex(lo, LOOPBACK_IFINDEX);
	ret = link_change(sk, lo, 0, 0, true);
	rtnl_link_put(lo);
	if (ret)
		ret = iso_fail(iso_nl_errno(ret), "bringing up", "lo");
	for (i = 0; !ret && i < cfg->n_nets; i++)
		if (has_host_side(&cfg->nets[i]))
			ret = setup_one(sk, &cfg->nets[i], gw, i,
					iso_net_inside_name(&cfg->nets[i], i, buf));
	nl_socket_free(sk);
	return ret;
}

int iso_bridge_add(const char *name)
{
	struct rtnl_link *link;
	struct nl_sock *sk;
	int ret = iso_route_open(&sk);

	if (ret)
		return ret;
	/* not rtnl_link_bridge_add(): without NLM_F_EXCL, it never says EEXIST */
	link = rtnl_link_bridge_alloc();
	if (!link) {
		nl_socket_free(sk);
		return iso_fail(-ENOMEM, "adding bridge", name);
	}
	rtnl_link_set_name(link, name);
	/* up from its creation, as "ip link add NAME up type bridge" */
	rtnl_link_set_flags(link, IFF_UP);
	ret = rtnl_link_add(sk, link, NLM_F_CREATE | NLM_F_EXCL);
	rtnl_link_put(link);
	nl_socket_free(sk);
	return ret ? iso_fail(iso_nl_errno(ret), "adding bridge", name) : 0;
}

int iso_bridge_del(const char *name)
{
	struct rtnl_link *link;
	struct nl_sock *sk;
	int ret = iso_route_open(&sk);

	if (ret)
		return ret;
	ret = get_bridge(sk, name, "deleting", &link);
	if (!ret) {
		ret = rtnl_link_delete(sk, link);
		if (ret)
			ret = iso_fail(iso_nl_errno(ret), "deleting bridge", name);
		rtnl_link_put(link);
	}
	nl_socket_free(sk);
	return ret;
}

struct bridge_walk {
	struct nl_cache *cache;
	FILE *out;
	int bridge;
	int ports;
};

static void print_port(struct nl_object *obj, void *arg)
{
	struct rtnl_link *link = (struct rtnl_link *)obj;
	struct bridge_walk *w = arg;

	if (rtnl_link_get_master(link) != w->bridge)
		return;
	fprintf(w->out, "%.1s%.16s", w->ports++ ? " " : "", rtnl_link_get_name(link));
}

static void print_bridge(struct nl_object *obj, void *arg)
{
	struct rtnl_link *link = (struct rtnl_link *)obj;
	struct bridge_walk *w = arg;

	if (!rtnl_link_is_bridge(link))
		return;
	fprintf(w->out, "%-16s %-5s ", rtnl_link_get_name(link),
		rtnl_link_get_flags(link) & IFF_UP ? "up" : "down");
	w->bridge = rtnl_link_get_ifindex(link);
	w->ports = 0;
	nl_cache_foreach(w->cache, print_port, w);
	fputc('\n', w->out);
}

int iso_bridge_list(FILE *out)
{
	struct bridge_walk w = { .out = out };
	struct nl_sock *sk;
	int ret = iso_route_open(&sk);

	if (ret)
		return ret;
	ret = rtnl_link_alloc_cache(sk, AF_UNSPEC, &w.cache);
	if (ret) {
		nl_socket_free(sk);
		return iso_fail(iso_nl_errno(ret), "listing", "links");
	}
	fprintf(out, "%-16s %-5s %.5s\n", "BRIDGE", "STATE", "PORTS");
	nl_cache_foreach(w.cache, print_bridge, &w);
	nl_cache_free(w.cache);
	nl_socket_free(sk);
	return 0;
}

int iso_net_link_bytes(const char *name, uint64_t *rx, uint64_t *tx)
{
	struct rtnl_link *link;
	struct nl_sock *sk;
	int ret = iso_route_open(&sk);

	if (ret)
		return ret;
	ret = rtnl_link_get_kernel(sk, 0, name, &link);
	if (!ret) {
		*rx = rtnl_link_get_stat(link, RTNL_LINK_RX_BYTES);
		*tx = rtnl_link_get_stat(link, RTNL_LINK_TX_BYTES);
		rtnl_link_put(link);
	}
	nl_socket_free(sk);
	return ret ? iso_nl_errno(ret) : 0;
}

struct addr_walk {
	FILE *out;
	int lo;
};

static void print_addr(struct nl_object *obj, void *arg)
{
	struct rtnl_addr *addr = (struct rtnl_addr *)obj;
	struct addr_walk *w = arg;
	char buf[INET6_ADDRSTRLEN + 8];
	struct nl_addr *local = rtnl_addr_get_local(addr);

	if (!local || rtnl_addr_get_ifindex(addr) == w->lo ||
	    rtnl_addr_get_scope(addr) != RT_SCOPE_UNIVERSE)
		return;
	nl_addr2str(local, buf, sizeof(buf));
	buf[strcspn(buf, "/")] = '\0';
	fprintf(w->out, "%.*s\n", (int)sizeof(buf), buf);
}

/* In a child that joined the namespace: this process stays where it is. */
static void list_in(int nsfd, int out)
{
	struct addr_walk w = { .lo = 1 };
	struct nl_cache *cache;
	struct nl_sock *sk;

	w.out = fdopen(out, "w");
	if (!w.out || setns(nsfd, CLONE_NEWNET) || iso_route_open(&sk) ||
	    rtnl_addr_alloc_cache(sk, &cache))
		_exit(1);
	nl_cache_foreach(cache, print_addr, &w);
	fclose(w.out);
	_exit(0);
}

int iso_net_addresses(pid_t pid, char *buf, size_t size)
{
	char path[64];
	int nsfd, pipefd[2], status;
	ssize_t n, used = 0;
	pid_t child;

	snprintf(path, sizeof(path), "/proc/%d/ns/net", (int)pid);
	nsfd = open(path, O_RDONLY | O_CLOEXEC);
	if (nsfd < 0)
		return -errno;
	if (pipe2(pipefd, O_CLOEXEC)) {
		close(nsfd);
		return -errno;
	}
	fflush(NULL);
	child = fork();
	if (!child)
		list_in(nsfd, pipefd[1]);
	close(pipefd[1]);
	close(nsfd);
	while (child > 0 && (size_t)used + 1 < size &&
	       (n = read(pipefd[0], buf + used, size - used - 1)) > 0)
		used += n;
	buf[used] = '\0';
	close(pipefd[0]);
	if (child < 0 || waitpid(child, &status, 0) < 0)
		return -errno;
	return WIFEXITED(status) && !WEXITSTATUS(status) ? 0 : -EIO;
}
