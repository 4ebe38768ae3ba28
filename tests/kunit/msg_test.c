// SPDX-License-Identifier: GPL-2.0
/* Building GET_INFO replies and reading them back. */
#include <kunit/test.h>
#include <linux/cgroup.h>
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

static const struct nla_policy stats_policy[ISO_A_STATS_MAX + 1] = {
	[ISO_A_STATS_CPU_NS]		= { .type = NLA_U64 },
	[ISO_A_STATS_THREADS]		= { .type = NLA_U32 },
	[ISO_A_STATS_FORKS]		= { .type = NLA_U64 },
	[ISO_A_STATS_OOM_KILLS]		= { .type = NLA_U64 },
	[ISO_A_STATS_MEMORY_MAX]	= { .type = NLA_U64 },
};

static const struct nla_policy container_policy[ISO_A_CONTAINER_MAX + 1] = {
	[ISO_A_CONTAINER_NAME]		= { .type = NLA_NUL_STRING },
	[ISO_A_CONTAINER_CGROUP_ID]	= { .type = NLA_U64 },
	[ISO_A_CONTAINER_CGROUP_PATH]	= { .type = NLA_NUL_STRING },
	[ISO_A_CONTAINER_INIT_PID]	= { .type = NLA_U32 },
	[ISO_A_CONTAINER_STATS]		= NLA_POLICY_NESTED(stats_policy),
	[ISO_A_CONTAINER_NS]		= { .type = NLA_NESTED },
};

/* A record as a dump sends it, filled to the largest it can be. */
static struct iso_container *sample_container(struct kunit *test,
					      struct iso_snapshot *snap)
{
	struct iso_container *c;
	int i;

	c = iso_container_alloc("kunit-msg", &cgrp_dfl_root.cgrp, NULL);
	KUNIT_ASSERT_NOT_NULL(test, c);
	c->cgroup_id = 4242;	/* unpublished: the id is only what is sent */
	memset(snap, 0, sizeof(*snap));
	for (i = 0; i < ISO_CNT_NR; i++)
		snap->sum.v[i] = U64_MAX - i;
	snap->threads = 7;
	snap->processes = 3;
	snap->has_memory = true;
	snap->memory_max = U64_MAX;
	snap->init_pid = 1;
	for (i = ISO_A_NS_PID; i <= ISO_A_NS_MAX; i++)
		snap->ns[i] = 4026531840U + i;
	return c;
}

static void iso_msg_container_roundtrip(struct kunit *test)
{
	struct nlattr *tb[ISO_A_CONTAINER_MAX + 1], *st[ISO_A_STATS_MAX + 1];
	struct iso_snapshot snap;
	struct iso_container *c = sample_container(test, &snap);
	struct sk_buff *skb;
	char *path;

	path = kunit_kzalloc(test, 1025, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, path);
	/* the longest path a record carries: the size bound must cover it */
	memset(path, 'p', 1023);
	path[1023] = '\0';
	skb = alloc_skb_kunit(test, iso_msg_container_size());
	KUNIT_ASSERT_EQ(test, iso_msg_fill_container(skb, c, path, &snap), 0);
	KUNIT_EXPECT_LE(test, skb->len, iso_msg_container_size());
	/*
	 * a record's bound, every limit set at its largest (16 net rules
	 * among them), stays under a 4 KiB page: a GET reply is one
	 */
	KUNIT_EXPECT_LT(test, iso_msg_container_size(), 4096);

	/* replies are read liberally, as userspace reads them */
	KUNIT_ASSERT_EQ(test, nla_parse_nested_deprecated(tb, ISO_A_CONTAINER_MAX,
							  (struct nlattr *)skb->data,
							  container_policy, NULL), 0);
	KUNIT_EXPECT_STREQ(test, nla_data(tb[ISO_A_CONTAINER_NAME]), "kunit-msg");
	KUNIT_EXPECT_EQ(test, nla_get_u64(tb[ISO_A_CONTAINER_CGROUP_ID]), 4242);
	KUNIT_EXPECT_EQ(test, nla_get_u32(tb[ISO_A_CONTAINER_INIT_PID]), 1);
	KUNIT_EXPECT_STREQ(test, nla_data(tb[ISO_A_CONTAINER_CGROUP_PATH]), path);
	KUNIT_ASSERT_EQ(test, nla_parse_nested_deprecated(st, ISO_A_STATS_MAX,
							  tb[ISO_A_CONTAINER_STATS],
							  stats_policy, NULL), 0);
	KUNIT_EXPECT_EQ(test, nla_get_u64(st[ISO_A_STATS_CPU_NS]),
			U64_MAX - ISO_CNT_CPU_NS);
	KUNIT_EXPECT_EQ(test, nla_get_u64(st[ISO_A_STATS_OOM_KILLS]),
			U64_MAX - ISO_CNT_OOM_KILLS);
	KUNIT_EXPECT_EQ(test, nla_get_u32(st[ISO_A_STATS_THREADS]), 7);
	KUNIT_EXPECT_EQ(test, nla_get_u64(st[ISO_A_STATS_MEMORY_MAX]), U64_MAX);
	kfree_skb(skb);

	/* one byte longer, and the record goes without it */
	strcat(path, "p");
	skb = alloc_skb_kunit(test, iso_msg_container_size());
	KUNIT_ASSERT_EQ(test, iso_msg_fill_container(skb, c, path, &snap), 0);
	KUNIT_ASSERT_EQ(test, nla_parse_nested_deprecated(tb, ISO_A_CONTAINER_MAX,
							  (struct nlattr *)skb->data,
							  container_policy, NULL), 0);
	KUNIT_EXPECT_NULL(test, tb[ISO_A_CONTAINER_CGROUP_PATH]);
	kfree_skb(skb);
	iso_container_put(c);
}

static void iso_msg_container_no_room(struct kunit *test)
{
	struct iso_snapshot snap;
	struct iso_container *c = sample_container(test, &snap);
	unsigned int len, room;
	struct sk_buff *skb;

	skb = alloc_skb_kunit(test, iso_msg_container_size());
	KUNIT_ASSERT_EQ(test, iso_msg_fill_container(skb, c, "/a/b", &snap), 0);
	len = skb->len;
	kfree_skb(skb);

	for (room = 0; room < len; room += 3) {
		skb = alloc_skb_kunit(test, 2 * len);
		skb_put_zero(skb, skb_tailroom(skb) - room);
		KUNIT_EXPECT_EQ(test, iso_msg_fill_container(skb, c, "/a/b", &snap),
				-EMSGSIZE);
		KUNIT_EXPECT_EQ(test, skb_tailroom(skb), room);
		kfree_skb(skb);
	}
	iso_container_put(c);
}

static struct kunit_case iso_msg_cases[] = {
	KUNIT_CASE(iso_msg_container_roundtrip),
	KUNIT_CASE(iso_msg_container_no_room),
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
