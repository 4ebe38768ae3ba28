/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * iso: per-container accounting and enforcement over generic netlink.
 *
 * The one header shared by iso.ko and isoctl.  Commands and attributes are
 * only ever appended; a value, once released, is never renumbered.
 * Documentation/iso-netlink.rst describes each of them.
 */
#ifndef _UAPI_LINUX_ISO_H
#define _UAPI_LINUX_ISO_H

#define ISO_GENL_NAME		"iso"
#define ISO_GENL_VERSION	1

/* Bumped when a command or attribute is added; never for a fix. */
#define ISO_ABI_VERSION		7

/* Multicast group carrying ISO_CMD_EVENT notifications. */
#define ISO_MCGRP_EVENTS	"events"

/* Longest container name, in bytes, without the terminating NUL. */
#define ISO_NAME_MAX		64

enum iso_cmd {
	ISO_CMD_UNSPEC,
	ISO_CMD_GET_INFO,	/* doit: module, ABI and kernel facts */
	ISO_CMD_CONTAINER_ADD,	/* doit, CAP_SYS_ADMIN: start tracking a cgroup */
	ISO_CMD_CONTAINER_DEL,	/* doit, CAP_SYS_ADMIN: stop tracking one */
	ISO_CMD_CONTAINER_GET,	/* doit by name or id; dumpit: all visible */
	ISO_CMD_EVENT,		/* notification on ISO_MCGRP_EVENTS only */
	ISO_CMD_CONTAINER_SET,	/* doit, CAP_SYS_ADMIN: set its init pid */
	ISO_CMD_LIMIT_SET,	/* doit, CAP_SYS_ADMIN: set or change a limit */
	ISO_CMD_LIMIT_CLEAR,	/* doit, CAP_SYS_ADMIN: clear one, or all */
	ISO_CMD_LIMIT_GET,	/* doit: a container's limits and their state */

	__ISO_CMD_MAX,
};

#define ISO_CMD_MAX (__ISO_CMD_MAX - 1)

enum iso_attr {
	ISO_A_UNSPEC,
	ISO_A_PAD,		/* alignment for 64-bit attributes */
	ISO_A_INFO,		/* nest: ISO_A_INFO_*, replies only */
	ISO_A_CONTAINER,	/* nest: ISO_A_CONTAINER_* */
	ISO_A_EVENT,		/* nest: ISO_A_EVENT_*, notifications only */
	ISO_A_LIMIT,		/* nest: ISO_A_LIMIT_* */

	__ISO_A_MAX,
};

#define ISO_A_MAX (__ISO_A_MAX - 1)

enum iso_info_attr {
	ISO_A_INFO_UNSPEC,
	ISO_A_INFO_PAD,
	ISO_A_INFO_MODULE_VERSION,	/* string: iso.ko's version */
	ISO_A_INFO_ABI_VERSION,		/* u32: ISO_ABI_VERSION */
	ISO_A_INFO_KERNEL_RELEASE,	/* string: uname -r of the kernel */
	ISO_A_INFO_FEATURES,		/* u64: ISO_FEATURE_* bitmap */
	ISO_A_INFO_CONTAINERS,		/* u32: containers the caller sees */
	ISO_A_INFO_MAX_CONTAINERS,	/* u32: the max_containers cap */

	__ISO_A_INFO_MAX,
};

#define ISO_A_INFO_MAX (__ISO_A_INFO_MAX - 1)

