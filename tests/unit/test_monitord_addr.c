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

static void expect_store(const char *base, const char *store)
{
	struct iso_monitord_addr a;

	assert_int_equal(iso_monitord_addr(&a, base), 0);
	assert_string_equal(a.store, store);
}

static void same_socket(const char *x, const char *y)
{
	struct iso_monitord_addr a, b;

	assert_int_equal(iso_monitord_addr(&a, x), 0);
	assert_int_equal(iso_monitord_addr(&b, y), 0);
	assert_string_equal(a.sa.sun_path, b.sa.sun_path);
	assert_string_equal(a.lock, b.lock);
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
	char a[PATH_MAX], b[PATH_MAX], want[PATH_MAX];

	(void)state;
	snprintf(want, sizeof(want), "%.63s/made", tmp);
	snprintf(a, sizeof(a), "%.63s/made", tmp);
	expect_store(a, want);
	snprintf(a, sizeof(a), "%.63s//made/", tmp);
	expect_store(a, want);
	snprintf(a, sizeof(a), "%.63s/./x/../made", tmp);
	expect_store(a, want);
	snprintf(a, sizeof(a), "%.63s/link", tmp);
	expect_store(a, want);
	/* relative, from where it is run */
	assert_int_equal(chdir(tmp), 0);
	expect_store("made", want);
	expect_store("./link/", want);
	expect_store("/", "/");
	snprintf(a, sizeof(a), "%.63s/made", tmp);
	snprintf(b, sizeof(b), "%.63s/other", tmp);
	{
		struct iso_monitord_addr x, y;

		assert_int_equal(iso_monitord_addr(&x, a), 0);
		assert_int_equal(iso_monitord_addr(&y, b), 0);
		assert_string_not_equal(x.sa.sun_path, y.sa.sun_path);
	}
}

/* A store not made yet: the name it will have, and the same socket then. */
static void test_not_made_yet(void **state)
{
	struct iso_monitord_addr before, after;
	char a[PATH_MAX], want[PATH_MAX];

	(void)state;
	snprintf(want, sizeof(want), "%.63s/made/later/store", tmp);
	snprintf(a, sizeof(a), "%.63s/link/later/./store/", tmp);
	expect_store(a, want);
	snprintf(a, sizeof(a), "%.63s/made/later//store", tmp);
	expect_store(a, want);
	assert_int_equal(iso_monitord_addr(&before, a), 0);
	snprintf(a, sizeof(a), "%.63s/made/later", tmp);
	assert_int_equal(mkdir(a, 0700), 0);
	snprintf(a, sizeof(a), "%.63s/made/later/store", tmp);
	assert_int_equal(mkdir(a, 0700), 0);
	snprintf(a, sizeof(a), "%.63s/link/later/store", tmp);
	assert_int_equal(iso_monitord_addr(&after, a), 0);
	assert_string_equal(before.sa.sun_path, after.sa.sun_path);
	snprintf(a, sizeof(a), "%.63s/made/later/store", tmp);
	same_socket(a, "made/later/store");
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
