// SPDX-License-Identifier: GPL-2.0
/*
 * lxc.net.N.ipv4.gateway = auto and ipv6.gateway = auto: the first
 * address of the host's lxc.net.N.link, as LXC's lxc_ipv4_addr_get()
 * finds it, looked up on the host before the container is made.
 */
#include <errno.h>
#include <string.h>
#include <netlink/netlink.h>
#include <netlink/route/addr.h>
#include <netlink/route/link.h>

#include "error.h"
#include "net/net.h"
#include "net/route.h"
#include "nlerr.h"

/* The first address of @family on @ifindex, in the kernel's order. */
static bool first_address(struct nl_cache *addrs, int ifindex, int family,
			  void *out)
{
	struct nl_object *obj;

	for (obj = nl_cache_get_first(addrs); obj; obj = nl_cache_get_next(obj)) {
		struct rtnl_addr *a = (struct rtnl_addr *)obj;
		struct nl_addr *local = rtnl_addr_get_local(a);

		if (rtnl_addr_get_ifindex(a) != ifindex ||
		    rtnl_addr_get_family(a) != family || !local)
			continue;
		memcpy(out, nl_addr_get_binary_addr(local),
		       family == AF_INET ? 4 : 16);
		return true;
	}
	return false;
}

static int find_one(struct nl_sock *sk, struct nl_cache *addrs,
		    const struct iso_cfg_net *net, int i,
		    struct iso_net_gateways *gw)
{
	char v = net->gw4_auto ? '4' : '6';
	struct rtnl_link *link;
	int ifindex;

	/* as LXC's lxc_find_gateway_addresses() */
	if (net->type != ISO_NET_VETH && net->type != ISO_NET_MACVLAN)
		return iso_failf(-EINVAL, "starting", "lxc.net.%d.ipv%c.gateway = auto: only a veth or a macvlan has one",
				 i, v);
	if (!net->link[0])
		return iso_failf(-EINVAL, "starting", "lxc.net.%d.ipv%c.gateway = auto without lxc.net.%d.link",
				 i, v, i);
	if (rtnl_link_get_kernel(sk, 0, net->link, &link))
		return iso_failf(-ENODEV, "starting", "lxc.net.%d.ipv%c.gateway = auto: no link %.16s",
				 i, v, net->link);
	ifindex = rtnl_link_get_ifindex(link);
	rtnl_link_put(link);
	if (net->gw4_auto && !first_address(addrs, ifindex, AF_INET, &gw->v4[i]))
		v = '4';
	else if (net->gw6_auto && !first_address(addrs, ifindex, AF_INET6, &gw->v6[i]))
		v = '6';
	else
		return 0;
	return iso_failf(-EADDRNOTAVAIL, "starting", "lxc.net.%d.ipv%c.gateway = auto: %.16s has no IPv%c address",
			 i, v, net->link, v);
}

int iso_net_gateways_find(const struct iso_config *cfg,
			  struct iso_net_gateways *gw)
{
	struct nl_cache *addrs = NULL;
	struct nl_sock *sk = NULL;
	int i, ret = 0;

	memset(gw, 0, sizeof(*gw));
	for (i = 0; !ret && i < cfg->n_nets; i++) {
		if (!cfg->nets[i].gw4_auto && !cfg->nets[i].gw6_auto)
			continue;
		if (!sk) {
			ret = iso_route_open(&sk);
			if (!ret && (ret = rtnl_addr_alloc_cache(sk, &addrs)))
				ret = iso_fail(iso_nl_errno(ret), "listing", "the host's addresses");
			if (ret)
				break;
		}
		ret = find_one(sk, addrs, &cfg->nets[i], i, gw);
	}
	if (addrs)
		nl_cache_free(addrs);
	if (sk)
		nl_socket_free(sk);
	return ret;
}

const void *iso_net_gateway(const struct iso_cfg_net *net, int n, int family,
			    const struct iso_net_gateways *gw)
{
	if (family == AF_INET)
		return net->has_gw4 ? (const void *)&net->gw4 :
		       net->gw4_auto ? (const void *)&gw->v4[n] : NULL;
	return net->has_gw6 ? (const void *)&net->gw6 :
	       net->gw6_auto ? (const void *)&gw->v6[n] : NULL;
}
