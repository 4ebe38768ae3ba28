// SPDX-License-Identifier: GPL-2.0
/*
 * The controller framework: limits on containers, set, cleared and shown
 * over ISO_CMD_LIMIT_*, and the probes of each controller attached only
 * while some container has its limit, so that an idle controller costs
 * nothing.  It never names a controller: controllers/table.c lists them,
 * and controller.h says what one is.
 *
 * A container's limits are pointers in c->limits[], by controller index.
 * They change under iso_limits_mutex, in process context; probes read
 * them under RCU.  The registry calls iso_limits_release_container()
 * when a container goes, under its own mutex, which is taken before
 * this one and never after it.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/lockdep.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/tracepoint.h>

#include "controller.h"
#include "iso.h"

/* A queued event holds a reference on its limit. */
#define ISO_LIMIT_EVENT_QUEUED	0

const struct nla_policy iso_limit_policy[ISO_A_LIMIT_MAX + 1] = {
	[ISO_A_LIMIT_CONTROLLER]	= { .type = NLA_NUL_STRING,
					    .len = ISO_CONTROLLER_NAME_MAX },
	[ISO_A_LIMIT_PARAMS]		= { .type = NLA_NESTED },
	[ISO_A_LIMIT_STATE]		= { .type = NLA_REJECT },
};
EXPORT_SYMBOL_IF_ISO_KUNIT(iso_limit_policy);

/* What the framework keeps of each controller, by index. */
struct iso_controller_use {
	unsigned int limits;		/* containers with this limit */
	bool attached;
	struct tracepoint *tp[ISO_CONTROLLER_PROBES_MAX];
};

static DEFINE_MUTEX(iso_limits_mutex);
static struct iso_controller_use iso_uses[ISO_CONTROLLERS_MAX];
static bool iso_limits_closed;		/* unloading: attach nothing more */

/*
 * Under the mutex; read with smp_load_acquire().  On 32-bit, an entry
 * left unused while it goes round 2^32 times would match again: that
 * takes billions of privileged requests, a risk taken as the probes'
 * cache of the registry's generation takes it.
 */
unsigned long iso_limits_generation = 1;

void iso_limits_changed(void)
{
	lockdep_assert_held(&iso_limits_mutex);
	/* pairs with the acquire of a cache that read the limits after it */
	smp_store_release(&iso_limits_generation, iso_limits_generation + 1);
}

static void iso_limit_free(struct iso_limit *l)
{
	if (l->ctrl->destroy)
		l->ctrl->destroy(l);
	kfree(l);
}

static void iso_limit_free_rcu(struct rcu_head *rcu)
{
	iso_limit_free(container_of(rcu, struct iso_limit, rcu));
}

/* Any context: probes may still read it until a grace period ends. */
static void iso_limit_put(struct iso_limit *l)
{
	if (refcount_dec_and_test(&l->ref))
		call_rcu(&l->rcu, iso_limit_free_rcu);
}

static void iso_limit_event_release(struct iso_event_item *ev)
{
	struct iso_limit *l = container_of(ev, struct iso_limit, event);

	clear_bit_unlock(ISO_LIMIT_EVENT_QUEUED, &l->flags);
	iso_limit_put(l);
}

void iso_limit_event(const struct iso_container *c, struct iso_limit *l)
{
	RCU_LOCKDEP_WARN(!rcu_read_lock_held(),
			 "a limit event outside an RCU read section");
	if (!iso_events_wanted() ||
	    test_and_set_bit_lock(ISO_LIMIT_EVENT_QUEUED, &l->flags))
		return;
	/* a limit being cleared sends nothing more */
	if (!refcount_inc_not_zero(&l->ref)) {
		clear_bit_unlock(ISO_LIMIT_EVENT_QUEUED, &l->flags);
		return;
	}
	l->event.limit = l;
	l->event.release = iso_limit_event_release;
	iso_event_post(&l->event, ISO_EVENT_LIMIT, c, 0);
}

static void iso_controller_detach_locked(struct iso_controller *ctrl)
{
	struct iso_controller_use *use = &iso_uses[ctrl->index];
	int i;

	lockdep_assert_held(&iso_limits_mutex);
	if (!use->attached)
		return;
	if (ctrl->detach)
		ctrl->detach();
	for (i = 0; i < ISO_CONTROLLER_PROBES_MAX && ctrl->probes[i].probe; i++)
		tracepoint_probe_unregister(use->tp[i], ctrl->probes[i].probe,
					    NULL);
	use->attached = false;
}

