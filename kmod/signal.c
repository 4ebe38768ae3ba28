// SPDX-License-Identifier: GPL-2.0
/*
 * Signals a probe may not send itself.  Sending takes the target's
 * siglock, a spinlock_t: never to be taken under the runqueue lock, and
 * under PREEMPT_RT a sleeping lock, which a probe that runs with
 * preemption off may not take either.  Such a probe hands the task here:
 * a slot from a pool set aside at load, irq_work, and a work item that
 * sends the signal from process context.
 */
#include <linux/bitops.h>
#include <linux/cgroup.h>
#include <linux/irq_work.h>
#include <linux/llist.h>
#include <linux/sched/signal.h>
#include <linux/sched/task.h>
#include <linux/workqueue.h>

#include "iso.h"

/* Signals in flight at once; past that, iso_signal_deferred() fails. */
#define ISO_SIGNAL_POOL	256

struct iso_signal_item {
	struct llist_node node;
	struct task_struct *task;
	int sig;
};

static struct iso_signal_item iso_signal_pool[ISO_SIGNAL_POOL];
static DECLARE_BITMAP(iso_signal_busy, ISO_SIGNAL_POOL);
static LLIST_HEAD(iso_signal_queue);

static void iso_signal_send(struct work_struct *work)
{
	struct llist_node *queued = llist_del_all(&iso_signal_queue);
	struct iso_signal_item *it, *tmp;

	llist_for_each_entry_safe(it, tmp, queued, node) {
		send_sig_info(it->sig, SEND_SIG_PRIV, it->task);
		put_task_struct(it->task);
		clear_bit_unlock(it - iso_signal_pool, iso_signal_busy);
	}
}

static DECLARE_WORK(iso_signal_work, iso_signal_send);

static void iso_signal_kick(struct irq_work *work)
{
	queue_work(system_highpri_wq, &iso_signal_work);
}

static DEFINE_IRQ_WORK(iso_signal_irq_work, iso_signal_kick);

/* Any context: send @sig to @p soon; false when the pool is empty. */
bool iso_signal_deferred(struct task_struct *p, int sig)
{
	int slot;

	do {
		slot = find_first_zero_bit(iso_signal_busy, ISO_SIGNAL_POOL);
		if (slot >= ISO_SIGNAL_POOL)
			return false;
	} while (test_and_set_bit_lock(slot, iso_signal_busy));
	iso_signal_pool[slot].task = get_task_struct(p);
	iso_signal_pool[slot].sig = sig;
	llist_add(&iso_signal_pool[slot].node, &iso_signal_queue);
	irq_work_queue(&iso_signal_irq_work);
	return true;
}

/*
 * Process context: send @sig to every process with a task in @cgrp or
 * below; how many.  One walk of every task: an action's cost, not a
 * probe's (css_task_iter_*() is not exported).
 */
unsigned int iso_signal_cgroup(struct cgroup *cgrp, int sig)
{
	struct task_struct *g, *t, *last = NULL;
	unsigned int n = 0;

	rcu_read_lock();
	for_each_process_thread(g, t) {
		if (g == last || (t->flags & PF_KTHREAD) || t->exit_state ||
		    !cgroup_is_descendant(task_dfl_cgroup(t), cgrp))
			continue;
		/*
		 * A process-wide signal: once per process, but a thread
		 * reaped meanwhile leaves it to the next.  In a threaded
		 * cgroup it reaches the process's threads outside too.
		 */
		if (!send_sig_info(sig, SEND_SIG_PRIV, t)) {
			last = g;
			n++;
		}
	}
	rcu_read_unlock();
	return n;
}

/* At unload, once no probe runs: send what is queued. */
void iso_signal_quiesce(void)
{
	irq_work_sync(&iso_signal_irq_work);
	flush_work(&iso_signal_work);
}
