// SPDX-License-Identifier: GPL-2.0
/* cpu_budget: when a budget is spent, and the parameters it refuses. */
#include <kunit/test.h>
#include <linux/signal.h>
#include <linux/slab.h>
#include <net/netlink.h>
#include <uapi/linux/iso.h>

#include "controller.h"
#include "controllers/controllers.h"
#include "params.h"

static void iso_cpu_budget_spent_at(struct kunit *test)
{
	KUNIT_EXPECT_FALSE(test, iso_cpu_budget_over(0, 1));
	KUNIT_EXPECT_FALSE(test, iso_cpu_budget_over(999999999, NSEC_PER_SEC));
	KUNIT_EXPECT_TRUE(test, iso_cpu_budget_over(NSEC_PER_SEC, NSEC_PER_SEC));
	KUNIT_EXPECT_TRUE(test, iso_cpu_budget_over(U64_MAX, NSEC_PER_SEC));
}

/* All CPUs together hold back at most half the budget, and 1 ms each. */
static void iso_cpu_budget_slices(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, iso_cpu_budget_slice(10 * NSEC_PER_SEC, 2),
			NSEC_PER_MSEC);
	KUNIT_EXPECT_EQ(test, iso_cpu_budget_slice(NSEC_PER_MSEC, 2),
			NSEC_PER_MSEC / 4);
	KUNIT_EXPECT_EQ(test, iso_cpu_budget_slice(100 * NSEC_PER_MSEC, 128),
			100 * NSEC_PER_MSEC / 256);
	KUNIT_EXPECT_EQ(test, iso_cpu_budget_slice(1, 64), 1);
	KUNIT_EXPECT_LE(test, 128 * iso_cpu_budget_slice(3 * NSEC_PER_MSEC, 128),
			3 * NSEC_PER_MSEC / 2);
}

/* Put the attributes, parse them as the framework does, and set. */
static int cpu_budget_set(struct kunit *test, u64 budget, int action,
			  int sig, struct netlink_ext_ack *extack)
{
	struct iso_controller *ctrl = &iso_controller_cpu_budget;
	struct iso_limit *l;
	struct sk_buff *skb;
	struct nlattr *nest;
	int ret;

	l = kunit_kzalloc(test, ctrl->state_size, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, l);
	skb = iso_kunit_params(test, &nest);
	if (budget != U64_MAX) {
		ret = nla_put_u64_64bit(skb, ISO_A_CPU_BUDGET_BUDGET_NS, budget,
					ISO_A_CPU_BUDGET_PAD);
		KUNIT_ASSERT_EQ(test, ret, 0);
	}
	if (action >= 0)
		KUNIT_ASSERT_EQ(test, nla_put_u32(skb, ISO_A_CPU_BUDGET_ACTION,
						  action), 0);
	if (sig >= 0)
		KUNIT_ASSERT_EQ(test, nla_put_u32(skb, ISO_A_CPU_BUDGET_SIGNAL,
						  sig), 0);
	return iso_kunit_set(test, ctrl, l, skb, nest, extack);
}

/* Each refusal names an attribute, and comes before any allocation. */
static void iso_cpu_budget_refusals(struct kunit *test)
{
	static const struct {
		u64 budget;
		int action, sig;
	} bad[] = {
		{ 0, -1, -1 },					/* zero */
		{ U64_MAX, ISO_CPU_BUDGET_KILL, -1 },		/* no budget */
		{ 1, __ISO_CPU_BUDGET_ACTION_MAX, -1 },		/* no action */
		{ 1, ISO_CPU_BUDGET_SIGNAL, -1 },		/* no signal */
		{ 1, ISO_CPU_BUDGET_SIGNAL, 0 },
		{ 1, ISO_CPU_BUDGET_SIGNAL, _NSIG + 1 },
		{ 1, ISO_CPU_BUDGET_KILL, SIGTERM },		/* signal, no */
		{ 1, -1, SIGTERM },
	};
	struct netlink_ext_ack extack;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		extack = (struct netlink_ext_ack){};
		KUNIT_EXPECT_EQ_MSG(test, cpu_budget_set(test, bad[i].budget,
							 bad[i].action,
							 bad[i].sig, &extack),
				    -EINVAL, "case %u", i);
		KUNIT_EXPECT_NOT_NULL_MSG(test, extack._msg, "case %u", i);
		KUNIT_EXPECT_TRUE_MSG(test, extack.bad_attr ||
				      extack.miss_type, "case %u", i);
	}
}

static struct kunit_case iso_cpu_budget_cases[] = {
	KUNIT_CASE(iso_cpu_budget_spent_at),
	KUNIT_CASE(iso_cpu_budget_slices),
	KUNIT_CASE(iso_cpu_budget_refusals),
	{}
};

static struct kunit_suite iso_cpu_budget_suite = {
	.name = "iso_cpu_budget",
	.test_cases = iso_cpu_budget_cases,
};

kunit_test_suite(iso_cpu_budget_suite);
