// SPDX-License-Identifier: GPL-2.0
/*
 * cpu_budget: a total of CPU time a container may use, counted from when
 * the budget is set, and what happens once it is spent: an event only
 * (notify), a signal to every process in it (signal), or SIGKILL to every
 * task until the cgroup is empty (kill).  cpu.max limits a rate; this
 * limits a total.
 *
 * Detection is in a sched_stat_runtime probe, under the runqueue lock with
 * IRQs off: it adds the runtime to a per-CPU count, and only when that
 * passes a slice does it add the count to the shared total, so that CPUs
 * do not bounce one cache line on every tick.  The probe that sees the
 * total cross the budget queues irq_work, and the irq_work a work item,
 * which acts from process context.  What the container ran past the
 * budget by then, the overshoot, is read from the core's CPU counter.
 */
#include <linux/atomic.h>
#include <linux/cgroup.h>
#include <linux/irq_work.h>
#include <linux/percpu.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/workqueue.h>
#include <trace/events/sched.h>

#include "../controller.h"
#include "../features.h"
#include "../iso.h"
#include "controllers.h"

/* Runtime a CPU keeps to itself before adding it to the shared total. */
#define ISO_CPU_BUDGET_SLICE_NS	NSEC_PER_MSEC

/* How often kill looks again for tasks that were born meanwhile. */
#define ISO_CPU_BUDGET_KILL_MS	10

/* Set once by the probe that finds the budget spent, or by a set. */
#define ISO_CPU_BUDGET_SPENT	0

struct iso_cpu_budget {
	struct iso_limit limit;
	u64 budget_ns;
	u32 action;
	u32 signal;
	u64 base_ns;			/* the container's CPU time when set */
	u64 __percpu *pending;		/* runtime not yet in @used */
	atomic64_t used;
	unsigned long flags;
	u64 overshoot_ns;		/* by the work item */
	u32 kill_rounds;		/* by the work item */
	struct irq_work irq_work;
	struct delayed_work work;
};

ISO_LIMIT_STATE(struct iso_cpu_budget, limit);

static struct iso_cpu_budget *iso_cpu_budget(const struct iso_limit *l)
{
	return container_of(l, struct iso_cpu_budget, limit);
}

/*
 * The container's CPU time since the budget was set, from the core's
 * counter; only while the container is sure to be there (set, the work
 * item), not from a fill, which an event may make after it went.
 */
static u64 iso_cpu_budget_used(const struct iso_cpu_budget *cb)
{
	struct iso_stats sum;

	iso_stats_sum(cb->limit.c, &sum);
	return sum.v[ISO_CNT_CPU_NS] - cb->base_ns;
}

/*
 * Whether @spent_ns is past the budget; the arithmetic of the probe and
 * of a raise, apart for the KUnit cases.
 */
bool iso_cpu_budget_over(u64 spent_ns, u64 budget_ns)
{
	return spent_ns >= budget_ns;
}
EXPORT_SYMBOL_IF_ISO_KUNIT(iso_cpu_budget_over);

static void iso_cpu_budget_act(struct work_struct *work)
{
	struct iso_cpu_budget *cb = container_of(to_delayed_work(work),
						 struct iso_cpu_budget, work);
	struct cgroup *cgrp = cb->limit.c->cgrp;
	u64 used;

	switch (cb->action) {
	case ISO_CPU_BUDGET_SIGNAL:
		iso_signal_cgroup(cgrp, cb->signal);
		break;
	case ISO_CPU_BUDGET_KILL:
		/* again until nothing is left: a fork loop refills it */
		if (cgroup_is_populated(cgrp)) {
			iso_signal_cgroup(cgrp, SIGKILL);
			WRITE_ONCE(cb->kill_rounds, cb->kill_rounds + 1);
			queue_delayed_work(system_highpri_wq, &cb->work,
					   msecs_to_jiffies(ISO_CPU_BUDGET_KILL_MS));
			return;
		}
		break;
	}
	used = iso_cpu_budget_used(cb);
	WRITE_ONCE(cb->overshoot_ns,
		   used > cb->budget_ns ? used - cb->budget_ns : 0);
	rcu_read_lock();
	iso_limit_event(cb->limit.c, &cb->limit);
	rcu_read_unlock();
}

/* Hard IRQ context, after the probe's runqueue lock is dropped. */
static void iso_cpu_budget_kick(struct irq_work *irq_work)
{
	struct iso_cpu_budget *cb = container_of(irq_work,
						 struct iso_cpu_budget,
						 irq_work);

	queue_delayed_work(system_highpri_wq, &cb->work, 0);
}

#ifdef ISO_HAVE_SCHED_STAT_RUNTIME_VRUNTIME
static void iso_cpu_budget_runtime(void *data, struct task_struct *tsk,
				   u64 runtime, u64 vruntime)
#else
static void iso_cpu_budget_runtime(void *data, struct task_struct *tsk,
				   u64 runtime)
