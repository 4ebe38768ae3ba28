// SPDX-License-Identifier: GPL-2.0
/*
 * The container registry.
 *
 * Containers are keyed by their own cgroup id in one hash table, and
 * nothing is stored per cgroup.  A probe finds a task's containers by
 * looking up the task's ancestor at each cgroup level where some container
 * is registered (iso_next_container()): cgroup_ancestor() is O(1) through
 * ->ancestors[] on every supported kernel, so a probe costs one lookup per
 * level in use, and that is usually one.  A container counts its whole
 * subtree, nested containers included, as cpu.stat does: a task two
 * containers deep charges both.  max_depth caps the level a container may
 * sit at, and with it the lookups a probe can pay.
 *
 * The table is written only in process context, under iso_registry_mutex;
 * probes only read it, under RCU.  That is the point of this design.  The
 * first one kept an entry per cgroup of every container and followed the
 * tree from the cgroup_mkdir and cgroup_rmdir probes, which run with IRQs
 * off under trace_cgroup_path_lock: GFP_ATOMIC allocations, subtree walks
 * under a spinlock, and rhashtable writes whose 6.1 bucket lock ends in
 * local_bh_enable() with IRQs disabled.  Here the rmdir probe only reads:
 * the removal of a container's own cgroup is handed to a work item through
 * irq_work, and the work item unregisters it.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/cgroup.h>
#include <linux/irq_work.h>
#include <linux/ktime.h>
#include <linux/lockdep.h>
#include <linux/moduleparam.h>
#include <linux/mutex.h>
#include <linux/pid.h>
#include <linux/rculist.h>
#include <linux/rhashtable.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/workqueue.h>

#include "compat.h"
#include "iso.h"

static unsigned int max_containers = 4096;
module_param(max_containers, uint, 0444);
MODULE_PARM_DESC(max_containers, "Most containers tracked at once (default 4096)");

/* Each level in use costs every probe one lookup; the bitmap has 64. */
#define ISO_DEPTH_LIMIT		(BITS_PER_LONG - 1)

static unsigned int max_depth = 8;
module_param(max_depth, uint, 0444);
MODULE_PARM_DESC(max_depth,
		 "Deepest cgroup level a container may be at, at most 63 (default 8)");

static const struct rhashtable_params iso_container_params = {
	.key_len		= sizeof(u64),
	.key_offset		= offsetof(struct iso_container, cgroup_id),
	.head_offset		= offsetof(struct iso_container, node),
	.automatic_shrinking	= true,
};

static DEFINE_MUTEX(iso_registry_mutex);
static struct rhashtable iso_containers;	/* writes under the mutex */
static LIST_HEAD(iso_registry);			/* writes under the mutex */
static unsigned int iso_nr_containers;		/* under the mutex */
static unsigned int iso_level_users[ISO_DEPTH_LIMIT + 1]; /* under the mutex */
static u64 iso_next_seq = 1;			/* under the mutex */
unsigned long iso_registry_levels;		/* written under the mutex */
EXPORT_SYMBOL_IF_ISO_KUNIT(iso_registry_levels);
/* Bumped, with release, after every publish and unpublish. */
unsigned long iso_registry_generation = 1;

u32 iso_registry_max(void)
{
	return max_containers;
}

/* A container of @cgrp, unpublished, holding a reference on @cgrp. */
struct iso_container *iso_container_alloc(const char *name,
					  struct cgroup *cgrp,
					  struct pid *init)
{
	struct iso_container *c;

	c = kzalloc_obj(*c, GFP_KERNEL);
	if (!c)
		return NULL;
	c->stats = alloc_percpu(struct iso_stats);
	if (!c->stats) {
		kfree(c);
		return NULL;
	}
	INIT_LIST_HEAD(&c->list);
	INIT_LIST_HEAD(&c->monitor_node);
	refcount_set(&c->ref, 1);
	strscpy(c->name, name, sizeof(c->name));
	cgroup_get(cgrp);
	c->cgrp = cgrp;
	c->cgroup_id = cgroup_id(cgrp);
	c->init = get_pid(init);
	return c;
}
EXPORT_SYMBOL_IF_ISO_KUNIT(iso_container_alloc);

static void iso_container_free_rcu(struct rcu_head *rcu)
{
	struct iso_container *c = container_of(rcu, struct iso_container, rcu);

	free_percpu(c->stats);
	kfree(c);
}

/*
 * Process context.  Probes and RCU readers of the list may still be
 * reading @c, so its memory goes after a grace period.  A reader that
 * follows c->cgrp (iso_registry_count_visible()) is safe too: cgroups are
 * freed through queue_rcu_work(), after a grace period of their own.
 */