enum iso_container_attr {
	ISO_A_CONTAINER_UNSPEC,
	ISO_A_CONTAINER_PAD,
	ISO_A_CONTAINER_NAME,		/* string, 1..ISO_NAME_MAX printable */
	ISO_A_CONTAINER_CGROUP_ID,	/* u64: cgroup v2 id (inode number) */
	ISO_A_CONTAINER_CGROUP_FD,	/* s32, request: a cgroup v2 dir fd */
	ISO_A_CONTAINER_CGROUP_PATH,	/* string: in the caller's cgroup ns */
	ISO_A_CONTAINER_INIT_PID,	/* u32: init's pid in the caller's ns */
	ISO_A_CONTAINER_REGISTERED_NS,	/* u64: CLOCK_REALTIME ns */
	ISO_A_CONTAINER_STATS,		/* nest: ISO_A_STATS_*, replies */
	ISO_A_CONTAINER_NS,		/* nest: ISO_A_NS_*, replies */
	ISO_A_CONTAINER_LIMITS,		/* nest: ISO_A_LIMITS_LIMIT, replies */
	ISO_A_CONTAINER_MONITOR,	/* flag: ADD's socket is its monitor */

	__ISO_A_CONTAINER_MAX,
};

#define ISO_A_CONTAINER_MAX (__ISO_A_CONTAINER_MAX - 1)

/*
 * Counters count from registration, each event charged to the containers
 * the task was in when it happened; they never decrease.  Memory and task
 * counts are read when asked.  Documentation/iso-netlink.rst has the
 * details, kernel by kernel.
 */
enum iso_stats_attr {
	ISO_A_STATS_UNSPEC,
	ISO_A_STATS_PAD,
	ISO_A_STATS_CPU_NS,		/* u64 ns: CPU time, every class */
	ISO_A_STATS_THREADS,		/* u32: tasks now */
	ISO_A_STATS_PROCESSES,		/* u32: thread groups now */
	ISO_A_STATS_FORKS,		/* u64: tasks created, threads included */
	ISO_A_STATS_EXECS,		/* u64: successful execs */
	ISO_A_STATS_EXITS,		/* u64: tasks exited (also threads) */
	ISO_A_STATS_NVCSW,		/* u64: switches out while asleep */
	ISO_A_STATS_NIVCSW,		/* u64: involuntary context switches */
	ISO_A_STATS_OOM_KILLS,		/* u64: tasks chosen as OOM victims */
	ISO_A_STATS_FATAL_SIGNALS,	/* u64: fatal signals delivered */
	ISO_A_STATS_MEMORY_CURRENT,	/* u64 bytes: memory.current */
	ISO_A_STATS_MEMORY_PEAK,	/* u64 bytes: memory.peak */
	ISO_A_STATS_MEMORY_MAX,		/* u64 bytes: memory.max, U64_MAX=max */

	__ISO_A_STATS_MAX,
};

#define ISO_A_STATS_MAX (__ISO_A_STATS_MAX - 1)

/*
 * Namespace inode numbers of the container's init, as ls -l /proc/PID/ns;
 * only for a caller with CAP_SYS_PTRACE.
 */
enum iso_ns_attr {
	ISO_A_NS_UNSPEC,
	ISO_A_NS_PID,			/* u32 */
	ISO_A_NS_NET,			/* u32 */
	ISO_A_NS_UTS,			/* u32 */
	ISO_A_NS_IPC,			/* u32 */
	ISO_A_NS_USER,			/* u32 */
	ISO_A_NS_CGROUP,		/* u32 */
	ISO_A_NS_TIME,			/* u32 */

	__ISO_A_NS_MAX,
};

#define ISO_A_NS_MAX (__ISO_A_NS_MAX - 1)

enum iso_event_type {
	ISO_EVENT_UNSPEC,
	ISO_EVENT_ADDED,
	ISO_EVENT_REMOVED,
	ISO_EVENT_OOM_KILL,
	ISO_EVENT_LIMIT,		/* a controller acted; ISO_A_LIMIT says */

	__ISO_EVENT_MAX,
};

#define ISO_EVENT_MAX (__ISO_EVENT_MAX - 1)

enum iso_event_attr {
	ISO_A_EVENT_UNSPEC,
	ISO_A_EVENT_PAD,
	ISO_A_EVENT_TYPE,		/* u32: enum iso_event_type */
	ISO_A_EVENT_TIME_NS,		/* u64: CLOCK_REALTIME ns */
	ISO_A_EVENT_PID,		/* u32: OOM victim, in the init pid ns */

