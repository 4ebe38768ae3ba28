// SPDX-License-Identifier: GPL-2.0
/*
 * fork_rate: at most RATE new processes a second in a container, BURST of
 * them at once.  pids.max caps how many there are; this caps how fast
 * they come, which is what a fork bomb is.
 *
 * The bucket is kept as GCRA does it: one "theoretical arrival time", the
 * time at which the bucket would be full again, moved on by one interval
 * per process admitted.  A process is over the rate when that time is
 * more than (BURST - 1) intervals ahead of now.  One compare-and-swap per
 * fork, and no timer.
 *
 * The task_newtask probe runs in the parent, after cgroup_post_fork() has
 * put the child in its cgroup and before wake_up_new_task() lets it run.
 * A child over the rate gets SIGKILL there, and dies at its first return
 * to user space, having run nothing.  Where the probe may not take the
 * child's siglock (PREEMPT_RT, with a tracepoint that runs with preemption
 * off) the signal is sent from a work item instead, and the child may
 * run for a moment first.  Threads, io_uring workers and other
 * kernel-side workers are never counted or killed: a SIGKILL to a thread
 * would take its whole process, the parent included.
 *
 * Nested containers each apply their own limit; a process one of them
 * refuses still took its token in the others.
 */
#include <linux/atomic.h>
#include <linux/cgroup.h>
#include <linux/ktime.h>
#include <linux/math64.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <trace/events/task.h>

#include "../controller.h"
#include "controllers.h"
#include "../features.h"
#include "../iso.h"

#define ISO_FORK_RATE_MAX	1000000	/* processes a second */

struct iso_fork_rate {
	struct iso_limit limit;
	u32 rate;
	u32 burst;
	u64 interval_ns;		/* NSEC_PER_SEC / rate */
	u64 tolerance_ns;		/* (burst - 1) intervals */
	atomic64_t tat;			/* when the bucket is full again */
	atomic64_t killed;
	atomic64_t missed;
	atomic64_t last_event_ns;
};

ISO_LIMIT_STATE(struct iso_fork_rate, limit);

/*
 * Whether a process at @now fits in the bucket; if it does, it takes its
 * token.  GCRA: @tat is the theoretical arrival time.
 */
bool iso_gcra_admit(atomic64_t *tat, u64 now, u64 interval, u64 tolerance)
{
	s64 old = atomic64_read(tat);
	u64 t;

	do {
		t = max_t(u64, old, now);
		if (t - now > tolerance)
			return false;
	} while (!atomic64_try_cmpxchg(tat, &old, t + interval));
	return true;
}
EXPORT_SYMBOL_IF_ISO_KUNIT(iso_gcra_admit);

/* One event a second at most, carrying the killed count. */
static void iso_fork_rate_report(const struct iso_container *c,
				 struct iso_fork_rate *fr, u64 now)
{
	s64 last = atomic64_read(&fr->last_event_ns);

	if (last && (s64)(now - last) < NSEC_PER_SEC)
		return;
	if (atomic64_try_cmpxchg(&fr->last_event_ns, &last, now))
		iso_limit_event(c, &fr->limit);
}

static void iso_fork_rate_kill(struct task_struct *task,
			       struct iso_fork_rate *fr)
{
	bool sent;

	if (iso_may_take_spinlocks())
		sent = !send_sig_info(SIGKILL, SEND_SIG_PRIV, task);
	else
		sent = iso_signal_deferred(task, SIGKILL);
	atomic64_inc(sent ? &fr->killed : &fr->missed);
}

/* Threads and workers of the kernel's are not new processes. */
static bool iso_fork_rate_counts(struct task_struct *task, u64 clone_flags)
{
	unsigned int workers = PF_KTHREAD | PF_IO_WORKER;

#ifdef PF_USER_WORKER
	workers |= PF_USER_WORKER;
#endif
	return !(clone_flags & CLONE_THREAD) && !(task->flags & workers);
}

#ifdef ISO_HAVE_TASK_NEWTASK_U64
static void iso_fork_rate_newtask(void *data, struct task_struct *task,
				  u64 clone_flags)
#else
static void iso_fork_rate_newtask(void *data, struct task_struct *task,
				  unsigned long clone_flags)
#endif
{
	unsigned long levels = READ_ONCE(iso_registry_levels);
	struct iso_fork_rate *fr, *over = NULL;
	struct iso_container *c;
	struct cgroup *cgrp;
	struct iso_limit *l;
	bool admitted;
	u64 now;
	int lvl = 0;

	if (!iso_fork_rate_counts(task, clone_flags))
		return;
	rcu_read_lock();
	cgrp = task_dfl_cgroup(task);
	while ((c = iso_next_container(cgrp, levels, &lvl))) {
		l = iso_limit_of(c, &iso_controller_fork_rate);
		if (!l)
			continue;
		fr = container_of(l, struct iso_fork_rate, limit);
		/*
		 * 7.3 runs this probe preemptible: a clock read before a
		 * preemption would be stale against a bucket others moved.
		 */
		preempt_disable();
		now = ktime_get_ns();
		admitted = iso_gcra_admit(&fr->tat, now,
					  READ_ONCE(fr->interval_ns),
					  READ_ONCE(fr->tolerance_ns));
		preempt_enable();
		if (admitted)
			continue;
		/* the innermost refusing container counts the kill */
		over = fr;
		iso_fork_rate_report(c, fr, now);
	}
	if (over)
		iso_fork_rate_kill(task, over);
	rcu_read_unlock();
}

