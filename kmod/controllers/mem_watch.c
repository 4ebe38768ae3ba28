// SPDX-License-Identifier: GPL-2.0
/*
 * mem_watch: an event each time a container's memory crosses a level, up
 * or down, with hysteresis.  cgroup v1 had this (memory thresholds through
 * cgroup.event_control); v2 has memory.high and memory.events, which say
 * when reclaim begins, not when a level of use is reached.
 *
 * memcg has no hook a module may attach to on each charge, and no
 * tracepoint there, so a work item reads memory.current every interval
 * (100 ms unless set): the event comes at most one interval, plus the
 * workqueue's delay, after the crossing.  The value read is the one
 * memory.current shows, charge batching included: up to 64 pages a CPU
 * may be charged ahead of use.  A crossing is counted once; one that
 * turns back before the next read is not seen.
 *
 * The work item reads the container's cgroup, which the container holds
 * until release(), and release() cancels the work before it returns.
 */
#include <linux/cgroup.h>
#include <linux/jiffies.h>
#include <linux/workqueue.h>

#include "../compat.h"
#include "../controller.h"
#include "../iso.h"
#include "controllers.h"

#define ISO_MEM_WATCH_INTERVAL_MS	100
#define ISO_MEM_WATCH_INTERVAL_MIN_MS	10
#define ISO_MEM_WATCH_INTERVAL_MAX_MS	60000
/* the default hysteresis, as a fraction of the level */
#define ISO_MEM_WATCH_HYSTERESIS_DIV	16

struct iso_mem_watch {
	struct iso_limit limit;
	u64 level;
	u64 hysteresis;
	u32 interval_ms;
	/* written by set() and the work item, which set() cancels first */
	u32 above;
	u64 usage;
	u64 up;
	u64 down;
	struct delayed_work work;
};

ISO_LIMIT_STATE(struct iso_mem_watch, limit);

static struct iso_mem_watch *iso_mem_watch(const struct iso_limit *l)
{
	return container_of(l, struct iso_mem_watch, limit);
}

/*
 * The side of the level @usage is on, for a watch that was on the side
 * @above: it goes up on reaching @level, and down only under
 * @level - @hysteresis (@hysteresis < @level).
 */
bool iso_mem_watch_above(bool above, u64 usage, u64 level, u64 hysteresis)
{
	return usage >= (above ? level - hysteresis : level);
}
EXPORT_SYMBOL_IF_ISO_KUNIT(iso_mem_watch_above);

static void iso_mem_watch_queue(struct iso_mem_watch *mw)
{
	queue_delayed_work(system_dfl_wq, &mw->work,
			   msecs_to_jiffies(READ_ONCE(mw->interval_ms)));
}

static void iso_mem_watch_read(struct work_struct *work)
{
	struct iso_mem_watch *mw = container_of(to_delayed_work(work),
						struct iso_mem_watch, work);
	const struct iso_container *c = mw->limit.c;
	bool above;
	u64 usage;

	/* the controller may have been disabled under it: wait for it back */
	if (!iso_memory_current(c->cgrp, &usage))
		goto again;
	WRITE_ONCE(mw->usage, usage);
	above = iso_mem_watch_above(mw->above, usage, mw->level,
				    mw->hysteresis);
	if (above == mw->above)
		goto again;
	WRITE_ONCE(mw->above, above);
	if (above)
		WRITE_ONCE(mw->up, mw->up + 1);
	else
		WRITE_ONCE(mw->down, mw->down + 1);
	rcu_read_lock();
	iso_limit_event(c, &mw->limit);
	rcu_read_unlock();
again:
	iso_mem_watch_queue(mw);
}

static const struct nla_policy iso_mem_watch_policy[ISO_A_MEM_WATCH_MAX + 1] = {
	[ISO_A_MEM_WATCH_PAD]		= { .type = NLA_REJECT },
	[ISO_A_MEM_WATCH_LEVEL]		= { .type = NLA_U64 },
	[ISO_A_MEM_WATCH_HYSTERESIS]	= { .type = NLA_U64 },
	[ISO_A_MEM_WATCH_INTERVAL_MS]	= { .type = NLA_U32 },
	[ISO_A_MEM_WATCH_ABOVE]		= { .type = NLA_REJECT },
	[ISO_A_MEM_WATCH_USAGE]		= { .type = NLA_REJECT },
	[ISO_A_MEM_WATCH_UP]		= { .type = NLA_REJECT },
	[ISO_A_MEM_WATCH_DOWN]		= { .type = NLA_REJECT },
};

/*
 * The terms in @tb, checked: EINVAL, as ADD's own checks give.  Omitted
 * ones take their defaults, on a change too.
 */
int iso_mem_watch_terms(struct nlattr *params, struct nlattr **tb,
			u64 *level, u64 *hysteresis, u32 *interval_ms,
			struct netlink_ext_ack *extack)
{
	struct nlattr *attr;