	__ISO_A_EVENT_MAX,
};

#define ISO_A_EVENT_MAX (__ISO_A_EVENT_MAX - 1)

/* Longest controller name, in bytes, without the terminating NUL. */
#define ISO_CONTROLLER_NAME_MAX	31

/*
 * One limit: which controller, and a nest that only that controller reads,
 * checked against its own policy.  Its attributes are in the enum named
 * after it below.  In a container's record and in an event, PARAMS says
 * what is set and STATE what the controller did.
 */
enum iso_limit_attr {
	ISO_A_LIMIT_UNSPEC,
	ISO_A_LIMIT_CONTROLLER,		/* string: "fork_rate", ... */
	ISO_A_LIMIT_PARAMS,		/* nest: the controller's attributes */
	ISO_A_LIMIT_STATE,		/* nest: the controller's, replies */

	__ISO_A_LIMIT_MAX,
};

#define ISO_A_LIMIT_MAX (__ISO_A_LIMIT_MAX - 1)

/*
 * In ISO_A_CONTAINER_LIMITS: one ISO_A_LIMITS_LIMIT nest (ISO_A_LIMIT_*)
 * per limit set.  An event carries its limit as a top-level ISO_A_LIMIT.
 */
enum iso_limits_attr {
	ISO_A_LIMITS_UNSPEC,
	ISO_A_LIMITS_LIMIT,		/* nest: ISO_A_LIMIT_* */

	__ISO_A_LIMITS_MAX,
};

#define ISO_A_LIMITS_MAX (__ISO_A_LIMITS_MAX - 1)

/*
 * fork_rate: new processes per second, as a token bucket.  A process
 * created over the rate is killed before it first runs; threads and
 * kernel-side workers are never counted or killed.
 */
enum iso_fork_rate_attr {
	ISO_A_FORK_RATE_UNSPEC,
	ISO_A_FORK_RATE_PAD,
	ISO_A_FORK_RATE_RATE,		/* u32, params: processes a second */
	ISO_A_FORK_RATE_BURST,		/* u32, params: at once; default RATE */
	ISO_A_FORK_RATE_KILLED,		/* u64, state: killed at birth */
	ISO_A_FORK_RATE_MISSED,		/* u64, state: over, not killed */

	__ISO_A_FORK_RATE_MAX,
};

#define ISO_A_FORK_RATE_MAX (__ISO_A_FORK_RATE_MAX - 1)

/* What cpu_budget does when the budget is spent. */
enum iso_cpu_budget_action {
	ISO_CPU_BUDGET_NOTIFY,		/* an ISO_EVENT_LIMIT only */
	ISO_CPU_BUDGET_SIGNAL,		/* SIGNAL to every task in it */
	ISO_CPU_BUDGET_KILL,		/* SIGKILL until the cgroup is empty */
	ISO_CPU_BUDGET_FREEZE,		/* the monitor is told to freeze it */

	__ISO_CPU_BUDGET_ACTION_MAX,
};

/*
 * cpu_budget: a total of CPU time, counted from when the budget is set;
 * when it is spent, ACTION runs once, from process context.  Raising the
 * budget past what was used re-arms it.
 */
enum iso_cpu_budget_attr {
	ISO_A_CPU_BUDGET_UNSPEC,
	ISO_A_CPU_BUDGET_PAD,
	ISO_A_CPU_BUDGET_BUDGET_NS,	/* u64 ns, params: at least 1 */
	ISO_A_CPU_BUDGET_ACTION,	/* u32, params: enum above; NOTIFY */
	ISO_A_CPU_BUDGET_SIGNAL,	/* u32, params: 1..64, for SIGNAL */
	ISO_A_CPU_BUDGET_USED_NS,	/* u64 ns, state: CPU since set */
	ISO_A_CPU_BUDGET_SPENT,		/* u32, state: 1 once spent */
	ISO_A_CPU_BUDGET_OVERSHOOT_NS,	/* u64 ns, state: run past it */
	ISO_A_CPU_BUDGET_KILL_ROUNDS,	/* u32, state: SIGKILL passes */
	ISO_A_CPU_BUDGET_FREEZE_SENT,	/* u32, state: 1, the monitor told */

