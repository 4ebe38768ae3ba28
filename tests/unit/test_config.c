// SPDX-License-Identifier: GPL-2.0
/* LXC-style configuration: both spellings, includes, and every bad input. */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <unistd.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <arpa/inet.h>
#include <cmocka.h>

#include "config/config.h"
#include "config/mount_entry.h"

static char dir[] = "/tmp/iso-config-XXXXXX";

static struct iso_config *fresh(void)
{
	struct iso_config *cfg = malloc(sizeof(*cfg));

	assert_non_null(cfg);
	iso_config_init(cfg);
	return cfg;
}

/* Write @text to @name in the test directory and return its path. */
static const char *file(const char *name, const char *text)
{
	static char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	return path;
}

/* Load @text and return the error line, "" when it loaded. */
static const char *load_text(const char *text)
{
	static char line[1024];
	struct iso_config *cfg = fresh();
	struct iso_cfg_error err;

	line[0] = '\0';
	if (iso_config_load(file("t.conf", text), cfg, &err))
		iso_cfg_error_str(&err, line, sizeof(line));
	free(cfg);
	return line;
}

/* Config lines that each fail at line 1, saying what they should. */
struct bad_line {
	const char *line, *says;
};

static void expect_bad_lines(const struct bad_line *bad, size_t n)
{
	const char *got;
	size_t i;

	for (i = 0; i < n; i++) {
		char line[256];

		snprintf(line, sizeof(line), "%s\n", bad[i].line);
		got = load_text(line);
		if (!strstr(got, bad[i].says) || !strstr(got, "t.conf:1: "))
			fail_msg("\"%s\" gave \"%s\", want \"%s\"",
				 bad[i].line, got, bad[i].says);
	}
}

static int setup(void **state)
{
	(void)state;
	return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
	char cmd[64];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	return system(cmd);
}

/* The course's legacy file and its current spelling: one container. */
static void test_legacy_equals_current(void **state)
{
	struct iso_config *legacy = fresh(), *current = fresh();
	struct iso_cfg_error err;
	char ip[INET_ADDRSTRLEN];

	(void)state;
	assert_int_equal(iso_config_load("unit/data/lxc-legacy.conf", legacy,
					 &err), 0);
	assert_int_equal(iso_config_load("unit/data/lxc-current.conf", current,
					 &err), 0);
	assert_memory_equal(legacy, current, sizeof(*legacy));

	assert_string_equal(legacy->uts_name, "so-lxc");
	assert_int_equal(legacy->n_nets, 1);
	assert_int_equal(legacy->nets[0].type, ISO_NET_VETH);
	assert_true(legacy->nets[0].up);
	assert_string_equal(legacy->nets[0].link, "br0");
	assert_string_equal(legacy->nets[0].name, "eth0");
	assert_true(legacy->nets[0].has_hwaddr);
	assert_int_equal(legacy->nets[0].hwaddr[5], 0x80);
	assert_int_equal(legacy->nets[0].n_addrs, 1);
	assert_int_equal(legacy->nets[0].addrs[0].prefix, 24);
	inet_ntop(AF_INET, &legacy->nets[0].addrs[0].v4, ip, sizeof(ip));
	assert_string_equal(ip, "192.168.1.10");
	free(legacy);
	free(current);
}

/* Each lxc.network.type starts the next interface. */
static void test_legacy_two_networks(void **state)
{
	struct iso_config *cfg = fresh();
	struct iso_cfg_error err;

	(void)state;
	assert_int_equal(iso_config_load(file("two.conf",
		"lxc.network.type = veth\nlxc.network.link = br0\n"
		"lxc.network.type = empty\nlxc.network.ipv6 = fd00::2/64\n"),
		cfg, &err), 0);
	assert_int_equal(cfg->n_nets, 2);
	assert_int_equal(cfg->nets[0].type, ISO_NET_VETH);
	assert_int_equal(cfg->nets[1].type, ISO_NET_EMPTY);
	assert_int_equal(cfg->nets[1].addrs[0].family, AF_INET6);
	free(cfg);
}

