// SPDX-License-Identifier: GPL-2.0
/* exec_count: the parameters it takes, and the record it gives back. */
#include <kunit/test.h>
#include <linux/skbuff.h>
#include <net/netlink.h>

#include "controller.h"
#include "controllers/controllers.h"
#include "params.h"

/* Parse a params nest of @type carrying @v, and set it on @l if it parses. */
static int exec_count_set(struct kunit *test, struct iso_limit *l, int type,
			  s32 v, struct netlink_ext_ack *extack)
{
	struct nlattr *nest;
	struct sk_buff *skb = iso_kunit_params(test, &nest);

	if (type)
		KUNIT_ASSERT_EQ(test, nla_put_s32(skb, type, v), 0);
	return iso_kunit_set(test, &iso_controller_exec_count, l, skb, nest,
			     extack);
}

/*
 * What set() refuses before it looks at a file.  The guest test
 * (t-limit-exec) gives it real ones: a KUnit case runs in a kthread,
 * with no fd of the caller's to name.
 */
static void iso_exec_count_params(struct kunit *test)
{
	struct iso_controller *ctrl = &iso_controller_exec_count;
	struct netlink_ext_ack extack = {};
	struct iso_limit *l;

	KUNIT_ASSERT_GE(test, ctrl->state_size, sizeof(*l));
	l = kunit_kzalloc(test, ctrl->state_size, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, l);

	/* no fd */
	KUNIT_EXPECT_EQ(test, exec_count_set(test, l, 0, 0, &extack), -EINVAL);
	KUNIT_EXPECT_NOT_NULL(test, extack._msg);
	/* a negative one, by the policy */
	extack = (struct netlink_ext_ack){};
	KUNIT_EXPECT_EQ(test, exec_count_set(test, l, ISO_A_EXEC_COUNT_FD, -1,
					     &extack), -ERANGE);
	KUNIT_EXPECT_NOT_NULL(test, extack.bad_attr);
	/* one that is not open */
	extack = (struct netlink_ext_ack){};
	KUNIT_EXPECT_EQ(test, exec_count_set(test, l, ISO_A_EXEC_COUNT_FD,
					     S32_MAX, &extack), -EBADF);
	KUNIT_EXPECT_NOT_NULL(test, extack.bad_attr);
	/* what replies carry is refused in a request */
	extack = (struct netlink_ext_ack){};
	KUNIT_EXPECT_EQ(test, exec_count_set(test, l, ISO_A_EXEC_COUNT_DEV, 1,
					     &extack), -EINVAL);
	KUNIT_EXPECT_NOT_NULL(test, extack.bad_attr);
	extack = (struct netlink_ext_ack){};
	KUNIT_EXPECT_EQ(test, exec_count_set(test, l, ISO_A_EXEC_COUNT_INO, 1,
					     &extack), -EINVAL);
	KUNIT_EXPECT_NOT_NULL(test, extack.bad_attr);
}

/* A record's params and state fit fill_size, and parse back. */
static void iso_exec_count_fill(struct kunit *test)
{
	struct iso_controller *ctrl = &iso_controller_exec_count;
	struct nlattr *tb[ISO_A_EXEC_COUNT_MAX + 1];
	struct sk_buff *skb;
	struct iso_limit *l;
	struct nlattr *nest;

	l = kunit_kzalloc(test, ctrl->state_size, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, l);
	skb = nlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, skb);
	nest = nla_nest_start(skb, ISO_A_LIMIT_PARAMS);
	KUNIT_ASSERT_NOT_NULL(test, nest);
	KUNIT_ASSERT_EQ(test, ctrl->fill_params(skb, l), 0);
	KUNIT_ASSERT_EQ(test, ctrl->fill_state(skb, l), 0);
	nla_nest_end(skb, nest);
	KUNIT_EXPECT_LE(test, nla_len(nest), (int)ctrl->fill_size);
	KUNIT_ASSERT_EQ(test, nla_parse_nested(tb, ctrl->maxattr, nest, NULL,
					       NULL), 0);
	KUNIT_EXPECT_NOT_NULL(test, tb[ISO_A_EXEC_COUNT_DEV]);
	KUNIT_EXPECT_NOT_NULL(test, tb[ISO_A_EXEC_COUNT_INO]);
	KUNIT_EXPECT_NOT_NULL(test, tb[ISO_A_EXEC_COUNT_EXECS]);
	KUNIT_EXPECT_NULL(test, tb[ISO_A_EXEC_COUNT_FD]);
	kfree_skb(skb);
}

static struct kunit_case iso_exec_count_cases[] = {
	KUNIT_CASE(iso_exec_count_params),
	KUNIT_CASE(iso_exec_count_fill),
	{}
};

static struct kunit_suite iso_exec_count_suite = {
	.name = "iso_exec_count",
	.test_cases = iso_exec_count_cases,
};

kunit_test_suite(iso_exec_count_suite);