static void __maybe_unused iso_fork_rate_check_prototype(void)
{
	check_trace_callback_type_task_newtask(iso_fork_rate_newtask);
}

static const struct nla_policy iso_fork_rate_policy[ISO_A_FORK_RATE_MAX + 1] = {
	[ISO_A_FORK_RATE_PAD]	 = { .type = NLA_REJECT },
	[ISO_A_FORK_RATE_RATE]	 = { .type = NLA_U32 },
	[ISO_A_FORK_RATE_BURST]	 = { .type = NLA_U32 },
	[ISO_A_FORK_RATE_KILLED] = { .type = NLA_REJECT },
	[ISO_A_FORK_RATE_MISSED] = { .type = NLA_REJECT },
};

/* 1 to ISO_FORK_RATE_MAX; EINVAL, not the policy's ERANGE, as ADD does. */
static bool iso_fork_rate_valid(struct nlattr *attr,
				struct netlink_ext_ack *extack)
{
	u32 v = nla_get_u32(attr);

	if (v >= 1 && v <= ISO_FORK_RATE_MAX)
		return true;
	NL_SET_ERR_MSG_ATTR(extack, attr,
			    "fork_rate: must be 1 to 1000000 processes");
	return false;
}

/*
 * A change of rate or burst starts from a full bucket; setting the same
 * again, as an orchestrator that re-applies its limits does, changes
 * nothing.
 */
static int iso_fork_rate_set(struct iso_limit *l, struct nlattr *params,
			     struct nlattr **tb, bool fresh,
			     struct netlink_ext_ack *extack)
{
	struct iso_fork_rate *fr = container_of(l, struct iso_fork_rate, limit);
	struct nlattr *battr = tb[ISO_A_FORK_RATE_BURST];
	u32 rate, burst;

	if (NL_REQ_ATTR_CHECK(extack, params, tb, ISO_A_FORK_RATE_RATE)) {
		NL_SET_ERR_MSG_MOD(extack, "ISO_A_FORK_RATE_RATE missing");
		return -EINVAL;
	}
	if (!iso_fork_rate_valid(tb[ISO_A_FORK_RATE_RATE], extack) ||
	    (battr && !iso_fork_rate_valid(battr, extack)))
		return -EINVAL;
	rate = nla_get_u32(tb[ISO_A_FORK_RATE_RATE]);
	burst = battr ? nla_get_u32(battr) : rate;
	if (!fresh && rate == fr->rate && burst == fr->burst)
		return 0;

	WRITE_ONCE(fr->rate, rate);
	WRITE_ONCE(fr->burst, burst);
	WRITE_ONCE(fr->interval_ns, div_u64(NSEC_PER_SEC, rate));
	WRITE_ONCE(fr->tolerance_ns, (u64)(burst - 1) * fr->interval_ns);
	atomic64_set(&fr->tat, 0);
	return 0;
}

static int iso_fork_rate_fill_params(struct sk_buff *skb,
				     const struct iso_limit *l)
{
	const struct iso_fork_rate *fr =
		container_of(l, struct iso_fork_rate, limit);

	if (nla_put_u32(skb, ISO_A_FORK_RATE_RATE, READ_ONCE(fr->rate)) ||
	    nla_put_u32(skb, ISO_A_FORK_RATE_BURST, READ_ONCE(fr->burst)))
		return -EMSGSIZE;
	return 0;
}

static int iso_fork_rate_fill_state(struct sk_buff *skb,
				    const struct iso_limit *l)
{
	const struct iso_fork_rate *fr =
		container_of(l, struct iso_fork_rate, limit);

	if (nla_put_u64_64bit(skb, ISO_A_FORK_RATE_KILLED,
			      atomic64_read(&fr->killed), ISO_A_FORK_RATE_PAD) ||
	    nla_put_u64_64bit(skb, ISO_A_FORK_RATE_MISSED,
			      atomic64_read(&fr->missed), ISO_A_FORK_RATE_PAD))
		return -EMSGSIZE;
	return 0;
}

struct iso_controller iso_controller_fork_rate __ro_after_init = {
	.name		= "fork_rate",
	.policy		= iso_fork_rate_policy,
	.maxattr	= ISO_A_FORK_RATE_MAX,
	.state_size	= sizeof(struct iso_fork_rate),
	.probes		= {
		{ "task_newtask", iso_fork_rate_newtask },
	},
	.set		= iso_fork_rate_set,
	.fill_params	= iso_fork_rate_fill_params,
	.fill_state	= iso_fork_rate_fill_state,
	.fill_size	= 2 * ISO_NLA_U32_SIZE + 2 * ISO_NLA_U64_SIZE,
};
EXPORT_SYMBOL_IF_ISO_KUNIT(iso_controller_fork_rate);