static void test_unknown_key(void **state)
{
	char want[600];

	(void)state;
	snprintf(want, sizeof(want), "%s/t.conf:3: unknown key \"lxc.frobnicate\"",
		 dir);
	assert_string_equal(load_text("# comment\n\nlxc.frobnicate = 1\n"), want);
	snprintf(want, sizeof(want), "%s/t.conf:1: unknown key \"lxc.net.0.colour\"",
		 dir);
	assert_string_equal(load_text("lxc.net.0.colour = blue\n"), want);
}

/* The file and line of an error inside an included file are its own. */
static void test_include(void **state)
{
	struct iso_config *cfg = fresh();
	struct iso_cfg_error err;
	char inc[600], line[1024], want[1200];

	(void)state;
	mkdir(strcat(strcpy(inc, dir), "/conf.d"), 0755);
	file("conf.d/10-net.conf", "lxc.net.0.type = empty\n");
	file("conf.d/20-name.conf", "lxc.uts.name = inc\n");
	file("conf.d/ignored.txt", "garbage\n");
	snprintf(line, sizeof(line), "lxc.include = %s\nlxc.tty.max = 2\n", inc);
	assert_int_equal(iso_config_load(file("main.conf", line), cfg, &err), 0);
	assert_string_equal(cfg->uts_name, "inc");
	assert_int_equal(cfg->nets[0].type, ISO_NET_EMPTY);
	assert_int_equal(cfg->tty_max, 2);

	file("conf.d/30-bad.conf", "\nlxc.bad = 1\n");
	iso_config_init(cfg);
	assert_int_equal(iso_config_load(file("main.conf", line), cfg, &err),
			 -EINVAL);
	snprintf(want, sizeof(want), "%s/30-bad.conf:2: unknown key \"lxc.bad\"",
		 inc);
	assert_string_equal(iso_cfg_error_str(&err, line, sizeof(line)), want);
	free(cfg);
}

static void test_include_loop(void **state)
{
	char text[600];

	(void)state;
	snprintf(text, sizeof(text), "lxc.include = %s/loop.conf\n", dir);
	file("loop.conf", text);
	assert_non_null(strstr(load_text(text), "nests deeper than 8"));
	snprintf(text, sizeof(text), "lxc.include = %s/missing.conf\n", dir);
	assert_non_null(strstr(load_text(text), "No such file or directory"));
}

/* Each malformed value names the key and the value. */
static void test_bad_values(void **state)
{
	static const struct bad_line bad[] = {
		{ "lxc.cgroup.cpuset.cpus = 0,,1", "is not a CPU list" },
		{ "lxc.cgroup2.cpuset.cpus = 3-1", "is not a CPU list" },
		{ "lxc.cgroup2.cpuset.cpus = 0-4095", "names a CPU this host lacks" },
		{ "lxc.cgroup2.memory.max = 512MM", "is not a size" },
		{ "lxc.cgroup.memory.limit_in_bytes = 1Q", "is not a size" },
		{ "lxc.cgroup2.cpu.weight = 0", "is not a weight" },
		{ "lxc.cgroup2.pids.max = lots", "is not a number" },
		{ "lxc.cgroup2.nodot = 1", "is not a cgroup file" },
		{ "lxc.net.0.hwaddr = 00:30:6E:08:EC", "not a unicast MAC" },
		{ "lxc.net.0.hwaddr = 01:30:6E:08:EC:80", "not a unicast MAC" },
		{ "lxc.net.0.ipv4.address = 192.168.1.300/24", "not an IPv4" },
		{ "lxc.net.0.ipv4.address = 10.0.0.1/33", "not an IPv4" },
		{ "lxc.net.0.ipv4.address = fd00::1/64", "not an IPv4" },
		{ "lxc.net.0.type = tun", "is not veth, macvlan, ipvlan, vlan, phys, empty or none" },
		{ "lxc.net.0.link = a-name-far-too-long", "not an interface name" },
		{ "lxc.net.0.mtu = 20", "is not 68 to 65535" },
		{ "lxc.net.9.type = veth", "at most 8 networks" },
		{ "lxc.network.link = br0", "comes before lxc.network.type" },
		{ "lxc.uts.name = bad/name", "is not a host name" },
		{ "lxc.rootfs.path = relative/dir", "is not an absolute path" },
		{ "lxc.idmap = x 0 100000 65536", "is not \"u|g" },
		{ "lxc.mount.auto = proc:mixed bogus", "unknown option \"bogus\"" },
		{ "lxc.mount.entry = /only-one", "no target: not \"source target" },
		{ "lxc.signal.halt = SIGNOPE", "is not a signal" },
		{ "lxc.no_new_privs = maybe", "is not 0 or 1" },
		{ "just words", "is not \"key = value\"" },
		{ "= value", "a line without a key" },
	};

	(void)state;
	expect_bad_lines(bad, sizeof(bad) / sizeof(bad[0]));
}

