// SPDX-License-Identifier: GPL-2.0
/*
 * The container registry.  Every cgroup inside a tracked container, the
 * container's own directory included, has a member entry keyed by cgroup id
 * that points at its container, so a probe finds a task's container with
 * one hash lookup under RCU, and a task outside every container costs one
 * miss.  No struct cgroup pointer is kept: ids stay valid when cgroups go.
 *
 * Members follow the tree: the cgroup_mkdir probe adds the new child of a
 * member, cgroup_rmdir removes it, and removing a container's own directory
 * unregisters the container.  Those probes run in atomic context, so the
 * registry is guarded by a spinlock and member entries are GFP_ATOMIC.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/cgroup.h>
#include <linux/ktime.h>
#include <linux/moduleparam.h>
#include <linux/pid.h>
#include <linux/rhashtable.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <kunit/visibility.h>

#include "compat.h"
#include "iso.h"

static unsigned int max_containers = 4096;
module_param(max_containers, uint, 0444);
MODULE_PARM_DESC(max_containers, "Most containers tracked at once (default 4096)");

/* One cgroup inside a container's subtree. */
struct iso_member {
	struct rhash_head node;
	u64 cgroup_id;
	struct iso_container *owner;	/* fixed for the member's life */
	struct list_head link;		/* owner->members */
	struct rcu_head rcu;
};

static const struct rhashtable_params iso_member_params = {
	.key_len		= sizeof(u64),
	.key_offset		= offsetof(struct iso_member, cgroup_id),
	.head_offset		= offsetof(struct iso_member, node),
	.automatic_shrinking	= true,
};

static struct rhashtable iso_members;
static LIST_HEAD(iso_registry);
static DEFINE_SPINLOCK(iso_registry_lock);
static u32 iso_count;		/* under lock */
static u64 iso_next_seq = 1;	/* under lock */
static u64 iso_generation;	/* bumped on every add and del, under lock */

u32 iso_registry_count(void)
{
	return READ_ONCE(iso_count);
}
EXPORT_SYMBOL_IF_KUNIT(iso_registry_count);

u32 iso_registry_max(void)
{
	return max_containers;
}

u64 iso_registry_generation(void)
{
	return READ_ONCE(iso_generation);
}

struct iso_container *iso_container_alloc(const char *name, u64 cgroup_id,
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
	INIT_LIST_HEAD(&c->members);
	refcount_set(&c->ref, 1);
	strscpy(c->name, name, sizeof(c->name));
	c->cgroup_id = cgroup_id;
	c->init = get_pid(init);
	return c;
}
EXPORT_SYMBOL_IF_KUNIT(iso_container_alloc);

static void iso_container_free_rcu(struct rcu_head *rcu)
{
	struct iso_container *c = container_of(rcu, struct iso_container, rcu);

	put_pid(c->init);
	free_percpu(c->stats);
	kfree(c);
}

/* Probes may still be reading @c under RCU: free it after a grace period. */
void iso_container_put(struct iso_container *c)
{
	if (c && refcount_dec_and_test(&c->ref))
		call_rcu(&c->rcu, iso_container_free_rcu);
}
EXPORT_SYMBOL_IF_KUNIT(iso_container_put);

static struct iso_member *iso_member_lookup(u64 cgroup_id)
{
	return rhashtable_lookup(&iso_members, &cgroup_id, iso_member_params);
}

/* The container a cgroup belongs to; caller holds rcu_read_lock(). */
struct iso_container *iso_container_of_cgroup_id(u64 cgroup_id)
{
	struct iso_member *m = iso_member_lookup(cgroup_id);

	return m ? m->owner : NULL;
}
EXPORT_SYMBOL_IF_KUNIT(iso_container_of_cgroup_id);

/* Add cgroup @id to @c; caller holds the lock.  An existing entry wins. */
static int iso_member_add_locked(struct iso_container *c, u64 id)
{
	struct iso_member *m;
	int ret;

	m = kzalloc_obj(*m, GFP_ATOMIC);
	if (!m)
		return -ENOMEM;
	m->cgroup_id = id;
	m->owner = c;
	ret = rhashtable_lookup_insert_fast(&iso_members, &m->node,
					    iso_member_params);
	if (ret) {
		kfree(m);
		return ret == -EEXIST ? 0 : ret;
	}
	list_add_tail(&m->link, &c->members);
	return 0;
}

