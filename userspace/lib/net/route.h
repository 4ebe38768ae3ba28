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

#endif /* ISO_NET_ROUTE_H */