/* What LXC's own templates write loads. */
static void test_good_values(void **state)
{
	struct iso_config *cfg = fresh();
	struct iso_cfg_error err;

	(void)state;
	assert_int_equal(iso_config_load(file("good.conf",
		"lxc.rootfs.path = dir:/var/lib/iso/c1/rootfs\n"
		"lxc.arch = amd64\n"
		"lxc.cap.drop = sys_module mac_admin\n"
		"lxc.cap.drop = mac_override sys_time\n"
		"lxc.mount.auto = cgroup:mixed proc:mixed sys:ro\n"
		"lxc.mount.entry = /lib lib none ro,bind 0 0\n"
		"lxc.cgroup.cpuset.cpus = 0\n"
		"lxc.cgroup2.memory.max = 512M\n"
		"lxc.cgroup2.cpu.max = 50000 100000\n"
		"lxc.idmap = u 0 100000 65536\n"
		"lxc.signal.halt = SIGRTMIN+3\n"
		"lxc.init.cmd = /sbin/init\n"
		"iso.stop.timeout = 3\n"), cfg, &err), 0);
	assert_string_equal(cfg->rootfs, "/var/lib/iso/c1/rootfs");
	assert_int_equal(cfg->cap_drop.n, 4);
	assert_string_equal(cfg->cap_drop.item[3], "sys_time");
	assert_int_equal(cfg->mount_auto.n, 3);
	assert_int_equal(cfg->mount_entries.n, 1);
	assert_int_equal(cfg->n_cgroup1, 1);
	assert_string_equal(cfg->cgroup1[0].key, "cpuset.cpus");
	assert_int_equal(cfg->n_cgroup2, 2);
	assert_string_equal(cfg->cgroup2[0].value, "512M");
	assert_int_equal(cfg->idmaps[0].host_id, 100000);
	assert_int_equal(cfg->halt_signal, SIGRTMIN + 3);
	assert_int_equal(cfg->stop_timeout, 3);
	free(cfg);
}

/*
 * LXC's userns.conf takes common.conf's device rules back with empty
 * values: each empty key drops that key's earlier lines, no other.
 */
static void test_empty_cgroup_value(void **state)
{
	struct iso_config *cfg = fresh();
	struct iso_cfg_error err;

	(void)state;
	assert_int_equal(iso_config_load(file("userns.conf",
		"lxc.cgroup.devices.deny = a\n"
		"lxc.cgroup.devices.allow = c 1:3 rwm\n"
		"lxc.cgroup.pids.max = 100\n"
		"lxc.cgroup.devices.allow = b 7:* rwm\n"
		"lxc.cgroup2.devices.allow = c 1:3 rwm\n"
		"lxc.cgroup.devices.deny =\n"
		"lxc.cgroup.devices.allow =\n"), cfg, &err), 0);
	assert_int_equal(cfg->n_cgroup1, 1);
	assert_string_equal(cfg->cgroup1[0].key, "pids.max");
	assert_int_equal(cfg->n_cgroup2, 1);
	assert_non_null(strstr(load_text("lxc.cgroup.devices.allow = c 1:3\n"),
			       "t.conf:1: lxc.cgroup.devices.allow: \"c 1:3\" is not a device rule like \"c 1:3 rwm\" or \"a\""));
	free(cfg);
}

