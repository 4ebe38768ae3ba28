// SPDX-License-Identifier: GPL-2.0
/*
 * Container events on the "events" multicast group.  They are raised in
 * probes that hold spinlocks with interrupts off, so each is queued and a
 * work item builds and sends the messages from process context, in order.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/ktime.h>
#include <linux/llist.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/workqueue.h>

#include "compat.h"
#include "iso.h"

struct iso_event_item {
	struct llist_node node;
	u32 type;
	u32 pid;
	u64 time_ns;
	u64 cgroup_id;
	char name[ISO_NAME_MAX + 1];
};

static LLIST_HEAD(iso_event_queue);
static DEFINE_SPINLOCK(iso_events_lock);
static bool iso_events_on;	/* under iso_events_lock */

static void iso_events_send(struct work_struct *work)
{
	struct llist_node *list = llist_del_all(&iso_event_queue);
	struct iso_event_item *ev, *tmp;

	llist_for_each_entry_safe(ev, tmp, llist_reverse_order(list), node) {
		iso_netlink_event(ev->type, ev->time_ns, ev->cgroup_id,
				  ev->name, ev->pid);
		kfree(ev);
	}
}

static DECLARE_WORK(iso_events_work, iso_events_send);

/* Any context.  An event that cannot be queued is counted as lost. */
void iso_event(u32 type, const struct iso_container *c, u32 pid)
{
	struct iso_event_item *ev;
	unsigned long flags;

	ev = kmalloc_obj(*ev, GFP_ATOMIC);
	if (!ev) {
		pr_warn_ratelimited("event %u for \"%s\" lost: out of memory\n",
				    type, c->name);
		return;
	}
	ev->type = type;
	ev->pid = pid;
	ev->time_ns = ktime_get_real_ns();
	ev->cgroup_id = c->cgroup_id;
	strscpy(ev->name, c->name, sizeof(ev->name));

	spin_lock_irqsave(&iso_events_lock, flags);
	if (iso_events_on) {
		llist_add(&ev->node, &iso_event_queue);
		schedule_work(&iso_events_work);
		ev = NULL;
	}
	spin_unlock_irqrestore(&iso_events_lock, flags);
	kfree(ev);
}

void iso_events_start(void)
{
	spin_lock_irq(&iso_events_lock);
	iso_events_on = true;
	spin_unlock_irq(&iso_events_lock);
}

/* Send what is queued, then refuse more: the family is about to go. */
void iso_events_stop(void)
{
	spin_lock_irq(&iso_events_lock);
	iso_events_on = false;
	spin_unlock_irq(&iso_events_lock);
	flush_work(&iso_events_work);
}
