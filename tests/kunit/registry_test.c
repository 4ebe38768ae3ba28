// SPDX-License-Identifier: GPL-2.0
/*
 * The container registry, on cgroups that tests/kunit/run.sh makes before
 * it loads the suites: /kunit, /kunit/a and /kunit/a/b.
 */
#include <kunit/test.h>
#include <linux/cgroup.h>

#include "iso.h"

static struct cgroup *get_cgroup(struct kunit *test, const char *path)
{
	struct cgroup *cgrp = cgroup_get_from_path(path);

	KUNIT_ASSERT_FALSE_MSG(test, IS_ERR(cgrp), "%s: run.sh makes it", path);
	return cgrp;
}

static struct iso_container *new_container(struct kunit *test,
					   const char *name, const char *path)
{
	struct cgroup *cgrp = get_cgroup(test, path);
	struct iso_container *c = iso_container_alloc(name, cgrp, NULL);

	cgroup_put(cgrp);
	KUNIT_ASSERT_NOT_NULL(test, c);
	return c;
}

/* The containers a probe finds for @cgrp, root first. */
static int containers_of(struct cgroup *cgrp, struct iso_container **out,
			 int max)
{
	unsigned long levels = READ_ONCE(iso_registry_levels);
	struct iso_container *c;
	int n = 0, l = 0;

	rcu_read_lock();
	while (n < max && (c = iso_next_container(cgrp, levels, &l)))
		out[n++] = c;
	rcu_read_unlock();
	return n;
}

static void iso_registry_add_find_del(struct kunit *test)
{
	struct iso_container *c = new_container(test, "kunit-a", "/kunit");
	struct iso_container *found, *path[4];
	unsigned int level = c->cgrp->level;

	KUNIT_ASSERT_EQ(test, iso_registry_add(c, NULL), 0);
	KUNIT_EXPECT_TRUE(test, READ_ONCE(iso_registry_levels) & BIT(level));

	found = iso_registry_find_name("kunit-a");
	KUNIT_EXPECT_PTR_EQ(test, found, c);
	iso_container_put(found);
	found = iso_registry_find_id(c->cgroup_id);
	KUNIT_EXPECT_PTR_EQ(test, found, c);
	iso_container_put(found);
	KUNIT_ASSERT_EQ(test, containers_of(c->cgrp, path, 4), 1);
	KUNIT_EXPECT_PTR_EQ(test, path[0], c);

	KUNIT_EXPECT_EQ(test, iso_registry_del(c), 0);
	KUNIT_EXPECT_EQ(test, iso_registry_del(c), -ENOENT);
	KUNIT_EXPECT_FALSE(test, READ_ONCE(iso_registry_levels) & BIT(level));
	KUNIT_EXPECT_NULL(test, iso_registry_find_name("kunit-a"));
	KUNIT_EXPECT_NULL(test, iso_registry_find_id(c->cgroup_id));
	KUNIT_EXPECT_EQ(test, containers_of(c->cgrp, path, 4), 0);
	iso_container_put(c);
}

/* Nested containers: a cgroup is in every container on its path. */
static void iso_registry_nesting(struct kunit *test)
{
	struct iso_container *outer = new_container(test, "kunit-outer", "/kunit");
	struct iso_container *inner = new_container(test, "kunit-inner",
						    "/kunit/a/b");
	struct iso_container *path[4];
	struct cgroup *a = get_cgroup(test, "/kunit/a");

	KUNIT_ASSERT_EQ(test, iso_registry_add(inner, NULL), 0);
	KUNIT_ASSERT_EQ(test, iso_registry_add(outer, NULL), 0);
	KUNIT_ASSERT_EQ(test, containers_of(inner->cgrp, path, 4), 2);
	KUNIT_EXPECT_PTR_EQ(test, path[0], outer);
	KUNIT_EXPECT_PTR_EQ(test, path[1], inner);
	KUNIT_ASSERT_EQ(test, containers_of(a, path, 4), 1);
	KUNIT_EXPECT_PTR_EQ(test, path[0], outer);
	KUNIT_EXPECT_EQ(test, containers_of(&cgrp_dfl_root.cgrp, path, 4), 0);

	KUNIT_EXPECT_EQ(test, iso_registry_del(outer), 0);
	KUNIT_ASSERT_EQ(test, containers_of(inner->cgrp, path, 4), 1);
	KUNIT_EXPECT_PTR_EQ(test, path[0], inner);
	KUNIT_EXPECT_EQ(test, iso_registry_del(inner), 0);
	cgroup_put(a);
	iso_container_put(outer);
	iso_container_put(inner);
}