#endif
{
	unsigned long levels = READ_ONCE(iso_registry_levels);
	struct iso_cpu_budget *cb;
	struct iso_container *c;
	struct cgroup *cgrp;
	struct iso_limit *l;
	u64 pending;
	int lvl = 0;

	rcu_read_lock();	/* IRQs are off already: for lockdep */
	cgrp = task_dfl_cgroup(tsk);
	while ((c = iso_next_container(cgrp, levels, &lvl))) {
		l = iso_limit_of(c, &iso_controller_cpu_budget);
		if (!l)
			continue;
		cb = iso_cpu_budget(l);
		pending = this_cpu_read(*cb->pending) + runtime;
		if (pending < ISO_CPU_BUDGET_SLICE_NS) {
			this_cpu_write(*cb->pending, pending);
			continue;
		}
		this_cpu_write(*cb->pending, 0);
		/* counted on once spent: the state shows what was used */
		if (iso_cpu_budget_over(atomic64_add_return(pending, &cb->used),
					READ_ONCE(cb->budget_ns)) &&
		    !test_bit(ISO_CPU_BUDGET_SPENT, &cb->flags) &&
		    !test_and_set_bit(ISO_CPU_BUDGET_SPENT, &cb->flags))
			irq_work_queue(&cb->irq_work);
	}
	rcu_read_unlock();
}

static void __maybe_unused iso_cpu_budget_check_prototype(void)
{
	check_trace_callback_type_sched_stat_runtime(iso_cpu_budget_runtime);
}

static const struct nla_policy
iso_cpu_budget_policy[ISO_A_CPU_BUDGET_MAX + 1] = {
	[ISO_A_CPU_BUDGET_PAD]		= { .type = NLA_REJECT },
	[ISO_A_CPU_BUDGET_BUDGET_NS]	= { .type = NLA_U64 },
	[ISO_A_CPU_BUDGET_ACTION]	= { .type = NLA_U32 },
	[ISO_A_CPU_BUDGET_SIGNAL]	= { .type = NLA_U32 },
	[ISO_A_CPU_BUDGET_USED_NS]	= { .type = NLA_REJECT },
	[ISO_A_CPU_BUDGET_SPENT]	= { .type = NLA_REJECT },
	[ISO_A_CPU_BUDGET_OVERSHOOT_NS]	= { .type = NLA_REJECT },
	[ISO_A_CPU_BUDGET_KILL_ROUNDS]	= { .type = NLA_REJECT },
};

static int iso_cpu_budget_check(struct nlattr *params, struct nlattr **tb,
				struct netlink_ext_ack *extack)
{
	struct nlattr *action = tb[ISO_A_CPU_BUDGET_ACTION];
	struct nlattr *sig = tb[ISO_A_CPU_BUDGET_SIGNAL];
	bool signal = action &&
		      nla_get_u32(action) == ISO_CPU_BUDGET_SIGNAL;

	if (NL_REQ_ATTR_CHECK(extack, params, tb,
			      ISO_A_CPU_BUDGET_BUDGET_NS)) {
		NL_SET_ERR_MSG_MOD(extack, "ISO_A_CPU_BUDGET_BUDGET_NS missing");
		return -EINVAL;
	}
	if (!nla_get_u64(tb[ISO_A_CPU_BUDGET_BUDGET_NS])) {
		NL_SET_ERR_MSG_ATTR(extack, tb[ISO_A_CPU_BUDGET_BUDGET_NS],
				    "cpu_budget: a budget of 0");
		return -EINVAL;
	}
	if (action && nla_get_u32(action) >= __ISO_CPU_BUDGET_ACTION_MAX) {
		NL_SET_ERR_MSG_ATTR(extack, action,
				    "cpu_budget: no such action");
		return -EINVAL;
	}
	if (signal != !!sig) {
		NL_SET_ERR_MSG_ATTR(extack, sig ?: action,
				    "cpu_budget: SIGNAL goes with the signal action, and only there");
		return -EINVAL;
	}
	if (sig && (nla_get_u32(sig) < 1 || nla_get_u32(sig) > _NSIG)) {
		NL_SET_ERR_MSG_ATTR(extack, sig,
				    "cpu_budget: no such signal");
		return -EINVAL;
	}
	return 0;
}

/*
 * A new budget counts from the container's CPU time now.  A change keeps
 * the count: a budget raised past what was used is armed again, and one
 * lowered under it is spent at once.
 */
static int iso_cpu_budget_set(struct iso_limit *l, struct nlattr *params,
			      struct nlattr **tb, bool fresh,
			      struct netlink_ext_ack *extack)
{
	struct iso_cpu_budget *cb = iso_cpu_budget(l);
	struct nlattr *action = tb[ISO_A_CPU_BUDGET_ACTION];
	struct nlattr *sig = tb[ISO_A_CPU_BUDGET_SIGNAL];
	struct iso_stats sum;
	int ret;

