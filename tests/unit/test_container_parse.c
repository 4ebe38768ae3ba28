// SPDX-License-Identifier: GPL-2.0
/* Reading ISO_CMD_CONTAINER_GET records, good, newer and malformed. */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>
#include <netlink/msg.h>
#include <netlink/attr.h>
#include <linux/iso.h>

#include "kernel/container.h"

enum { GOOD, SHORT_STAT, NO_NAME, NO_ID, FUTURE_STAT, LIMITS };

static struct nl_msg *record(int variant)
{
	struct nl_msg *msg = nlmsg_alloc();
	struct nlattr *c, *st, *ns, *ls, *l, *p;
	int i;

	assert_non_null(msg);
	c = nla_nest_start(msg, ISO_A_CONTAINER);
	if (variant != NO_NAME)
		nla_put_string(msg, ISO_A_CONTAINER_NAME, "web");
	if (variant != NO_ID)
		nla_put_u64(msg, ISO_A_CONTAINER_CGROUP_ID, 4242);
	nla_put_string(msg, ISO_A_CONTAINER_CGROUP_PATH, "/lxc/web");
	nla_put_u32(msg, ISO_A_CONTAINER_INIT_PID, 77);
	nla_put_u64(msg, ISO_A_CONTAINER_REGISTERED_NS, 1700000000000000000ULL);
	st = nla_nest_start(msg, ISO_A_CONTAINER_STATS);
	nla_put_u64(msg, ISO_A_STATS_CPU_NS, 123456789);
	nla_put_u32(msg, ISO_A_STATS_THREADS, 5);
	if (variant == SHORT_STAT)
		nla_put_u32(msg, ISO_A_STATS_FORKS, 1);
	else
		nla_put_u64(msg, ISO_A_STATS_FORKS, 11);
	if (variant == FUTURE_STAT)
		nla_put_u64(msg, ISO_A_STATS_MAX + 5, 1);
	nla_nest_end(msg, st);
	ns = nla_nest_start(msg, ISO_A_CONTAINER_NS);
	nla_put_u32(msg, ISO_A_NS_NET, 4026531840U);
	nla_nest_end(msg, ns);
	/* more limits than a record keeps: the rest are left out */
	ls = variant == LIMITS ? nla_nest_start(msg, ISO_A_CONTAINER_LIMITS) : NULL;
	for (i = 0; ls && i < ISO_CONTAINER_LIMITS_MAX + 2; i++) {
		l = nla_nest_start(msg, ISO_A_LIMITS_LIMIT);
		nla_put_string(msg, ISO_A_LIMIT_CONTROLLER,
			       i ? "fork_rate" : "net");
		p = nla_nest_start(msg, ISO_A_LIMIT_STATE);
		nla_put_u64(msg, i ? ISO_A_FORK_RATE_KILLED : ISO_A_NET_TX_BYTES,
			    100 + i);
		nla_nest_end(msg, p);
		nla_nest_end(msg, l);
	}
	if (ls)
		nla_nest_end(msg, ls);
	nla_nest_end(msg, c);
	return msg;
}

static int parse(int variant, struct iso_container_rec *rec)
{
	struct nl_msg *msg = record(variant);
	int ret = iso_container_parse(nlmsg_attrdata(nlmsg_hdr(msg), 0), rec);

	nlmsg_free(msg);
	return ret;
}

static void test_good(void **state)
{
	struct iso_container_rec r;

	(void)state;
	assert_int_equal(parse(GOOD, &r), 0);
	assert_string_equal(r.name, "web");
	assert_true(r.cgroup_id == 4242);
	assert_string_equal(r.cgroup_path, "/lxc/web");
	assert_int_equal(r.init_pid, 77);
	assert_true(r.registered_ns == 1700000000000000000ULL);
	assert_true(r.stats[ISO_A_STATS_CPU_NS] == 123456789);
	assert_true(r.has_stat[ISO_A_STATS_THREADS]);
	assert_int_equal(r.stats[ISO_A_STATS_THREADS], 5);
	assert_int_equal(r.stats[ISO_A_STATS_FORKS], 11);
	assert_false(r.has_stat[ISO_A_STATS_MEMORY_CURRENT]);
	assert_int_equal(r.ns[ISO_A_NS_NET], 4026531840U);
	assert_int_equal(r.ns[ISO_A_NS_PID], 0);
}

/* Attributes appended by a newer module are skipped, not fatal. */
static void test_future_stat(void **state)
{
	struct iso_container_rec r;

	(void)state;
	assert_int_equal(parse(FUTURE_STAT, &r), 0);
	assert_int_equal(r.stats[ISO_A_STATS_FORKS], 11);
}

static void test_limits(void **state)
{
	const struct iso_limit_rec *net;
	struct iso_container_rec r;

	(void)state;
	assert_int_equal(parse(LIMITS, &r), 0);
	assert_int_equal(r.n_limits, ISO_CONTAINER_LIMITS_MAX);
	net = iso_container_limit(&r, "net");
	assert_non_null(net);
	assert_true(net->has_state[ISO_A_NET_TX_BYTES]);
	assert_int_equal(net->state[ISO_A_NET_TX_BYTES], 100);
	assert_int_equal(iso_container_limit(&r, "fork_rate")->state[ISO_A_FORK_RATE_KILLED], 101);
	assert_null(iso_container_limit(&r, "cpu_budget"));
	assert_int_equal(parse(GOOD, &r), 0);
	assert_int_equal(r.n_limits, 0);
}

static void test_short_stat(void **state)
{
	struct iso_container_rec r;

	(void)state;
	assert_int_equal(parse(SHORT_STAT, &r), -EINVAL);
}

static void test_required(void **state)
{
	struct iso_container_rec r;

	(void)state;
	assert_int_equal(parse(NO_NAME, &r), -EINVAL);
	assert_int_equal(parse(NO_ID, &r), -EINVAL);
	assert_int_equal(iso_container_parse(NULL, &r), -EINVAL);
}

static void test_names(void **state)
{
	(void)state;
	assert_string_equal(iso_stat_name(ISO_A_STATS_NVCSW),
			    "voluntary_ctxt_switches");
	assert_string_equal(iso_ns_name(ISO_A_NS_CGROUP), "cgroup");
	assert_null(iso_stat_name(0));
	assert_null(iso_stat_name(ISO_A_STATS_MAX + 1));
	assert_null(iso_ns_name(ISO_A_NS_MAX + 1));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good),
		cmocka_unit_test(test_future_stat),
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_short_stat),
		cmocka_unit_test(test_required),
		cmocka_unit_test(test_names),
	};

	return cmocka_run_group_tests_name("container_parse", tests, NULL, NULL);
}
