// SPDX-License-Identifier: GPL-2.0
/* mem_watch: which side of the level a reading is on, and its terms. */
#include <kunit/test.h>
#include <linux/sizes.h>
#include <net/netlink.h>
#include <uapi/linux/iso.h>

#include "controller.h"
#include "controllers/controllers.h"
#include "params.h"

#define MIB ((u64)SZ_1M)

/* Up on reaching the level; down only under level - hysteresis. */
static void iso_mem_watch_sides(struct kunit *test)
{
	u64 level = 64 * MIB, hyst = 16 * MIB;

	KUNIT_EXPECT_FALSE(test, iso_mem_watch_above(false, 0, level, hyst));
	KUNIT_EXPECT_FALSE(test, iso_mem_watch_above(false, level - 1, level,
						     hyst));
	KUNIT_EXPECT_TRUE(test, iso_mem_watch_above(false, level, level, hyst));
	KUNIT_EXPECT_TRUE(test, iso_mem_watch_above(true, level - 1, level,
						    hyst));
	KUNIT_EXPECT_TRUE(test, iso_mem_watch_above(true, level - hyst, level,
						    hyst));
	KUNIT_EXPECT_FALSE(test, iso_mem_watch_above(true, level - hyst - 1,
						     level, hyst));
	/* no hysteresis: the level itself, both ways */
	KUNIT_EXPECT_FALSE(test, iso_mem_watch_above(true, level - 1, level, 0));
	KUNIT_EXPECT_TRUE(test, iso_mem_watch_above(true, level, level, 0));
	/* the largest terms do not wrap */
	KUNIT_EXPECT_TRUE(test, iso_mem_watch_above(false, U64_MAX, U64_MAX,
						    U64_MAX - 1));
	KUNIT_EXPECT_FALSE(test, iso_mem_watch_above(true, 0, U64_MAX,
						     U64_MAX - 1));
}

/*
 * Put the terms (U64_MAX: leave one out) and parse them as the framework
 * does; then check them as set() does first.
 */
static int mem_watch_terms(struct kunit *test, u64 level, u64 hyst,
			   u64 interval, u64 *got_hyst, u32 *got_interval,
			   struct netlink_ext_ack *extack)
{
	struct nlattr *nest, **tb;
	struct sk_buff *skb = iso_kunit_params(test, &nest);
	u64 got_level;
	int ret;

	if (level != U64_MAX)
		KUNIT_ASSERT_EQ(test, nla_put_u64_64bit(skb, ISO_A_MEM_WATCH_LEVEL,
							level,
							ISO_A_MEM_WATCH_PAD), 0);
	if (hyst != U64_MAX)
		KUNIT_ASSERT_EQ(test,
				nla_put_u64_64bit(skb, ISO_A_MEM_WATCH_HYSTERESIS,
						  hyst, ISO_A_MEM_WATCH_PAD), 0);
	if (interval != U64_MAX)
		KUNIT_ASSERT_EQ(test, nla_put_u32(skb,
						  ISO_A_MEM_WATCH_INTERVAL_MS,
						  interval), 0);
	tb = iso_kunit_parse(test, &iso_controller_mem_watch, skb, nest,
			     extack);
	ret = PTR_ERR_OR_ZERO(tb);
	if (!ret)
		ret = iso_mem_watch_terms(nest, tb, &got_level, got_hyst,
					  got_interval, extack);
	if (!ret)
		KUNIT_EXPECT_EQ(test, got_level, level);
	kfree_skb(skb);
	return ret;
}

/* The defaults: a sixteenth of the level, every 100 ms. */
static void iso_mem_watch_defaults(struct kunit *test)
{
	u32 interval;
	u64 hyst;

	KUNIT_ASSERT_EQ(test, mem_watch_terms(test, 64 * MIB, U64_MAX, U64_MAX,
					      &hyst, &interval, NULL), 0);
	KUNIT_EXPECT_EQ(test, hyst, 4 * MIB);
	KUNIT_EXPECT_EQ(test, interval, 100);
	KUNIT_ASSERT_EQ(test, mem_watch_terms(test, 1, U64_MAX, 10, &hyst,
					      &interval, NULL), 0);
	KUNIT_EXPECT_EQ(test, hyst, 0);
	KUNIT_EXPECT_EQ(test, interval, 10);
	KUNIT_ASSERT_EQ(test, mem_watch_terms(test, MIB, MIB - 1, 60000, &hyst,
					      &interval, NULL), 0);
	KUNIT_EXPECT_EQ(test, hyst, MIB - 1);
}

/* Each refusal names an attribute. */
static void iso_mem_watch_refusals(struct kunit *test)
{
	static const struct {
		u64 level, hyst, interval;
	} bad[] = {
		{ U64_MAX, U64_MAX, 100 },	/* no level */
		{ 0, U64_MAX, U64_MAX },
		{ MIB, MIB, U64_MAX },		/* hysteresis at the level */
		{ MIB, 2 * MIB, U64_MAX },
		{ MIB, U64_MAX, 9 },
		{ MIB, U64_MAX, 60001 },
		{ MIB, U64_MAX, 0 },
	};
	struct netlink_ext_ack extack;
	u32 interval;
	unsigned int i;
	u64 hyst;

	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		extack = (struct netlink_ext_ack){};
		KUNIT_EXPECT_EQ_MSG(test, mem_watch_terms(test, bad[i].level,
							  bad[i].hyst,
							  bad[i].interval,
							  &hyst, &interval,
							  &extack),
				    -EINVAL, "case %u", i);
		KUNIT_EXPECT_NOT_NULL_MSG(test, extack._msg, "case %u", i);
		KUNIT_EXPECT_TRUE_MSG(test, extack.bad_attr ||
				      extack.miss_type, "case %u", i);
	}
}

static struct kunit_case iso_mem_watch_cases[] = {
	KUNIT_CASE(iso_mem_watch_sides),
	KUNIT_CASE(iso_mem_watch_defaults),
	KUNIT_CASE(iso_mem_watch_refusals),
	{}
};

static struct kunit_suite iso_mem_watch_suite = {
	.name = "iso_mem_watch",
	.test_cases = iso_mem_watch_cases,
};

kunit_test_suite(iso_mem_watch_suite);
