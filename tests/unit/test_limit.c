// SPDX-License-Identifier: GPL-2.0
/* isoctl's side of the limits: the options' arguments, and records back. */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>
#include <netinet/in.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>
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

static int net(const char *arg, struct iso_limit_rec *want)
{
	const struct iso_limit_kind *kind = iso_limit_kind_find("net");
	char why[384] = "";
	int ret;

	assert_non_null(kind);
	ret = kind->parse(arg, want, why, sizeof(why));
	if (ret)
		assert_true(why[0]);
	return ret;
}

/* Terms add to one limit, as the options --net-deny and the rest do. */
static void test_net_terms(void **state)
{
	static const char *const bad[] = {
		"", "deny", "deny=", "deny=gre", "deny=tcp:", "deny=tcp:0",
		"deny=tcp:65536", "deny=tcp:20-10", "deny=tcp:25x",
		"deny=icmp:8", "default=maybe", "quota=tx:0", "quota=up:1M",
		"quota=tx:1M,quota=tx:2M", "default=deny,default=allow",
		"account,", "bogus",
	};
	struct iso_limit_rec w;
	unsigned int i;

	(void)state;
	memset(&w, 0, sizeof(w));
	assert_int_equal(net("account", &w), 0);
	assert_int_equal(w.n_rules, 0);
	assert_int_equal(net("deny=tcp:25,allow=udp:1000-2000", &w), 0);
	assert_int_equal(net("deny=icmp,default=deny,quota=tx:100M", &w), 0);
	assert_int_equal(net("quota=rx:1G", &w), 0);
	assert_int_equal(w.n_rules, 3);
	assert_int_equal(w.rules[0].proto, IPPROTO_TCP);
	assert_int_equal(w.rules[0].port_min, 25);
	assert_int_equal(w.rules[0].port_max, 25);
	assert_int_equal(w.rules[0].verdict, ISO_NET_DENY);
	assert_int_equal(w.rules[1].proto, IPPROTO_UDP);
	assert_int_equal(w.rules[1].port_max, 2000);
	assert_int_equal(w.rules[1].verdict, ISO_NET_ALLOW);
	assert_int_equal(w.rules[2].proto, IPPROTO_ICMP);
	assert_int_equal(w.rules[2].port_min, 0);
	assert_int_equal(w.params[ISO_A_NET_DEFAULT], ISO_NET_DENY);
	assert_true(w.params[ISO_A_NET_QUOTA_TX] == 100ULL << 20);
	assert_true(w.params[ISO_A_NET_QUOTA_RX] == 1ULL << 30);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		memset(&w, 0, sizeof(w));
		if (net(bad[i], &w) != -EINVAL)
			fail_msg("took \"%s\"", bad[i]);
	}
	memset(&w, 0, sizeof(w));
	for (i = 0; i < ISO_NET_RULES_MAX; i++)
		assert_int_equal(net("deny=udp:53", &w), 0);
	assert_int_equal(net("deny=udp:53", &w), -EINVAL);
}

/* Rules go out as nests, and a record's come back the same. */
static void test_net_rules_round_trip(void **state)
{
	const struct iso_limit_kind *kind = iso_limit_kind_find("net");
	struct nl_msg *msg = nlmsg_alloc();
	struct iso_limit_rec w, r;
	struct nlattr *l, *p;

	(void)state;
	assert_non_null(msg);
	memset(&w, 0, sizeof(w));
	assert_int_equal(net("deny=tcp:25,allow=sctp:1-9,deny=icmpv6", &w), 0);
	l = nla_nest_start(msg, ISO_A_LIMIT);
	nla_put_string(msg, ISO_A_LIMIT_CONTROLLER, "net");
	p = nla_nest_start(msg, ISO_A_LIMIT_PARAMS);
	assert_int_equal(kind->put_nested(msg, &w), 0);
	nla_put_u32(msg, ISO_A_NET_DEFAULT, ISO_NET_DENY);
	nla_nest_end(msg, p);
	nla_nest_end(msg, l);

	assert_int_equal(iso_limit_parse(nlmsg_attrdata(nlmsg_hdr(msg), 0), &r), 0);
	assert_int_equal(r.n_rules, 3);
	assert_memory_equal(r.rules, w.rules, sizeof(w.rules[0]) * 3);
	assert_true(r.has_param[ISO_A_NET_RULES]);
	assert_int_equal(r.params[ISO_A_NET_DEFAULT], ISO_NET_DENY);
	nlmsg_free(msg);
}

