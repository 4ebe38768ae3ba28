/* SPDX-License-Identifier: GPL-2.0 */
#ifndef ISO_NET_ROUTE_H
#define ISO_NET_ROUTE_H

/* Inside lib/net: the rtnetlink helpers its files share. */
#include <netlink/netlink.h>
#include <netlink/route/link.h>

#include "config/config.h"

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

/* lxc.net.@i.veth.*: whether its keys fit its link, before anything. */
int iso_veth_check(const struct iso_cfg_net *net, int i);

/* The pair, with veth.n_rxqueues and .n_txqueues: 0 or an -NLE_* error. */
int iso_veth_add(struct nl_sock *sk, const struct iso_cfg_net *net,
		 const char *name, const char *peer_name, pid_t pid);

/* veth.mode router on the host end @link, once up: 0, or said. */
int iso_veth_router(struct nl_sock *sk, const struct iso_cfg_net *net,
		    struct rtnl_link *link);

/* veth.vlan.id and .tagged.id on the bridge port @link: 0, or said. */
int iso_veth_vlans(struct nl_sock *sk, const struct iso_cfg_net *net,
		   struct rtnl_link *link);

#endif /* ISO_NET_ROUTE_H */
