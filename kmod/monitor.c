// SPDX-License-Identifier: GPL-2.0
/*
 * A container's monitor: the process that started it and waits on it
 * (isoctl start), named by the netlink socket that added the container
 * with ISO_A_CONTAINER_MONITOR, for as long as that socket is open, as
 * nl80211 ties an interface to its owner's socket.  Controllers ask it to
 * do what a module cannot, such as writing cgroup.freeze, by sending it
 * their event directly (iso_monitor_tell()).
 *
 * The container holds the socket itself, not only its portid: a closing
 * socket gives its portid up (netlink_remove()) before it is marked dead
 * and before NETLINK_URELEASE, and another socket may bind that portid
 * meanwhile.  The message is built first; then, under the mutex the
 * release takes, it is sent only if the socket is not yet dead.  What is
 * left is a socket closing between that test and netlink_unicast()'s
 * lookup by portid, which needs it to give its portid up and another to
 * bind it, all within those few instructions.
 */
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/netlink.h>
#include <linux/notifier.h>
#include <linux/string.h>
#include <net/genetlink.h>
#include <net/sock.h>

#include "iso.h"

static DEFINE_MUTEX(iso_monitors_mutex);
static LIST_HEAD(iso_monitors);		/* of containers, under the mutex */
static bool iso_monitors_closed;	/* under the mutex: at unload */

static void iso_monitor_unlink_locked(struct iso_container *c)
{
	lockdep_assert_held(&iso_monitors_mutex);
	list_del_init(&c->monitor_node);
	sock_put(c->monitor_sk);
	WRITE_ONCE(c->monitor_sk, NULL);
	c->monitor_portid = 0;
}

/*
 * After ADD published @c: the socket @sk, bound to @portid, is its
 * monitor.  Not if @c was unregistered meanwhile: iso_monitor_detach()
 * has run, or will find it.
 */
int iso_monitor_attach(struct iso_container *c, struct sock *sk, u32 portid)
{
	int ret = -ENOENT;

	mutex_lock(&iso_monitors_mutex);
	if (iso_monitors_closed) {
		ret = -ESHUTDOWN;
	} else if (!READ_ONCE(c->dead) && list_empty(&c->monitor_node)) {
		sock_hold(sk);
		c->monitor_portid = portid;
		WRITE_ONCE(c->monitor_sk, sk);
		list_add(&c->monitor_node, &iso_monitors);
		ret = 0;
	}
	mutex_unlock(&iso_monitors_mutex);
	return ret;
}

/* @c is being unregistered (c->dead is set): it has no monitor any more. */
void iso_monitor_detach(struct iso_container *c)
{
	mutex_lock(&iso_monitors_mutex);
	if (!list_empty(&c->monitor_node))
		iso_monitor_unlink_locked(c);
	mutex_unlock(&iso_monitors_mutex);
}

/* A hint for a controller's set(), and GET's flag. */
bool iso_monitor_present(const struct iso_container *c)
{
	return READ_ONCE(c->monitor_sk);
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
	struct sk_buff *msg;
	struct sock *sk;
	int ret = -ENOENT;

	if (!iso_monitor_present(c))
		return -ENOENT;
	strscpy(ev.name, c->name, sizeof(ev.name));
	msg = iso_netlink_event_msg(&ev);
	if (!msg)
		return -EAGAIN;		/* as for a full socket: again later */
	mutex_lock(&iso_monitors_mutex);
	sk = c->monitor_sk;
	if (sk && !iso_monitors_closed && !sock_flag(sk, SOCK_DEAD)) {
		ret = genlmsg_unicast(sock_net(sk), msg, c->monitor_portid);
		msg = NULL;
	}
	mutex_unlock(&iso_monitors_mutex);
	nlmsg_free(msg);
	/* gone since: its release is about to detach it */
	return ret == -ECONNREFUSED ? -ENOENT : ret;
}

/* A generic netlink socket closed: the monitor it was is gone. */
static int iso_monitor_release(struct notifier_block *nb, unsigned long state,
			       void *data)
{
	struct netlink_notify *n = data;
	struct iso_container *c, *tmp;

	/*
	 * Every generic netlink socket's close comes here.  Unlocked: a
	 * monitor's own entry was added within its own sendmsg(), before
	 * its release could begin.
	 */
	if (state != NETLINK_URELEASE || n->protocol != NETLINK_GENERIC ||
	    list_empty_careful(&iso_monitors))
		return NOTIFY_DONE;
	mutex_lock(&iso_monitors_mutex);
	list_for_each_entry_safe(c, tmp, &iso_monitors, monitor_node) {
		if (c->monitor_portid == n->portid &&
		    net_eq(sock_net(c->monitor_sk), n->net))
			iso_monitor_unlink_locked(c);
	}
	mutex_unlock(&iso_monitors_mutex);
	return NOTIFY_DONE;
}

static struct notifier_block iso_monitor_notifier = {
	.notifier_call = iso_monitor_release,
};

int __init iso_monitor_init(void)
{
	return netlink_register_notifier(&iso_monitor_notifier);
}

/*
 * At unload, before the family goes: no container has a monitor from
 * here on, and a send under way has ended.  Not under the mutex: the
 * notifier chain's lock is taken before it.
 */
void iso_monitor_exit(void)
{
	struct iso_container *c, *tmp;

	mutex_lock(&iso_monitors_mutex);
	iso_monitors_closed = true;
	list_for_each_entry_safe(c, tmp, &iso_monitors, monitor_node)
		iso_monitor_unlink_locked(c);
	mutex_unlock(&iso_monitors_mutex);
	netlink_unregister_notifier(&iso_monitor_notifier);
}
