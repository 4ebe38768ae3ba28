// SPDX-License-Identifier: GPL-2.0
/* lxc.console.buffer.size's ring: wrapping, overwriting, reading once. */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include <cmocka.h>

#include "runtime/console_ring.h"

/* What iso_console_ring_read() writes, with @max, as a string. */
static void read_all(struct iso_console_ring *ring, uint64_t max, char *out,
		     size_t size)
{
	int fd = memfd_create("ring", 0);
	ssize_t n;

	assert_true(fd >= 0);
	assert_int_equal(iso_console_ring_read(ring, fd, max), 0);
	n = pread(fd, out, size - 1, 0);
	assert_true(n >= 0);
	out[n] = '\0';
	close(fd);
}

static void test_none(void **state)
{
	struct iso_console_ring ring;
	char out[16];

	(void)state;
	assert_int_equal(iso_console_ring_init(&ring, 0), 0);
	assert_null(ring.buf);
	iso_console_ring_write(&ring, "abc", 3);	/* dropped, no crash */
	read_all(&ring, 0, out, sizeof(out));
	assert_string_equal(out, "");
	assert_int_equal(iso_console_ring_init(&ring, 4097), -EINVAL);
}

/* Read once: a second read has only what came after the first. */
static void test_read_once(void **state)
{
	struct iso_console_ring ring;
	char out[8192];

	(void)state;
	assert_int_equal(iso_console_ring_init(&ring, 4096), 0);
	iso_console_ring_write(&ring, "hello ", 6);
	iso_console_ring_write(&ring, "world", 5);
	read_all(&ring, 0, out, sizeof(out));
	assert_string_equal(out, "hello world");
	read_all(&ring, 0, out, sizeof(out));
	assert_string_equal(out, "");
	iso_console_ring_write(&ring, "again", 5);
	read_all(&ring, 0, out, sizeof(out));
	assert_string_equal(out, "again");
	iso_console_ring_write(&ring, "gone", 4);
	iso_console_ring_clear(&ring);
	read_all(&ring, 0, out, sizeof(out));
	assert_string_equal(out, "");
	iso_console_ring_free(&ring);
}

/* Past the end it wraps, and what it overwrote unread is lost, oldest first. */
static void test_wrap(void **state)
{
	struct iso_console_ring ring;
	char in[6000], out[8192], want[4097];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(in); i++)
		in[i] = 'a' + i % 26;
	assert_int_equal(iso_console_ring_init(&ring, 4096), 0);
	/* in pieces that straddle the end */
	for (i = 0; i < sizeof(in); i += 700)
		iso_console_ring_write(&ring, in + i,
				       sizeof(in) - i < 700 ? sizeof(in) - i : 700);
	memcpy(want, in + sizeof(in) - 4096, 4096);
	want[4096] = '\0';
	read_all(&ring, 0, out, sizeof(out));
	assert_string_equal(out, want);

	/* one write of more than the ring keeps its last bytes */
	iso_console_ring_write(&ring, in, sizeof(in));
	read_all(&ring, 0, out, sizeof(out));
	assert_string_equal(out, want);

	/* @max: the last bytes of what is unread, and all of it is read */
	iso_console_ring_write(&ring, "0123456789", 10);
	read_all(&ring, 4, out, sizeof(out));
	assert_string_equal(out, "6789");
	read_all(&ring, 0, out, sizeof(out));
	assert_string_equal(out, "");
	iso_console_ring_free(&ring);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_none),
		cmocka_unit_test(test_read_once),
		cmocka_unit_test(test_wrap),
	};

	return cmocka_run_group_tests_name("console_ring", tests, NULL, NULL);
}
