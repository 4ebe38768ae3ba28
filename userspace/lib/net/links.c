// SPDX-License-Identifier: GPL-2.0
/*
 * The links a container gets on a host link, lxc.net.N.link, other than
 * veths: macvlan, ipvlan and vlan links, made straight in the container's
 * network namespace, so that none is ever left on the host; and phys,
 * the host link itself, lent to the container and given back at its end,
 * as LXC does.
 */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <linux/if_link.h>
#include <netlink/route/link/macvlan.h>
#include <netlink/route/link/vlan.h>

#include "error.h"
#include "net/net.h"
#include "net/route.h"
#include "nlerr.h"

/* lxc.net.@i.link on the host, for @net's type: 0 with @link, or said. */
static int host_link(struct nl_sock *sk, const struct iso_cfg_net *net, int i,
		     struct rtnl_link **link)
{
	int ret;

	if (!net->link[0])
		return iso_failf(-EINVAL, "starting", "lxc.net.%d.type = %.8s without lxc.net.%d.link",
				 i, iso_net_type_name(net->type), i);
	ret = rtnl_link_get_kernel(sk, 0, net->link, link);
	if (ret)
		return iso_failf(ret == -NLE_OBJ_NOTFOUND ? -ENODEV : iso_nl_errno(ret),
				 "finding", "lxc.net.%d.link %.16s for a %.8s", i,
				 net->link, iso_net_type_name(net->type));
	return 0;
}

/* The link to make, with its mode or id: LXC's defaults where none is set. */
static struct rtnl_link *sublink_alloc(const struct iso_cfg_net *net)
{
	struct rtnl_link *link;

	switch (net->type) {
	case ISO_NET_MACVLAN:
		link = rtnl_link_macvlan_alloc();
		if (link)
			rtnl_link_macvlan_set_mode(link, net->macvlan_mode ?:
						   MACVLAN_MODE_PRIVATE);
		return link;
	default:
		link = rtnl_link_vlan_alloc();
		if (link)
			rtnl_link_vlan_set_id(link, net->vlan_id);
		return link;
	}
}

/*
 * An ipvlan, as libnl's rtnl_link_add() would ask for one, but with the
 * flags of ipvlan.isolation, for which libnl-route-3 has no setter.
 * LXC's documentation says mode l3 by default, but 5.0.2's
 * set_config_net_type() never sets it (l2 is 0, a mode it knows): its
 * ipvlans are l2.  The flags are the parent's, for all its ipvlans, and
 * the last link made with flags sets them: as LXC, only "private" and
 * "vepa" are sent, never the kernel's default.
 */
static int add_ipvlan(struct nl_sock *sk, const struct iso_cfg_net *net,
		      int parent, const char *name, pid_t pid)
{
	struct ifinfomsg ifi = { .ifi_family = AF_UNSPEC };
	struct nl_msg *msg = nlmsg_alloc_simple(RTM_NEWLINK, NLM_F_REQUEST |
						NLM_F_ACK | NLM_F_CREATE |
						NLM_F_EXCL);
	struct nlattr *info, *data;
	int ret = -NLE_NOMEM;

	if (!msg || nlmsg_append(msg, &ifi, sizeof(ifi), NLMSG_ALIGNTO) ||
	    nla_put_string(msg, IFLA_IFNAME, name) ||
	    nla_put_u32(msg, IFLA_LINK, parent) ||
	    nla_put_u32(msg, IFLA_NET_NS_PID, pid) ||
	    (net->mtu && nla_put_u32(msg, IFLA_MTU, net->mtu)) ||
	    !(info = nla_nest_start(msg, IFLA_LINKINFO)) ||
	    nla_put_string(msg, IFLA_INFO_KIND, "ipvlan") ||
	    !(data = nla_nest_start(msg, IFLA_INFO_DATA)) ||
	    nla_put_u16(msg, IFLA_IPVLAN_MODE, net->ipvlan_mode) ||
	    (net->ipvlan_flags &&
	     nla_put_u16(msg, IFLA_IPVLAN_FLAGS, net->ipvlan_flags)))
		goto out;
	nla_nest_end(msg, data);
	nla_nest_end(msg, info);
	ret = nl_send_sync(sk, msg);	/* which frees it */
	msg = NULL;
out:
	nlmsg_free(msg);
	return ret;
}

