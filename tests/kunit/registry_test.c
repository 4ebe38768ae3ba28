// SPDX-License-Identifier: GPL-2.0
/*
 * The container registry, on the root cgroup: the one cgroup a test can
 * count on, whose subtree is every cgroup the guest has.
 */
#include <kunit/test.h>
#include <linux/cgroup.h>

#include "iso.h"

static struct cgroup *root(void)
{
	return &cgrp_dfl_root.cgrp;
}

static struct iso_container *new_container(struct kunit *test,
					   const char *name)
{
	struct iso_container *c = iso_container_alloc(name, cgroup_id(root()),
						      NULL);

	KUNIT_ASSERT_NOT_NULL(test, c);
	return c;
}

static void iso_registry_add_find_del(struct kunit *test)
{
	u32 count = iso_registry_count();
	struct iso_container *c = new_container(test, "kunit-a"), *found;

	KUNIT_ASSERT_EQ(test, iso_registry_add(c, root(), NULL), 0);
	KUNIT_EXPECT_EQ(test, iso_registry_count(), count + 1);

	found = iso_registry_find_name("kunit-a");
	KUNIT_EXPECT_PTR_EQ(test, found, c);
	iso_container_put(found);
	found = iso_registry_find_id(cgroup_id(root()));
	KUNIT_EXPECT_PTR_EQ(test, found, c);
	iso_container_put(found);

	rcu_read_lock();
	KUNIT_EXPECT_PTR_EQ(test, iso_container_of_cgroup_id(cgroup_id(root())), c);
	rcu_read_unlock();

	KUNIT_EXPECT_EQ(test, iso_registry_del(c), 0);
	KUNIT_EXPECT_EQ(test, iso_registry_del(c), -ENOENT);
	KUNIT_EXPECT_EQ(test, iso_registry_count(), count);
	KUNIT_EXPECT_NULL(test, iso_registry_find_name("kunit-a"));
	rcu_read_lock();
	KUNIT_EXPECT_NULL(test, iso_container_of_cgroup_id(cgroup_id(root())));
	rcu_read_unlock();
	iso_container_put(c);
}

/* Every cgroup below the container maps to it: nesting is aggregated. */
static void iso_registry_subtree(struct kunit *test)
{
	struct iso_container *c = new_container(test, "kunit-tree");
	struct cgroup_subsys_state *css;
	int members = 0, mapped = 0;

	KUNIT_ASSERT_EQ(test, iso_registry_add(c, root(), NULL), 0);
	rcu_read_lock();
	css_for_each_descendant_pre(css, &root()->self) {
		members++;
		if (iso_container_of_cgroup_id(cgroup_id(css->cgroup)) == c)
			mapped++;
	}
	rcu_read_unlock();
	KUNIT_EXPECT_GT(test, members, 0);
	KUNIT_EXPECT_EQ(test, mapped, members);
	KUNIT_EXPECT_EQ(test, iso_registry_del(c), 0);
	iso_container_put(c);
}

/* One name, one cgroup: both taken twice are refused, and say why. */
static void iso_registry_duplicates(struct kunit *test)
{
	struct iso_container *a = new_container(test, "kunit-dup");
	struct iso_container *b = new_container(test, "kunit-dup");
	struct iso_container *d = new_container(test, "kunit-other");
	struct netlink_ext_ack extack = {};

	KUNIT_ASSERT_EQ(test, iso_registry_add(a, root(), NULL), 0);
	KUNIT_EXPECT_EQ(test, iso_registry_add(b, root(), &extack), -EEXIST);
	KUNIT_EXPECT_STREQ(test, extack._msg, "iso: a container has this name");
	KUNIT_EXPECT_EQ(test, iso_registry_add(d, root(), &extack), -EEXIST);
	KUNIT_EXPECT_STREQ(test, extack._msg, "iso: cgroup is already tracked");
	KUNIT_EXPECT_EQ(test, iso_registry_del(a), 0);
	iso_container_put(a);
	iso_container_put(b);
	iso_container_put(d);
}

/* A dump walks containers in registration order and resumes by seq. */
static void iso_registry_iteration(struct kunit *test)
{
	struct iso_container *c = new_container(test, "kunit-iter");
	struct iso_container *batch[4];
	int n;

	KUNIT_ASSERT_EQ(test, iso_registry_add(c, root(), NULL), 0);
	n = iso_registry_next(c->seq - 1, batch, ARRAY_SIZE(batch));
	KUNIT_ASSERT_EQ(test, n, 1);
	KUNIT_EXPECT_PTR_EQ(test, batch[0], c);
	iso_container_put(batch[0]);
	KUNIT_EXPECT_EQ(test, iso_registry_next(c->seq, batch, 4), 0);
	KUNIT_EXPECT_EQ(test, iso_registry_del(c), 0);
	iso_container_put(c);
}

static void iso_name_rules(struct kunit *test)
{
	char longest[ISO_NAME_MAX + 1];

	memset(longest, 'n', ISO_NAME_MAX);
	longest[ISO_NAME_MAX] = '\0';
	KUNIT_EXPECT_TRUE(test, iso_name_valid("c1", NULL));
	KUNIT_EXPECT_TRUE(test, iso_name_valid("with space", NULL));
	KUNIT_EXPECT_TRUE(test, iso_name_valid(longest, NULL));
	KUNIT_EXPECT_FALSE(test, iso_name_valid("", NULL));
	KUNIT_EXPECT_FALSE(test, iso_name_valid("tab\there", NULL));
	KUNIT_EXPECT_FALSE(test, iso_name_valid("del\x7f", NULL));
	KUNIT_EXPECT_FALSE(test, iso_name_valid("\xc3\xa9", NULL));
}

/* Each CPU's copy adds into the sum, counter by counter. */
static void iso_stats_aggregation(struct kunit *test)
{
	struct iso_container *c = new_container(test, "kunit-stats");
	struct iso_stats sum;
	u64 cpus = 0;
	int cpu, i;

	for_each_possible_cpu(cpu) {
		for (i = 0; i < ISO_CNT_NR; i++)
			per_cpu_ptr(c->stats, cpu)->v[i] = (cpu + 1) * (i + 1);
		cpus += cpu + 1;
	}
	iso_stats_sum(c, &sum);
	for (i = 0; i < ISO_CNT_NR; i++)
		KUNIT_EXPECT_EQ(test, sum.v[i], cpus * (i + 1));
	iso_container_put(c);
}

static struct kunit_case iso_registry_cases[] = {
	KUNIT_CASE(iso_registry_add_find_del),
	KUNIT_CASE(iso_registry_subtree),
	KUNIT_CASE(iso_registry_duplicates),
	KUNIT_CASE(iso_registry_iteration),
	KUNIT_CASE(iso_name_rules),
	KUNIT_CASE(iso_stats_aggregation),
	{}
};

static struct kunit_suite iso_registry_suite = {
	.name = "iso_registry",
	.test_cases = iso_registry_cases,
};

kunit_test_suite(iso_registry_suite);
