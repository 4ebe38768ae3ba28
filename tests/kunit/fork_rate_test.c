// SPDX-License-Identifier: GPL-2.0
/* fork_rate: the token bucket's arithmetic and the parameters it takes. */
#include <kunit/test.h>
#include <linux/slab.h>
#include <net/netlink.h>
#include <uapi/linux/iso.h>

#include "controller.h"
#include "controllers/controllers.h"
#include "params.h"

#define MS	NSEC_PER_MSEC

/* A burst of BURST goes through at once; the next waits one interval. */
static void iso_gcra_burst_then_rate(struct kunit *test)
{
	u64 interval = 100 * MS, tolerance = 2 * interval;	/* 10/s, burst 3 */
	u64 now = 1000 * MS;
	atomic64_t tat = ATOMIC64_INIT(0);
	int i;

	for (i = 0; i < 3; i++)
		KUNIT_EXPECT_TRUE(test, iso_gcra_admit(&tat, now, interval,
						       tolerance));
	KUNIT_EXPECT_FALSE(test, iso_gcra_admit(&tat, now, interval, tolerance));
	KUNIT_EXPECT_FALSE(test, iso_gcra_admit(&tat, now + 99 * MS, interval,
						tolerance));
	KUNIT_EXPECT_TRUE(test, iso_gcra_admit(&tat, now + 100 * MS, interval,
					       tolerance));
	KUNIT_EXPECT_FALSE(test, iso_gcra_admit(&tat, now + 100 * MS, interval,
						tolerance));
}

/* A refusal takes no token: refusals do not push the next admission out. */
static void iso_gcra_refusal_is_free(struct kunit *test)
{
	u64 interval = 10 * MS, now = 5000 * MS;
	atomic64_t tat = ATOMIC64_INIT(0);
	int i;

	KUNIT_EXPECT_TRUE(test, iso_gcra_admit(&tat, now, interval, 0));
	for (i = 0; i < 1000; i++)
		KUNIT_EXPECT_FALSE(test, iso_gcra_admit(&tat, now + MS, interval,
							0));
	KUNIT_EXPECT_TRUE(test, iso_gcra_admit(&tat, now + interval, interval,
					       0));
}

/* Over a long run at twice the rate, exactly the rate goes through. */
static void iso_gcra_long_run(struct kunit *test)
{
	u64 interval = NSEC_PER_SEC / 50, t, start = 7 * NSEC_PER_SEC;
	atomic64_t tat = ATOMIC64_INIT(0);
	unsigned int admitted = 0;

	for (t = start; t < start + 10 * NSEC_PER_SEC; t += interval / 2)
		admitted += iso_gcra_admit(&tat, t, interval, 4 * interval);
	/* 10 s at 50/s, and the burst of 5 */
	KUNIT_EXPECT_EQ(test, admitted, 500 + 4);
}

/* Set the controller's limit from @rate and @burst (0: left out). */
static int fork_rate_set(struct kunit *test, struct iso_limit *l, u32 rate,
			 u32 burst, struct netlink_ext_ack *extack)
{
	struct nlattr *nest;
	struct sk_buff *skb = iso_kunit_params(test, &nest);

	KUNIT_ASSERT_EQ(test, nla_put_u32(skb, ISO_A_FORK_RATE_RATE, rate), 0);
	if (burst)
		KUNIT_ASSERT_EQ(test,
				nla_put_u32(skb, ISO_A_FORK_RATE_BURST, burst), 0);
	return iso_kunit_set(test, &iso_controller_fork_rate, l, skb, nest,
			     extack);
}

static void iso_fork_rate_params(struct kunit *test)
{
	struct iso_controller *ctrl = &iso_controller_fork_rate;
	struct netlink_ext_ack extack = {};
	struct iso_limit *l;

	KUNIT_ASSERT_GE(test, ctrl->state_size, sizeof(*l));
	l = kunit_kzalloc(test, ctrl->state_size, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, l);

	KUNIT_EXPECT_EQ(test, fork_rate_set(test, l, 100, 0, &extack), 0);
	KUNIT_EXPECT_EQ(test, fork_rate_set(test, l, 100, 7, &extack), 0);
	KUNIT_EXPECT_EQ(test, fork_rate_set(test, l, 1000000, 0, &extack), 0);

	KUNIT_EXPECT_EQ(test, fork_rate_set(test, l, 0, 0, &extack), -EINVAL);
	KUNIT_EXPECT_NOT_NULL(test, extack.bad_attr);
	extack = (struct netlink_ext_ack){};
	KUNIT_EXPECT_EQ(test, fork_rate_set(test, l, 1000001, 0, &extack),
			-EINVAL);
	KUNIT_EXPECT_NOT_NULL(test, extack._msg);
	extack = (struct netlink_ext_ack){};
	/* a negative rate from a careless client is a huge u32 */
	KUNIT_EXPECT_EQ(test, fork_rate_set(test, l, (u32)-5, 0, &extack),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, fork_rate_set(test, l, 10, (u32)-1, &extack),
			-EINVAL);
}

/* State attributes are replies: a request that carries one is refused. */
static void iso_fork_rate_rejects_state(struct kunit *test)
{
	struct netlink_ext_ack extack = {};
	struct nlattr *nest;
	struct sk_buff *skb = iso_kunit_params(test, &nest);

	KUNIT_ASSERT_EQ(test, nla_put_u32(skb, ISO_A_FORK_RATE_RATE, 5), 0);
	KUNIT_ASSERT_EQ(test, nla_put_u64_64bit(skb, ISO_A_FORK_RATE_KILLED, 1,
						ISO_A_FORK_RATE_PAD), 0);
	KUNIT_EXPECT_EQ(test, PTR_ERR(iso_kunit_parse(test,
						      &iso_controller_fork_rate,
						      skb, nest, &extack)),
			-EINVAL);
	KUNIT_EXPECT_NOT_NULL(test, extack.bad_attr);
	kfree_skb(skb);
}

static struct kunit_case iso_fork_rate_cases[] = {
	KUNIT_CASE(iso_gcra_burst_then_rate),
	KUNIT_CASE(iso_gcra_refusal_is_free),
	KUNIT_CASE(iso_gcra_long_run),
	KUNIT_CASE(iso_fork_rate_params),
	KUNIT_CASE(iso_fork_rate_rejects_state),
	{}
};

static struct kunit_suite iso_fork_rate_suite = {
	.name = "iso_fork_rate",
	.test_cases = iso_fork_rate_cases,
};

kunit_test_suite(iso_fork_rate_suite);