/*
 * --exec-count takes an absolute path, and opens the regular file there
 * when the limit is sent: as isoctl sees it, or inside a rootfs, where an
 * absolute symlink stays.
 */
static void test_exec_count(void **state)
{
	const struct iso_limit_kind *kind = iso_limit_kind_find("exec-count");
	char dir[] = "/tmp/iso-test-exec-XXXXXX", path[64], why[128] = "";
	struct stat st, got;
	struct iso_limit_rec w;
	int rootfd, fd;

	(void)state;
	assert_non_null(kind);
	assert_ptr_equal(kind, iso_limit_kind_find("exec_count"));
	memset(&w, 0, sizeof(w));
	assert_int_equal(kind->parse("/usr/bin/curl", &w, why, sizeof(why)), 0);
	assert_int_equal(kind->parse("bin/sh", &w, why, sizeof(why)), -EINVAL);
	assert_string_equal(why, "not an absolute path");

	/* as isoctl sees it: a symlink to this test, followed */
	assert_int_equal(stat("/proc/self/exe", &st), 0);
	assert_int_equal(kind->open_files("/proc/self/exe", -1, &w, why,
					  sizeof(why)), 0);
	assert_true(w.has_param[ISO_A_EXEC_COUNT_FD]);
	fd = w.params[ISO_A_EXEC_COUNT_FD];
	assert_int_equal(fstat(fd, &got), 0);
	assert_true(got.st_dev == st.st_dev && got.st_ino == st.st_ino);
	iso_limit_close_files(kind, &w);
	assert_false(w.has_param[ISO_A_EXEC_COUNT_FD]);
	assert_int_equal(fcntl(fd, F_GETFD), -1);

	assert_int_equal(kind->open_files("/", -1, &w, why, sizeof(why)),
			 -EINVAL);
	assert_string_equal(why, "not a regular file, which exec needs");
	assert_int_equal(kind->open_files("/nonexistent/iso", -1, &w, why,
					  sizeof(why)), -ENOENT);
	assert_false(w.has_param[ISO_A_EXEC_COUNT_FD]);

	/* inside a rootfs: /abs -> /bin/x is the rootfs's bin/x */
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/bin", dir);
	assert_int_equal(mkdir(path, 0755), 0);
	snprintf(path, sizeof(path), "%s/bin/x", dir);
	fd = open(path, O_CREAT | O_WRONLY | O_CLOEXEC, 0755);
	assert_true(fd >= 0);
	close(fd);
	assert_int_equal(stat(path, &st), 0);
	snprintf(path, sizeof(path), "%s/abs", dir);
	assert_int_equal(symlink("/bin/x", path), 0);
	rootfd = open(dir, O_PATH | O_DIRECTORY | O_CLOEXEC);
	assert_true(rootfd >= 0);
	assert_int_equal(kind->open_files("/abs", rootfd, &w, why,
					  sizeof(why)), 0);
	assert_int_equal(fstat(w.params[ISO_A_EXEC_COUNT_FD], &got), 0);
	assert_true(got.st_dev == st.st_dev && got.st_ino == st.st_ino);
	iso_limit_close_files(kind, &w);
	close(rootfd);
	unlink(path);
	snprintf(path, sizeof(path), "%s/bin/x", dir);
	unlink(path);
	snprintf(path, sizeof(path), "%s/bin", dir);
	rmdir(path);
	rmdir(dir);
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
		cmocka_unit_test(test_net_terms),
		cmocka_unit_test(test_net_rules_round_trip),
		cmocka_unit_test(test_exec_count),
		cmocka_unit_test(test_parse_record),
		cmocka_unit_test(test_parse_no_controller),
	};

	return cmocka_run_group_tests_name("limit", tests, NULL, NULL);
}