	__ISO_A_CPU_BUDGET_MAX,
};

#define ISO_A_CPU_BUDGET_MAX (__ISO_A_CPU_BUDGET_MAX - 1)

/*
 * mem_watch: an ISO_EVENT_LIMIT each time the container's memory.current
 * crosses LEVEL: upwards on reaching it, downwards on falling under
 * LEVEL - HYSTERESIS.  memory.current is read every INTERVAL_MS; the side
 * it is on when the watch is set or changed is taken without an event.
 */
enum iso_mem_watch_attr {
	ISO_A_MEM_WATCH_UNSPEC,
	ISO_A_MEM_WATCH_PAD,
	ISO_A_MEM_WATCH_LEVEL,		/* u64 bytes, params: at least 1 */
	ISO_A_MEM_WATCH_HYSTERESIS,	/* u64 bytes, params: < LEVEL; LEVEL/16 */
	ISO_A_MEM_WATCH_INTERVAL_MS,	/* u32, params: 10..60000; 100 */
	ISO_A_MEM_WATCH_ABOVE,		/* u32, state: 1 above, after UP */
	ISO_A_MEM_WATCH_USAGE,		/* u64 bytes, state: at the last read */
	ISO_A_MEM_WATCH_UP,		/* u64, state: crossings upwards */
	ISO_A_MEM_WATCH_DOWN,		/* u64, state: crossings downwards */

	__ISO_A_MEM_WATCH_MAX,
};

#define ISO_A_MEM_WATCH_MAX (__ISO_A_MEM_WATCH_MAX - 1)

/*
 * net: the container's IPv4 and IPv6 packets, counted where the filter
 * table sees them: received at LOCAL_IN, sent at LOCAL_OUT.  A container
 * whose init has a network namespace of its own (not the initial one)
 * counts every packet there; any other counts its sockets' packets, by
 * the socket's cgroup.  Its egress policy is RULES, first match wins,
 * then DEFAULT; a byte quota per direction drops what comes after it.
 */
enum iso_net_verdict {
	ISO_NET_ALLOW,
	ISO_NET_DENY,

	__ISO_NET_VERDICT_MAX,
};

#define ISO_NET_VERDICT_MAX (__ISO_NET_VERDICT_MAX - 1)

/* Most rules one limit takes. */
#define ISO_NET_RULES_MAX	16

/* One egress rule, in an ISO_A_NET_RULES_RULE nest. */
enum iso_net_rule_attr {
	ISO_A_NET_RULE_UNSPEC,
	ISO_A_NET_RULE_PROTO,		/* u8: IPPROTO_{TCP,UDP,UDPLITE,SCTP,
					 * ICMP,ICMPV6}
					 */
	ISO_A_NET_RULE_PORT_MIN,	/* u16: destination port; none: all */
	ISO_A_NET_RULE_PORT_MAX,	/* u16: >= PORT_MIN; PORT_MIN */
	ISO_A_NET_RULE_VERDICT,		/* u32: enum iso_net_verdict */

	__ISO_A_NET_RULE_MAX,
};

#define ISO_A_NET_RULE_MAX (__ISO_A_NET_RULE_MAX - 1)

/* In ISO_A_NET_RULES: one nest per rule, in order. */
enum iso_net_rules_attr {
	ISO_A_NET_RULES_UNSPEC,
	ISO_A_NET_RULES_RULE,		/* nest: ISO_A_NET_RULE_* */