/* A source longer than the parser's field: refused, never a crash. */
static void test_long_mount_entry(void **state)
{
	char text[4096];
	const char *got;

	(void)state;
	memset(text, 0, sizeof(text));
	strcpy(text, "lxc.mount.entry = /");
	memset(text + strlen(text), 'A', 3000);
	strcat(text, " mnt none bind 0 0\n");
	got = load_text(text);
	if (!strstr(got, "t.conf:1: lxc.mount.entry: ") ||
	    !strstr(got, "longer than"))
		fail_msg("a 3000-byte source gave \"%s\"", got);
}

/* Every option is read, however long the list: none is cut off. */
static void test_mount_entry_fields(void **state)
{
	struct iso_mount_entry e;
	char line[1024], why[256];
	int i;

	(void)state;
	strcpy(line, "/src\\040dir mnt/x tmpfs bind");
	for (i = 0; i < 40; i++)
		strcat(line, ",size=1234567");
	strcat(line, ",nosuid,nodev,noexec,ro,create=dir 0 0");
	assert_int_equal(iso_mount_entry_parse(line, &e, why, sizeof(why)), 0);
	assert_string_equal(e.src, "/src dir");
	assert_string_equal(e.dst, "mnt/x");
	assert_string_equal(e.type, "tmpfs");
	assert_true(e.flags & MS_BIND);
	assert_true(e.flags & MS_RDONLY);
	assert_true(e.flags & MS_NOSUID);
	assert_true(e.flags & MS_NODEV);
	assert_true(e.flags & MS_NOEXEC);
	assert_true(e.create_dir);
	assert_int_equal(strlen(e.data), 40 * 12 + 39);

	assert_int_equal(iso_mount_entry_parse("/a b none rbind,ro", &e, why,
					       sizeof(why)), 0);
	assert_true(e.flags & MS_REC);

	assert_int_equal(iso_mount_entry_parse("/a b none bind 0 0 extra", &e,
					       why, sizeof(why)), -EINVAL);
	assert_int_equal(iso_mount_entry_parse("/a b none bind x", &e, why,
					       sizeof(why)), -EINVAL);
	assert_int_equal(iso_mount_entry_parse("/a b none", &e, why,
					       sizeof(why)), -EINVAL);
}

/* Includes that are not a regular file or directory fail at once. */
static void test_include_special(void **state)
{
	char text[600];
	const char *got;

	(void)state;
	alarm(10);	/* a hang here fails the test instead of the run */
	snprintf(text, sizeof(text), "%s/fifo", dir);
	assert_int_equal(mkfifo(text, 0600), 0);
	snprintf(text, sizeof(text), "lxc.include = %s/fifo\n", dir);
	got = load_text(text);
	if (!strstr(got, "not a regular file or directory"))
		fail_msg("a FIFO include gave \"%s\"", got);
	got = load_text("lxc.include = /dev/zero\n");
	if (!strstr(got, "t.conf:1: lxc.include: /dev/zero: not a regular file"))
		fail_msg("/dev/zero gave \"%s\"", got);
	snprintf(text, sizeof(text), "%s/big.conf", dir);
	assert_int_equal(truncate(file("big.conf", "#\n"), 2 << 20), 0);
	snprintf(text, sizeof(text), "lxc.include = %s/big.conf\n", dir);
	got = load_text(text);
	if (!strstr(got, "larger than"))
		fail_msg("a 2 MiB include gave \"%s\"", got);
	alarm(0);
}

