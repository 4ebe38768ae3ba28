// SPDX-License-Identifier: GPL-2.0
/*
 * Which monitord a store's listeners and containers meet at: the same
 * socket for every spelling of the store's path, made or not yet, and
 * through a symlink; another one for another store.
 */
#include <errno.h>
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "runtime/monitord.h"

static char tmp[64];	/* /tmp/iso-monitord-addr.XXXXXX, real */

/* @rest below the test's directory, in @buf (PATH_MAX bytes) */
static const char *in_tmp(char *buf, const char *rest)
{
	snprintf(buf, PATH_MAX, "%.63s%.200s", tmp, rest);
	return buf;
}

static void expect_store(const char *base, const char *store)
{
	struct iso_monitord_addr a;

	assert_int_equal(iso_monitord_addr(&a, base), 0);
	assert_string_equal(a.store, store);
}

static int setup(void **state)
{
	char real[PATH_MAX], path[PATH_MAX];

	(void)state;
	snprintf(tmp, sizeof(tmp), "/tmp/iso-monitord-addr.XXXXXX");
	if (!mkdtemp(tmp) || !realpath(tmp, real) ||
	    snprintf(tmp, sizeof(tmp), "%.63s", real) >= (int)sizeof(tmp))
		return -1;
	snprintf(path, sizeof(path), "%.63s/made", tmp);
	if (mkdir(path, 0700))
		return -1;
	snprintf(path, sizeof(path), "%.63s/link", tmp);
	return symlink("made", path);
}

static int teardown(void **state)
{
	char cmd[PATH_MAX + 16];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf '%.63s'", tmp);
	return system(cmd);
}

static void test_spellings(void **state)
{
	static const char *const made[] = {
		"/made", "//made/", "/./x/../made", "/link", "/link/.",
	};
	struct iso_monitord_addr x, y;
	char a[PATH_MAX], want[PATH_MAX];
	size_t i;

	(void)state;
	in_tmp(want, "/made");
	for (i = 0; i < sizeof(made) / sizeof(made[0]); i++)
		expect_store(in_tmp(a, made[i]), want);
	/* relative, from where it is run */
	assert_int_equal(chdir(tmp), 0);
	expect_store("made", want);
	expect_store("./link/", want);
	expect_store("/", "/");
	/* another store, another monitord */
	assert_int_equal(iso_monitord_addr(&x, "made"), 0);
	assert_int_equal(iso_monitord_addr(&y, "other"), 0);
	assert_string_not_equal(x.sa.sun_path, y.sa.sun_path);
}

/* A store not made yet: the name it will have, and the same socket then. */
static void test_not_made_yet(void **state)
{
	struct iso_monitord_addr before, after;
	char a[PATH_MAX], want[PATH_MAX];

	(void)state;
	in_tmp(want, "/made/later/store");
	expect_store(in_tmp(a, "/link/later/./store/"), want);
	expect_store(in_tmp(a, "/made/later//store"), want);
	assert_int_equal(iso_monitord_addr(&before, a), 0);
	assert_int_equal(mkdir(in_tmp(a, "/made/later"), 0700), 0);
	assert_int_equal(mkdir(in_tmp(a, "/made/later/store"), 0700), 0);
	assert_int_equal(iso_monitord_addr(&after, in_tmp(a, "/link/later/store")), 0);
	assert_string_equal(before.sa.sun_path, after.sa.sun_path);
	assert_string_equal(before.lock, after.lock);
	assert_int_equal(chdir(tmp), 0);
	expect_store("made/later/store", want);
}

static void test_bad(void **state)
{
	struct iso_monitord_addr a;

	(void)state;
	assert_int_equal(iso_monitord_addr(&a, ""), -ENOENT);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_spellings),
		cmocka_unit_test(test_not_made_yet),
		cmocka_unit_test(test_bad),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