	if (NL_REQ_ATTR_CHECK(extack, params, tb, ISO_A_MEM_WATCH_LEVEL)) {
		NL_SET_ERR_MSG_MOD(extack, "ISO_A_MEM_WATCH_LEVEL missing");
		return -EINVAL;
	}
	attr = tb[ISO_A_MEM_WATCH_LEVEL];
	*level = nla_get_u64(attr);
	if (!*level) {
		NL_SET_ERR_MSG_ATTR(extack, attr,
				    "mem_watch: the level must be at least a byte");
		return -EINVAL;
	}
	attr = tb[ISO_A_MEM_WATCH_HYSTERESIS];
	*hysteresis = attr ? nla_get_u64(attr) :
			     *level / ISO_MEM_WATCH_HYSTERESIS_DIV;
	if (*hysteresis >= *level) {
		NL_SET_ERR_MSG_ATTR(extack, attr,
				    "mem_watch: the hysteresis must be below the level");
		return -EINVAL;
	}
	attr = tb[ISO_A_MEM_WATCH_INTERVAL_MS];
	*interval_ms = attr ? nla_get_u32(attr) : ISO_MEM_WATCH_INTERVAL_MS;
	if (*interval_ms < ISO_MEM_WATCH_INTERVAL_MIN_MS ||
	    *interval_ms > ISO_MEM_WATCH_INTERVAL_MAX_MS) {
		NL_SET_ERR_MSG_ATTR(extack, attr,
				    "mem_watch: the interval must be 10 to 60000 ms");
		return -EINVAL;
	}
	return 0;
}
EXPORT_SYMBOL_IF_ISO_KUNIT(iso_mem_watch_terms);

/*
 * A new watch takes the side memory.current is on, without an event.  New
 * terms take it again, as the hysteresis has it, without an event or a
 * count: only a crossing of the same terms counts.  A new interval alone
 * changes when the next read is; the same terms again change nothing.
 */
static int iso_mem_watch_set(struct iso_limit *l, struct nlattr *params,
			     struct nlattr **tb, bool fresh,
			     struct netlink_ext_ack *extack)
{
	struct iso_mem_watch *mw = iso_mem_watch(l);
	u64 level, hysteresis, usage;
	u32 interval_ms;
	bool same;
	int ret;

	ret = iso_mem_watch_terms(params, tb, &level, &hysteresis,
				  &interval_ms, extack);
	if (ret)
		return ret;
	same = !fresh && level == mw->level && hysteresis == mw->hysteresis;
	if (same) {
		if (interval_ms != mw->interval_ms) {
			WRITE_ONCE(mw->interval_ms, interval_ms);
			mod_delayed_work(system_dfl_wq, &mw->work,
					 msecs_to_jiffies(interval_ms));
		}
		return 0;
	}
	if (fresh)
		INIT_DELAYED_WORK(&mw->work, iso_mem_watch_read);
	else
		cancel_delayed_work_sync(&mw->work);
	/* with the work item stopped: what it read last stands */
	if (!iso_memory_current(l->c->cgrp, &usage)) {
		NL_SET_ERR_MSG_MOD(extack,
				   "mem_watch: the container's cgroup has no memory controller on cgroup v2 (see its parent's cgroup.subtree_control)");
		if (!fresh)
			iso_mem_watch_queue(mw);
		return -EOPNOTSUPP;
	}
	WRITE_ONCE(mw->level, level);
	WRITE_ONCE(mw->hysteresis, hysteresis);
	WRITE_ONCE(mw->interval_ms, interval_ms);
	WRITE_ONCE(mw->usage, usage);
	WRITE_ONCE(mw->above, fresh ? usage >= level :
			      iso_mem_watch_above(mw->above, usage, level,
						  hysteresis));
	iso_mem_watch_queue(mw);
	return 0;
}

static void iso_mem_watch_release(struct iso_limit *l)
{
	cancel_delayed_work_sync(&iso_mem_watch(l)->work);
}

static int iso_mem_watch_fill_params(struct sk_buff *skb,
				     const struct iso_limit *l)
{
	const struct iso_mem_watch *mw = iso_mem_watch(l);

	if (nla_put_u64_64bit(skb, ISO_A_MEM_WATCH_LEVEL, READ_ONCE(mw->level),
			      ISO_A_MEM_WATCH_PAD) ||
	    nla_put_u64_64bit(skb, ISO_A_MEM_WATCH_HYSTERESIS,
			      READ_ONCE(mw->hysteresis), ISO_A_MEM_WATCH_PAD) ||
	    nla_put_u32(skb, ISO_A_MEM_WATCH_INTERVAL_MS,
			READ_ONCE(mw->interval_ms)))
		return -EMSGSIZE;
	return 0;
}

static int iso_mem_watch_fill_state(struct sk_buff *skb,
				    const struct iso_limit *l)
{
	const struct iso_mem_watch *mw = iso_mem_watch(l);

	if (nla_put_u32(skb, ISO_A_MEM_WATCH_ABOVE, READ_ONCE(mw->above)) ||
	    nla_put_u64_64bit(skb, ISO_A_MEM_WATCH_USAGE, READ_ONCE(mw->usage),
			      ISO_A_MEM_WATCH_PAD) ||
	    nla_put_u64_64bit(skb, ISO_A_MEM_WATCH_UP, READ_ONCE(mw->up),
			      ISO_A_MEM_WATCH_PAD) ||
	    nla_put_u64_64bit(skb, ISO_A_MEM_WATCH_DOWN, READ_ONCE(mw->down),
			      ISO_A_MEM_WATCH_PAD))
		return -EMSGSIZE;
	return 0;
}

struct iso_controller iso_controller_mem_watch __ro_after_init = {
	.name		= "mem_watch",
	.policy		= iso_mem_watch_policy,
	.maxattr	= ISO_A_MEM_WATCH_MAX,
	.state_size	= sizeof(struct iso_mem_watch),
	.set		= iso_mem_watch_set,
	.fill_params	= iso_mem_watch_fill_params,
	.fill_state	= iso_mem_watch_fill_state,
	.release	= iso_mem_watch_release,
	.fill_size	= 2 * ISO_NLA_U32_SIZE + 5 * ISO_NLA_U64_SIZE,
};
EXPORT_SYMBOL_IF_ISO_KUNIT(iso_controller_mem_watch);
