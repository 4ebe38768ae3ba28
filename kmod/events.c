// SPDX-License-Identifier: GPL-2.0
/*
 * Container events on the "events" multicast group.  A work item builds and
 * sends them from process context, in the order they were queued.
 *
 * ADDED and REMOVED are queued by the registry under its mutex, so a
 * listener sees them in registry order.  OOM_KILL is queued from the
 * mark_victim probe, inside the OOM killer, where allocating is the wrong
 * thing to do: it takes an item from a pool set aside at load, and counts
 * the event as lost when the pool is empty.  LIMIT events come from
 * controllers, in any context, each in an item of its limit's own
 * (iso_limit_event()).  Nothing is queued while no one listens.
 *
 * No event is raised from a scheduler probe: those run under the runqueue
 * lock, where not even irq_work belongs on every context switch.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/atomic.h>
#include <linux/bitops.h>
#include <linux/irq_work.h>
#include <linux/ktime.h>
#include <linux/llist.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <linux/workqueue.h>

#include "compat.h"
#include "iso.h"

/* OOM kills in flight at once before one is counted as lost. */
#define ISO_OOM_POOL	32

static struct iso_event_item iso_oom_pool[ISO_OOM_POOL];
static DECLARE_BITMAP(iso_oom_busy, ISO_OOM_POOL);
static atomic_t iso_oom_lost = ATOMIC_INIT(0);

static LLIST_HEAD(iso_event_queue);
static DEFINE_RAW_SPINLOCK(iso_events_lock);
static bool iso_events_on;		/* under iso_events_lock */

static void iso_event_oom_release(struct iso_event_item *ev)
{
	clear_bit_unlock(ev - iso_oom_pool, iso_oom_busy);
}

static void iso_event_free(struct iso_event_item *ev)
{
	if (ev->release)
		ev->release(ev);
	else
		kfree(ev);
}

static void iso_events_send(struct work_struct *work)
{
	struct llist_node *queued = llist_del_all(&iso_event_queue);
	struct iso_event_item *ev, *tmp;
	int lost;

	llist_for_each_entry_safe(ev, tmp, llist_reverse_order(queued), node) {
		iso_netlink_event(ev);
		iso_event_free(ev);
	}
	lost = atomic_xchg(&iso_oom_lost, 0);
	if (lost)
		pr_warn_ratelimited("%d OOM kill events lost: more than %d at once\n",
				    lost, ISO_OOM_POOL);
}

static DECLARE_WORK(iso_events_work, iso_events_send);

/* Hard IRQ context: the work item may be woken from here. */
static void iso_events_kick(struct irq_work *work)
{
	schedule_work(&iso_events_work);
}

static DEFINE_IRQ_WORK(iso_events_irq_work, iso_events_kick);

/*
 * Any context: queue @ev, or release it once events have stopped and
 * return false.
 */
bool iso_event_post(struct iso_event_item *ev, u32 type,
		    const struct iso_container *c, u32 pid)
{
	unsigned long flags;

	ev->type = type;
	ev->pid = pid;
	ev->time_ns = ktime_get_real_ns();
	ev->cgroup_id = c->cgroup_id;
	strscpy(ev->name, c->name, sizeof(ev->name));

	raw_spin_lock_irqsave(&iso_events_lock, flags);
	if (iso_events_on) {
		llist_add(&ev->node, &iso_event_queue);
		irq_work_queue(&iso_events_irq_work);
		ev = NULL;
	}
	raw_spin_unlock_irqrestore(&iso_events_lock, flags);
	if (!ev)
		return true;
	iso_event_free(ev);
	return false;
}

/* Worth queueing: events are on and someone listens. */
bool iso_events_wanted(void)
{
	return READ_ONCE(iso_events_on) && iso_netlink_has_listeners();
}

/* Process context: ADDED and REMOVED, under the registry mutex. */
void iso_event(u32 type, const struct iso_container *c)
{
	struct iso_event_item *ev;

	if (!iso_events_wanted())
		return;
	ev = kzalloc_obj(*ev, GFP_KERNEL);
	if (!ev) {
		pr_warn_ratelimited("event %u for \"%s\" lost: out of memory\n",
				    type, c->name);
		return;
	}
	iso_event_post(ev, type, c, 0);
}

/* The mark_victim probe: inside the OOM killer, task_lock held. */
void iso_event_oom(const struct iso_container *c, u32 pid)
{
	int slot;

	if (!iso_events_wanted())
		return;
	do {
		slot = find_first_zero_bit(iso_oom_busy, ISO_OOM_POOL);
		if (slot >= ISO_OOM_POOL) {
			atomic_inc(&iso_oom_lost);
			irq_work_queue(&iso_events_irq_work);
			return;
		}
	} while (test_and_set_bit_lock(slot, iso_oom_busy));
	iso_oom_pool[slot].release = iso_event_oom_release;
	iso_event_post(&iso_oom_pool[slot], ISO_EVENT_OOM_KILL, c, pid);
}

void iso_events_start(void)
{
	raw_spin_lock_irq(&iso_events_lock);
	iso_events_on = true;
	raw_spin_unlock_irq(&iso_events_lock);
}

/* Send what is queued, then refuse more: the family is about to go. */
void iso_events_stop(void)
{
	raw_spin_lock_irq(&iso_events_lock);
	iso_events_on = false;
	raw_spin_unlock_irq(&iso_events_lock);
	irq_work_sync(&iso_events_irq_work);
	flush_work(&iso_events_work);
}
