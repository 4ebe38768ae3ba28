// SPDX-License-Identifier: GPL-2.0
/*
 * cpu_budget: a total of CPU time a container may use, counted from when
 * the budget is set, and what happens once it is spent: an event only
 * (notify), a signal to every process in it (signal), SIGKILL to every
 * task until the cgroup is empty (kill), or the event sent to the
 * container's monitor too, which writes cgroup.freeze (freeze): a module
 * cannot freeze a cgroup itself.  cpu.max limits a rate; this limits a
 * total.
 *
 * Detection is in a sched_stat_runtime probe, under the runqueue lock with
 * IRQs off: it adds the runtime to a per-CPU count, and only when that
 * passes a slice does it add the count to the shared total, so that CPUs
 * do not bounce one cache line on every tick.  The slice is at most a
 * millisecond, and small enough that every CPU's share held back cannot
 * hide a spent budget.  The probe that sees the total cross the budget
 * queues irq_work, and the irq_work a work item, which acts from process
 * context.  What the container ran past the budget when it acted, the
 * overshoot, is read from the core's CPU counter.
 *
 * This probe finds the task's containers in the per-CPU cache the core's
 * sched_stat_runtime probe, which runs just before it, has filled.
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

/* Runtime a CPU keeps to itself, at most, before adding it to the total. */
#define ISO_CPU_BUDGET_SLICE_NS	NSEC_PER_MSEC

/*
 * How soon kill looks again for tasks born meanwhile, doubling up to a
 * second while some are left: a task in uninterruptible sleep takes its
 * time to die, and each look walks every task.  freeze retries a full
 * monitor socket on the same steps.
 */
#define ISO_CPU_BUDGET_KILL_MS		10
#define ISO_CPU_BUDGET_KILL_MAX_MS	1000

/* Set once by the probe that finds the budget spent, or by a set. */
#define ISO_CPU_BUDGET_SPENT	0

