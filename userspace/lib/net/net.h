/* SPDX-License-Identifier: GPL-2.0 */
#ifndef ISO_NET_H
#define ISO_NET_H

#include <net/if.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>

#include "config/config.h"

/* The host ends of a container's veths, to remove when it stops. */
struct iso_net_host {
	int n;
	char veth[ISO_CFG_MAX_NETS][IFNAMSIZ];
};

/*
 * Host side, while the child waits: for each lxc.net.N of type veth, a
 * pair whose container end is created in @pid's network namespace and
 * whose host end is on its bridge and up.  On failure, none is left.
 */
int iso_net_create(const struct iso_config *cfg, pid_t pid,
		   struct iso_net_host *host);

/* Container side, in the new namespace: lo, names, MACs, addresses. */
int iso_net_setup_inside(const struct iso_config *cfg);

/* Delete the host ends still there; the kernel may have done it first. */
void iso_net_destroy(struct iso_net_host *host);

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
