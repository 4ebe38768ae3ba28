// SPDX-License-Identifier: GPL-2.0
/* Reading ISO_CMD_CONTAINER_GET records. */
#include <errno.h>
#include <string.h>
#include <netlink/attr.h>

#include "kernel/container.h"
#include "kernel/genl.h"
#include "kernel/limit.h"

static struct nla_policy container_policy[ISO_A_CONTAINER_MAX + 1] = {
	[ISO_A_CONTAINER_NAME]		= { .type = NLA_NUL_STRING },
	[ISO_A_CONTAINER_CGROUP_ID]	= { .type = NLA_U64 },
	[ISO_A_CONTAINER_CGROUP_PATH]	= { .type = NLA_NUL_STRING },
	[ISO_A_CONTAINER_INIT_PID]	= { .type = NLA_U32 },
	[ISO_A_CONTAINER_REGISTERED_NS]	= { .type = NLA_U64 },
	[ISO_A_CONTAINER_STATS]		= { .type = NLA_NESTED },
	[ISO_A_CONTAINER_NS]		= { .type = NLA_NESTED },
	[ISO_A_CONTAINER_LIMITS]	= { .type = NLA_NESTED },
};

/* Counters are u64, but for the two task counts. */
static int stat_is_u32(int type)
{
	return type == ISO_A_STATS_THREADS || type == ISO_A_STATS_PROCESSES;
}

static const char *const stat_names[ISO_A_STATS_MAX + 1] = {
	[ISO_A_STATS_CPU_NS]		= "cpu_ns",
	[ISO_A_STATS_THREADS]		= "threads",
	[ISO_A_STATS_PROCESSES]		= "processes",
	[ISO_A_STATS_FORKS]		= "forks",
	[ISO_A_STATS_EXECS]		= "execs",
	[ISO_A_STATS_EXITS]		= "exits",
	[ISO_A_STATS_NVCSW]		= "voluntary_ctxt_switches",
	[ISO_A_STATS_NIVCSW]		= "involuntary_ctxt_switches",
	[ISO_A_STATS_OOM_KILLS]		= "oom_kills",
	[ISO_A_STATS_FATAL_SIGNALS]	= "fatal_signals",
	[ISO_A_STATS_MEMORY_CURRENT]	= "memory_current",
	[ISO_A_STATS_MEMORY_PEAK]	= "memory_peak",
	[ISO_A_STATS_MEMORY_MAX]	= "memory_max",
};

static const char *const ns_names[ISO_A_NS_MAX + 1] = {
	[ISO_A_NS_PID]		= "pid",
	[ISO_A_NS_NET]		= "net",
	[ISO_A_NS_UTS]		= "uts",
	[ISO_A_NS_IPC]		= "ipc",
	[ISO_A_NS_USER]		= "user",
	[ISO_A_NS_CGROUP]	= "cgroup",
	[ISO_A_NS_TIME]		= "time",
};

const char *iso_stat_name(int type)
{
	return type > 0 && type <= ISO_A_STATS_MAX ? stat_names[type] : NULL;
}

const char *iso_ns_name(int type)
{
	return type > 0 && type <= ISO_A_NS_MAX ? ns_names[type] : NULL;
}

static int parse_stats(struct nlattr *nest, struct iso_container_rec *rec)
{
	struct nlattr *a;
	int rem, type;

	nla_for_each_nested(a, nest, rem) {
		type = nla_type(a);
		if (!iso_stat_name(type))
			continue;	/* newer than this isoctl */
		if (nla_len(a) != (stat_is_u32(type) ? 4 : 8))
			return -EINVAL;
		rec->stats[type] = stat_is_u32(type) ? nla_get_u32(a) :
						       nla_get_u64(a);
		rec->has_stat[type] = true;
	}
	return 0;
}

static int parse_ns(struct nlattr *nest, struct iso_container_rec *rec)
{
	struct nlattr *a;
	int rem, type;

	nla_for_each_nested(a, nest, rem) {
		type = nla_type(a);
		if (!iso_ns_name(type))
			continue;
		if (nla_len(a) != 4)
			return -EINVAL;
		rec->ns[type] = nla_get_u32(a);
	}
	return 0;
}

/*
 * Limits past ISO_CONTAINER_LIMITS_MAX, and one this isoctl cannot read
 * (a newer iso.ko's), are left out: the record is still good.
 */
static void parse_limits(struct nlattr *nest, struct iso_container_rec *rec)
{
	struct nlattr *a;
	int rem;

	nla_for_each_nested(a, nest, rem) {
		if (nla_type(a) != ISO_A_LIMITS_LIMIT ||
		    rec->n_limits == ISO_CONTAINER_LIMITS_MAX)
			continue;
		if (!iso_limit_parse(a, &rec->limits[rec->n_limits]))
			rec->n_limits++;
	}
}

const struct iso_limit_rec *iso_container_limit(const struct iso_container_rec *rec,
						const char *controller)
{
	unsigned int i;

	for (i = 0; i < rec->n_limits; i++)
		if (!strcmp(rec->limits[i].controller, controller))
			return &rec->limits[i];
	return NULL;
}

int iso_container_parse(struct nlattr *nest, struct iso_container_rec *rec)
{
	struct nlattr *tb[ISO_A_CONTAINER_MAX + 1];

	memset(rec, 0, sizeof(*rec));
	if (!nest || nla_parse_nested(tb, ISO_A_CONTAINER_MAX, nest,
				      container_policy))
		return -EINVAL;
	if (!tb[ISO_A_CONTAINER_NAME] || !tb[ISO_A_CONTAINER_CGROUP_ID] ||
	    iso_nla_string(rec->name, sizeof(rec->name), tb[ISO_A_CONTAINER_NAME]))
		return -EINVAL;
	rec->cgroup_id = nla_get_u64(tb[ISO_A_CONTAINER_CGROUP_ID]);
	if (tb[ISO_A_CONTAINER_CGROUP_PATH] &&
	    iso_nla_string(rec->cgroup_path, sizeof(rec->cgroup_path),
			tb[ISO_A_CONTAINER_CGROUP_PATH]))
		return -EINVAL;
	if (tb[ISO_A_CONTAINER_INIT_PID])
		rec->init_pid = nla_get_u32(tb[ISO_A_CONTAINER_INIT_PID]);
	if (tb[ISO_A_CONTAINER_REGISTERED_NS])
		rec->registered_ns = nla_get_u64(tb[ISO_A_CONTAINER_REGISTERED_NS]);
	if (tb[ISO_A_CONTAINER_STATS] &&
	    parse_stats(tb[ISO_A_CONTAINER_STATS], rec))
		return -EINVAL;
	if (tb[ISO_A_CONTAINER_NS] && parse_ns(tb[ISO_A_CONTAINER_NS], rec))
		return -EINVAL;
	if (tb[ISO_A_CONTAINER_LIMITS])
		parse_limits(tb[ISO_A_CONTAINER_LIMITS], rec);
	return 0;
}