struct iso_cpu_budget {
	struct iso_limit limit;
	u64 budget_ns;
	u32 action;
	u32 signal;
	u64 base_ns;			/* the container's CPU time when set */
	u64 slice_ns;			/* what a CPU may hold back */
	u64 __percpu *pending;		/* runtime not yet in @used */
	atomic64_t used;
	atomic_t kicking;		/* probes between SPENT and the kick */
	unsigned long flags;
	u64 overshoot_ns;		/* by the work item */
	u32 kill_rounds;		/* by the work item */
	u32 tell_tries;			/* by the work item */
	u32 freeze_sent;		/* by the work item */
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
	/* each per-CPU counter only grows: this is hardening */
	return sum.v[ISO_CNT_CPU_NS] > cb->base_ns ?
	       sum.v[ISO_CNT_CPU_NS] - cb->base_ns : 0;
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

/* Act again after round @round of a retry: 10 ms, doubling up to 1 s. */
static void iso_cpu_budget_again(struct iso_cpu_budget *cb, u32 round)
{
	unsigned int ms = ISO_CPU_BUDGET_KILL_MS << min(round, 7U);

	queue_delayed_work(system_highpri_wq, &cb->work,
			   msecs_to_jiffies(min_t(unsigned int, ms,
						  ISO_CPU_BUDGET_KILL_MAX_MS)));
}

/*
 * kill: SIGKILL again while the cgroup is populated (a fork loop refills
 * it), sooner or later; it stops when a pass finds nothing it can signal,
 * as when only kernel threads are left.
 */
static void iso_cpu_budget_kill_again(struct iso_cpu_budget *cb)
{
	struct cgroup *cgrp = cb->limit.c->cgrp;

	/* a lockless hint: a task moved within the cgroup never empties it */
	if (!data_race(cgroup_is_populated(cgrp)))
		return;
	if (!iso_signal_cgroup(cgrp, SIGKILL))
		return;
	WRITE_ONCE(cb->kill_rounds, cb->kill_rounds + 1);
	iso_cpu_budget_again(cb, cb->kill_rounds);
}

/*
 * freeze: the monitor writes cgroup.freeze when it gets the event; while
 * its socket's buffer is full, send it again, sooner or later.  Without a
 * monitor (it went after the limit was set), the event on the events
 * group is all there is.
 */
static void iso_cpu_budget_tell(struct iso_cpu_budget *cb)
{
	int ret;

	ret = iso_monitor_tell(cb->limit.c, &cb->limit);
	if (!ret)
		WRITE_ONCE(cb->freeze_sent, 1);
	if (!ret || ret == -ENOENT)
		return;
	iso_cpu_budget_again(cb, cb->tell_tries);
	WRITE_ONCE(cb->tell_tries, cb->tell_tries + 1);
}

static void iso_cpu_budget_act(struct work_struct *work)
{
	struct iso_cpu_budget *cb = container_of(to_delayed_work(work),
						 struct iso_cpu_budget, work);
	struct cgroup *cgrp = cb->limit.c->cgrp;
	u64 used;

	if (cb->action == ISO_CPU_BUDGET_KILL && cb->kill_rounds) {
		iso_cpu_budget_kill_again(cb);
		return;
	}
	if (cb->action == ISO_CPU_BUDGET_FREEZE && cb->tell_tries) {
		iso_cpu_budget_tell(cb);
		return;
	}
	/* the action lands: what was used past the budget by now */
	if (cb->action == ISO_CPU_BUDGET_SIGNAL)
		iso_signal_cgroup(cgrp, cb->signal);
	else if (cb->action == ISO_CPU_BUDGET_KILL)
		iso_signal_cgroup(cgrp, SIGKILL);
	used = iso_cpu_budget_used(cb);
	WRITE_ONCE(cb->overshoot_ns,
		   used > cb->budget_ns ? used - cb->budget_ns : 0);
	rcu_read_lock();
	iso_limit_event(cb->limit.c, &cb->limit);
	rcu_read_unlock();
	if (cb->action == ISO_CPU_BUDGET_KILL) {
		WRITE_ONCE(cb->kill_rounds, 1);
		queue_delayed_work(system_highpri_wq, &cb->work,
				   msecs_to_jiffies(ISO_CPU_BUDGET_KILL_MS));
	} else if (cb->action == ISO_CPU_BUDGET_FREEZE) {
		iso_cpu_budget_tell(cb);
	}
}

/* After the probe's runqueue lock is dropped: hard IRQ, or RT's thread. */
static void iso_cpu_budget_kick(struct irq_work *irq_work)
{
	struct iso_cpu_budget *cb = container_of(irq_work,
						 struct iso_cpu_budget,
						 irq_work);

	queue_delayed_work(system_highpri_wq, &cb->work, 0);
}

/* Under the runqueue lock: charge @runtime to @c's budget, if it has one. */
static void iso_cpu_budget_charge(const struct iso_container *c, u64 runtime)
{
	struct iso_cpu_budget *cb;
	struct iso_limit *l;
	u64 pending;

	l = iso_limit_of(c, &iso_controller_cpu_budget);
	if (!l)
		return;
	cb = iso_cpu_budget(l);
	pending = __this_cpu_read(*cb->pending) + runtime;
	if (pending < READ_ONCE(cb->slice_ns)) {
		__this_cpu_write(*cb->pending, pending);
		return;
	}
	__this_cpu_write(*cb->pending, 0);
	/* counted on once spent: the state shows what was used */
	if (!iso_cpu_budget_over(atomic64_add_return(pending, &cb->used),
				 READ_ONCE(cb->budget_ns)) ||
	    test_bit(ISO_CPU_BUDGET_SPENT, &cb->flags))
		return;
	/* iso_cpu_budget_quiesce() waits for this to be over */
	atomic_inc(&cb->kicking);
	/* kicking, then SPENT: pairs with iso_cpu_budget_quiesce() */
	smp_mb__after_atomic();
	if (!test_and_set_bit(ISO_CPU_BUDGET_SPENT, &cb->flags))
		irq_work_queue(&cb->irq_work);
	atomic_dec(&cb->kicking);
}

/*
 * The core's sched_stat_runtime probe, which runs just before this one,
 * has filled this CPU's cache for the task's cgroup: a hit costs no
 * lookup.
 */
#ifdef ISO_HAVE_SCHED_STAT_RUNTIME_VRUNTIME
static void iso_cpu_budget_runtime(void *data, struct task_struct *tsk,
				   u64 runtime, u64 vruntime)
#else
static void iso_cpu_budget_runtime(void *data, struct task_struct *tsk,
				   u64 runtime)
#endif
{
	unsigned long levels = READ_ONCE(iso_registry_levels);
	struct iso_container *const *cs;
	struct iso_container *c;
	struct cgroup *cgrp;
	unsigned int i, n;
	int lvl = 0;

	rcu_read_lock();	/* IRQs are off already: for lockdep */
	cs = iso_probe_containers(tsk, &n);
	if (cs) {
		for (i = 0; i < n; i++)
			iso_cpu_budget_charge(cs[i], runtime);
	} else {
		cgrp = task_dfl_cgroup(tsk);
		while ((c = iso_next_container(cgrp, levels, &lvl)))
			iso_cpu_budget_charge(c, runtime);
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
	[ISO_A_CPU_BUDGET_FREEZE_SENT]	= { .type = NLA_REJECT },
};

/* @signalling: without ACTION, the signal action stays in effect. */
static int iso_cpu_budget_check(struct nlattr *params, struct nlattr **tb,
				bool signalling,
				struct netlink_ext_ack *extack)
{
	struct nlattr *action = tb[ISO_A_CPU_BUDGET_ACTION];
	struct nlattr *sig = tb[ISO_A_CPU_BUDGET_SIGNAL];
	bool signal = action ? nla_get_u32(action) == ISO_CPU_BUDGET_SIGNAL :
			       signalling;

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
	if (signal && !sig && action) {
		NL_SET_ERR_ATTR_MISS(extack, params, ISO_A_CPU_BUDGET_SIGNAL);
		NL_SET_ERR_MSG_MOD(extack, "cpu_budget: the signal action needs SIGNAL");
		return -EINVAL;
	}
	if (!signal && sig) {
		NL_SET_ERR_MSG_ATTR(extack, sig,
				    "cpu_budget: SIGNAL goes with the signal action only");
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
 * Stop acting on @cb: once SPENT is set, only a probe already past its
 * test_and_set_bit() can queue the irq_work, and it says so in @kicking;
 * then the irq_work and the work item are waited for.  No grace period:
 * this runs under the registry mutex, once per limit.
 */
static void iso_cpu_budget_quiesce(struct iso_cpu_budget *cb)
{
	set_bit(ISO_CPU_BUDGET_SPENT, &cb->flags);
	/* SPENT, then kicking: pairs with the probe's */
	smp_mb__after_atomic();
	while (atomic_read(&cb->kicking))
		cpu_relax();
	irq_work_sync(&cb->irq_work);
	cancel_delayed_work_sync(&cb->work);
}

/* What a CPU may hold back: all of them together, half the budget. */
u64 iso_cpu_budget_slice(u64 budget_ns, unsigned int cpus)
{
	return clamp_t(u64, div_u64(budget_ns, 2 * cpus), 1,
		       ISO_CPU_BUDGET_SLICE_NS);
}
EXPORT_SYMBOL_IF_ISO_KUNIT(iso_cpu_budget_slice);

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
	u64 budget;
	int ret;

	ret = iso_cpu_budget_check(params, tb, !fresh && !action &&
				   cb->action == ISO_CPU_BUDGET_SIGNAL, extack);
	if (ret)
		return ret;
	/* a freeze that no one would carry out is refused, not kept */
	if ((action ? nla_get_u32(action) :
		      fresh ? ISO_CPU_BUDGET_NOTIFY : cb->action) ==
	    ISO_CPU_BUDGET_FREEZE && !iso_monitor_present(l->c)) {
		NL_SET_ERR_MSG_ATTR(extack, action ?: params,
				    "cpu_budget: freeze needs a monitor, and the container has none");
		return -EOPNOTSUPP;
	}
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
		iso_cpu_budget_quiesce(cb);
	}
	budget = nla_get_u64(tb[ISO_A_CPU_BUDGET_BUDGET_NS]);
	WRITE_ONCE(cb->budget_ns, budget);
	WRITE_ONCE(cb->slice_ns,
		   iso_cpu_budget_slice(budget, num_possible_cpus()));
	/* without ACTION, a change keeps the action it had */
	if (action || fresh) {
		WRITE_ONCE(cb->action, action ? nla_get_u32(action) :
						ISO_CPU_BUDGET_NOTIFY);
		WRITE_ONCE(cb->signal, sig ? nla_get_u32(sig) : 0);
	} else if (sig) {
		WRITE_ONCE(cb->signal, nla_get_u32(sig));
	}
	WRITE_ONCE(cb->overshoot_ns, 0);
	WRITE_ONCE(cb->kill_rounds, 0);
	WRITE_ONCE(cb->tell_tries, 0);
	WRITE_ONCE(cb->freeze_sent, 0);
	if (fresh)
		return 0;
	if (iso_cpu_budget_over(iso_cpu_budget_used(cb), budget))
		queue_delayed_work(system_highpri_wq, &cb->work, 0);
	else
		clear_bit(ISO_CPU_BUDGET_SPENT, &cb->flags);
	return 0;
}

/* Cleared, or its container went: stop what is queued. */
static void iso_cpu_budget_release(struct iso_limit *l)
{
	iso_cpu_budget_quiesce(iso_cpu_budget(l));
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
			READ_ONCE(cb->kill_rounds)) ||
	    nla_put_u32(skb, ISO_A_CPU_BUDGET_FREEZE_SENT,
			READ_ONCE(cb->freeze_sent)))
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
	.fill_size	= 5 * ISO_NLA_U32_SIZE + 3 * ISO_NLA_U64_SIZE,
};
EXPORT_SYMBOL_IF_ISO_KUNIT(iso_controller_cpu_budget);
