// SPDX-License-Identifier: GPL-2.0
/*
 * Message bodies of the iso family.  Nothing here touches module state, so
 * the KUnit suites can build and read messages without a live family.
 */
#include <linux/string.h>
#include <net/netlink.h>
#include <uapi/linux/iso.h>

#include "iso.h"

/* The reply layout, for readers: KUnit parses replies back with it. */
const struct nla_policy iso_info_policy[ISO_A_INFO_MAX + 1] = {
	[ISO_A_INFO_PAD]		= { .type = NLA_UNSPEC },
	[ISO_A_INFO_MODULE_VERSION]	= { .type = NLA_NUL_STRING },
	[ISO_A_INFO_ABI_VERSION]	= { .type = NLA_U32 },
	[ISO_A_INFO_KERNEL_RELEASE]	= { .type = NLA_NUL_STRING },
	[ISO_A_INFO_FEATURES]		= { .type = NLA_U64 },
	[ISO_A_INFO_CONTAINERS]		= { .type = NLA_U32 },
	[ISO_A_INFO_MAX_CONTAINERS]	= { .type = NLA_U32 },
};
EXPORT_SYMBOL_IF_ISO_KUNIT(iso_info_policy);

/* Payload size of a GET_INFO reply, for genlmsg_new(). */
size_t iso_msg_info_size(const struct iso_info *info)
{
	return nla_total_size(0) +					/* nest */
	       nla_total_size(strlen(info->module_version) + 1) +
	       nla_total_size(sizeof(u32)) +				/* ABI */
	       nla_total_size(strlen(info->kernel_release) + 1) +
	       nla_total_size_64bit(sizeof(u64)) +			/* features */
	       nla_total_size(sizeof(u32)) +				/* containers */
	       nla_total_size(sizeof(u32));				/* cap */
}
EXPORT_SYMBOL_IF_ISO_KUNIT(iso_msg_info_size);

int iso_msg_fill_info(struct sk_buff *skb, const struct iso_info *info)
{
	struct nlattr *nest;

	nest = nla_nest_start(skb, ISO_A_INFO);
	if (!nest)
		return -EMSGSIZE;

	if (nla_put_string(skb, ISO_A_INFO_MODULE_VERSION, info->module_version) ||
	    nla_put_u32(skb, ISO_A_INFO_ABI_VERSION, ISO_ABI_VERSION) ||
	    nla_put_string(skb, ISO_A_INFO_KERNEL_RELEASE, info->kernel_release) ||
	    nla_put_u64_64bit(skb, ISO_A_INFO_FEATURES, info->features,
			      ISO_A_INFO_PAD) ||
	    nla_put_u32(skb, ISO_A_INFO_CONTAINERS, info->containers) ||
	    nla_put_u32(skb, ISO_A_INFO_MAX_CONTAINERS, info->max_containers)) {
		nla_nest_cancel(skb, nest);
		return -EMSGSIZE;
	}

	nla_nest_end(skb, nest);
	return 0;
}
EXPORT_SYMBOL_IF_ISO_KUNIT(iso_msg_fill_info);

/* 1 to ISO_NAME_MAX printable ASCII bytes; the policy checked the length. */
bool iso_name_valid(const char *name, struct netlink_ext_ack *extack)
{
	const char *p;

	if (!*name) {
		NL_SET_ERR_MSG_MOD(extack, "container name is empty");
		return false;
	}
	for (p = name; *p; p++) {
		if (*p < ' ' || *p > '~') {
			NL_SET_ERR_MSG_MOD(extack,
					   "container name has a non-printable byte");
			return false;
		}
	}
	return true;
}
EXPORT_SYMBOL_IF_ISO_KUNIT(iso_name_valid);

/* An upper bound of one ISO_CMD_CONTAINER_GET record's payload. */
size_t iso_msg_container_size(void)
{
	return nla_total_size(0) +				/* nest */
	       nla_total_size(ISO_NAME_MAX + 1) +
	       nla_total_size_64bit(sizeof(u64)) +		/* id */
	       nla_total_size(ISO_PATH_MAX) +
	       nla_total_size(sizeof(u32)) +			/* init */
	       nla_total_size_64bit(sizeof(u64)) +		/* registered */
	       nla_total_size(0) +				/* stats */
	       (ISO_CNT_NR + 3) * nla_total_size_64bit(sizeof(u64)) +
	       2 * nla_total_size(sizeof(u32)) +
	       nla_total_size(0) +				/* ns */
	       ISO_A_NS_MAX * nla_total_size(sizeof(u32)) +
	       nla_total_size(0) +				/* monitor */
	       iso_limits_size();
}
EXPORT_SYMBOL_IF_ISO_KUNIT(iso_msg_container_size);

/* The attribute each counter goes out as. */
static const u16 iso_counter_attr[ISO_CNT_NR] = {
	[ISO_CNT_CPU_NS]	= ISO_A_STATS_CPU_NS,
	[ISO_CNT_FORKS]		= ISO_A_STATS_FORKS,
	[ISO_CNT_EXECS]		= ISO_A_STATS_EXECS,
	[ISO_CNT_EXITS]		= ISO_A_STATS_EXITS,
	[ISO_CNT_NVCSW]		= ISO_A_STATS_NVCSW,
	[ISO_CNT_NIVCSW]	= ISO_A_STATS_NIVCSW,
	[ISO_CNT_OOM_KILLS]	= ISO_A_STATS_OOM_KILLS,
	[ISO_CNT_FATAL_SIGNALS]	= ISO_A_STATS_FATAL_SIGNALS,
};

