/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What an enforcement controller is, for the files in controllers/.
 * Documentation/controllers.rst walks through writing one.
 *
 * A controller is one file that defines a struct iso_controller and one
 * entry in controllers/table.c.  The framework (limits.c) owns the rest:
 * the ISO_CMD_LIMIT_* commands, the per-container slot, the locking,
 * attaching the controller's probes while some container has its limit
 * and detaching them after the last one goes, and its events.
 *
 * Contexts.  A probe that runs under the runqueue lock or with IRQs off
 * must not wake a task, allocate, or take a lock of its own: it detects,
 * and defers the action through irq_work or iso_limit_event().  A probe
 * in plain process context may act directly; but on every kernel before
 * SRCU-based tracepoints, tracepoints run with preemption off, which on
 * PREEMPT_RT makes every spinlock_t a sleeping lock that may not be taken
 * (iso_may_take_spinlocks()).
 */
#ifndef _ISO_CONTROLLER_H
#define _ISO_CONTROLLER_H

#include <linux/preempt.h>
#include <linux/rcupdate.h>
#include <linux/refcount.h>
#include <net/netlink.h>

#include "iso.h"

struct iso_controller;

/*
 * The head of each controller's per-container state, at offset 0 (the
 * framework frees the state through it): the framework allocates
 * state_size bytes and frees them after a grace period.
 */
struct iso_limit {
	const struct iso_controller *ctrl;
	/* valid until release(); a queued event may keep @l longer */
	const struct iso_container *c;
	refcount_t ref;			/* the container's, a queued event's */
	unsigned long flags;		/* ISO_LIMIT_* bits */
	struct iso_event_item event;	/* the one event it may have queued */
	struct rcu_head rcu;
};

/* Declare @type's struct iso_limit to be where the framework needs it. */
#define ISO_LIMIT_STATE(type, member) \
	static_assert(offsetof(type, member) == 0)

/* A probe a controller attaches while some container has its limit. */
struct iso_controller_probe {
	const char *tracepoint;
	void *probe;
};

#define ISO_CONTROLLER_PROBES_MAX	4

/* fill_size terms: an attribute, a 64-bit one with room for its pad */
#define ISO_NLA_U32_SIZE	NLA_ALIGN(NLA_HDRLEN + sizeof(u32))
#define ISO_NLA_U64_SIZE	(NLA_ALIGN(NLA_HDRLEN + sizeof(u64)) + NLA_HDRLEN)

/* Highest attribute number of a controller's own enum. */
#define ISO_CONTROLLER_ATTR_MAX		31

struct iso_controller {
	const char *name;		/* at most ISO_CONTROLLER_NAME_MAX */
	/* for ISO_A_LIMIT_PARAMS; state-only attributes are NLA_REJECT */
	const struct nla_policy *policy;
	unsigned int maxattr;
	size_t state_size;		/* >= sizeof(struct iso_limit) */
	/* from the first slot on, without holes */
	struct iso_controller_probe probes[ISO_CONTROLLER_PROBES_MAX];

	/*
	 * Process context, under the framework's mutex.  Check every
	 * attribute of @tb, parsed from the nest @params, before changing
	 * anything.  @fresh: @l is new and zeroed, else it is live, probes
	 * may be reading it, and a change re-arms the limit.
	 */
	int (*set)(struct iso_limit *l, struct nlattr *params,
		   struct nlattr **tb, bool fresh,
		   struct netlink_ext_ack *extack);
	/* Any context but a probe's: put PARAMS and STATE attributes. */
	int (*fill_params)(struct sk_buff *skb, const struct iso_limit *l);
	int (*fill_state)(struct sk_buff *skb, const struct iso_limit *l);
	size_t fill_size;		/* bound of both fills' payload */
	/*
	 * Optional, process context: the limit was cleared or its container
	 * went away; probes may still see @l until a grace period ends.
	 */
	void (*release)(struct iso_limit *l);
	/*
	 * Optional: free what set() allocated, once no probe can see @l (from
	 * an RCU callback), or when a fresh @l is thrown away.
	 */
	void (*destroy)(struct iso_limit *l);
	/*
	 * Optional, process context, under the framework's mutex: hooks of
	 * other kinds than tracepoints (netfilter's), attached after the
	 * probes when the first container sets the limit and detached
	 * before them when the last one goes.  detach() returns once no
	 * hook runs.
	 */
	int (*attach)(struct netlink_ext_ack *extack);
	void (*detach)(void);
	/*
	 * Optional, process context, under the framework's mutex: @l's
	 * container was given its init after @l was set, as a runtime
	 * does after setting the limits of its config.
	 */
	void (*init_named)(struct iso_limit *l);

	unsigned int index;		/* set by the framework */
};

/* controllers/table.c: every controller, in the order isoctl lists them. */
extern struct iso_controller *const iso_controllers[];
extern const unsigned int iso_nr_controllers;

/* Caller holds rcu_read_lock(): @c's limit of @ctrl, or NULL. */
static inline struct iso_limit *iso_limit_of(const struct iso_container *c,
					     const struct iso_controller *ctrl)
{
	return rcu_dereference(c->limits[ctrl->index]);
}

/*
 * Send an ISO_EVENT_LIMIT for @l, with its state as the events work item
 * finds it, if anyone listens.  Any context but NMI and the runqueue
 * lock, under rcu_read_lock(), as a probe finds @l.  One event at a time
 * per limit: while one is queued, more are folded into it.  The
 * controller rate-limits the rest.
 */
void iso_limit_event(const struct iso_container *c, struct iso_limit *l);

/* For lockdep expressions: whether the framework's mutex is held. */
bool iso_limits_lockdep_held(void);

/*
 * Bumped, with release semantics, each time a limit is published, changed
 * by set() or taken away, and when a controller says with
 * iso_limits_changed() (under the framework's mutex) that what its caches
 * hold changed.  A probe that caches what it found of the limits stamps
 * the entry with the value it read (smp_load_acquire()) before looking,
 * and trusts it while that is still the value: a limit taken away then
 * stays readable until a grace period ends, which the probe's RCU read
 * section covers.
 */
extern unsigned long iso_limits_generation;
void iso_limits_changed(void);

/* Whether a probe may take a spinlock_t, such as a task's siglock. */
static inline bool iso_may_take_spinlocks(void)
{
	return !IS_ENABLED(CONFIG_PREEMPT_RT) || preemptible();
}

#endif /* _ISO_CONTROLLER_H */