static void iso_member_remove_locked(struct iso_member *m)
{
	rhashtable_remove_fast(&iso_members, &m->node, iso_member_params);
	list_del(&m->link);
	kfree_rcu(m, rcu);
}

static struct iso_container *iso_find_name_locked(const char *name)
{
	struct iso_container *c;

	list_for_each_entry(c, &iso_registry, list)
		if (!strcmp(c->name, name))
			return c;
	return NULL;
}

/*
 * Unpublish @c: after this no probe finds it and no lookup returns it.
 * The registry's reference is dropped by the caller, outside the lock.
 */
static void iso_unregister_locked(struct iso_container *c)
{
	struct iso_member *m, *tmp;

	list_for_each_entry_safe(m, tmp, &c->members, link)
		iso_member_remove_locked(m);
	list_del_rcu(&c->list);
	c->dead = true;
	iso_count--;
	iso_generation++;
}

/*
 * Nested containers are refused for now: each cgroup belongs to at most one
 * container, which keeps a probe at one lookup and one counter update.
 */
static int iso_check_free_subtree(struct cgroup *cgrp,
				  struct netlink_ext_ack *extack)
{
	struct cgroup_subsys_state *css;
	struct iso_member *m;

	m = iso_member_lookup(cgroup_id(cgrp));
	if (m && m->owner->cgroup_id == cgroup_id(cgrp)) {
		NL_SET_ERR_MSG_MOD(extack, "cgroup is already tracked");
		return -EEXIST;
	}
	if (m) {
		NL_SET_ERR_MSG_MOD(extack, "cgroup is inside a tracked container");
		return -EBUSY;
	}
	css_for_each_descendant_pre(css, &cgrp->self) {
		if (iso_member_lookup(cgroup_id(css->cgroup))) {
			NL_SET_ERR_MSG_MOD(extack,
					   "a tracked container is inside this cgroup");
			return -EBUSY;
		}
	}
	return 0;
}

/* Every cgroup of the subtree, root first, becomes a member of @c. */
static int iso_add_subtree_locked(struct iso_container *c, struct cgroup *cgrp)
{
	struct cgroup_subsys_state *css;
	int ret;

	css_for_each_descendant_pre(css, &cgrp->self) {
		ret = iso_member_add_locked(c, cgroup_id(css->cgroup));
		if (ret)
			return ret;
	}
	return 0;
}

static int iso_registry_add_locked(struct iso_container *c,
				   struct cgroup *cgrp,
				   struct netlink_ext_ack *extack)
{
	struct iso_member *m, *tmp;
	int ret;

	if (iso_count >= max_containers) {
		NL_SET_ERR_MSG_MOD(extack, "max_containers reached");
		return -ENOSPC;
	}
	if (iso_find_name_locked(c->name)) {
		NL_SET_ERR_MSG_MOD(extack, "a container has this name");
		return -EEXIST;
	}
	ret = iso_check_free_subtree(cgrp, extack);
	if (ret)
		return ret;

	ret = iso_add_subtree_locked(c, cgrp);
	if (ret) {
		list_for_each_entry_safe(m, tmp, &c->members, link)
			iso_member_remove_locked(m);
		NL_SET_ERR_MSG_MOD(extack, "out of memory adding the subtree");
		return ret;
	}
	c->seq = iso_next_seq++;
	c->registered_ns = ktime_get_real_ns();
	refcount_inc(&c->ref);			/* the registry's */
	list_add_tail_rcu(&c->list, &iso_registry);
	iso_count++;
	iso_generation++;
	return 0;
}

/*
 * Publish @c for cgroup @cgrp, which the caller holds a reference on.
 * The walk of its subtree and the checks happen under one lock, so no
 * concurrent add, mkdir or rmdir sees half a container.
 */
int iso_registry_add(struct iso_container *c, struct cgroup *cgrp,
		     struct netlink_ext_ack *extack)
{
	int ret;

	rcu_read_lock();
	spin_lock(&iso_registry_lock);
	ret = iso_registry_add_locked(c, cgrp, extack);
	spin_unlock(&iso_registry_lock);
	rcu_read_unlock();
	return ret;
}
EXPORT_SYMBOL_IF_KUNIT(iso_registry_add);

