// SPDX-License-Identifier: GPL-2.0
/* The "iso" generic netlink family: policy, handlers and registration. */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <net/genetlink.h>
#include <kunit/visibility.h>
#include <uapi/linux/iso.h>

#include "iso.h"

/*
 * Requests are validated strictly against this one family-wide policy:
 * unknown attributes, trailing data and reply-only attributes are refused.
 */
const struct nla_policy iso_genl_policy[ISO_A_MAX + 1] = {
	[ISO_A_PAD]	= { .type = NLA_REJECT },
	[ISO_A_INFO]	= { .type = NLA_REJECT },
};
EXPORT_SYMBOL_IF_KUNIT(iso_genl_policy);

static struct genl_family iso_genl_family;

static int iso_nl_get_info(struct sk_buff *skb, struct genl_info *info)
{
	struct iso_info facts;
	struct sk_buff *msg;
	void *hdr;

	iso_info_collect(&facts);

	msg = genlmsg_new(iso_msg_info_size(&facts), GFP_KERNEL);
	if (!msg)
		return -ENOMEM;

	hdr = genlmsg_put_reply(msg, info, &iso_genl_family, 0,
				ISO_CMD_GET_INFO);
	if (!hdr || iso_msg_fill_info(msg, &facts)) {
		nlmsg_free(msg);
		return -EMSGSIZE;
	}

	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);
}

static const struct genl_small_ops iso_genl_ops[] = {
	{
		.cmd	= ISO_CMD_GET_INFO,
		.doit	= iso_nl_get_info,
	},
};

static struct genl_family iso_genl_family __ro_after_init = {
	.name		= ISO_GENL_NAME,
	.version	= ISO_GENL_VERSION,
	.maxattr	= ISO_A_MAX,
	.policy		= iso_genl_policy,
	.netnsok	= true,
	.module		= THIS_MODULE,
	.small_ops	= iso_genl_ops,
	.n_small_ops	= ARRAY_SIZE(iso_genl_ops),
};

int __init iso_netlink_init(void)
{
	int ret;

	ret = genl_register_family(&iso_genl_family);
	if (ret)
		pr_err("registering the %s family failed: %d\n",
		       ISO_GENL_NAME, ret);
	return ret;
}

void iso_netlink_exit(void)
{
	genl_unregister_family(&iso_genl_family);
}
