// SPDX-License-Identifier: GPL-2.0
/* The family's request policy: what a request may and may not carry. */
#include <kunit/test.h>
#include <net/netlink.h>
#include <uapi/linux/iso.h>

#include "iso.h"

/* Parse a request body of attributes the way genetlink does, strictly. */
static int parse_request(struct sk_buff *skb, struct netlink_ext_ack *extack)
{
	struct nlattr *tb[ISO_A_MAX + 1];

	return nla_parse(tb, ISO_A_MAX, (struct nlattr *)skb->data, skb->len,
			 iso_genl_policy, extack);
}

static struct sk_buff *request(struct kunit *test)
{
	struct sk_buff *skb = nlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, skb);
	return skb;
}

static void iso_policy_accepts_empty(struct kunit *test)
{
	struct sk_buff *skb = request(test);

	KUNIT_EXPECT_EQ(test, parse_request(skb, NULL), 0);
	kfree_skb(skb);
}

/* ISO_A_INFO is a reply: a request that carries it is refused, and says so. */
static void iso_policy_rejects_reply_attr(struct kunit *test)
{
	struct netlink_ext_ack extack = {};
	struct sk_buff *skb = request(test);
	struct nlattr *nest;

	nest = nla_nest_start(skb, ISO_A_INFO);
	KUNIT_ASSERT_NOT_NULL(test, nest);
	KUNIT_ASSERT_EQ(test, nla_put_u32(skb, ISO_A_INFO_CONTAINERS, 1), 0);
	nla_nest_end(skb, nest);

	KUNIT_EXPECT_EQ(test, parse_request(skb, &extack), -EINVAL);
	KUNIT_EXPECT_NOT_NULL(test, extack._msg);
	KUNIT_EXPECT_PTR_EQ(test, extack.bad_attr, nest);
	kfree_skb(skb);
}

/* Strict validation: an attribute this ABI does not know is an error. */
static void iso_policy_rejects_unknown(struct kunit *test)
{
	struct netlink_ext_ack extack = {};
	struct sk_buff *skb = request(test);

	KUNIT_ASSERT_EQ(test, nla_put_u32(skb, ISO_A_MAX + 1, 0), 0);
	KUNIT_EXPECT_EQ(test, parse_request(skb, &extack), -EINVAL);
	KUNIT_EXPECT_NOT_NULL(test, extack._msg);
	kfree_skb(skb);
}

/* Trailing bytes that are not a whole attribute are an error too. */
static void iso_policy_rejects_trailing_junk(struct kunit *test)
{
	struct sk_buff *skb = request(test);

	skb_put_zero(skb, 3);
	KUNIT_EXPECT_EQ(test, parse_request(skb, NULL), -EINVAL);
	kfree_skb(skb);
}

/* The family policy reaches into ISO_A_CONTAINER: a name of 65 is refused. */
static int request_with_name(struct kunit *test, int len)
{
	char name[ISO_NAME_MAX + 2];
	struct sk_buff *skb = request(test);
	struct nlattr *nest;
	int ret;

	memset(name, 'n', len);
	name[len] = '\0';
	nest = nla_nest_start(skb, ISO_A_CONTAINER);
	KUNIT_ASSERT_NOT_NULL(test, nest);
	KUNIT_ASSERT_EQ(test, nla_put_string(skb, ISO_A_CONTAINER_NAME, name), 0);
	nla_nest_end(skb, nest);
	ret = parse_request(skb, NULL);
	kfree_skb(skb);
	return ret;
}

static void iso_policy_name_length(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, request_with_name(test, ISO_NAME_MAX), 0);
	KUNIT_EXPECT_EQ(test, request_with_name(test, ISO_NAME_MAX + 1), -EINVAL);
}

/* Counters and namespaces are replies: a request may not carry them. */
static void iso_policy_rejects_container_stats(struct kunit *test)
{
	struct sk_buff *skb = request(test);
	struct nlattr *nest;

	nest = nla_nest_start(skb, ISO_A_CONTAINER);
	KUNIT_ASSERT_NOT_NULL(test, nest);
	KUNIT_ASSERT_EQ(test, nla_put_u32(skb, ISO_A_CONTAINER_STATS, 0), 0);
	nla_nest_end(skb, nest);
	KUNIT_EXPECT_EQ(test, parse_request(skb, NULL), -EINVAL);
	kfree_skb(skb);
}

static struct kunit_case iso_policy_cases[] = {
	KUNIT_CASE(iso_policy_name_length),
	KUNIT_CASE(iso_policy_rejects_container_stats),
	KUNIT_CASE(iso_policy_accepts_empty),
	KUNIT_CASE(iso_policy_rejects_reply_attr),
	KUNIT_CASE(iso_policy_rejects_unknown),
	KUNIT_CASE(iso_policy_rejects_trailing_junk),
	{}
};

static struct kunit_suite iso_policy_suite = {
	.name = "iso_policy",
	.test_cases = iso_policy_cases,
};

kunit_test_suite(iso_policy_suite);
