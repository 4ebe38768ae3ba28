// SPDX-License-Identifier: GPL-2.0
/* isoctl's side of the limits: the options' arguments, and records back. */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>
#include <netlink/msg.h>
#include <netlink/attr.h>
#include <linux/iso.h>

#include "kernel/limit.h"

static int fork_rate(const char *arg, struct iso_limit_rec *want)
{
	const struct iso_limit_kind *kind = iso_limit_kind_find("fork-rate");
	char why[128] = "";
	int ret;

	assert_non_null(kind);
	assert_ptr_equal(kind, iso_limit_kind_find("fork_rate"));
	memset(want, 0, sizeof(*want));
	ret = kind->parse(arg, want, why, sizeof(why));
	if (ret)
		assert_true(why[0]);
	return ret;
}

static void test_fork_rate_good(void **state)
{
	struct iso_limit_rec w;

	(void)state;
	assert_int_equal(fork_rate("100/s", &w), 0);
	assert_int_equal(w.params[ISO_A_FORK_RATE_RATE], 100);
	assert_false(w.has_param[ISO_A_FORK_RATE_BURST]);
	assert_int_equal(fork_rate("7", &w), 0);
	assert_int_equal(w.params[ISO_A_FORK_RATE_RATE], 7);
	assert_int_equal(fork_rate("20/s,burst=5", &w), 0);
	assert_int_equal(w.params[ISO_A_FORK_RATE_RATE], 20);
	assert_true(w.has_param[ISO_A_FORK_RATE_BURST]);
	assert_int_equal(w.params[ISO_A_FORK_RATE_BURST], 5);
	assert_int_equal(fork_rate("1000000/s", &w), 0);
}

static void test_fork_rate_bad(void **state)
{
	static const char *const bad[] = {
		"", "0", "0/s", "-5/s", "1000001/s", "10/m", "10/s,", "10/s,burst=0",
		"10/s,burst=x", "10/s,burst=5,", "ten", "10/s/s", "10 /s",
		"99999999999999999999999/s",
		"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
	};
	struct iso_limit_rec w;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (fork_rate(bad[i], &w) != -EINVAL)
			fail_msg("took \"%s\"", bad[i]);
}

static int cpu_budget(const char *arg, const char *action,
		      struct iso_limit_rec *want)
{
	const struct iso_limit_kind *kind = iso_limit_kind_find("cpu-budget");
	char why[128] = "";
	int ret;

	assert_non_null(kind);
	memset(want, 0, sizeof(*want));
	ret = kind->parse(arg, want, why, sizeof(why));
	if (!ret && action)
		ret = kind->parse_extra(action, want, why, sizeof(why));
	if (ret)
		assert_true(why[0]);
	return ret;
}

static void test_cpu_budget(void **state)
{
	static const char *const bad[] = {
		"", "0s", "-1s", "10", "10x", "1.5s", "s", "10s,kill",
		"10s,on-exceed=", "10s,on-exceed=stop",
		"99999999999999999999s", "18446744073709551615h",
	};
	struct iso_limit_rec w;
	size_t i;

	(void)state;
	assert_int_equal(cpu_budget("10s", NULL, &w), 0);
	assert_true(w.params[ISO_A_CPU_BUDGET_BUDGET_NS] == 10000000000ULL);
	assert_false(w.has_param[ISO_A_CPU_BUDGET_ACTION]);
	assert_int_equal(cpu_budget("1500ms,on-exceed=kill", NULL, &w), 0);
	assert_true(w.params[ISO_A_CPU_BUDGET_BUDGET_NS] == 1500000000ULL);
	assert_int_equal(w.params[ISO_A_CPU_BUDGET_ACTION], ISO_CPU_BUDGET_KILL);
	assert_int_equal(cpu_budget("2m", "signal:TERM", &w), 0);
	assert_int_equal(w.params[ISO_A_CPU_BUDGET_ACTION], ISO_CPU_BUDGET_SIGNAL);
	assert_int_equal(w.params[ISO_A_CPU_BUDGET_SIGNAL], 15);
	assert_int_equal(cpu_budget("1h", "signal:SIGUSR1", &w), 0);
	assert_int_equal(w.params[ISO_A_CPU_BUDGET_SIGNAL], 10);
	assert_int_equal(cpu_budget("1us", "signal:64", &w), 0);
	assert_int_equal(w.params[ISO_A_CPU_BUDGET_SIGNAL], 64);
	assert_int_equal(cpu_budget("1s", "signal:65", &w), -EINVAL);
	assert_int_equal(cpu_budget("1s", "signal:0", &w), -EINVAL);
	assert_int_equal(cpu_budget("1s", "signal:NOPE", &w), -EINVAL);
	assert_int_equal(cpu_budget("1s", "freeze", &w), 0);
	assert_int_equal(w.params[ISO_A_CPU_BUDGET_ACTION], ISO_CPU_BUDGET_FREEZE);
	assert_int_equal(cpu_budget("1s,on-exceed=freeze", NULL, &w), 0);
	assert_int_equal(w.params[ISO_A_CPU_BUDGET_ACTION], ISO_CPU_BUDGET_FREEZE);
	assert_int_equal(cpu_budget("1s", "frozen", &w), -EINVAL);
	assert_int_equal(cpu_budget("1s", "notify", &w), 0);
	assert_int_equal(w.params[ISO_A_CPU_BUDGET_ACTION], ISO_CPU_BUDGET_NOTIFY);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (cpu_budget(bad[i], NULL, &w) != -EINVAL)
			fail_msg("took \"%s\"", bad[i]);
}