void iso_container_put(struct iso_container *c)
{
	unsigned int i;

	if (!c || !refcount_dec_and_test(&c->ref))
		return;
	/* the registry took every limit away when it let the container go */
	for (i = 0; i < ISO_CONTROLLERS_MAX; i++)
		WARN_ON_ONCE(rcu_access_pointer(c->limits[i]));
	put_pid(c->init);
	cgroup_put(c->cgrp);
	call_rcu(&c->rcu, iso_container_free_rcu);
}
EXPORT_SYMBOL_IF_ISO_KUNIT(iso_container_put);

/* The container whose own cgroup is @cgroup_id; caller holds RCU. */
struct iso_container *iso_registry_lookup(u64 cgroup_id)
{
	return rhashtable_lookup(&iso_containers, &cgroup_id,
				 iso_container_params);
}
EXPORT_SYMBOL_IF_ISO_KUNIT(iso_registry_lookup);

static void iso_level_get_locked(int level)
{
	lockdep_assert_held(&iso_registry_mutex);
	if (!iso_level_users[level]++)
		WRITE_ONCE(iso_registry_levels,
			   iso_registry_levels | BIT(level));
}

static void iso_level_put_locked(int level)
{
	lockdep_assert_held(&iso_registry_mutex);
	if (!--iso_level_users[level])
		WRITE_ONCE(iso_registry_levels,
			   iso_registry_levels & ~BIT(level));
}

/*
 * After the table and the level bitmap changed: a probe that reads the new
 * generation (with acquire) sees the change, and one that cached what it
 * found under the old one fills its cache again.
 */
static void iso_generation_bump_locked(void)
{
	lockdep_assert_held(&iso_registry_mutex);
	/* pairs with the acquire of the probes' cache (iso_probe_cached()) */
	smp_store_release(&iso_registry_generation,
			  iso_registry_generation + 1);
}

static struct iso_container *iso_find_name_locked(const char *name)
{
	struct iso_container *c;

	lockdep_assert_held(&iso_registry_mutex);
	list_for_each_entry(c, &iso_registry, list)
		if (!strcmp(c->name, name))
			return c;
	return NULL;
}

/*
 * Unpublish @c: after this no probe finds it and no lookup returns it.
 * The registry's reference is the caller's to drop.
 */
static void iso_unregister_locked(struct iso_container *c)
{
	lockdep_assert_held(&iso_registry_mutex);
	rhashtable_remove_fast(&iso_containers, &c->node,
			       iso_container_params);
	list_del_rcu(&c->list);
	iso_level_put_locked(c->cgrp->level);
	iso_nr_containers--;
	WRITE_ONCE(c->dead, true);
	iso_limits_release_container(c);
	iso_monitor_detach(c);
	iso_generation_bump_locked();
	iso_event(ISO_EVENT_REMOVED, c);
}

static int iso_check_new_locked(struct iso_container *c,
				struct netlink_ext_ack *extack)
{
	lockdep_assert_held(&iso_registry_mutex);
	if (!cgroup_parent(c->cgrp)) {
		NL_SET_ERR_MSG_MOD(extack,
				   "the root cgroup is the whole system, not a container");
		return -EINVAL;
	}
	if (c->cgrp->level > max_depth) {
		NL_SET_ERR_MSG_MOD(extack,
				   "cgroup is deeper than the max_depth parameter");
		return -EINVAL;
	}
	if (iso_nr_containers >= max_containers) {
		NL_SET_ERR_MSG_MOD(extack, "max_containers reached");
		return -ENOSPC;
	}
	if (iso_find_name_locked(c->name)) {
		NL_SET_ERR_MSG_MOD(extack, "a container has this name");
		return -EEXIST;
	}
	if (rhashtable_lookup_fast(&iso_containers, &c->cgroup_id,
				   iso_container_params)) {
		NL_SET_ERR_MSG_MOD(extack, "cgroup is already tracked");
		return -EEXIST;
	}
	return 0;
}

/*
 * Publish @c.  A cgroup being removed is refused, and the check comes
 * after publishing: the rmdir path kills the cgroup's self reference
 * (percpu_ref_kill() in cgroup_destroy_locked()), then its probe looks the
 * cgroup up (after a full barrier, in
 * iso_registry_cgroup_rmdir()).  So either this sees the cgroup dying, or
 * the probe sees the container; never neither, which would leave a
 * container nothing removes.
 */
