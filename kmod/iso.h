/* SPDX-License-Identifier: GPL-2.0 */
/* Internal interfaces between the files of iso.ko. */
#ifndef _ISO_H
#define _ISO_H

#include <linux/cgroup.h>
#include <linux/list.h>
#include <linux/llist.h>
#include <linux/percpu.h>
#include <linux/rcupdate.h>
#include <linux/refcount.h>
#include <linux/rhashtable-types.h>
#include <linux/types.h>
#include <net/netlink.h>
#include <uapi/linux/iso.h>

#define ISO_MODULE_VERSION "0.3.0"

/*
 * What tests/kunit calls is exported only from a build made for it
 * (make ISO_KUNIT=y, as scripts/vm does for a kernel with KUnit), as
 * WireGuard builds its self-tests only under a debug option.
 */
#ifdef ISO_KUNIT
#include <kunit/visibility.h>
#define EXPORT_SYMBOL_IF_ISO_KUNIT(sym)	EXPORT_SYMBOL_IF_KUNIT(sym)
#else
#define EXPORT_SYMBOL_IF_ISO_KUNIT(sym)
#endif

/* Longest cgroup path a record carries, NUL included; longer: left out. */
#define ISO_PATH_MAX 1024

struct cgroup;
struct genl_info;
struct pid;
struct pid_namespace;
struct task_struct;

/* Facts about the module and kernel, answered by ISO_CMD_GET_INFO. */
struct iso_info {
	const char *module_version;
	const char *kernel_release;
	u64 features;
	u32 containers;
	u32 max_containers;
};

/* Counters the probes keep, one copy per CPU, summed on read. */
enum iso_counter {
	ISO_CNT_CPU_NS,
	ISO_CNT_FORKS,
	ISO_CNT_EXECS,
	ISO_CNT_EXITS,
	ISO_CNT_NVCSW,
	ISO_CNT_NIVCSW,
	ISO_CNT_OOM_KILLS,
	ISO_CNT_FATAL_SIGNALS,

	ISO_CNT_NR,
};

struct iso_stats {
	u64 v[ISO_CNT_NR];
};

struct iso_limit;

/* Controllers a module may have; controllers/table.c lists them. */
#define ISO_CONTROLLERS_MAX	8

/*
 * An event on its way to the "events" group.  @release, if set, takes the
 * item back once it is sent or dropped; else it was kmalloc()ed.
 */
struct iso_event_item {
	struct llist_node node;
	u32 type;
	u32 pid;
	u64 time_ns;
	u64 cgroup_id;
	const struct iso_limit *limit;	/* ISO_EVENT_LIMIT: whose state */
	void (*release)(struct iso_event_item *ev);
	char name[ISO_NAME_MAX + 1];
};

/*
 * A tracked container: a cgroup v2 directory and everything below it.
 * Probes find it under RCU in the registry's table; everyone else holds a
 * reference.  Only the registry, under its mutex, changes it once it is
 * published.
 */
struct iso_container {
	struct rhash_head node;		/* registry table, by cgroup_id */
	struct list_head list;		/* registry, registration order */
	struct llist_node rmdir_node;	/* queued by the rmdir probe */
	refcount_t ref;
	unsigned long flags;		/* ISO_CONTAINER_* bits */
	/*
	 * Unregistered: written under the registry mutex, and read under the
	 * limits mutex too, which the registry takes after it to release
	 * the container's limits.
	 */
	bool dead;
	u64 cgroup_id;
	struct cgroup *cgrp;		/* referenced for the container's life */
	u64 seq;			/* registration order */
	u64 registered_ns;
	struct pid *init;		/* NULL until set, then fixed */
	/* its monitor's socket, held, or NULL and 0 (monitor.c) */
	struct sock *monitor_sk;
	u32 monitor_portid;
	struct list_head monitor_node;
	struct iso_stats __percpu *stats;
	/* by controller index; written under the limits mutex (limits.c) */
	struct iso_limit __rcu *limits[ISO_CONTROLLERS_MAX];
	struct rcu_head rcu;
	char name[ISO_NAME_MAX + 1];
};

/* The rmdir probe has queued the container for unregistration. */
#define ISO_CONTAINER_RMDIR_QUEUED	0

/* The sum of every CPU's counters, and what is read on demand. */
struct iso_snapshot {
	struct iso_stats sum;
	u32 threads;
	u32 processes;
	bool has_memory;
	u64 memory_current;
	u64 memory_peak;
	u64 memory_max;
	u32 ns[ISO_A_NS_MAX + 1];	/* by ISO_A_NS_*, 0: unknown or hidden */
	u32 init_pid;			/* in the reader's pid namespace */
};

/* info.c */
void iso_info_collect(struct iso_info *info, struct cgroup *ns_root);

/* msg.c: building and reading messages, free of module state for KUnit */
extern const struct nla_policy iso_info_policy[];
extern const struct nla_policy iso_container_policy[];
size_t iso_msg_info_size(const struct iso_info *info);
int iso_msg_fill_info(struct sk_buff *skb, const struct iso_info *info);
size_t iso_msg_container_size(void);
int iso_msg_fill_container(struct sk_buff *skb, const struct iso_container *c,
			   const char *path, const struct iso_snapshot *snap);
int iso_msg_fill_event(struct sk_buff *skb, const struct iso_event_item *ev);
bool iso_name_valid(const char *name, struct netlink_ext_ack *extack);