	__ISO_A_NET_RULES_MAX,
};

#define ISO_A_NET_RULES_MAX (__ISO_A_NET_RULES_MAX - 1)

/* ISO_A_NET_QUOTA_SPENT bits */
#define ISO_NET_QUOTA_SPENT_RX	(1U << 0)
#define ISO_NET_QUOTA_SPENT_TX	(1U << 1)

enum iso_net_attr {
	ISO_A_NET_UNSPEC,
	ISO_A_NET_PAD,
	ISO_A_NET_RULES,		/* nest, params: egress rules */
	ISO_A_NET_DEFAULT,		/* u32, params: verdict; ALLOW */
	ISO_A_NET_QUOTA_RX,		/* u64 bytes, params: none if absent */
	ISO_A_NET_QUOTA_TX,		/* u64 bytes, params: none if absent */
	ISO_A_NET_OWN_NETNS,		/* u32, state: 1 counts its netns */
	ISO_A_NET_RX_BYTES,		/* u64, state: received, at LOCAL_IN */
	ISO_A_NET_RX_PACKETS,		/* u64, state */
	ISO_A_NET_TX_BYTES,		/* u64, state: sent, at LOCAL_OUT */
	ISO_A_NET_TX_PACKETS,		/* u64, state */
	ISO_A_NET_DENIED,		/* u64, state: packets the rules dropped */
	ISO_A_NET_QUOTA_DROPS_RX,	/* u64, state: packets over RX quota */
	ISO_A_NET_QUOTA_DROPS_TX,	/* u64, state: packets over TX quota */
	ISO_A_NET_QUOTA_USED_RX,	/* u64 bytes, state: since the quota */
	ISO_A_NET_QUOTA_USED_TX,	/* u64 bytes, state: since the quota */
	ISO_A_NET_QUOTA_SPENT,		/* u32, state: ISO_NET_QUOTA_SPENT_* */

	__ISO_A_NET_MAX,
};

#define ISO_A_NET_MAX (__ISO_A_NET_MAX - 1)

/*
 * exec_count: how many times the container's tasks exec'd one file, the
 * one the kernel loads (for a script or a binfmt_misc entry, the
 * interpreter).  A request names the file by an fd of it (O_PATH will
 * do); a reply by its superblock's device and its inode number.  The
 * file is fixed while the limit is set: a set naming another is EBUSY.
 */
enum iso_exec_count_attr {
	ISO_A_EXEC_COUNT_UNSPEC,
	ISO_A_EXEC_COUNT_PAD,
	ISO_A_EXEC_COUNT_FD,		/* s32, params: requests only */
	ISO_A_EXEC_COUNT_DEV,		/* u32, params: replies only */
	ISO_A_EXEC_COUNT_INO,		/* u64, params: replies only */
	ISO_A_EXEC_COUNT_EXECS,		/* u64, state: execs since set */

	__ISO_A_EXEC_COUNT_MAX,
};

#define ISO_A_EXEC_COUNT_MAX (__ISO_A_EXEC_COUNT_MAX - 1)

/*
 * What the running module can do on this kernel, as found at load time.
 * A bit is set only when the facility is there and working.
 */
enum iso_feature_bit {
	ISO_FEATURE_BIT_SCHED_TRACEPOINTS,	/* sched_*, task_newtask found */
	ISO_FEATURE_BIT_CGROUP_TRACEPOINTS,	/* cgroup_rmdir found */
	ISO_FEATURE_BIT_OOM_TRACEPOINTS,	/* oom tracepoints found */
	ISO_FEATURE_BIT_MEMCG,			/* memory controller on v2 */
	ISO_FEATURE_BIT_CGROUP_NS,		/* cgroup namespaces built in */

	__ISO_FEATURE_BIT_MAX,
};

#define ISO_FEATURE(bit)	(1ULL << ISO_FEATURE_BIT_##bit)

#endif /* _UAPI_LINUX_ISO_H */