int iso_net_add_sublink(struct nl_sock *sk, const struct iso_cfg_net *net,
			int i, const char *name, pid_t pid)
{
	struct rtnl_link *parent, *link;
	int ret = host_link(sk, net, i, &parent);

	if (ret)
		return ret;
	if (net->type == ISO_NET_IPVLAN) {
		ret = add_ipvlan(sk, net, rtnl_link_get_ifindex(parent), name, pid);
		rtnl_link_put(parent);
		goto out;
	}
	link = sublink_alloc(net);
	if (!link) {
		rtnl_link_put(parent);
		return iso_failf(-ENOMEM, "creating", "%.8s %.16s",
				 iso_net_type_name(net->type), name);
	}
	/* the parent is looked up in our namespace, the name in @pid's */
	rtnl_link_set_link(link, rtnl_link_get_ifindex(parent));
	rtnl_link_set_name(link, name);
	rtnl_link_set_ns_pid(link, pid);
	if (net->mtu)
		rtnl_link_set_mtu(link, net->mtu);
	ret = rtnl_link_add(sk, link, NLM_F_CREATE | NLM_F_EXCL);
	rtnl_link_put(link);
	rtnl_link_put(parent);
out:
	if (ret)
		return iso_failf(iso_nl_errno(ret), "creating", "%.8s %.16s on %.16s",
				 iso_net_type_name(net->type), name, net->link);
	return 0;
}

/*
 * A socket in @pid's network namespace, made there by this thread for a
 * moment: the namespace lives as long as it does.
 */
static int open_inside(pid_t pid, struct nl_sock **sk)
{
	int self = open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
	char path[64];
	int target, ret;

	snprintf(path, sizeof(path), "/proc/%d/ns/net", (int)pid);
	target = open(path, O_RDONLY | O_CLOEXEC);
	if (self < 0 || target < 0) {
		ret = iso_fail(-errno, "opening", self < 0 ? "/proc/self/ns/net" : path);
	} else if (setns(target, CLONE_NEWNET)) {
		ret = iso_fail(-errno, "entering", path);
	} else {
		ret = iso_route_open(sk);
		if (setns(self, CLONE_NEWNET)) {
			/* nothing after this may run in the container's */
			iso_fail(-errno, "coming back from", path);
			abort();
		}
	}
	if (self >= 0)
		close(self);
	if (target >= 0)
		close(target);
	return ret;
}

int iso_net_hold(pid_t pid, struct iso_net_host *host)
{
	return host->inside ? 0 : open_inside(pid, &host->inside);
}

int iso_net_check_phys(struct nl_sock *sk, const struct iso_cfg_net *net,
		       int i)
{
	struct rtnl_link *link;
	int ret = host_link(sk, net, i, &link);

	if (!ret)
		rtnl_link_put(link);
	return ret;
}

/*
 * Phys @i moved in as @name, noted in @host before anything else can go
 * wrong, with its index there, which the kernel keeps where it can.
 */