static int iso_controller_attach_locked(struct iso_controller *ctrl,
					struct netlink_ext_ack *extack)
{
	struct iso_controller_use *use = &iso_uses[ctrl->index];
	int i, ret;

	lockdep_assert_held(&iso_limits_mutex);
	for (i = 0; i < ISO_CONTROLLER_PROBES_MAX && ctrl->probes[i].probe;
	     i++) {
		if (!use->tp[i]) {
			NL_SET_ERR_MSG_MOD(extack,
					   "the controller needs a tracepoint this kernel lacks");
			ret = -EOPNOTSUPP;
			goto err;
		}
		ret = tracepoint_probe_register(use->tp[i],
						ctrl->probes[i].probe, NULL);
		if (ret) {
			NL_SET_ERR_MSG_MOD(extack,
					   "attaching the controller's probe failed");
			goto err;
		}
	}
	if (ctrl->attach) {
		ret = ctrl->attach(extack);
		if (ret)
			goto err;
	}
	use->attached = true;
	return 0;
err:
	while (i--)
		tracepoint_probe_unregister(use->tp[i], ctrl->probes[i].probe,
					    NULL);
	return ret;
}

/* Take @l off @c; the caller then drops the container's reference. */
static struct iso_limit *iso_limit_unset_locked(struct iso_container *c,
						struct iso_controller *ctrl)
{
	struct iso_limit *l;

	lockdep_assert_held(&iso_limits_mutex);
	l = rcu_dereference_protected(c->limits[ctrl->index],
				      lockdep_is_held(&iso_limits_mutex));
	if (!l)
		return NULL;
	RCU_INIT_POINTER(c->limits[ctrl->index], NULL);
	if (!--iso_uses[ctrl->index].limits)
		iso_controller_detach_locked(ctrl);
	if (ctrl->release)
		ctrl->release(l);
	iso_limits_changed();
	return l;
}

static struct iso_controller *iso_controller_find(const char *name)
{
	unsigned int i;

	for (i = 0; i < iso_nr_controllers; i++)
		if (!strcmp(iso_controllers[i]->name, name))
			return iso_controllers[i];
	return NULL;
}

/* The controller ISO_A_LIMIT_CONTROLLER, in nest @lim, names. */
static struct iso_controller *iso_limits_controller(struct nlattr *lim,
						    struct nlattr **ltb,
						    struct netlink_ext_ack *extack)
{
	struct nlattr *name = ltb[ISO_A_LIMIT_CONTROLLER];
	struct iso_controller *ctrl;

	if (NL_REQ_ATTR_CHECK(extack, lim, ltb, ISO_A_LIMIT_CONTROLLER)) {
		NL_SET_ERR_MSG_MOD(extack, "ISO_A_LIMIT_CONTROLLER missing");
		return ERR_PTR(-EINVAL);
	}
	ctrl = iso_controller_find(nla_data(name));
	if (!ctrl) {
		NL_SET_ERR_MSG_ATTR(extack, name,
				    "no controller by that name in this iso.ko");
		return ERR_PTR(-EOPNOTSUPP);
	}
	return ctrl;
}

int iso_limits_set(struct iso_container *c, struct nlattr *lim,
		   struct nlattr **ltb, struct netlink_ext_ack *extack)
{
	struct nlattr *tb[ISO_CONTROLLER_ATTR_MAX + 1];
	struct nlattr *params = ltb[ISO_A_LIMIT_PARAMS];
	struct iso_controller *ctrl;
	struct iso_limit *l;
	bool fresh;
	int ret;

	ctrl = iso_limits_controller(lim, ltb, extack);
	if (IS_ERR(ctrl))
		return PTR_ERR(ctrl);
	if (NL_REQ_ATTR_CHECK(extack, lim, ltb, ISO_A_LIMIT_PARAMS)) {
		NL_SET_ERR_MSG_MOD(extack, "ISO_A_LIMIT_PARAMS missing");
		return -EINVAL;
	}
	ret = nla_parse_nested(tb, ctrl->maxattr, params, ctrl->policy,
			       extack);
	if (ret)
		return ret;

