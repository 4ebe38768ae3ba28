/* SPDX-License-Identifier: GPL-2.0 */
/* Internal interfaces between the files of iso.ko. */
#ifndef _ISO_H
#define _ISO_H

#include <linux/list.h>
#include <linux/percpu.h>
#include <linux/rcupdate.h>
#include <linux/refcount.h>
#include <linux/types.h>
#include <net/netlink.h>
#include <uapi/linux/iso.h>

#define ISO_MODULE_VERSION "0.2.0"

/* Longest cgroup path a record carries, NUL included; longer: left out. */
#define ISO_PATH_MAX 1024

struct cgroup;
struct genl_info;
struct pid;
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

/*
 * A tracked container: a cgroup v2 directory and everything below it.
 * Probes reach it under RCU through the member table; everyone else holds a
 * reference.  Only the registry lock changes it after registration.
 */
struct iso_container {
	struct list_head list;		/* iso_registry, registration order */
	struct list_head members;	/* its struct iso_member, under lock */
	refcount_t ref;
	bool dead;			/* unregistered; under lock */
	u64 cgroup_id;
	u64 seq;			/* registration order: dump cursor */
	u64 registered_ns;
	struct pid *init;		/* may be NULL */
	struct iso_stats __percpu *stats;
	struct rcu_head rcu;
	char name[ISO_NAME_MAX + 1];
};

/* The sum of every CPU's counters, and what is read on demand. */
struct iso_snapshot {
	struct iso_stats sum;
	u32 threads;
	u32 processes;
	bool has_memory;
	u64 memory_current;
	u64 memory_peak;
	u64 memory_max;
	u32 ns[ISO_A_NS_MAX + 1];	/* by ISO_A_NS_*, 0 if unknown */
	u32 init_pid;			/* in the reader's pid namespace */
};

/* info.c */
void iso_info_collect(struct iso_info *info);

/* msg.c: building and reading messages, free of module state for KUnit */
extern const struct nla_policy iso_info_policy[];
extern const struct nla_policy iso_container_policy[];
size_t iso_msg_info_size(const struct iso_info *info);
int iso_msg_fill_info(struct sk_buff *skb, const struct iso_info *info);
size_t iso_msg_container_size(void);
int iso_msg_fill_container(struct sk_buff *skb, const struct iso_container *c,
			   const char *path, const struct iso_snapshot *snap);
int iso_msg_fill_event(struct sk_buff *skb, u32 type, u64 time_ns,
		       u64 cgroup_id, const char *name, u32 pid);
bool iso_name_valid(const char *name, struct netlink_ext_ack *extack);

/* netlink.c */
extern const struct nla_policy iso_genl_policy[];
int iso_netlink_init(void);
void iso_netlink_exit(void);
void iso_netlink_event(u32 type, u64 time_ns, u64 cgroup_id, const char *name,
		       u32 pid);

/* registry.c */
int iso_registry_init(void);
void iso_registry_exit(void);
u32 iso_registry_count(void);
u32 iso_registry_max(void);
u64 iso_registry_generation(void);
struct iso_container *iso_container_alloc(const char *name, u64 cgroup_id,
					  struct pid *init);
void iso_container_put(struct iso_container *c);
int iso_registry_add(struct iso_container *c, struct cgroup *cgrp,
		     struct netlink_ext_ack *extack);
int iso_registry_del(struct iso_container *c);
struct iso_container *iso_registry_find_name(const char *name);
struct iso_container *iso_registry_find_id(u64 cgroup_id);
int iso_registry_next(u64 after_seq, struct iso_container **batch, int max);
struct iso_container *iso_container_of_cgroup_id(u64 cgroup_id);
void iso_registry_cgroup_mkdir(struct cgroup *cgrp);
void iso_registry_cgroup_rmdir(struct cgroup *cgrp);

/* stats.c */
void iso_stats_sum(const struct iso_container *c, struct iso_stats *sum);
void iso_stats_count_tasks(struct iso_container **batch,
			   struct iso_snapshot *snaps, int n);
void iso_stats_read(struct iso_container *c, struct cgroup *cgrp,
		    struct iso_snapshot *snap);

/* events.c */
void iso_event(u32 type, const struct iso_container *c, u32 pid);
void iso_events_start(void);
void iso_events_stop(void);

/* tracepoints.c */
void iso_tracepoints_find(void);
u64 iso_tracepoints_features(void);
int iso_tracepoints_register(void);
void iso_tracepoints_unregister(void);

#endif /* _ISO_H */
