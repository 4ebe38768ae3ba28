// SPDX-License-Identifier: GPL-2.0
/*
 * What lxc.net.N.veth.* asks of a veth's host end beyond a bridge, as LXC
 * 5.0.2's network.c does it: the pair's queues, router mode (routes to
 * the container's addresses and proxies for its gateways, no bridge) and
 * the VLANs of its bridge port.  libnl-route-3 has no setter for a port's
 * VLANs: those are AF_BRIDGE messages of its core API.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <linux/if_bridge.h>
#include <linux/neighbour.h>
#include <linux/rtnetlink.h>
#include <netlink/msg.h>
#include <netlink/route/link/veth.h>
#include <netlink/route/neighbour.h>

#include "error.h"
#include "net/route.h"
#include "nlerr.h"

int iso_veth_check(const struct iso_cfg_net *net, int i)
{
	int t;

	if (net->type != ISO_NET_VETH || (!net->veth_vlan && !net->n_tagged))
		return 0;
	if (net->veth_router || !net->link[0])
		return iso_failf(-EINVAL, "starting", "lxc.net.%d.veth.vlan.*: only on a bridge, in bridge mode",
				 i);
	for (t = 0; t < net->n_tagged; t++)
		if (net->tagged[t] == net->veth_vlan)
			return iso_failf(-EINVAL, "starting", "lxc.net.%d.veth.vlan.id %d is tagged too",
					 i, net->veth_vlan);
	return 0;
}

int iso_veth_add(struct nl_sock *sk, const struct iso_cfg_net *net,
		 const char *name, const char *peer_name, pid_t pid)
{
	struct rtnl_link *link = rtnl_link_veth_alloc(), *peer;
	int ret;

	if (!link)
		return -NLE_NOMEM;
	peer = rtnl_link_veth_get_peer(link);
	rtnl_link_set_name(link, name);
	rtnl_link_set_name(peer, peer_name);
	rtnl_link_set_ns_pid(peer, pid);
	/*
	 * The container's end as asked, the host's the mirror of it, as
	 * LXC's lxc_veth_create(): what one end sends on queue N the other
	 * receives on queue N.
	 */
	if (net->veth_rxqueues) {
		rtnl_link_set_num_rx_queues(peer, net->veth_rxqueues);
		rtnl_link_set_num_tx_queues(link, net->veth_rxqueues);
	}
	if (net->veth_txqueues) {
		rtnl_link_set_num_tx_queues(peer, net->veth_txqueues);
		rtnl_link_set_num_rx_queues(link, net->veth_txqueues);
	}
	ret = rtnl_link_add(sk, link, NLM_F_CREATE | NLM_F_EXCL);
	rtnl_link_put(peer);
	rtnl_link_put(link);
	return ret;
}

/* /proc/sys/net/FAMILY/conf/@dev/@file: the host's, where the veth is. */
static int sysctl_path(char *path, size_t size, int family, const char *dev,
		       const char *file)
{
	int n = snprintf(path, size, "/proc/sys/net/%s/conf/%s/%s",
			 family == AF_INET ? "ipv4" : "ipv6", dev, file);

	return n < 0 || (size_t)n >= size ? -ENAMETOOLONG : 0;
}

static int sysctl_on(int family, const char *dev, const char *file)
{
	char path[128];
	FILE *f;
	int ret = sysctl_path(path, sizeof(path), family, dev, file);

	if (ret)
		return ret;
	f = fopen(path, "we");
	if (!f)
		return iso_fail(-errno, "veth.mode router: setting", path);
	ret = fputs("1", f) < 0 ? -EIO : 0;
	if (fclose(f) && !ret)
		ret = -errno;
	return ret ? iso_fail(ret, "veth.mode router: setting", path) : 0;
}

bool iso_net_sysctl_is_on(int family, const char *dev, const char *file)
{
	char path[128], c = 0;
	FILE *f;

	if (sysctl_path(path, sizeof(path), family, dev, file))
		return false;
	f = fopen(path, "re");
	if (!f)
		return false;
	if (fread(&c, 1, 1, f) != 1)
		c = 0;
	fclose(f);
	return c == '1';
}