	mutex_lock(&iso_limits_mutex);
	if (READ_ONCE(c->dead)) {
		NL_SET_ERR_MSG_MOD(extack, "no such container");
		ret = -ENOENT;
		goto out;
	}
	if (iso_limits_closed) {
		NL_SET_ERR_MSG_MOD(extack, "iso.ko is being unloaded");
		ret = -ESHUTDOWN;
		goto out;
	}
	l = rcu_dereference_protected(c->limits[ctrl->index],
				      lockdep_is_held(&iso_limits_mutex));
	fresh = !l;
	if (fresh) {
		l = kzalloc(ctrl->state_size, GFP_KERNEL);
		if (!l) {
			ret = -ENOMEM;
			goto out;
		}
		l->ctrl = ctrl;
		l->c = c;
		refcount_set(&l->ref, 1);
	}
	ret = ctrl->set(l, params, tb, fresh, extack);
	if (ret)
		goto out_fresh;
	if (!fresh) {
		/* caches may hold what the limit was */
		iso_limits_changed();
		goto out;
	}
	if (!iso_uses[ctrl->index].limits) {
		ret = iso_controller_attach_locked(ctrl, extack);
		if (ret) {
			if (ctrl->release)
				ctrl->release(l);
			/* set() may have changed what caches hold */
			iso_limits_changed();
			goto out_fresh;
		}
	}
	iso_uses[ctrl->index].limits++;
	rcu_assign_pointer(c->limits[ctrl->index], l);
	iso_limits_changed();
	l = NULL;
out_fresh:
	/* set() may have armed something that queued an event: put it */
	if (fresh && l)
		iso_limit_put(l);
out:
	mutex_unlock(&iso_limits_mutex);
	return ret;
}

/* Clear the limit nest @lim names, or all without @lim. */
int iso_limits_clear(struct iso_container *c, struct nlattr *lim,
		     struct nlattr **ltb, struct netlink_ext_ack *extack)
{
	struct iso_controller *ctrl = NULL;
	struct iso_limit *l;
	unsigned int i, n = 0;

	if (ltb && ltb[ISO_A_LIMIT_PARAMS]) {
		NL_SET_ERR_MSG_ATTR(extack, ltb[ISO_A_LIMIT_PARAMS],
				    "clearing a limit takes no parameters");
		return -EINVAL;
	}
	if (ltb) {
		ctrl = iso_limits_controller(lim, ltb, extack);
		if (IS_ERR(ctrl))
			return PTR_ERR(ctrl);
	}
	mutex_lock(&iso_limits_mutex);
	for (i = 0; i < iso_nr_controllers; i++) {
		if (ctrl && iso_controllers[i] != ctrl)
			continue;
		l = iso_limit_unset_locked(c, iso_controllers[i]);
		if (l) {
			iso_limit_put(l);
			n++;
		}
	}
	mutex_unlock(&iso_limits_mutex);
	/* not an error: the ack carries this as a warning */
	if (!n)
		NL_SET_ERR_MSG_MOD(extack, "the limit was not set: nothing to clear");
	return 0;
}

/*
 * The registry, under its mutex, once it has set c->dead: its limits go
 * with it.  A set that took the limits mutex first is undone here; one
 * that takes it after sees c->dead.
 */
void iso_limits_release_container(struct iso_container *c)
{
	struct iso_limit *l;
	unsigned int i;

	mutex_lock(&iso_limits_mutex);
	for (i = 0; i < iso_nr_controllers; i++) {
		l = iso_limit_unset_locked(c, iso_controllers[i]);
		if (l)
			iso_limit_put(l);
	}
	mutex_unlock(&iso_limits_mutex);
}

/* An upper bound of what iso_limits_fill() puts. */
size_t iso_limits_size(void)
{
	size_t size = nla_total_size(0);	/* ISO_A_CONTAINER_LIMITS */
	unsigned int i;

	for (i = 0; i < iso_nr_controllers; i++)
		size += nla_total_size(0) +				/* limit */
			nla_total_size(ISO_CONTROLLER_NAME_MAX + 1) +
			2 * nla_total_size(0) +			/* params, state */
			iso_controllers[i]->fill_size;
	return size;
}
EXPORT_SYMBOL_IF_ISO_KUNIT(iso_limits_size);