/* netlink.c */
extern const struct nla_policy iso_genl_policy[];
int iso_netlink_init(void);
void iso_netlink_exit(void);
void iso_netlink_event(const struct iso_event_item *ev);
struct sk_buff *iso_netlink_event_msg(const struct iso_event_item *ev);
bool iso_netlink_has_listeners(void);

/* registry.c */
int iso_registry_init(void);
void iso_registry_quiesce(void);
void iso_registry_exit(void);
u32 iso_registry_count_visible(struct cgroup *ns_root);
u32 iso_registry_max(void);
struct iso_container *iso_container_alloc(const char *name,
					  struct cgroup *cgrp,
					  struct pid *init);
void iso_container_put(struct iso_container *c);
int iso_registry_add(struct iso_container *c, struct netlink_ext_ack *extack);
int iso_registry_del(struct iso_container *c);
int iso_registry_set_init(struct iso_container *c, struct pid *init,
			  struct netlink_ext_ack *extack);
struct iso_container *iso_registry_find_name(const char *name);
struct iso_container *iso_registry_find_id(u64 cgroup_id);
struct iso_container **iso_registry_collect(struct cgroup *ns_root,
					    unsigned int *n);
struct iso_container *iso_registry_lookup(u64 cgroup_id);
void iso_registry_cgroup_rmdir(struct cgroup *cgrp);

/*
 * Bit L is set while some container's cgroup is at level L, or an add of
 * one is under way.  Probes read it locklessly; a stale bit costs one
 * lookup that misses.
 */
extern unsigned long iso_registry_levels;
extern unsigned long iso_registry_generation;

/*
 * The next container @cgrp is inside, itself included, at a level from *@l
 * on, or NULL; the walk goes root first.  One lookup per level of @levels
 * (a snapshot of iso_registry_levels) at or above @cgrp's.  Caller holds
 * rcu_read_lock().
 */
static inline struct iso_container *
iso_next_container(struct cgroup *cgrp, unsigned long levels, int *l)
{
	/* no container is deeper than a long has bits; a cgroup may be */
	int top = min_t(int, cgrp->level, BITS_PER_LONG - 1) + 1;
	struct iso_container *c;

	for (*l = find_next_bit(&levels, top, *l); *l < top;
	     *l = find_next_bit(&levels, top, *l + 1)) {
		c = iso_registry_lookup(cgroup_id(cgroup_ancestor(cgrp, *l)));
		if (c) {
			(*l)++;
			return c;
		}
	}
	return NULL;
}

/*
 * tracepoints.c: the containers @p is in, from this CPU's cache of the
 * last cgroup its hot probes looked up, for a probe that runs with IRQs
 * off (the sched_* ones), which owns the cache while it runs.  NULL if
 * there are more than the cache holds: walk with iso_next_container().
 */
struct iso_container *const *iso_probe_containers(struct task_struct *p,
						  unsigned int *n);

static inline bool iso_container_visible(const struct iso_container *c,
					 struct cgroup *ns_root)
{
	return cgroup_is_descendant(c->cgrp, ns_root);
}

/* stats.c */
void iso_stats_sum(const struct iso_container *c, struct iso_stats *sum);
int iso_stats_count_tasks(struct iso_container **cs, struct iso_snapshot *snaps,
			  unsigned int n);
void iso_stats_read(const struct iso_container *c,
		    struct pid_namespace *reader, bool show_ns,
		    struct iso_snapshot *snap);
bool iso_memory_current(struct cgroup *cgrp, u64 *bytes);

/* monitor.c */
int iso_monitor_init(void);
void iso_monitor_exit(void);
int iso_monitor_attach(struct iso_container *c, struct sock *sk, u32 portid);
void iso_monitor_detach(struct iso_container *c);
bool iso_monitor_present(const struct iso_container *c);
int iso_monitor_tell(const struct iso_container *c,
		     const struct iso_limit *l);

/* events.c */
void iso_event(u32 type, const struct iso_container *c);
void iso_event_oom(const struct iso_container *c, u32 pid);
bool iso_events_wanted(void);
bool iso_event_post(struct iso_event_item *ev, u32 type,
		    const struct iso_container *c, u32 pid);
void iso_events_start(void);
void iso_events_stop(void);

/* limits.c: the controller framework; controller.h is its other half */
int iso_limits_init(void);
void iso_limits_quiesce(void);
void iso_limits_release_container(struct iso_container *c);
void iso_limits_init_named(struct iso_container *c);
extern const struct nla_policy iso_limit_policy[ISO_A_LIMIT_MAX + 1];
int iso_limits_set(struct iso_container *c, struct nlattr *lim,
		   struct nlattr **ltb, struct netlink_ext_ack *extack);
int iso_limits_clear(struct iso_container *c, struct nlattr *lim,
		     struct nlattr **ltb, struct netlink_ext_ack *extack);
size_t iso_limits_size(void);
int iso_limits_fill(struct sk_buff *skb, const struct iso_container *c);
int iso_limit_fill(struct sk_buff *skb, int attrtype,
		   const struct iso_limit *l, bool params);

/* signal.c: a signal sent later, from process context */
bool iso_signal_deferred(struct task_struct *p, int sig);
unsigned int iso_signal_cgroup(struct cgroup *cgrp, int sig);
void iso_signal_quiesce(void);

/* tracepoints.c */
struct tracepoint *iso_tracepoint_lookup(const char *name) __init;
void iso_tracepoints_find(void);
u64 iso_tracepoints_features(void);
int iso_tracepoints_register(void);
void iso_tracepoints_unregister(void);

#endif /* _ISO_H */