int iso_net_neigh_proxy(struct nl_sock *sk, int ifindex, int family,
			const void *addr, bool add)
{
	struct rtnl_neigh *neigh = rtnl_neigh_alloc();
	struct nl_addr *dst = nl_addr_build(family, addr,
					    family == AF_INET ? 4 : 16);
	int ret = -NLE_NOMEM;

	if (neigh && dst) {
		rtnl_neigh_set_ifindex(neigh, ifindex);
		rtnl_neigh_set_family(neigh, family);
		rtnl_neigh_set_dst(neigh, dst);
		rtnl_neigh_set_flags(neigh, NTF_PROXY);
		ret = add ? rtnl_neigh_add(sk, neigh, NLM_F_CREATE | NLM_F_EXCL) :
		      rtnl_neigh_delete(sk, neigh, 0);
	}
	nl_addr_put(dst);
	rtnl_neigh_put(neigh);
	return ret;
}

static int found(struct nl_msg *msg, void *arg)
{
	(void)msg;
	*(bool *)arg = true;
	return NL_OK;
}

int iso_net_neigh_proxy_exists(struct nl_sock *sk, int ifindex, int family,
			       const void *addr)
{
	struct ndmsg ndm = {
		.ndm_family = family, .ndm_ifindex = ifindex, .ndm_flags = NTF_PROXY,
	};
	struct nl_msg *msg = nlmsg_alloc_simple(RTM_GETNEIGH, 0);
	struct nl_cb *cb = nl_cb_clone(nl_socket_get_cb(sk));
	bool there = false;
	int ret = -NLE_NOMEM;

	if (msg && cb && !nlmsg_append(msg, &ndm, sizeof(ndm), NLMSG_ALIGNTO) &&
	    !nla_put(msg, NDA_DST, family == AF_INET ? 4 : 16, addr)) {
		/* the entry and an ack, or ENOENT, which is the ack */
		nl_cb_set(cb, NL_CB_VALID, NL_CB_CUSTOM, found, &there);
		ret = nl_send_auto(sk, msg);
		if (ret >= 0)
			ret = nl_recvmsgs(sk, cb);
		if (ret >= 0 && there)
			ret = nl_wait_for_ack(sk);
		if (ret == -NLE_OBJ_NOTFOUND)
			ret = 0;
		else if (ret >= 0)
			ret = there;
	}
	nl_cb_put(cb);
	nlmsg_free(msg);
	return ret;
}

/*
 * veth.mode router, after the host end is up: forwarding and a proxy for
 * each gateway the container has, and a route to each of its addresses,
 * as LXC's netdev_configure_server_veth() sets them.
 */
int iso_veth_router(struct nl_sock *sk, const struct iso_cfg_net *net,
		    const void *gw4, const void *gw6, struct rtnl_link *link)
{
	const char *name = rtnl_link_get_name(link);
	int ifindex = rtnl_link_get_ifindex(link), i, ret = 0;
	char text[INET6_ADDRSTRLEN];

	if (!net->veth_router)
		return 0;
	if (gw4) {
		ret = sysctl_on(AF_INET, name, "forwarding");
		if (ret)
			return ret;
		ret = iso_net_neigh_proxy(sk, ifindex, AF_INET, gw4, true);
		if (ret)
			return iso_failf(iso_nl_errno(ret), "veth.mode router",
					 "proxying ARP for the gateway on %.16s", name);
	}
	if (!ret && gw6) {
		if (!iso_net_sysctl_is_on(AF_INET6, "all", "forwarding"))
			return iso_fail(-EINVAL, "veth.mode router:",
					"it needs net.ipv6.conf.all.forwarding = 1");
		ret = sysctl_on(AF_INET6, name, "forwarding");
		if (!ret)
			ret = sysctl_on(AF_INET6, name, "proxy_ndp");
		if (ret)
			return ret;
		ret = iso_net_neigh_proxy(sk, ifindex, AF_INET6, gw6, true);
		if (ret)
			return iso_failf(iso_nl_errno(ret), "veth.mode router",
					 "proxying NDP for the gateway on %.16s", name);
	}
	for (i = 0; !ret && i < net->n_addrs; i++) {
		struct iso_cfg_addr whole = net->addrs[i];

		whole.prefix = whole.family == AF_INET ? 32 : 128;
		ret = iso_net_route_dev(sk, ifindex, &whole);
		if (ret) {
			inet_ntop(net->addrs[i].family, &net->addrs[i].v6, text,
				  sizeof(text));
			return iso_failf(iso_nl_errno(ret), "veth.mode router",
					 "routing %.64s to %.16s", text, name);
		}
	}
	return ret;
}

