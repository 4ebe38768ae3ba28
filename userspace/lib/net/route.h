/* SPDX-License-Identifier: GPL-2.0 */
#ifndef ISO_NET_ROUTE_H
#define ISO_NET_ROUTE_H

/* Inside lib/net: the rtnetlink helpers its files share. */
#include <netlink/netlink.h>
#include <netlink/route/link.h>
#include <stdbool.h>

#include "config/config.h"

/* lo's ifindex, in every network namespace (include/net/flow.h) */
#define LOOPBACK_IFINDEX 1

/* An rtnetlink socket in our network namespace: 0, or -errno, said. */
int iso_route_open(struct nl_sock **sk);

/* A macvlan, ipvlan or vlan link on lxc.net.@i.link, made in @pid's netns. */
int iso_net_add_sublink(struct nl_sock *sk, const struct iso_cfg_net *net,
			int i, const char *name, pid_t pid);

struct iso_net_host;

/* lxc.net.@i.link, a phys, is on the host: 0, or said. */
int iso_net_check_phys(struct nl_sock *sk, const struct iso_cfg_net *net,
		       int i);

/*
 * @host->inside, a socket in @pid's network namespace, which holds it
 * until iso_net_destroy(): 0, or said.
 */
int iso_net_hold(pid_t pid, struct iso_net_host *host);

/* A link-scope route to @to through @ifindex: 0 or an -NLE_* error. */
int iso_net_route_dev(struct nl_sock *sk, int ifindex,
		      const struct iso_cfg_addr *to);

/* That route deleted: 0 or an -NLE_* error. */
int iso_net_route_dev_del(struct nl_sock *sk, int ifindex,
			  const struct iso_cfg_addr *to);

/* /proc/sys/net/{ipv4,ipv6}/conf/@dev/@file is 1, on the host. */
bool iso_net_sysctl_is_on(int family, const char *dev, const char *file);

/*
 * An NTF_PROXY entry for @addr (@family's) on @ifindex, added (its ARP or
 * NDP answered there) or deleted: 0 or an -NLE_* error.
 */
int iso_net_neigh_proxy(struct nl_sock *sk, int ifindex, int family,
			const void *addr, bool add);

/* Whether @addr has an NTF_PROXY entry on @ifindex: 1, 0, or -NLE_*. */
int iso_net_neigh_proxy_exists(struct nl_sock *sk, int ifindex, int family,
			       const void *addr);

/*
 * lxc.net.@i.l2proxy, before its link is made: a proxy entry on the
 * host's lxc.net.@i.link for each of its addresses, and for ipvlan a
 * route to each through lo, as LXC's lxc_setup_l2proxy(); the sysctls
 * it needs are checked, not set.  What it made, and only that, goes in
 * *@made (bit 2A: address A's entry, 2A + 1: its route), for
 * iso_net_l2proxy_del(); one there already is left to its owner.  0, or
 * said.
 */
int iso_net_l2proxy_add(struct nl_sock *sk, const struct iso_cfg_net *net,
			int i, unsigned int *made);

/* What *@made says iso_net_l2proxy_add() made, gone; *@made then 0. */
void iso_net_l2proxy_del(struct nl_sock *sk, const struct iso_cfg_net *net,
			 unsigned int *made);

/* lxc.net.@i.veth.*: whether its keys fit its link, before anything. */
int iso_veth_check(const struct iso_cfg_net *net, int i);

/* The pair, with veth.n_rxqueues and .n_txqueues: 0 or an -NLE_* error. */
int iso_veth_add(struct nl_sock *sk, const struct iso_cfg_net *net,
		 const char *name, const char *peer_name, pid_t pid);

/*
 * veth.mode router on the host end @link, once up, for the gateways
 * @gw4 and @gw6 (NULL: none): 0, or said.
 */
int iso_veth_router(struct nl_sock *sk, const struct iso_cfg_net *net,
		    const void *gw4, const void *gw6, struct rtnl_link *link);

/* veth.vlan.id and .tagged.id on the bridge port @link: 0, or said. */
int iso_veth_vlans(struct nl_sock *sk, const struct iso_cfg_net *net,
		   struct rtnl_link *link);

#endif /* ISO_NET_ROUTE_H */