static int iso_fill_memory(struct sk_buff *skb, const struct iso_snapshot *snap)
{
	if (!snap->has_memory)
		return 0;
	if (nla_put_u64_64bit(skb, ISO_A_STATS_MEMORY_CURRENT,
			      snap->memory_current, ISO_A_STATS_PAD) ||
	    nla_put_u64_64bit(skb, ISO_A_STATS_MEMORY_PEAK, snap->memory_peak,
			      ISO_A_STATS_PAD) ||
	    nla_put_u64_64bit(skb, ISO_A_STATS_MEMORY_MAX, snap->memory_max,
			      ISO_A_STATS_PAD))
		return -EMSGSIZE;
	return 0;
}

static int iso_fill_stats(struct sk_buff *skb, const struct iso_snapshot *snap)
{
	struct nlattr *nest;
	int i;

	nest = nla_nest_start(skb, ISO_A_CONTAINER_STATS);
	if (!nest)
		return -EMSGSIZE;
	for (i = 0; i < ISO_CNT_NR; i++)
		if (nla_put_u64_64bit(skb, iso_counter_attr[i], snap->sum.v[i],
				      ISO_A_STATS_PAD))
			goto cancel;
	if (nla_put_u32(skb, ISO_A_STATS_THREADS, snap->threads) ||
	    nla_put_u32(skb, ISO_A_STATS_PROCESSES, snap->processes) ||
	    iso_fill_memory(skb, snap))
		goto cancel;
	nla_nest_end(skb, nest);
	return 0;
cancel:
	nla_nest_cancel(skb, nest);
	return -EMSGSIZE;
}

static int iso_fill_ns(struct sk_buff *skb, const struct iso_snapshot *snap)
{
	struct nlattr *nest;
	int type;

	nest = nla_nest_start(skb, ISO_A_CONTAINER_NS);
	if (!nest)
		return -EMSGSIZE;
	for (type = ISO_A_NS_PID; type <= ISO_A_NS_MAX; type++) {
		if (snap->ns[type] && nla_put_u32(skb, type, snap->ns[type])) {
			nla_nest_cancel(skb, nest);
			return -EMSGSIZE;
		}
	}
	nla_nest_end(skb, nest);
	return 0;
}

/* One container's record: @path may be NULL, and @snap has been read. */
int iso_msg_fill_container(struct sk_buff *skb, const struct iso_container *c,
			   const char *path, const struct iso_snapshot *snap)
{
	struct nlattr *nest;

	nest = nla_nest_start(skb, ISO_A_CONTAINER);
	if (!nest)
		return -EMSGSIZE;
	if (nla_put_string(skb, ISO_A_CONTAINER_NAME, c->name) ||
	    nla_put_u64_64bit(skb, ISO_A_CONTAINER_CGROUP_ID, c->cgroup_id,
			      ISO_A_CONTAINER_PAD) ||
	    (path && strlen(path) < ISO_PATH_MAX &&
	     nla_put_string(skb, ISO_A_CONTAINER_CGROUP_PATH, path)) ||
	    (snap->init_pid &&
	     nla_put_u32(skb, ISO_A_CONTAINER_INIT_PID, snap->init_pid)) ||
	    nla_put_u64_64bit(skb, ISO_A_CONTAINER_REGISTERED_NS,
			      c->registered_ns, ISO_A_CONTAINER_PAD) ||
	    iso_fill_stats(skb, snap) || iso_fill_ns(skb, snap) ||
	    (iso_monitor_present(c) &&
	     nla_put_flag(skb, ISO_A_CONTAINER_MONITOR)) ||
	    iso_limits_fill(skb, c)) {
		nla_nest_cancel(skb, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	return 0;
}
EXPORT_SYMBOL_IF_ISO_KUNIT(iso_msg_fill_container);

/* An event: what happened, when, to which container, and for a limit, how. */
int iso_msg_fill_event(struct sk_buff *skb, const struct iso_event_item *ev)
{
	struct nlattr *nest, *c;

	nest = nla_nest_start(skb, ISO_A_EVENT);
	if (!nest)
		return -EMSGSIZE;
	if (nla_put_u32(skb, ISO_A_EVENT_TYPE, ev->type) ||
	    nla_put_u64_64bit(skb, ISO_A_EVENT_TIME_NS, ev->time_ns,
			      ISO_A_EVENT_PAD) ||
	    (ev->pid && nla_put_u32(skb, ISO_A_EVENT_PID, ev->pid)))
		goto cancel;
	nla_nest_end(skb, nest);

	c = nla_nest_start(skb, ISO_A_CONTAINER);
	if (!c)
		goto cancel;
	if (nla_put_string(skb, ISO_A_CONTAINER_NAME, ev->name) ||
	    nla_put_u64_64bit(skb, ISO_A_CONTAINER_CGROUP_ID, ev->cgroup_id,
			      ISO_A_CONTAINER_PAD)) {
		nla_nest_cancel(skb, c);
		goto cancel;
	}
	nla_nest_end(skb, c);
	if (ev->limit && iso_limit_fill(skb, ISO_A_LIMIT, ev->limit, true))
		goto cancel;
	return 0;
cancel:
	nla_nest_cancel(skb, nest);
	return -EMSGSIZE;
}
EXPORT_SYMBOL_IF_ISO_KUNIT(iso_msg_fill_event);
