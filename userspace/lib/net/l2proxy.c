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
			int i, unsigned int *made)
{
	char text[INET6_ADDRSTRLEN];
	int link, a, ret;

	*made = 0;
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
	/* in l2 and l3 modes the host never sees what the proxy answers for */
	if (net->type == ISO_NET_IPVLAN && net->ipvlan_mode != IPVLAN_MODE_L3S)
		return iso_failf(-EINVAL, "starting:",
				 "lxc.net.%d.l2proxy needs ipvlan.mode l3s", i);
	for (a = 0; !ret && a < net->n_addrs; a++) {
		struct iso_cfg_addr whole = net->addrs[a];

		inet_ntop(whole.family, &whole.v6, text, sizeof(text));
		/* the kernel takes one there already as made: it is not ours */
		ret = iso_net_neigh_proxy_exists(sk, link, whole.family, &whole.v6);
		if (!ret)
			ret = iso_net_neigh_proxy(sk, link, whole.family, &whole.v6, true);
		if (ret < 0) {
			ret = iso_failf(iso_nl_errno(ret), "lxc.net.l2proxy: proxying",
					"%.46s on %.16s", text, net->link);
			break;
		}
		if (!ret)
			*made |= 1U << (2 * a);
		if (net->type != ISO_NET_IPVLAN) {
			ret = 0;
			continue;
		}
		/* ipvlan: l3s hands the host what is routed to it through lo */
		whole.prefix = whole.family == AF_INET ? 32 : 128;
		ret = iso_net_route_dev(sk, LOOPBACK_IFINDEX, &whole);
		if (ret)
			ret = iso_failf(iso_nl_errno(ret), "lxc.net.l2proxy: routing",
					"%.46s through lo for lxc.net.%d", text, i);
		else
			*made |= 1U << (2 * a + 1);
	}
	return ret;
}

void iso_net_l2proxy_del(struct nl_sock *sk, const struct iso_cfg_net *net,
			 unsigned int *made)
{
	char text[INET6_ADDRSTRLEN];
	int link = *made ? if_nametoindex(net->link) : 0, a, ret;

	for (a = 0; *made && a < net->n_addrs; a++) {
		struct iso_cfg_addr whole = net->addrs[a];

		inet_ntop(whole.family, &whole.v6, text, sizeof(text));
		ret = 0;
		/* no link any more: its entries went with it */
		if (link && *made & 1U << (2 * a))
			ret = iso_net_neigh_proxy(sk, link, whole.family, &whole.v6, false);
		whole.prefix = whole.family == AF_INET ? 32 : 128;
		if (*made & 1U << (2 * a + 1) && (!ret || ret == -NLE_OBJ_NOTFOUND))
			ret = iso_net_route_dev_del(sk, LOOPBACK_IFINDEX, &whole);
		if (ret && ret != -NLE_OBJ_NOTFOUND)
			iso_failf(iso_nl_errno(ret), "lxc.net.l2proxy: removing",
				  "what it made for %.46s on %.16s", text, net->link);
	}
	*made = 0;
}