/* Relative includes are the including file's; a missing dir/ is none. */
static void test_include_relative(void **state)
{
	struct iso_config *cfg = fresh();
	struct iso_cfg_error err;
	char sub[600];

	(void)state;
	snprintf(sub, sizeof(sub), "%s/rel", dir);
	mkdir(sub, 0755);
	file("rel/common.conf", "lxc.uts.name = relative\n");
	assert_int_equal(chdir("/"), 0);
	assert_int_equal(iso_config_load(file("rel/main.conf",
		"lxc.include = common.conf\n"
		"lxc.include = /nonexistent/conf.d/\n"), cfg, &err), 0);
	assert_string_equal(cfg->uts_name, "relative");
	free(cfg);
}

/* iso.limit.CONTROLLER: checked as isoctl limit checks it; last wins. */
static void test_iso_limit(void **state)
{
	static const struct bad_line bad[] = {
		{ "iso.limit.fork_rate = 0/s", "not N/s" },
		{ "iso.limit.fork_rate = -5/s", "not N/s" },
		{ "iso.limit.fork_rate = lots", "not N/s" },
		{ "iso.limit.fork-rate = 5/s", "unknown key" },
		{ "iso.limit.no_such = 1", "no such controller" },
		{ "iso.limit. = 1", "unknown key" },
	};
	struct iso_config *cfg = fresh();
	struct iso_cfg_error err;

	(void)state;
	expect_bad_lines(bad, sizeof(bad) / sizeof(bad[0]));
	assert_int_equal(iso_config_load(file("t.conf",
		"iso.limit.fork_rate = 5/s\n"
		"iso.limit.fork_rate = 100/s,burst=7\n"), cfg, &err), 0);
	assert_int_equal(cfg->n_limits, 1);
	assert_string_equal(cfg->limits[0].controller, "fork_rate");
	assert_string_equal(cfg->limits[0].value, "100/s,burst=7");
	assert_int_equal(iso_config_set(cfg, "iso.limit.fork_rate", "", &err), 0);
	assert_int_equal(cfg->n_limits, 0);
	free(cfg);
}

/* Lines are capped in length; idmaps are bounded and never host root. */
static void test_limits(void **state)
{
	static const struct bad_line bad[] = {
		{ "lxc.idmap = u 0 0 65536", "host uid 0" },
		{ "lxc.idmap = g 0 0 1", "host gid 0" },
		{ "lxc.idmap = u 0 4294967295 2", "past 4294967295" },
		{ "lxc.idmap = u 4294967295 100000 2", "past 4294967295" },
		{ "lxc.idmap = u -1 100000 1", "is not \"u|g" },
		{ "lxc.idmap = u 0 100000 0", "is not \"u|g" },
	};
	char *text;
	const char *got;

	(void)state;
	expect_bad_lines(bad, sizeof(bad) / sizeof(bad[0]));
	text = malloc(100000);
	assert_non_null(text);
	strcpy(text, "# ");
	memset(text + 2, 'x', 99990);
	strcpy(text + 99992, "\n");
	got = load_text(text);
	if (!strstr(got, "t.conf:1: line longer than"))
		fail_msg("a 100000-byte line gave \"%s\"", got);
	free(text);
}