/* One VLAN of bridge port @ifindex: added (RTM_SETLINK) or dropped. */
static int port_vlan(struct nl_sock *sk, int ifindex, int type, uint16_t vid,
		     uint16_t flags)
{
	struct ifinfomsg ifi = { .ifi_family = AF_BRIDGE, .ifi_index = ifindex };
	struct bridge_vlan_info info = { .flags = flags, .vid = vid };
	struct nl_msg *msg = nlmsg_alloc_simple(type, NLM_F_REQUEST | NLM_F_ACK);
	struct nlattr *spec;
	int ret = -NLE_NOMEM;

	if (msg && !nlmsg_append(msg, &ifi, sizeof(ifi), NLMSG_ALIGNTO)) {
		spec = nla_nest_start(msg, IFLA_AF_SPEC);
		if (spec && !nla_put(msg, IFLA_BRIDGE_VLAN_INFO, sizeof(info), &info)) {
			nla_nest_end(msg, spec);
			ret = nl_send_sync(sk, msg);	/* which frees it */
			msg = NULL;
		}
	}
	nlmsg_free(msg);
	return ret;
}

/*
 * A number the bridge's sysfs directory holds: its vlan_filtering, which
 * a kernel without CONFIG_BRIDGE_VLAN_FILTERING has not (0), ...
 */
static int bridge_attr(const char *bridge, const char *attr, unsigned int *val)
{
	char path[128];
	FILE *f;
	int ret;

	snprintf(path, sizeof(path), "/sys/class/net/%.16s/bridge/%.32s", bridge, attr);
	f = fopen(path, "re");
	if (!f && errno == ENOENT && !strcmp(attr, "vlan_filtering")) {
		snprintf(path, sizeof(path), "/sys/class/net/%.16s/bridge", bridge);
		*val = 0;
		if (!access(path, F_OK))
			return 0;
		errno = ENOENT;
	}
	if (!f)
		return iso_fail(-errno, "veth.vlan: reading", path);
	ret = fscanf(f, "%u", val) == 1 ? 0 : -EIO;
	fclose(f);
	return ret ? iso_fail(ret, "veth.vlan: reading", path) : 0;
}

/*
 * veth.vlan.id and .tagged.id on the host end, a port of a bridge that
 * filters VLANs, as LXC's setup_veth_native_bridge_vlan(): the untagged
 * one instead of the bridge's default PVID ("none": no untagged VLAN),
 * then the tagged ones.
 */
int iso_veth_vlans(struct nl_sock *sk, const struct iso_cfg_net *net,
		   struct rtnl_link *link)
{
	const char *name = rtnl_link_get_name(link);
	int ifindex = rtnl_link_get_ifindex(link), i, ret;
	unsigned int filtering, pvid;

	if (!net->veth_vlan && !net->n_tagged)
		return 0;
	ret = bridge_attr(net->link, "vlan_filtering", &filtering);
	if (ret)
		return ret;
	if (!filtering)
		return iso_failf(-EPERM, "veth.vlan", "%.16s does not filter VLANs (vlan_filtering)",
				 net->link);
	if (net->veth_vlan) {
		ret = bridge_attr(net->link, "default_pvid", &pvid);
		if (ret)
			return ret;
		if (pvid && (int)pvid != net->veth_vlan) {
			ret = port_vlan(sk, ifindex, RTM_DELLINK, pvid, 0);
			if (ret)
				return iso_failf(iso_nl_errno(ret), "veth.vlan.id",
						 "dropping VLAN %u from %.16s", pvid, name);
		}
		if (net->veth_vlan > 0) {
			ret = port_vlan(sk, ifindex, RTM_SETLINK, net->veth_vlan,
					BRIDGE_VLAN_INFO_PVID | BRIDGE_VLAN_INFO_UNTAGGED);
			if (ret)
				return iso_failf(iso_nl_errno(ret), "veth.vlan.id",
						 "VLAN %d on %.16s", net->veth_vlan, name);
		}
	}
	for (i = 0; i < net->n_tagged; i++) {
		ret = port_vlan(sk, ifindex, RTM_SETLINK, net->tagged[i], 0);
		if (ret)
			return iso_failf(iso_nl_errno(ret), "veth.vlan.tagged.id",
					 "VLAN %u on %.16s", net->tagged[i], name);
	}
	return 0;
}
