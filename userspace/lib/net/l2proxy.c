// SPDX-License-Identifier: GPL-2.0
/*
 * lxc.net.N.l2proxy, as LXC 5.0.2's network.c does it: the host answers
 * ARP and NDP for the container's addresses on lxc.net.N.link, so that
 * the link's network reaches a container that is routed, not bridged.
 * The host must forward (and, for IPv6, proxy NDP) on that link: LXC
 * checks those sysctls and so does isoctl; it does not set them.  An
 * ipvlan link also needs each address routed through lo, and mode l3s.
 */
#include <errno.h>
#include <stdio.h>
#include <arpa/inet.h>
#include <linux/if_link.h>
#include <net/if.h>

#include "error.h"
#include "net/route.h"
#include "nlerr.h"

static int needs_sysctl(const struct iso_cfg_net *net, int i, int family,
			const char *file)
{
	const char *v = family == AF_INET ? "ipv4" : "ipv6";
	int a;

	for (a = 0; a < net->n_addrs; a++)
		if (net->addrs[a].family == family)
			break;
	if (a == net->n_addrs || iso_net_sysctl_is_on(family, net->link, file))
		return 0;
	return iso_failf(-EINVAL, "starting:", "lxc.net.%d.l2proxy needs net.%s.conf.%.16s.%s = 1",
			 i, v, net->link, file);
}

int iso_net_l2proxy_add(struct nl_sock *sk, const struct iso_cfg_net *net,
			int i)
{
	char text[INET6_ADDRSTRLEN];
	int link, lo = 0, a, ret;

	if (!net->l2proxy || !net->link[0])
		return 0;
	link = if_nametoindex(net->link);
	if (!link)
		return iso_failf(-errno, "lxc.net.l2proxy: finding", "lxc.net.%d.link %.16s",
				 i, net->link);
	ret = needs_sysctl(net, i, AF_INET, "forwarding");
	if (!ret)
		ret = needs_sysctl(net, i, AF_INET6, "proxy_ndp");
	if (!ret)
		ret = needs_sysctl(net, i, AF_INET6, "forwarding");
	if (ret)
		return ret;
	if (net->type == ISO_NET_IPVLAN) {
		/* in l2 and l3 modes the host never sees what the proxy answers for */
		if (net->ipvlan_mode != IPVLAN_MODE_L3S)
			return iso_failf(-EINVAL, "starting:",
					 "lxc.net.%d.l2proxy needs ipvlan.mode l3s", i);
		lo = if_nametoindex("lo");
	}
	for (a = 0; a < net->n_addrs; a++) {
		struct iso_cfg_addr whole = net->addrs[a];

		ret = iso_net_neigh_proxy(sk, link, whole.family, &whole.v6, true);
		/* ipvlan: l3s hands the host what is routed to it through lo */
		whole.prefix = whole.family == AF_INET ? 32 : 128;
		if (!ret && lo)
			ret = iso_net_route_dev(sk, lo, &whole);
		if (ret) {
			inet_ntop(whole.family, &whole.v6, text, sizeof(text));
			return iso_failf(iso_nl_errno(ret), "lxc.net.l2proxy: proxying",
					 "%.46s on %.16s", text, net->link);
		}
	}
	return 0;
}

void iso_net_l2proxy_del(struct nl_sock *sk, const struct iso_cfg_net *net)
{
	int link, lo = 0, a;

	if (!net->l2proxy || !net->link[0])
		return;
	link = if_nametoindex(net->link);
	if (net->type == ISO_NET_IPVLAN)
		lo = if_nametoindex("lo");
	for (a = 0; a < net->n_addrs; a++) {
		struct iso_cfg_addr whole = net->addrs[a];

		if (link)
			iso_net_neigh_proxy(sk, link, whole.family, &whole.v6, false);
		whole.prefix = whole.family == AF_INET ? 32 : 128;
		if (lo)
			iso_net_route_dev_del(sk, lo, &whole);
	}
}