static void test_value_parsers(void **state)
{
	struct iso_cfg_addr a;
	uint64_t bytes;
	uint8_t mac[6];
	long n;

	(void)state;
	assert_int_equal(iso_parse_long("-1", -1, 10, &n), 0);
	assert_int_equal(n, -1);
	assert_int_equal(iso_parse_long("-2", -1, 10, &n), -ERANGE);
	assert_int_equal(iso_parse_long("99999999999999999999", 0, LONG_MAX, &n),
			 -ERANGE);
	assert_int_equal(iso_parse_long("5000000", 0, 2147483, &n), -ERANGE);
	assert_int_equal(iso_parse_long("12x", 0, 100, &n), -EINVAL);
	assert_int_equal(iso_parse_long("", 0, 100, &n), -EINVAL);
	assert_int_equal(iso_parse_long(" 1", 0, 100, &n), -EINVAL);
	assert_int_equal(iso_parse_cpuset("0-2,4", 8), 0);
	assert_int_equal(iso_parse_cpuset("0-2,4", 4), -ERANGE);
	assert_int_equal(iso_parse_cpuset("", 0), -EINVAL);
	assert_int_equal(iso_parse_cpuset("1,", 0), -EINVAL);
	assert_int_equal(iso_parse_size("512M", &bytes), 0);
	assert_true(bytes == 512ULL << 20);
	assert_int_equal(iso_parse_size("max", &bytes), 0);
	assert_true(bytes == UINT64_MAX);
	assert_int_equal(iso_parse_size("99999999999T", &bytes), -ERANGE);
	assert_int_equal(iso_parse_mac("00:30:6e:08:ec:80", mac), 0);
	assert_int_equal(iso_parse_mac("00:30:6e:08:ec:8g", mac), -EINVAL);
	assert_int_equal(iso_parse_cidr("10.0.0.1", &a), 0);
	assert_int_equal(a.prefix, 32);
	assert_int_equal(iso_parse_cidr("fd00::1/64", &a), 0);
	assert_int_equal(a.family, AF_INET6);
	assert_int_equal(iso_parse_cidr("10.0.0.1/", &a), -EINVAL);
}

/* lxc.init.cmd and lxc.execute.cmd: words, a quoted one whole, as LXC splits */
static void test_split_cmd(void **state)
{
	static const struct {
		const char *cmd;
		int n;
		const char *argv[4];
	} cases[] = {
		{ "/sbin/init", 1, { "/sbin/init" } },
		{ "  /bin/sh\t-c  true ", 3, { "/bin/sh", "-c", "true" } },
		{ "/bin/sh -c 'echo a  b; exit 3'", 3, { "/bin/sh", "-c", "echo a  b; exit 3" } },
		{ "sh -c \"echo 'x'\" y", 4, { "sh", "-c", "echo 'x'", "y" } },
		{ "a 'b c", 2, { "a", "b c" } },
		{ "a b'c d'", 3, { "a", "b'c", "d'" } },
		{ "'' x", 2, { "", "x" } },
	};
	char buf[128], *argv[8];
	size_t i;
	int j;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		snprintf(buf, sizeof(buf), "%s", cases[i].cmd);
		assert_int_equal(iso_split_cmd(buf, argv, 7), cases[i].n);
		for (j = 0; j < cases[i].n; j++)
			assert_string_equal(argv[j], cases[i].argv[j]);
		assert_null(argv[cases[i].n]);
	}
	snprintf(buf, sizeof(buf), "   ");
	assert_int_equal(iso_split_cmd(buf, argv, 7), -EINVAL);
	snprintf(buf, sizeof(buf), "a b c");
	assert_int_equal(iso_split_cmd(buf, argv, 2), -E2BIG);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_legacy_equals_current),
		cmocka_unit_test(test_legacy_two_networks),
		cmocka_unit_test(test_unknown_key),
		cmocka_unit_test(test_include),
		cmocka_unit_test(test_empty_cgroup_value),
		cmocka_unit_test(test_include_loop),
		cmocka_unit_test(test_bad_values),
		cmocka_unit_test(test_good_values),
		cmocka_unit_test(test_value_parsers),
		cmocka_unit_test(test_long_mount_entry),
		cmocka_unit_test(test_mount_entry_fields),
		cmocka_unit_test(test_include_special),
		cmocka_unit_test(test_include_relative),
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_iso_limit),
		cmocka_unit_test(test_split_cmd),
	};

	return cmocka_run_group_tests_name("config", tests, setup, teardown);
}