int iso_registry_add(struct iso_container *c, struct netlink_ext_ack *extack)
{
	int ret;

	mutex_lock(&iso_registry_mutex);
	ret = iso_check_new_locked(c, extack);
	if (ret)
		goto out;
	/*
	 * Set the level before @c can be found (c->seq for lookups by id,
	 * the list for lookups by name): a limit published on @c must be
	 * seen by a walk that trusts iso_limits_generation alone, as net's
	 * cache does.  The smp_mb() below orders the bit before c->seq, and
	 * list_add_tail_rcu() before the list.
	 */
	iso_level_get_locked(c->cgrp->level);
	ret = rhashtable_insert_fast(&iso_containers, &c->node,
				     iso_container_params);
	if (ret) {
		iso_level_put_locked(c->cgrp->level);
		NL_SET_ERR_MSG_MOD(extack, "could not insert into the table");
		goto out;
	}
	smp_mb();	/* publish, then look: pairs with the rmdir probe */
	/*
	 * Not css_is_dying(): from 6.2 it tests CSS_DYING, which only the
	 * subsystems' css get; cgroup_destroy_locked() kills self.refcnt.
	 */
	if (percpu_ref_is_dying(&c->cgrp->self.refcnt)) {
		rhashtable_remove_fast(&iso_containers, &c->node,
				       iso_container_params);
		iso_level_put_locked(c->cgrp->level);
		iso_generation_bump_locked();	/* a probe may have cached it */
		WRITE_ONCE(c->dead, true);	/* the rmdir probe may have queued it */
		iso_limits_release_container(c);
		NL_SET_ERR_MSG_MOD(extack, "cgroup is being removed");
		ret = -ENOENT;
		goto out;
	}
	WRITE_ONCE(c->seq, iso_next_seq++);
	c->registered_ns = ktime_get_real_ns();
	refcount_inc(&c->ref);			/* the registry's */
	list_add_tail_rcu(&c->list, &iso_registry);
	iso_nr_containers++;
	iso_generation_bump_locked();
	iso_event(ISO_EVENT_ADDED, c);
out:
	mutex_unlock(&iso_registry_mutex);
	return ret;
}
EXPORT_SYMBOL_IF_ISO_KUNIT(iso_registry_add);

/* Unregister @c; -ENOENT if it already went (its cgroup was removed). */
int iso_registry_del(struct iso_container *c)
{
	bool was_live;

	mutex_lock(&iso_registry_mutex);
	was_live = !c->dead;
	if (was_live)
		iso_unregister_locked(c);
	mutex_unlock(&iso_registry_mutex);
	if (!was_live)
		return -ENOENT;
	iso_container_put(c);			/* the registry's */
	return 0;
}
EXPORT_SYMBOL_IF_ISO_KUNIT(iso_registry_del);

/*
 * Give @c its init, once: a runtime adds the container before the init is
 * cloned into it, so that its counters cover the container's own set-up,
 * and names the init afterwards.  Readers need no lock: the pid is set
 * once and put only when @c is freed.
 */
int iso_registry_set_init(struct iso_container *c, struct pid *init,
			  struct netlink_ext_ack *extack)
{
	int ret = 0;

	mutex_lock(&iso_registry_mutex);
	if (c->dead) {
		NL_SET_ERR_MSG_MOD(extack, "no such container");
		ret = -ENOENT;
	} else if (c->init) {
		NL_SET_ERR_MSG_MOD(extack, "the container's init is already set");
		ret = -EBUSY;
	} else {
		WRITE_ONCE(c->init, get_pid(init));
	}
	mutex_unlock(&iso_registry_mutex);
	if (!ret)
		iso_limits_init_named(c);
	return ret;
}

/*
 * A reference on @c if it is registered: published (a sequence number,
 * given under the mutex once the add can no longer fail) and not dead.
 * Caller holds RCU.
 */
static struct iso_container *iso_tryget_live(struct iso_container *c)
{
	if (!c || !READ_ONCE(c->seq) || READ_ONCE(c->dead) ||
	    !refcount_inc_not_zero(&c->ref))
		return NULL;
	return c;
}

/* Lookups return a reference, to be dropped with iso_container_put(). */
struct iso_container *iso_registry_find_name(const char *name)
{
	struct iso_container *c, *found = NULL;

	rcu_read_lock();
	list_for_each_entry_rcu(c, &iso_registry, list) {
		if (!strcmp(c->name, name)) {
			found = iso_tryget_live(c);
			break;
		}
	}
	rcu_read_unlock();
	return found;
}
EXPORT_SYMBOL_IF_ISO_KUNIT(iso_registry_find_name);

struct iso_container *iso_registry_find_id(u64 cgroup_id)
{
	struct iso_container *c;

	rcu_read_lock();
	c = iso_tryget_live(iso_registry_lookup(cgroup_id));
	rcu_read_unlock();
	return c;
}
EXPORT_SYMBOL_IF_ISO_KUNIT(iso_registry_find_id);

/* Containers inside @ns_root, the cgroup namespace root of a caller. */
u32 iso_registry_count_visible(struct cgroup *ns_root)
{
	struct iso_container *c;
	u32 n = 0;

	rcu_read_lock();
	list_for_each_entry_rcu(c, &iso_registry, list)
		if (iso_container_visible(c, ns_root))
			n++;
	rcu_read_unlock();
	return n;
}
EXPORT_SYMBOL_IF_ISO_KUNIT(iso_registry_count_visible);