static int lend_one(struct nl_sock *sk, const struct iso_cfg_net *net, int i,
		    const char *name, pid_t pid, struct iso_net_host *host)
{
	struct iso_net_phys *phys = &host->phys[host->n_phys];
	struct rtnl_link *link, *change, *moved;
	const char *kind;
	int ret = host_link(sk, net, i, &link);

	if (ret)
		return ret;
	change = rtnl_link_alloc();
	if (!change) {
		rtnl_link_put(link);
		return iso_failf(-ENOMEM, "lending", "phys %.16s", net->link);
	}
	phys->net = i;
	phys->mtu = rtnl_link_get_mtu(link);
	phys->ifindex = rtnl_link_get_ifindex(link);
	kind = rtnl_link_get_type(link);
	snprintf(phys->kind, sizeof(phys->kind), "%.15s", kind ? kind : "");
	/* the move first, then the name and MTU it has in there */
	rtnl_link_set_ns_pid(change, pid);
	rtnl_link_set_name(change, name);
	if (net->mtu)
		rtnl_link_set_mtu(change, net->mtu);
	ret = rtnl_link_change(sk, link, change, 0);
	rtnl_link_put(change);
	rtnl_link_put(link);
	if (ret)
		return iso_failf(iso_nl_errno(ret), "moving", "phys %.16s into the container as %.16s",
				 net->link, name);
	host->n_phys++;
	if (!rtnl_link_get_kernel(host->inside, 0, name, &moved)) {
		phys->ifindex = rtnl_link_get_ifindex(moved);
		rtnl_link_put(moved);
	}
	return 0;
}

int iso_net_lend(const struct iso_config *cfg, pid_t pid,
		 struct iso_net_host *host)
{
	struct nl_sock *sk = NULL;
	char name[IFNAMSIZ];
	int i, ret = 0;

	for (i = 0; !ret && i < cfg->n_nets; i++) {
		if (cfg->nets[i].type != ISO_NET_PHYS)
			continue;
		if (!sk)
			ret = iso_route_open(&sk);
		if (!ret)
			ret = iso_net_hold(pid, host);
		if (!ret)
			ret = lend_one(sk, &cfg->nets[i], i,
				       iso_net_inside_name(&cfg->nets[i], i, name),
				       pid, host);
	}
	if (sk)
		nl_socket_free(sk);
	return ret;
}

/*
 * The link at a lent one's index, if it is still that one: of the same
 * kind (a device's, for a NIC), not one container root made there after
 * moving the lent one away.
 */
static int lent_link(struct iso_net_host *host, const struct iso_net_phys *phys,
		     const char *host_name, struct rtnl_link **link)
{
	const char *kind;

	if (rtnl_link_get_kernel(host->inside, phys->ifindex, NULL, link))
		return iso_errorf(-ENODEV, "lxc.net.%d: phys %.16s is gone from the container",
				  phys->net, host_name);
	kind = rtnl_link_get_type(*link);
	if (strcmp(kind ? kind : "", phys->kind)) {
		rtnl_link_put(*link);
		return iso_errorf(-ENODEV, "lxc.net.%d: phys %.16s is gone from the container, a %.16s link in its place",
				  phys->net, host_name, kind ? kind : "device");
	}
	return 0;
}

void iso_net_give_back(const struct iso_config *cfg, struct iso_net_host *host)
{
	int self = open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
	struct rtnl_link *link, *change;
	const struct iso_cfg_net *net;
	int i, ret;

	for (i = 0; self >= 0 && i < host->n_phys; i++) {
		net = &cfg->nets[host->phys[i].net];
		if (lent_link(host, &host->phys[i], net->link, &link))
			continue;
		change = rtnl_link_alloc();
		ret = -NLE_NOMEM;
		if (change) {
			rtnl_link_set_ns_fd(change, self);
			rtnl_link_set_name(change, net->link);
			rtnl_link_set_mtu(change, host->phys[i].mtu);
			ret = rtnl_link_change(host->inside, link, change, 0);
			rtnl_link_put(change);
		}
		rtnl_link_put(link);
		if (ret)
			iso_failf(iso_nl_errno(ret), "giving back", "phys %.16s to the host",
				  net->link);
	}
	if (self < 0 && host->n_phys)
		iso_fail(-errno, "opening", "/proc/self/ns/net");
	if (self >= 0)
		close(self);
	host->n_phys = 0;
}