/* What a caller sees depends on its cgroup namespace root. */
static void iso_registry_visibility(struct kunit *test)
{
	struct iso_container *outer = new_container(test, "kunit-vis-o", "/kunit");
	struct iso_container *inner = new_container(test, "kunit-vis-i",
						    "/kunit/a/b");
	struct cgroup *a = get_cgroup(test, "/kunit/a");
	struct iso_container **cs;
	unsigned int n, i;

	KUNIT_ASSERT_EQ(test, iso_registry_add(outer, NULL), 0);
	KUNIT_ASSERT_EQ(test, iso_registry_add(inner, NULL), 0);
	KUNIT_EXPECT_EQ(test, iso_registry_count_visible(a), 1);
	KUNIT_EXPECT_GE(test, iso_registry_count_visible(&cgrp_dfl_root.cgrp), 2);

	cs = iso_registry_collect(a, &n);
	KUNIT_ASSERT_FALSE(test, IS_ERR(cs));
	KUNIT_ASSERT_EQ(test, n, 1);
	KUNIT_EXPECT_PTR_EQ(test, cs[0], inner);
	for (i = 0; i < n; i++)
		iso_container_put(cs[i]);
	kvfree(cs);

	KUNIT_EXPECT_EQ(test, iso_registry_del(outer), 0);
	KUNIT_EXPECT_EQ(test, iso_registry_del(inner), 0);
	cgroup_put(a);
	iso_container_put(outer);
	iso_container_put(inner);
}

/* One name, one cgroup, never the root: each refusal says why. */
static void iso_registry_refusals(struct kunit *test)
{
	struct iso_container *a = new_container(test, "kunit-dup", "/kunit");
	struct iso_container *b = new_container(test, "kunit-dup", "/kunit/a");
	struct iso_container *d = new_container(test, "kunit-other", "/kunit");
	struct iso_container *r = iso_container_alloc("kunit-root",
						      &cgrp_dfl_root.cgrp, NULL);
	struct netlink_ext_ack extack = {};

	KUNIT_ASSERT_NOT_NULL(test, r);
	KUNIT_ASSERT_EQ(test, iso_registry_add(a, NULL), 0);
	KUNIT_EXPECT_EQ(test, iso_registry_add(b, &extack), -EEXIST);
	KUNIT_EXPECT_STREQ(test, extack._msg, "iso: a container has this name");
	KUNIT_EXPECT_EQ(test, iso_registry_add(d, &extack), -EEXIST);
	KUNIT_EXPECT_STREQ(test, extack._msg, "iso: cgroup is already tracked");
	KUNIT_EXPECT_EQ(test, iso_registry_add(r, &extack), -EINVAL);
	KUNIT_EXPECT_STREQ(test, extack._msg,
			   "iso: the root cgroup is the whole system, not a container");
	KUNIT_EXPECT_EQ(test, iso_registry_del(a), 0);
	iso_container_put(a);
	iso_container_put(b);
	iso_container_put(d);
	iso_container_put(r);
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
	struct iso_container *c = new_container(test, "kunit-stats", "/kunit");
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
	KUNIT_CASE(iso_registry_nesting),
	KUNIT_CASE(iso_registry_visibility),
	KUNIT_CASE(iso_registry_refusals),
	KUNIT_CASE(iso_name_rules),
	KUNIT_CASE(iso_stats_aggregation),
	{}
};

static struct kunit_suite iso_registry_suite = {
	.name = "iso_registry",
	.test_cases = iso_registry_cases,
};

kunit_test_suite(iso_registry_suite);