/*
 * Every container inside @ns_root, in registration order, each with a
 * reference: a dump's snapshot of the set.  kvfree() the array after
 * putting each; NULL with *@n = 0 when there is none, ERR_PTR on failure.
 */
struct iso_container **iso_registry_collect(struct cgroup *ns_root,
					    unsigned int *n)
{
	struct iso_container **cs = NULL, *c;

	*n = 0;
	mutex_lock(&iso_registry_mutex);
	if (iso_nr_containers) {
		cs = kvmalloc_array(iso_nr_containers, sizeof(*cs), GFP_KERNEL);
		if (!cs) {
			cs = ERR_PTR(-ENOMEM);
			goto out;
		}
	}
	list_for_each_entry(c, &iso_registry, list) {
		if (!iso_container_visible(c, ns_root))
			continue;
		refcount_inc(&c->ref);
		cs[(*n)++] = c;
	}
out:
	mutex_unlock(&iso_registry_mutex);
	return cs;
}
EXPORT_SYMBOL_IF_ISO_KUNIT(iso_registry_collect);

/* Containers whose cgroup was removed, for iso_rmdir_work. */
static LLIST_HEAD(iso_rmdir_queue);

static void iso_rmdir_work_fn(struct work_struct *work)
{
	struct llist_node *queued = llist_del_all(&iso_rmdir_queue);
	struct iso_container *c, *tmp;
	bool was_live;

	llist_for_each_entry_safe(c, tmp, queued, rmdir_node) {
		mutex_lock(&iso_registry_mutex);
		was_live = !c->dead;
		if (was_live)
			iso_unregister_locked(c);
		mutex_unlock(&iso_registry_mutex);
		if (was_live)
			iso_container_put(c);	/* the registry's */
		iso_container_put(c);		/* the queue's */
	}
}

static DECLARE_WORK(iso_rmdir_work, iso_rmdir_work_fn);

/* Hard IRQ context, once the probe's IRQ-off section has ended. */
static void iso_rmdir_irq_work_fn(struct irq_work *work)
{
	schedule_work(&iso_rmdir_work);
}

static DEFINE_IRQ_WORK(iso_rmdir_irq_work, iso_rmdir_irq_work_fn);

/*
 * cgroup_rmdir probe: IRQs off, trace_cgroup_path_lock and cgroup_mutex
 * held.  It only reads the table, and defers the rest: no allocation, no
 * table write, no wakeup here.
 */
void iso_registry_cgroup_rmdir(struct cgroup *cgrp)
{
	struct iso_container *c;

	if (cgrp->root != &cgrp_dfl_root)
		return;
	smp_mb();	/* the cgroup is dying; now look: see iso_registry_add() */
	rcu_read_lock();
	c = iso_registry_lookup(cgroup_id(cgrp));
	if (c && !test_and_set_bit(ISO_CONTAINER_RMDIR_QUEUED, &c->flags) &&
	    refcount_inc_not_zero(&c->ref)) {
		llist_add(&c->rmdir_node, &iso_rmdir_queue);
		irq_work_queue(&iso_rmdir_irq_work);
	}
	rcu_read_unlock();
}

int __init iso_registry_init(void)
{
	if (!max_containers) {
		pr_err("max_containers must be at least 1\n");
		return -EINVAL;
	}
	if (max_depth < 1 || max_depth > ISO_DEPTH_LIMIT) {
		pr_err("max_depth must be 1 to %d\n", ISO_DEPTH_LIMIT);
		return -EINVAL;
	}
	return rhashtable_init(&iso_containers, &iso_container_params);
}

/* After the probes are gone: finish what the rmdir probe deferred. */
void iso_registry_quiesce(void)
{
	irq_work_sync(&iso_rmdir_irq_work);
	flush_work(&iso_rmdir_work);
}

/* At unload, after the family is gone: nothing can look any more. */
void iso_registry_exit(void)
{
	struct iso_container *c, *tmp;
	LIST_HEAD(dead);

	mutex_lock(&iso_registry_mutex);
	list_for_each_entry_safe(c, tmp, &iso_registry, list) {
		iso_unregister_locked(c);
		/* no RCU reader is left at unload: the node is free now */
		list_add(&c->list, &dead);
	}
	/* every level taken was given back: a leak would fail the tests */
	WARN_ON_ONCE(iso_registry_levels);
	mutex_unlock(&iso_registry_mutex);

	list_for_each_entry_safe(c, tmp, &dead, list)
		iso_container_put(c);
	rhashtable_destroy(&iso_containers);
	rcu_barrier();			/* every call_rcu() above has run */
}
