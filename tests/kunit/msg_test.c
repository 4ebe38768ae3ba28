// SPDX-License-Identifier: GPL-2.0
/* Building GET_INFO replies and reading them back. */
#include <kunit/test.h>
#include <linux/skbuff.h>
#include <net/netlink.h>
#include <uapi/linux/iso.h>

#include "iso.h"

static const struct iso_info sample = {
	.module_version = "9.8.7",
	.kernel_release = "6.99.0-test",
	.features = ISO_FEATURE(MEMCG) | (1ULL << 63),
	.containers = 17,
	.max_containers = 4096,
};

static struct sk_buff *alloc_skb_kunit(struct kunit *test, size_t size)
{
	struct sk_buff *skb = nlmsg_new(size, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, skb);
	return skb;
}

static void iso_msg_info_roundtrip(struct kunit *test)
{
	struct nlattr *tb[ISO_A_INFO_MAX + 1];
	struct sk_buff *skb;
	struct nlattr *nest;

	skb = alloc_skb_kunit(test, iso_msg_info_size(&sample));
	KUNIT_ASSERT_EQ(test, iso_msg_fill_info(skb, &sample), 0);

	nest = (struct nlattr *)skb->data;
	KUNIT_ASSERT_EQ(test, nla_type(nest), ISO_A_INFO);
	KUNIT_ASSERT_EQ(test, nla_parse_nested(tb, ISO_A_INFO_MAX, nest,
					       iso_info_policy, NULL), 0);

	KUNIT_EXPECT_STREQ(test, nla_data(tb[ISO_A_INFO_MODULE_VERSION]),
			   "9.8.7");
	KUNIT_EXPECT_STREQ(test, nla_data(tb[ISO_A_INFO_KERNEL_RELEASE]),
			   "6.99.0-test");
	KUNIT_EXPECT_EQ(test, nla_get_u32(tb[ISO_A_INFO_ABI_VERSION]),
			ISO_ABI_VERSION);
	KUNIT_EXPECT_EQ(test, nla_get_u64(tb[ISO_A_INFO_FEATURES]),
			sample.features);
	KUNIT_EXPECT_EQ(test, nla_get_u32(tb[ISO_A_INFO_CONTAINERS]), 17);
	KUNIT_EXPECT_EQ(test, nla_get_u32(tb[ISO_A_INFO_MAX_CONTAINERS]), 4096);
	kfree_skb(skb);
}

/* The size estimate is what genlmsg_new() gets: it must never be short. */
static void iso_msg_info_size_covers_fill(struct kunit *test)
{
	size_t size = iso_msg_info_size(&sample);
	struct sk_buff *skb;

	skb = alloc_skb_kunit(test, size);
	KUNIT_ASSERT_EQ(test, iso_msg_fill_info(skb, &sample), 0);
	KUNIT_EXPECT_LE(test, skb->len, size);
	/* and not wasteful: at most one pad attribute of slack */
	KUNIT_EXPECT_LE(test, size - skb->len, nla_total_size(0));
	kfree_skb(skb);
}

/* Bytes a filled reply really takes. */
static unsigned int info_len(struct kunit *test)
{
	struct sk_buff *skb = alloc_skb_kunit(test, iso_msg_info_size(&sample));
	unsigned int len;

	KUNIT_ASSERT_EQ(test, iso_msg_fill_info(skb, &sample), 0);
	len = skb->len;
	kfree_skb(skb);
	return len;
}

/*
 * A reply that does not fit is refused whole, whichever attribute runs out
 * of room: the nest is cancelled and the message is as it was.
 */
static void iso_msg_info_no_room(struct kunit *test)
{
	unsigned int len = info_len(test), room;
	struct sk_buff *skb;

	for (room = 0; room < len; room++) {
		skb = alloc_skb_kunit(test, 2 * len);
		skb_put_zero(skb, skb_tailroom(skb) - room);
		KUNIT_ASSERT_EQ(test, skb_tailroom(skb), room);

		KUNIT_EXPECT_EQ_MSG(test, iso_msg_fill_info(skb, &sample),
				    -EMSGSIZE, "room %u of %u", room, len);
		KUNIT_EXPECT_EQ(test, skb_tailroom(skb), room);
		kfree_skb(skb);
	}
}

static struct kunit_case iso_msg_cases[] = {
	KUNIT_CASE(iso_msg_info_roundtrip),
	KUNIT_CASE(iso_msg_info_size_covers_fill),
	KUNIT_CASE(iso_msg_info_no_room),
	{}
};

static struct kunit_suite iso_msg_suite = {
	.name = "iso_msg",
	.test_cases = iso_msg_cases,
};

kunit_test_suite(iso_msg_suite);