	ret = iso_cpu_budget_check(params, tb, extack);
	if (ret)
		return ret;
	if (fresh) {
		cb->pending = alloc_percpu(u64);
		if (!cb->pending)
			return -ENOMEM;
		init_irq_work(&cb->irq_work, iso_cpu_budget_kick);
		INIT_DELAYED_WORK(&cb->work, iso_cpu_budget_act);
		iso_stats_sum(l->c, &sum);
		cb->base_ns = sum.v[ISO_CNT_CPU_NS];
	} else {
		/* nothing may act on the old terms any more */
		set_bit(ISO_CPU_BUDGET_SPENT, &cb->flags);
		synchronize_rcu();
		irq_work_sync(&cb->irq_work);
		cancel_delayed_work_sync(&cb->work);
	}
	WRITE_ONCE(cb->budget_ns, nla_get_u64(tb[ISO_A_CPU_BUDGET_BUDGET_NS]));
	WRITE_ONCE(cb->action, action ? nla_get_u32(action) :
					ISO_CPU_BUDGET_NOTIFY);
	WRITE_ONCE(cb->signal, sig ? nla_get_u32(sig) : 0);
	WRITE_ONCE(cb->overshoot_ns, 0);
	WRITE_ONCE(cb->kill_rounds, 0);
	if (fresh)
		return 0;
	atomic64_set(&cb->used, iso_cpu_budget_used(cb));
	if (iso_cpu_budget_over(atomic64_read(&cb->used), cb->budget_ns))
		queue_delayed_work(system_highpri_wq, &cb->work, 0);
	else
		clear_bit(ISO_CPU_BUDGET_SPENT, &cb->flags);
	return 0;
}

/*
 * Cleared, or its container went: stop what is queued.  No probe may
 * queue more once SPENT is set and a grace period has passed.
 */
static void iso_cpu_budget_release(struct iso_limit *l)
{
	struct iso_cpu_budget *cb = iso_cpu_budget(l);

	set_bit(ISO_CPU_BUDGET_SPENT, &cb->flags);
	synchronize_rcu();
	irq_work_sync(&cb->irq_work);
	cancel_delayed_work_sync(&cb->work);
}

static void iso_cpu_budget_destroy(struct iso_limit *l)
{
	free_percpu(iso_cpu_budget(l)->pending);
}

static int iso_cpu_budget_fill_params(struct sk_buff *skb,
				      const struct iso_limit *l)
{
	const struct iso_cpu_budget *cb = iso_cpu_budget(l);
	u32 action = READ_ONCE(cb->action);

	if (nla_put_u64_64bit(skb, ISO_A_CPU_BUDGET_BUDGET_NS,
			      READ_ONCE(cb->budget_ns), ISO_A_CPU_BUDGET_PAD) ||
	    nla_put_u32(skb, ISO_A_CPU_BUDGET_ACTION, action) ||
	    (action == ISO_CPU_BUDGET_SIGNAL &&
	     nla_put_u32(skb, ISO_A_CPU_BUDGET_SIGNAL, READ_ONCE(cb->signal))))
		return -EMSGSIZE;
	return 0;
}

static int iso_cpu_budget_fill_state(struct sk_buff *skb,
				     const struct iso_limit *l)
{
	const struct iso_cpu_budget *cb = iso_cpu_budget(l);

	/* up to a slice a CPU behind */
	if (nla_put_u64_64bit(skb, ISO_A_CPU_BUDGET_USED_NS,
			      atomic64_read(&cb->used), ISO_A_CPU_BUDGET_PAD) ||
	    nla_put_u32(skb, ISO_A_CPU_BUDGET_SPENT,
			test_bit(ISO_CPU_BUDGET_SPENT, &cb->flags)) ||
	    nla_put_u64_64bit(skb, ISO_A_CPU_BUDGET_OVERSHOOT_NS,
			      READ_ONCE(cb->overshoot_ns),
			      ISO_A_CPU_BUDGET_PAD) ||
	    nla_put_u32(skb, ISO_A_CPU_BUDGET_KILL_ROUNDS,
			READ_ONCE(cb->kill_rounds)))
		return -EMSGSIZE;
	return 0;
}

struct iso_controller iso_controller_cpu_budget __ro_after_init = {
	.name		= "cpu_budget",
	.policy		= iso_cpu_budget_policy,
	.maxattr	= ISO_A_CPU_BUDGET_MAX,
	.state_size	= sizeof(struct iso_cpu_budget),
	.probes		= {
		{ "sched_stat_runtime", iso_cpu_budget_runtime },
	},
	.set		= iso_cpu_budget_set,
	.fill_params	= iso_cpu_budget_fill_params,
	.fill_state	= iso_cpu_budget_fill_state,
	.release	= iso_cpu_budget_release,
	.destroy	= iso_cpu_budget_destroy,
	.fill_size	= 3 * ISO_NLA_U32_SIZE + 2 * ISO_NLA_U64_SIZE +
			  2 * ISO_NLA_U32_SIZE + 2 * ISO_NLA_U64_SIZE,
};
EXPORT_SYMBOL_IF_ISO_KUNIT(iso_controller_cpu_budget);
