// SPDX-License-Identifier: GPL-2.0
/*
 * Message bodies of the iso family.  Nothing here touches module state, so
 * the KUnit suites can build and read messages without a live family.
 */
#include <linux/string.h>
#include <net/netlink.h>
#include <kunit/visibility.h>
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
EXPORT_SYMBOL_IF_KUNIT(iso_info_policy);

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
EXPORT_SYMBOL_IF_KUNIT(iso_msg_info_size);

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
EXPORT_SYMBOL_IF_KUNIT(iso_msg_fill_info);