static int iso_limit_fill_nest(struct sk_buff *skb, int attrtype,
			       const struct iso_limit *l,
			       int (*fill)(struct sk_buff *,
					   const struct iso_limit *))
{
	struct nlattr *nest = nla_nest_start(skb, attrtype);

	if (!nest)
		return -EMSGSIZE;
	if (fill(skb, l)) {
		nla_nest_cancel(skb, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	return 0;
}

/* One ISO_A_LIMIT nest: the controller, with @params, and its state. */
int iso_limit_fill(struct sk_buff *skb, int attrtype, const struct iso_limit *l,
		   bool params)
{
	const struct iso_controller *ctrl = l->ctrl;
	struct nlattr *nest = nla_nest_start(skb, attrtype);

	if (!nest)
		return -EMSGSIZE;
	if (nla_put_string(skb, ISO_A_LIMIT_CONTROLLER, ctrl->name) ||
	    (params && iso_limit_fill_nest(skb, ISO_A_LIMIT_PARAMS, l,
					   ctrl->fill_params)) ||
	    iso_limit_fill_nest(skb, ISO_A_LIMIT_STATE, l, ctrl->fill_state)) {
		nla_nest_cancel(skb, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	return 0;
}
EXPORT_SYMBOL_IF_ISO_KUNIT(iso_limit_fill);

/* ISO_A_CONTAINER_LIMITS, when @c has any limit. */
int iso_limits_fill(struct sk_buff *skb, const struct iso_container *c)
{
	struct nlattr *nest = NULL;
	struct iso_limit *l;
	unsigned int i;
	int ret = 0;

	rcu_read_lock();
	for (i = 0; i < iso_nr_controllers && !ret; i++) {
		l = rcu_dereference(c->limits[i]);
		if (!l)
			continue;
		if (!nest)
			nest = nla_nest_start(skb, ISO_A_CONTAINER_LIMITS);
		if (!nest)
			ret = -EMSGSIZE;
		else
			ret = iso_limit_fill(skb, ISO_A_LIMITS_LIMIT, l, true);
	}
	rcu_read_unlock();
	if (ret && nest)
		nla_nest_cancel(skb, nest);
	else if (nest)
		nla_nest_end(skb, nest);
	return ret;
}
EXPORT_SYMBOL_IF_ISO_KUNIT(iso_limits_fill);

bool iso_limits_lockdep_held(void)
{
#ifdef CONFIG_LOCKDEP
	return lockdep_is_held(&iso_limits_mutex);
#else
	return true;
#endif
}

void iso_limits_init_named(struct iso_container *c)
{
	struct iso_controller *ctrl;
	struct iso_limit *l;
	unsigned int i;

	mutex_lock(&iso_limits_mutex);
	for (i = 0; i < iso_nr_controllers && !READ_ONCE(c->dead); i++) {
		ctrl = iso_controllers[i];
		l = rcu_dereference_protected(c->limits[i],
					      lockdep_is_held(&iso_limits_mutex));
		if (l && ctrl->init_named)
			ctrl->init_named(l);
	}
	mutex_unlock(&iso_limits_mutex);
}

/* At load: number the controllers and find their tracepoints. */
int __init iso_limits_init(void)
{
	struct iso_controller *ctrl;
	unsigned int i, p;

	if (iso_nr_controllers > ISO_CONTROLLERS_MAX) {
		pr_err("%u controllers, more than ISO_CONTROLLERS_MAX\n",
		       iso_nr_controllers);
		return -EINVAL;
	}
	for (i = 0; i < iso_nr_controllers; i++) {
		ctrl = iso_controllers[i];
		ctrl->index = i;
		if (ctrl->maxattr > ISO_CONTROLLER_ATTR_MAX ||
		    ctrl->state_size < sizeof(struct iso_limit)) {
			pr_err("controller %s is malformed\n", ctrl->name);
			return -EINVAL;
		}
		for (p = 0;
		     p < ISO_CONTROLLER_PROBES_MAX && ctrl->probes[p].probe;
		     p++)
			iso_uses[i].tp[p] =
				iso_tracepoint_lookup(ctrl->probes[p].tracepoint);
		/* attach and detach stop at the first empty slot */
		for (; p < ISO_CONTROLLER_PROBES_MAX; p++) {
			if (ctrl->probes[p].probe) {
				pr_err("controller %s: a hole in its probes\n",
				       ctrl->name);
				return -EINVAL;
			}
		}
	}
	return 0;
}

/*
 * At unload, before the core's probes, whose removal waits until no probe
 * runs: detach every controller's, and refuse new limits.  The limits
 * themselves go with their containers.
 */
void iso_limits_quiesce(void)
{
	unsigned int i;

	mutex_lock(&iso_limits_mutex);
	iso_limits_closed = true;
	for (i = 0; i < iso_nr_controllers; i++)
		if (iso_uses[i].attached)
			iso_controller_detach_locked(iso_controllers[i]);
	mutex_unlock(&iso_limits_mutex);
}
