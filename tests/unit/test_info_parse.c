// SPDX-License-Identifier: GPL-2.0
/* Reading ISO_CMD_GET_INFO replies, good and malformed. */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>
#include <netlink/msg.h>
#include <netlink/attr.h>
#include <linux/iso.h>

#include "kernel/genl.h"

enum { NONE = -1, OMIT = -1 };

/*
 * An ISO_A_INFO nest with every attribute, except that attribute @bad is
 * left out (@len OMIT) or carries @len raw bytes of @data instead.
 */
static struct nl_msg *info_msg_bad(int bad, const void *data, int len,
				   const char *release)
{
	struct nl_msg *msg = nlmsg_alloc();
	struct nlattr *nest;
	int type;

	assert_non_null(msg);
	nest = nla_nest_start(msg, ISO_A_INFO);
	for (type = ISO_A_INFO_MODULE_VERSION; type <= ISO_A_INFO_MAX; type++) {
		if (type == bad) {
			if (len != OMIT)
				nla_put(msg, type, len, data);
			continue;
		}
		switch (type) {
		case ISO_A_INFO_MODULE_VERSION:
			nla_put_string(msg, type, "1.2.3");
			break;
		case ISO_A_INFO_ABI_VERSION:
			nla_put_u32(msg, type, 7);
			break;
		case ISO_A_INFO_KERNEL_RELEASE:
			nla_put_string(msg, type, release);
			break;
		case ISO_A_INFO_FEATURES:
			nla_put_u64(msg, type, 0x8000000000000011ULL);
			break;
		case ISO_A_INFO_CONTAINERS:
			nla_put_u32(msg, type, 3);
			break;
		case ISO_A_INFO_MAX_CONTAINERS:
			nla_put_u32(msg, type, 4096);
			break;
		}
	}
	nla_nest_end(msg, nest);
	return msg;
}

static struct nl_msg *info_msg(int omit, const char *release)
{
	return info_msg_bad(omit, NULL, OMIT, release);
}

static struct nlattr *first_attr(struct nl_msg *msg)
{
	return nlmsg_attrdata(nlmsg_hdr(msg), 0);
}

static void test_good(void **state)
{
	struct nl_msg *msg = info_msg(NONE, "6.12.95+deb12-amd64");
	struct iso_info info;

	(void)state;
	assert_int_equal(iso_info_parse(first_attr(msg), &info), 0);
	assert_string_equal(info.module_version, "1.2.3");
	assert_string_equal(info.kernel_release, "6.12.95+deb12-amd64");
	assert_int_equal(info.abi_version, 7);
	assert_true(info.features == 0x8000000000000011ULL);
	assert_int_equal(info.containers, 3);
	assert_int_equal(info.max_containers, 4096);
	nlmsg_free(msg);
}

/* Every attribute is required: a reply missing one is refused. */
static void test_missing_each(void **state)
{
	struct iso_info info;
	int omit;

	(void)state;
	for (omit = ISO_A_INFO_MODULE_VERSION; omit <= ISO_A_INFO_MAX; omit++) {
		struct nl_msg *msg = info_msg(omit, "6.1.0");

		assert_int_equal(iso_info_parse(first_attr(msg), &info), -EINVAL);
		nlmsg_free(msg);
	}
}

/* A release longer than utsname allows would overflow: refused. */
static void test_release_too_long(void **state)
{
	char release[200];
	struct nl_msg *msg;
	struct iso_info info;

	(void)state;
	memset(release, 'x', sizeof(release) - 1);
	release[sizeof(release) - 1] = '\0';
	msg = info_msg(NONE, release);
	assert_int_equal(iso_info_parse(first_attr(msg), &info), -EINVAL);
	nlmsg_free(msg);
}

/* A u32 attribute two bytes long is malformed. */
static void test_short_u32(void **state)
{
	uint16_t two = 2;
	struct nl_msg *msg = info_msg_bad(ISO_A_INFO_ABI_VERSION, &two,
					  sizeof(two), "6.1");
	struct iso_info info;

	(void)state;
	assert_int_equal(iso_info_parse(first_attr(msg), &info), -EINVAL);
	nlmsg_free(msg);
}

static void test_unterminated_string(void **state)
{
	struct nl_msg *msg = info_msg_bad(ISO_A_INFO_MODULE_VERSION, "abc", 3,
					  "6.1");
	struct iso_info info;

	(void)state;
	assert_int_equal(iso_info_parse(first_attr(msg), &info), -EINVAL);
	nlmsg_free(msg);
}

static void test_no_nest(void **state)
{
	struct iso_info info;

	(void)state;
	assert_int_equal(iso_info_parse(NULL, &info), -EINVAL);
}

static void test_feature_names(void **state)
{
	(void)state;
	assert_string_equal(iso_feature_name(ISO_FEATURE_BIT_MEMCG), "memcg");
	assert_non_null(iso_feature_name(__ISO_FEATURE_BIT_MAX - 1));
	assert_null(iso_feature_name(__ISO_FEATURE_BIT_MAX));
	assert_null(iso_feature_name(63));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good),
		cmocka_unit_test(test_missing_each),
		cmocka_unit_test(test_release_too_long),
		cmocka_unit_test(test_short_u32),
		cmocka_unit_test(test_unterminated_string),
		cmocka_unit_test(test_no_nest),
		cmocka_unit_test(test_feature_names),
	};

	return cmocka_run_group_tests_name("info_parse", tests, NULL, NULL);
}
