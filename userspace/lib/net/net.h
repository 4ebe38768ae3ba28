/* SPDX-License-Identifier: GPL-2.0 */
#ifndef ISO_NET_H
#define ISO_NET_H

#include <net/if.h>
#include <netinet/in.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>

#include "config/config.h"

struct nl_sock;

/* A host link lent to a container: lxc.net.N.type = phys. */
struct iso_net_phys {
	int net;		/* its N */
	int ifindex;		/* in the container, which may rename it */
	unsigned int mtu;	/* the host's, given back with it */
	char kind[16];		/* IFLA_INFO_KIND, "" for a device's */
};

/*
 * What a container's networks hold on the host, all zero before
 * iso_net_create(): its veths' host ends, to remove when it stops, and
 * the phys links it was lent, with a socket in its network namespace,
 * which keeps that namespace after init is gone, to give them back and
 * for the down scripts.
 */
struct iso_net_host {
	int n;
	char veth[ISO_CFG_MAX_NETS][IFNAMSIZ];
	bool made[ISO_CFG_MAX_NETS];	/* lxc.net.N was made: its down script runs */
	/* l2proxy: bit 2A its address A's proxy entry, 2A + 1 its lo route */
	unsigned int l2proxy[ISO_CFG_MAX_NETS];
	struct nl_sock *inside;
	int n_phys;
	struct iso_net_phys phys[ISO_CFG_MAX_NETS];
};

/* What lxc.net.N.ipv4.gateway and ipv6.gateway = auto found, by N. */
struct iso_net_gateways {
	struct in_addr v4[ISO_CFG_MAX_NETS];
	struct in6_addr v6[ISO_CFG_MAX_NETS];
};

/*
 * On the host, before the container is made: each gateway = auto, the
 * first address of that family of the host's lxc.net.N.link, as LXC
 * takes it.  0, or said.
 */
int iso_net_gateways_find(const struct iso_config *cfg,
			  struct iso_net_gateways *gw);

/* Gateway @family of lxc.net.@n: its address, auto's in @gw, or NULL. */
const void *iso_net_gateway(const struct iso_cfg_net *net, int n, int family,
			    const struct iso_net_gateways *gw);

/*
 * Before anything is made: none, which shares the host's network
 * namespace, is the one type if it is there, as LXC takes it.  0, or
 * -EINVAL, said.
 */
int iso_net_check(const struct iso_config *cfg);

/*
 * Host side, while the child waits, each lxc.net.N in @pid's network
 * namespace: a veth pair whose host end is on its bridge and up; a
 * macvlan, ipvlan or vlan link on the host's lxc.net.N.link, made in the
 * namespace under its name there; or, for phys, the host link itself,
 * moved in.  On failure, none is left.
 */
int iso_net_create(const struct iso_config *cfg,
		   const struct iso_net_gateways *gw, pid_t pid,
		   struct iso_net_host *host);

/*
 * After the up scripts, which see them on the host: the phys links moved
 * into @pid's network namespace under their names there, with the
 * config's MTU.  0, or said; what was lent is given back by
 * iso_net_destroy() whatever happens.
 */
int iso_net_lend(const struct iso_config *cfg, pid_t pid,
		 struct iso_net_host *host);

/*
 * Container side, in the new namespace: lo, names, MACs, addresses and
 * gateways, @gw's for gateway = auto.
 */
int iso_net_setup_inside(const struct iso_config *cfg,
			 const struct iso_net_gateways *gw);

/*
 * The phys links back on the host under their own names and MTUs, as
 * LXC gives them back, before the down scripts run.
 */
void iso_net_give_back(const struct iso_config *cfg, struct iso_net_host *host);

/*
 * Give back what iso_net_give_back() has not, let the namespace go, and
 * delete the veths' host ends still there: the kernel may have done it
 * first.
 */
void iso_net_destroy(const struct iso_config *cfg, struct iso_net_host *host);

/* lxc.net.N.name, or what the kernel's link is called in the container */
const char *iso_net_inside_name(const struct iso_cfg_net *net, int i,
				char buf[IFNAMSIZ]);

/* lxc.net.N.veth.pair, or veth<init pid>_<N> */
void iso_net_host_name(const struct iso_cfg_net *net, int i, pid_t pid,
		       char name[IFNAMSIZ]);

/* Bytes through the host link @name, as lxc-info counts them. */
int iso_net_link_bytes(const char *name, uint64_t *rx, uint64_t *tx);

/* The global addresses in @pid's network namespace, one per line. */
int iso_net_addresses(pid_t pid, char *buf, size_t size);

/* isoctl net bridge: what brctl addbr, delbr and show did. */
int iso_bridge_add(const char *name);
int iso_bridge_del(const char *name);
int iso_bridge_list(FILE *out);

#endif /* ISO_NET_H */
