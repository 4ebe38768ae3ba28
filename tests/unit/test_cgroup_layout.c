// SPDX-License-Identifier: GPL-2.0
/* Telling v1, v2 and hybrid hosts apart from mountinfo. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "runtime/cgroup_layout.h"

static void parse(const char *text, struct cgroup_layout *l)
{
	FILE *f = fmemopen((void *)text, strlen(text), "r");

	assert_non_null(f);
	assert_int_equal(cgroup_layout_parse(f, l), 0);
	fclose(f);
}

/* This machine kind: v1 controllers, systemd's named tree, empty v2. */
static const char hybrid[] =
	"31 23 0:28 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw,mode=755\n"
	"32 31 0:29 / /sys/fs/cgroup/cpu,cpuacct rw,relatime - cgroup cgroup rw,cpu,cpuacct\n"
	"34 31 0:31 / /sys/fs/cgroup/cpuset rw,relatime - cgroup cgroup rw,cpuset,clone_children\n"
	"35 31 0:32 / /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory\n"
	"40 31 0:37 / /sys/fs/cgroup/systemd rw,relatime - cgroup cgroup rw,xattr,name=systemd\n"
	"41 31 0:38 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw\n";

static void test_hybrid(void **state)
{
	struct cgroup_layout l;

	(void)state;
	parse(hybrid, &l);
	assert_int_equal(l.mode, CGROUP_HYBRID);
	assert_string_equal(l.v2_path, "/sys/fs/cgroup/unified");
	assert_int_equal(l.n_v1, 4);
	assert_string_equal(l.v1[0].options, "cpu,cpuacct");
	assert_string_equal(l.v1[0].path, "/sys/fs/cgroup/cpu,cpuacct");
	assert_string_equal(l.v1[1].options, "cpuset");
	/* what a systemd in a container needs beside the controllers */
	assert_string_equal(l.v1[3].options, "name=systemd");
	assert_string_equal(l.v1[3].path, "/sys/fs/cgroup/systemd");
	assert_string_equal(cgroup_mode_name(l.mode), "hybrid");
	assert_false(cgroup_option_listed(l.v2_options, "nsdelegate"));
}

static void test_v2(void **state)
{
	struct cgroup_layout l;

	(void)state;
	parse("25 1 0:22 / /sys/fs/cgroup rw,nosuid,nodev,noexec,relatime shared:9"
	      " - cgroup2 cgroup2 rw,nsdelegate,memory_recursiveprot\n", &l);
	assert_int_equal(l.mode, CGROUP_V2);
	assert_string_equal(l.v2_path, "/sys/fs/cgroup");
	assert_int_equal(l.n_v1, 0);
	assert_true(cgroup_option_listed(l.v2_options, "nsdelegate"));
	assert_false(cgroup_option_listed(l.v2_options, "memory"));
	assert_true(cgroup_option_listed(l.v2_options, "memory_recursiveprot"));
}

static void test_v1(void **state)
{
	struct cgroup_layout l;

	(void)state;
	parse("32 31 0:29 / /sys/fs/cgroup/pids rw - cgroup cgroup rw,pids\n", &l);
	assert_int_equal(l.mode, CGROUP_V1);
	assert_string_equal(l.v2_path, "");
	assert_int_equal(l.n_v1, 1);
	assert_string_equal(l.v1[0].options, "pids");
}

static void test_none(void **state)
{
	struct cgroup_layout l;

	(void)state;
	parse("22 1 0:21 / /proc rw - proc proc rw\n", &l);
	assert_int_equal(l.mode, CGROUP_NONE);
	assert_string_equal(cgroup_mode_name(l.mode), "none");
}

/*
 * A name goes with its controllers as /proc/PID/cgroup lists them; a
 * release agent is no controller, and however long, no name is lost.
 */
static void test_named_with_controllers(void **state)
{
	char line[1024], agent[600];
	struct cgroup_layout l;

	(void)state;
	memset(agent, 'a', sizeof(agent) - 1);
	agent[sizeof(agent) - 1] = '\0';
	snprintf(line, sizeof(line), "32 31 0:29 / /sys/fs/cgroup/x rw - cgroup cgroup "
		 "rw,pids,release_agent=/%s,name=x\n", agent);
	parse(line, &l);
	assert_int_equal(l.n_v1, 1);
	assert_string_equal(l.v1[0].options, "pids,name=x");
}

/* A named hierarchy anywhere but /sys/fs/cgroup/ITS-NAME is some tool's own. */
static void test_named_elsewhere(void **state)
{
	struct cgroup_layout l;

	(void)state;
	parse("32 31 0:29 / /sys/fs/cgroup/pids rw - cgroup cgroup rw,pids\n"
	      "40 31 0:37 / /tmp/v1 rw - cgroup cgroup rw,name=isotest\n"
	      "41 31 0:38 / /sys/fs/cgroup/a/b rw - cgroup cgroup rw,name=b\n"
	      "42 31 0:39 / /sys/fs/cgroup/systemd rw - cgroup cgroup rw,name=systemd\n"
	      "43 31 0:40 / /sys/fs/cgroup/other rw - cgroup cgroup rw,name=isox\n",
	      &l);
	assert_int_equal(l.n_v1, 2);
	assert_string_equal(l.v1[1].options, "name=systemd");
}

/* Beside v2 alone, a named hierarchy is somebody's own, not the containers'. */
static void test_named_beside_v2(void **state)
{
	struct cgroup_layout l;

	(void)state;
	parse("25 1 0:22 / /sys/fs/cgroup rw - cgroup2 cgroup2 rw,nsdelegate\n"
	      "40 25 0:37 / /sys/fs/cgroup/systemd rw - cgroup cgroup rw,name=systemd\n",
	      &l);
	assert_int_equal(l.mode, CGROUP_V2);
	assert_int_equal(l.n_v1, 0);
}

/* mountinfo escapes a space in a mount point as \040. */
static void test_escaped_path(void **state)
{
	struct cgroup_layout l;

	(void)state;
	parse("41 31 0:38 / /mnt/my\\040cgroups rw - cgroup2 cgroup2 rw\n", &l);
	assert_string_equal(l.v2_path, "/mnt/my cgroups");
}

/* The first v2 mount wins; a second one (a container's) is not the host's. */
static void test_first_v2_mount(void **state)
{
	struct cgroup_layout l;

	(void)state;
	parse("1 0 0:1 / /sys/fs/cgroup rw - cgroup2 cgroup2 rw\n"
	      "2 0 0:1 /lxc /var/lib/iso/c1/rootfs/sys/fs/cgroup rw - cgroup2 cgroup2 rw\n",
	      &l);
	assert_string_equal(l.v2_path, "/sys/fs/cgroup");
}

/* Garbage lines are skipped, not fatal. */
static void test_garbage(void **state)
{
	struct cgroup_layout l;

	(void)state;
	parse("no separator here\n - \n1 2 3 - cgroup2\n", &l);
	assert_int_equal(l.mode, CGROUP_NONE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hybrid),
		cmocka_unit_test(test_v2),
		cmocka_unit_test(test_v1),
		cmocka_unit_test(test_none),
		cmocka_unit_test(test_named_with_controllers),
		cmocka_unit_test(test_named_elsewhere),
		cmocka_unit_test(test_named_beside_v2),
		cmocka_unit_test(test_escaped_path),
		cmocka_unit_test(test_first_v2_mount),
		cmocka_unit_test(test_garbage),
	};

	return cmocka_run_group_tests_name("cgroup_layout", tests, NULL, NULL);
}