static int mem_watch(const char *arg, struct iso_limit_rec *want)
{
	const struct iso_limit_kind *kind = iso_limit_kind_find("mem-watch");
	char why[128] = "";
	int ret;

	assert_non_null(kind);
	assert_ptr_equal(kind, iso_limit_kind_find("mem_watch"));
	memset(want, 0, sizeof(*want));
	ret = kind->parse(arg, want, why, sizeof(why));
	if (ret)
		assert_true(why[0]);
	return ret;
}

static void test_mem_watch(void **state)
{
	static const char *const bad[] = {
		"", "0", "max", "-1M", "200Q", "200M,", "200M,every=5ms",
		"200M,every=61s", "200M,every=100", "200M,hysteresis=200M",
		"200M,hysteresis=1M,hysteresis=2M", "200M,every=1s,every=2s",
		"200M,slack=1M", "20000000000000000000T",
	};
	struct iso_limit_rec w;
	size_t i;

	(void)state;
	assert_int_equal(mem_watch("200M", &w), 0);
	assert_true(w.params[ISO_A_MEM_WATCH_LEVEL] == 200ULL << 20);
	assert_false(w.has_param[ISO_A_MEM_WATCH_HYSTERESIS]);
	assert_false(w.has_param[ISO_A_MEM_WATCH_INTERVAL_MS]);
	assert_int_equal(mem_watch("1G,every=2s,hysteresis=0", &w), 0);
	assert_true(w.params[ISO_A_MEM_WATCH_LEVEL] == 1ULL << 30);
	assert_true(w.has_param[ISO_A_MEM_WATCH_HYSTERESIS]);
	assert_int_equal(w.params[ISO_A_MEM_WATCH_HYSTERESIS], 0);
	assert_int_equal(w.params[ISO_A_MEM_WATCH_INTERVAL_MS], 2000);
	assert_int_equal(mem_watch("4096,every=10ms,hysteresis=4095", &w), 0);
	assert_int_equal(w.params[ISO_A_MEM_WATCH_INTERVAL_MS], 10);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (mem_watch(bad[i], &w) != -EINVAL)
			fail_msg("took \"%s\"", bad[i]);
}

/* A limit as the kernel sends it, with a state attribute of the future. */
static void test_parse_record(void **state)
{
	struct nl_msg *msg = nlmsg_alloc();
	struct nlattr *l, *p, *s;
	struct iso_limit_rec r;

	(void)state;
	assert_non_null(msg);
	l = nla_nest_start(msg, ISO_A_LIMIT);
	nla_put_string(msg, ISO_A_LIMIT_CONTROLLER, "fork_rate");
	p = nla_nest_start(msg, ISO_A_LIMIT_PARAMS);
	nla_put_u32(msg, ISO_A_FORK_RATE_RATE, 20);
	nla_put_u32(msg, ISO_A_FORK_RATE_BURST, 5);
	nla_nest_end(msg, p);
	s = nla_nest_start(msg, ISO_A_LIMIT_STATE);
	nla_put_u64(msg, ISO_A_FORK_RATE_KILLED, 1ULL << 40);
	nla_put_string(msg, ISO_A_FORK_RATE_MAX + 1, "a newer attribute");
	nla_nest_end(msg, s);
	nla_nest_end(msg, l);

	assert_int_equal(iso_limit_parse(nlmsg_attrdata(nlmsg_hdr(msg), 0), &r), 0);
	assert_string_equal(r.controller, "fork_rate");
	assert_int_equal(r.params[ISO_A_FORK_RATE_RATE], 20);
	assert_int_equal(r.params[ISO_A_FORK_RATE_BURST], 5);
	assert_true(r.state[ISO_A_FORK_RATE_KILLED] == 1ULL << 40);
	assert_false(r.has_state[ISO_A_FORK_RATE_MISSED]);
	assert_false(r.has_state[ISO_A_FORK_RATE_MAX + 1]);
	nlmsg_free(msg);
}

/* No controller name: malformed. */
static void test_parse_no_controller(void **state)
{
	struct nl_msg *msg = nlmsg_alloc();
	struct iso_limit_rec r;
	struct nlattr *l;

	(void)state;
	assert_non_null(msg);
	l = nla_nest_start(msg, ISO_A_LIMIT);
	nla_nest_end(msg, nla_nest_start(msg, ISO_A_LIMIT_STATE));
	nla_nest_end(msg, l);
	assert_int_equal(iso_limit_parse(nlmsg_attrdata(nlmsg_hdr(msg), 0), &r),
			 -EINVAL);
	nlmsg_free(msg);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fork_rate_good),
		cmocka_unit_test(test_fork_rate_bad),
		cmocka_unit_test(test_cpu_budget),
		cmocka_unit_test(test_mem_watch),
		cmocka_unit_test(test_parse_record),
		cmocka_unit_test(test_parse_no_controller),
	};

	return cmocka_run_group_tests_name("limit", tests, NULL, NULL);
}
