// SPDX-License-Identifier: GPL-2.0
/*
 * A container's monitor: the process that started it and waits on it
 * (isoctl start), named by the netlink socket that added the container
 * with ISO_A_CONTAINER_MONITOR, for as long as that socket is open, as
 * nl80211 ties an interface to its socket's owner.  Controllers ask it to
 * do what a module cannot, such as writing cgroup.freeze, by sending it
 * their event directly (iso_monitor_tell()).
 *
 * Monitored containers are on a list under a spinlock, which the socket's
 * release walks; a container joins it only while registered.
 */
#include <linux/list.h>
#include <linux/netlink.h>
#include <linux/notifier.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <net/net_namespace.h>

#include "iso.h"

static DEFINE_SPINLOCK(iso_monitors_lock);
static LIST_HEAD(iso_monitors);		/* of containers, under the lock */
static bool iso_monitors_closed;	/* under the lock: at unload */

static void iso_monitor_unlink_locked(struct iso_container *c)
{
	lockdep_assert_held(&iso_monitors_lock);
	list_del_init(&c->monitor_node);
	WRITE_ONCE(c->monitor_portid, 0);
	put_net(c->monitor_net);
	c->monitor_net = NULL;
}

/*
 * After ADD published @c: the socket @portid in @net is its monitor.  Not
 * if @c was unregistered meanwhile: iso_monitor_detach() has run, or will
 * find it.
 */
void iso_monitor_attach(struct iso_container *c, struct net *net, u32 portid)
{
	spin_lock(&iso_monitors_lock);
	if (!iso_monitors_closed && !READ_ONCE(c->dead) &&
	    list_empty(&c->monitor_node)) {
		c->monitor_net = get_net(net);
		WRITE_ONCE(c->monitor_portid, portid);
		list_add(&c->monitor_node, &iso_monitors);
	}
	spin_unlock(&iso_monitors_lock);
}

/* @c is being unregistered (c->dead is set): it has no monitor any more. */
void iso_monitor_detach(struct iso_container *c)
{
	spin_lock(&iso_monitors_lock);
	if (!list_empty(&c->monitor_node))
		iso_monitor_unlink_locked(c);
	spin_unlock(&iso_monitors_lock);
}

/* A hint for a controller's set(), and GET's flag. */
bool iso_monitor_present(const struct iso_container *c)
{
	return READ_ONCE(c->monitor_portid);
}

/*
 * Process context: send @l's state to @c's monitor, as the ISO_EVENT_LIMIT
 * the events group gets.  -ENOENT without a monitor; -EAGAIN while its
 * socket's buffer is full.
 */
int iso_monitor_tell(const struct iso_container *c,
		     const struct iso_limit *l)
{
	struct iso_event_item ev = {
		.type = ISO_EVENT_LIMIT,
		.time_ns = ktime_get_real_ns(),
		.cgroup_id = c->cgroup_id,
		.limit = l,
	};
	struct net *net = NULL;
	u32 portid = 0;
	int ret;

	spin_lock(&iso_monitors_lock);
	if (c->monitor_net) {
		net = get_net(c->monitor_net);
		portid = c->monitor_portid;
	}
	spin_unlock(&iso_monitors_lock);
	if (!net)
		return -ENOENT;
	strscpy(ev.name, c->name, sizeof(ev.name));
	ret = iso_netlink_unicast_event(net, portid, &ev);
	put_net(net);
	/* gone since: its release is about to detach it */
	return ret == -ECONNREFUSED ? -ENOENT : ret;
}

/* A generic netlink socket closed: the monitor it was is gone. */
static int iso_monitor_release(struct notifier_block *nb, unsigned long state,
			       void *data)
{
	struct netlink_notify *n = data;
	struct iso_container *c, *tmp;

	if (state != NETLINK_URELEASE || n->protocol != NETLINK_GENERIC ||
	    list_empty_careful(&iso_monitors))
		return NOTIFY_DONE;
	spin_lock(&iso_monitors_lock);
	list_for_each_entry_safe(c, tmp, &iso_monitors, monitor_node)
		if (c->monitor_portid == n->portid &&
		    net_eq(c->monitor_net, n->net))
			iso_monitor_unlink_locked(c);
	spin_unlock(&iso_monitors_lock);
	return NOTIFY_DONE;
}

static struct notifier_block iso_monitor_notifier = {
	.notifier_call = iso_monitor_release,
};

int iso_monitor_init(void)
{
	return netlink_register_notifier(&iso_monitor_notifier);
}

/*
 * At unload, before the family goes: no container has a monitor from
 * here on.  A message already on its way still finds the family.
 */
void iso_monitor_exit(void)
{
	struct iso_container *c, *tmp;

	spin_lock(&iso_monitors_lock);
	iso_monitors_closed = true;
	list_for_each_entry_safe(c, tmp, &iso_monitors, monitor_node)
		iso_monitor_unlink_locked(c);
	spin_unlock(&iso_monitors_lock);
	netlink_unregister_notifier(&iso_monitor_notifier);
}
