// SPDX-License-Identifier: GPL-2.0
/* Reading ISO_CMD_GET_INFO replies. */
#include <errno.h>
#include <string.h>
#include <netlink/attr.h>
#include <linux/iso.h>

#include "kernel/genl.h"

static struct nla_policy info_policy[ISO_A_INFO_MAX + 1] = {
	[ISO_A_INFO_MODULE_VERSION]	= { .type = NLA_NUL_STRING },
	[ISO_A_INFO_ABI_VERSION]	= { .type = NLA_U32 },
	[ISO_A_INFO_KERNEL_RELEASE]	= { .type = NLA_NUL_STRING },
	[ISO_A_INFO_FEATURES]		= { .type = NLA_U64 },
	[ISO_A_INFO_CONTAINERS]		= { .type = NLA_U32 },
	[ISO_A_INFO_MAX_CONTAINERS]	= { .type = NLA_U32 },
};

static const int info_required[] = {
	ISO_A_INFO_MODULE_VERSION, ISO_A_INFO_ABI_VERSION,
	ISO_A_INFO_KERNEL_RELEASE, ISO_A_INFO_FEATURES,
	ISO_A_INFO_CONTAINERS, ISO_A_INFO_MAX_CONTAINERS,
};

static const char *const feature_names[] = {
	[ISO_FEATURE_BIT_SCHED_TRACEPOINTS]	= "sched-tracepoints",
	[ISO_FEATURE_BIT_CGROUP_TRACEPOINTS]	= "cgroup-tracepoints",
	[ISO_FEATURE_BIT_OOM_TRACEPOINTS]	= "oom-tracepoints",
	[ISO_FEATURE_BIT_MEMCG]			= "memcg",
	[ISO_FEATURE_BIT_CGROUP_NS]		= "cgroup-ns",
};

const char *iso_feature_name(unsigned int bit)
{
	if (bit >= sizeof(feature_names) / sizeof(feature_names[0]))
		return NULL;
	return feature_names[bit];
}

int iso_info_parse(struct nlattr *nest, struct iso_info *info)
{
	struct nlattr *tb[ISO_A_INFO_MAX + 1];
	size_t i;

	if (!nest || nla_parse_nested(tb, ISO_A_INFO_MAX, nest, info_policy))
		return -EINVAL;
	for (i = 0; i < sizeof(info_required) / sizeof(info_required[0]); i++)
		if (!tb[info_required[i]])
			return -EINVAL;

	memset(info, 0, sizeof(*info));
	if (iso_nla_string(info->module_version, sizeof(info->module_version),
			tb[ISO_A_INFO_MODULE_VERSION]) ||
	    iso_nla_string(info->kernel_release, sizeof(info->kernel_release),
			tb[ISO_A_INFO_KERNEL_RELEASE]))
		return -EINVAL;
	info->abi_version = nla_get_u32(tb[ISO_A_INFO_ABI_VERSION]);
	info->features = nla_get_u64(tb[ISO_A_INFO_FEATURES]);
	info->containers = nla_get_u32(tb[ISO_A_INFO_CONTAINERS]);
	info->max_containers = nla_get_u32(tb[ISO_A_INFO_MAX_CONTAINERS]);
	return 0;
}
