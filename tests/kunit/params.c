// SPDX-License-Identifier: GPL-2.0
/* Build, parse and set a controller's parameters, as the framework does. */
#include "params.h"

struct sk_buff *iso_kunit_params(struct kunit *test, struct nlattr **nest)
{
	struct sk_buff *skb = nlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, skb);
	*nest = nla_nest_start(skb, ISO_A_LIMIT_PARAMS);
	KUNIT_ASSERT_NOT_NULL(test, *nest);
	return skb;
}

struct nlattr **iso_kunit_parse(struct kunit *test,
				const struct iso_controller *ctrl,
				struct sk_buff *skb, struct nlattr *nest,
				struct netlink_ext_ack *extack)
{
	struct nlattr **tb;
	int ret;

	tb = kunit_kcalloc(test, ctrl->maxattr + 1, sizeof(*tb), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, tb);
	nla_nest_end(skb, nest);
	ret = nla_parse_nested(tb, ctrl->maxattr, nest, ctrl->policy, extack);
	return ret ? ERR_PTR(ret) : tb;
}

int iso_kunit_set(struct kunit *test, const struct iso_controller *ctrl,
		  struct iso_limit *l, struct sk_buff *skb,
		  struct nlattr *nest, struct netlink_ext_ack *extack)
{
	struct nlattr **tb = iso_kunit_parse(test, ctrl, skb, nest, extack);
	int ret = PTR_ERR_OR_ZERO(tb);

	if (!ret)
		ret = ctrl->set(l, nest, tb, true, extack);
	kfree_skb(skb);
	return ret;
}