/* Unregister @c; -ENOENT if it already went (its cgroup was removed). */
int iso_registry_del(struct iso_container *c)
{
	bool was_live;

	spin_lock(&iso_registry_lock);
	was_live = !c->dead;
	if (was_live)
		iso_unregister_locked(c);
	spin_unlock(&iso_registry_lock);
	if (!was_live)
		return -ENOENT;
	iso_container_put(c);			/* the registry's */
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(iso_registry_del);

/* Lookups return a reference, to be dropped with iso_container_put(). */
struct iso_container *iso_registry_find_name(const char *name)
{
	struct iso_container *c;

	spin_lock(&iso_registry_lock);
	c = iso_find_name_locked(name);
	if (c)
		refcount_inc(&c->ref);
	spin_unlock(&iso_registry_lock);
	return c;
}
EXPORT_SYMBOL_IF_KUNIT(iso_registry_find_name);

struct iso_container *iso_registry_find_id(u64 cgroup_id)
{
	struct iso_member *m;
	struct iso_container *c = NULL;

	spin_lock(&iso_registry_lock);
	m = iso_member_lookup(cgroup_id);
	if (m && m->owner->cgroup_id == cgroup_id) {
		c = m->owner;
		refcount_inc(&c->ref);
	}
	spin_unlock(&iso_registry_lock);
	return c;
}
EXPORT_SYMBOL_IF_KUNIT(iso_registry_find_id);

/*
 * Up to @max containers registered after @after_seq, in order, each with a
 * reference.  Returns how many; a dump resumes from the last one's seq.
 */
int iso_registry_next(u64 after_seq, struct iso_container **batch, int max)
{
	struct iso_container *c;
	int n = 0;

	spin_lock(&iso_registry_lock);
	list_for_each_entry(c, &iso_registry, list) {
		if (c->seq <= after_seq)
			continue;
		refcount_inc(&c->ref);
		batch[n++] = c;
		if (n == max)
			break;
	}
	spin_unlock(&iso_registry_lock);
	return n;
}
EXPORT_SYMBOL_IF_KUNIT(iso_registry_next);

/* cgroup_mkdir probe: a new child of a member is a member too. */
void iso_registry_cgroup_mkdir(struct cgroup *cgrp)
{
	struct cgroup *parent = cgroup_parent(cgrp);
	struct iso_member *m;

	if (!parent || cgrp->root != &cgrp_dfl_root)
		return;
	rcu_read_lock();
	if (iso_member_lookup(cgroup_id(parent))) {
		spin_lock(&iso_registry_lock);
		/* look again: the container may have gone meanwhile */
		m = iso_member_lookup(cgroup_id(parent));
		if (m && !m->owner->dead &&
		    iso_member_add_locked(m->owner, cgroup_id(cgrp)))
			pr_warn_ratelimited("cgroup %llu of \"%s\" not tracked: out of memory\n",
					    cgroup_id(cgrp), m->owner->name);
		spin_unlock(&iso_registry_lock);
	}
	rcu_read_unlock();
}

/* cgroup_rmdir probe: forget the member; a container's own dir ends it. */
void iso_registry_cgroup_rmdir(struct cgroup *cgrp)
{
	struct iso_container *gone = NULL;
	struct iso_member *m;

	if (cgrp->root != &cgrp_dfl_root)
		return;
	rcu_read_lock();
	if (!iso_member_lookup(cgroup_id(cgrp))) {
		rcu_read_unlock();
		return;
	}
	spin_lock(&iso_registry_lock);
	m = iso_member_lookup(cgroup_id(cgrp));
	if (m && m->owner->cgroup_id == m->cgroup_id) {
		gone = m->owner;
		iso_unregister_locked(gone);
	} else if (m) {
		iso_member_remove_locked(m);
	}
	spin_unlock(&iso_registry_lock);
	rcu_read_unlock();

	if (gone) {
		iso_event(ISO_EVENT_REMOVED, gone, 0);
		iso_container_put(gone);
	}
}

int __init iso_registry_init(void)
{
	if (!max_containers) {
		pr_err("max_containers must be at least 1\n");
		return -EINVAL;
	}
	return rhashtable_init(&iso_members, &iso_member_params);
}

/* At unload, after the probes and the family are gone. */
void iso_registry_exit(void)
{
	struct iso_container *c, *tmp;
	LIST_HEAD(dead);

	spin_lock(&iso_registry_lock);
	list_for_each_entry_safe(c, tmp, &iso_registry, list) {
		iso_unregister_locked(c);
		list_add(&c->list, &dead);
	}
	spin_unlock(&iso_registry_lock);

	list_for_each_entry_safe(c, tmp, &dead, list)
		iso_container_put(c);
	rhashtable_destroy(&iso_members);
	rcu_barrier();			/* every call_rcu() above has run */
}
