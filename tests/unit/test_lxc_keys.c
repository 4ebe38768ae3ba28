// SPDX-License-Identifier: GPL-2.0
/*
 * Every key of LXC 5.0.2 loads, each from a file of its own, as
 * unit/data/lxc-5.0.2-keys pins them: applied, or read and noted as not
 * applied yet.  Bad values fail as FILE:LINE: KEY: what is wrong.
 */
#include <errno.h>
#include <signal.h>
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include <linux/if_link.h>

#include "config/config.h"

#define KEYS "unit/data/lxc-5.0.2-keys"

static char path[] = "/tmp/iso-lxc-keys-XXXXXX";

/* @text as a config file of its own, loaded into a fresh @cfg. */
static int load(const char *text, struct iso_config *cfg,
		struct iso_cfg_error *err)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	iso_config_init(cfg);
	return iso_config_load(path, cfg, err);
}

static bool noted(const struct iso_config *cfg, const char *key)
{
	size_t len = strlen(key);
	int i;

	for (i = 0; i < cfg->n_unapplied; i++)
		if (!strncmp(cfg->unapplied[i], key, len) &&
		    cfg->unapplied[i][len] == ' ')
			return true;
	return false;
}

static void test_every_key(void **state)
{
	struct iso_config *cfg = malloc(sizeof(*cfg));
	char line[1024], text[1100], buf[PATH_MAX + 300];
	char *key, *value, *how, *save;
	struct iso_cfg_error err;
	int keys = 0, read = 0;
	FILE *f;

	(void)state;
	assert_non_null(cfg);
	f = fopen(KEYS, "r");
	assert_non_null(f);
	while (fgets(line, sizeof(line), f)) {
		if (line[0] == '#' || line[0] == '\n')
			continue;
		line[strcspn(line, "\n")] = '\0';
		key = strtok_r(line, "\t", &save);
		value = strtok_r(NULL, "\t", &save);
		how = strtok_r(NULL, "\t", &save);
		assert_non_null(how);
		snprintf(text, sizeof(text), "%.200s = %.800s\n", key,
			 strcmp(value, "-") ? value : "");
		if (load(text, cfg, &err))
			fail_msg("%s: %s", key,
				 iso_cfg_error_str(&err, buf, sizeof(buf)));
		if (!strcmp(how, "read") != noted(cfg, key))
			fail_msg("%s: %s, but %s", key, how,
				 noted(cfg, key) ? "noted as not applied" :
						   "not noted as not applied");
		if (!strcmp(how, "applied") && cfg->n_unapplied)
			fail_msg("%s: noted %s", key, cfg->unapplied[0]);
		/* an empty value after it takes it back, as LXC's clear */
		snprintf(text, sizeof(text), "%.200s = %.800s\n%.200s =\n", key,
			 strcmp(value, "-") ? value : "", key);
		if (load(text, cfg, &err))
			fail_msg("%s, then empty: %s", key,
				 iso_cfg_error_str(&err, buf, sizeof(buf)));
		/* but for the families' clears, which are only ever empty */
		if (strcmp(value, "-") && noted(cfg, key))
			fail_msg("%s, then empty: still noted", key);
		keys++;
		read += !strcmp(how, "read");
	}
	fclose(f);
	free(cfg);
	/* LXC 5.0.2's 86 keys and 25 of lxc.net.N, with 4 clears spelled */
	assert_int_equal(keys, 115);
	print_message("%d keys, %d read but not applied yet\n", keys, read);
}

/* LXC's quotes around a value, and the values LXC takes that look odd. */
static void test_lxc_spellings(void **state)
{
	static const char *const ok[] = {
		"lxc.log.level = \"DEBUG\"", "lxc.log.level = Debug",
		"lxc.uts.name = 'c1'", "lxc.init.groups = 4, 27",
		"lxc.init.groups = 4,,27", "lxc.prlimit.nofile = 1024 : 4096",
		"lxc.prlimit.nofile = 1024:", "lxc.prlimit.core = -1",
		"lxc.time.offset.boot = +10s", "lxc.time.offset.boot = 10 s",
		"lxc.console.size = 128KB", "lxc.console.buffer.size = 1mb",
		"lxc.net.0.ipv4.gateway = auto", "lxc.net.0.ipv6.gateway = dev",
		"lxc.init.cwd = work", "lxc.environment = my-var=1",
		"lxc.seccomp.notify.proxy = unix:@lxc", "lxc.tty.dir = a/b",
		"lxc.seccomp.profile =", "lxc.net.0.hwaddr =",
		"lxc.prlimit.nofile =", "lxc.signal.halt =",
	};
	static const struct {
		const char *value;
		uint64_t size;
	} ring[] = {
		{ "auto", 131072 }, { "1", 4096 }, { "5000", 8192 },
		{ "1mb", 1048576 }, { "", 0 }, { "3GB", 4ULL << 30 },
		{ "0", 4096 },
	};
	struct iso_config *cfg = malloc(sizeof(*cfg));
	char text[256], buf[PATH_MAX + 300];
	struct iso_cfg_error err;
	size_t i;

	(void)state;
	assert_non_null(cfg);
	for (i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		snprintf(text, sizeof(text), "%s\n", ok[i]);
		if (load(text, cfg, &err))
			fail_msg("%s: %s", ok[i],
				 iso_cfg_error_str(&err, buf, sizeof(buf)));
	}
	assert_int_equal(load("lxc.uts.name = 'c1'\n", cfg, &err), 0);
	assert_string_equal(cfg->uts_name, "c1");
	assert_int_equal(load("lxc.init.groups = 4, 0x1b\n", cfg, &err), 0);
	assert_int_equal(cfg->n_init_groups, 2);
	assert_int_equal(cfg->init_groups[1], 27);
	/*
	 * a ring, and a log: a page at least, a power of 2, as LXC rounds;
	 * the sizes above are for 4 KiB pages, and a larger page is more
	 */
	for (i = 0; i < sizeof(ring) / sizeof(ring[0]); i++) {
		uint64_t want = ring[i].size;

		if (want && want < (uint64_t)sysconf(_SC_PAGESIZE))
			want = sysconf(_SC_PAGESIZE);
		snprintf(text, sizeof(text), "lxc.console.buffer.size = %s\n"
			 "lxc.console.size = %s\n", ring[i].value, ring[i].value);
		assert_int_equal(load(text, cfg, &err), 0);
		assert_int_equal(cfg->console_buffer_size, want);
		assert_int_equal(cfg->console_size, want);
	}
	free(cfg);
}

/* Gateways: an address, or LXC's auto and dev; the last line wins. */
static void test_gateways(void **state)
{
	struct iso_config *cfg = malloc(sizeof(*cfg));
	struct iso_cfg_error err;

	(void)state;
	assert_non_null(cfg);
	assert_int_equal(load("lxc.net.0.type = veth\n"
			      "lxc.net.0.ipv4.gateway = auto\n"
			      "lxc.net.0.ipv4.gateway = dev\n"
			      "lxc.net.0.ipv6.gateway = auto\n"
			      "lxc.net.1.ipv4.gateway = dev\n"
			      "lxc.net.1.ipv4.gateway = 10.0.0.1\n",
			      cfg, &err), 0);
	assert_int_equal(cfg->n_unapplied, 0);
	assert_true(cfg->nets[0].gw4_dev);
	assert_false(cfg->nets[0].gw4_auto);
	assert_false(cfg->nets[0].has_gw4);
	assert_true(cfg->nets[0].gw6_auto);
	assert_true(cfg->nets[1].has_gw4);
	assert_false(cfg->nets[1].gw4_dev);
	assert_int_equal(load("lxc.net.0.ipv4.gateway = auto\n"
			      "lxc.net.0.ipv4.gateway =\n", cfg, &err), 0);
	assert_false(cfg->nets[0].gw4_auto);
	/* ipvlan's isolation */
	assert_int_equal(load("lxc.net.0.type = ipvlan\n"
			      "lxc.net.0.ipvlan.isolation = vepa\n", cfg, &err), 0);
	assert_int_equal(cfg->nets[0].ipvlan_flags, IPVLAN_F_VEPA);
	free(cfg);
}

static void test_bad_values(void **state)
{
	static const struct {
		const char *line, *msg;
	} bad[] = {
		{ "lxc.log.level = LOUD", "lxc.log.level: unknown value \"LOUD\"" },
		{ "lxc.prlimit.bogus = 1", "unknown key \"lxc.prlimit.bogus\": no such limit" },
		{ "lxc.prlimit.nofile = 1:x", "lxc.prlimit.nofile: \"1:x\" is not SOFT[:HARD], each a number or unlimited" },
		{ "lxc.time.offset.boot = 10d", "lxc.time.offset.boot: \"10d\" is not a time like 10s or -2h" },
		{ "lxc.init.groups = 4,x", "lxc.init.groups: \"4,x\" is not gids like 4,27" },
		{ "lxc.init.groups = -4", "lxc.init.groups: \"-4\" is not gids like 4,27" },
		{ "lxc.namespace.clone = mnt bogus", "lxc.namespace.clone: \"bogus\" is not a namespace" },
		{ "lxc.namespace.share.bogus = c2", "unknown key \"lxc.namespace.share.bogus\": no such namespace" },
		{ "lxc.net.0.type = tun", "lxc.net.0.type: type \"tun\" is not veth, macvlan, ipvlan, vlan, phys, empty or none" },
		{ "lxc.net.0.vlan.id = 70000", "lxc.net.0.vlan.id: \"70000\" is not a number up to 65535" },
		{ "lxc.net.0.veth.vlan.tagged.id = none", "lxc.net.0.veth.vlan.tagged.id: \"none\" is not a VLAN id from 1 to 4094" },
		{ "lxc.net.0.macvlan.mode = loud", "lxc.net.0.macvlan.mode: unknown value \"loud\"" },
		{ "lxc.net.0.ipvlan.mode = l4", "lxc.net.0.ipvlan.mode: unknown value \"l4\"" },
		{ "lxc.net.0.veth.ipv4.route = fd00::/64", "lxc.net.0.veth.ipv4.route: \"fd00::/64\" is not an IPv4 route like 10.0.0.0/24" },
		{ "lxc.net.0.veth.ipv6.route = 10.0.0.0/8", "lxc.net.0.veth.ipv6.route: \"10.0.0.0/8\" is not an IPv6 route like fd00::/64" },
		{ "lxc.apparmor.allow_nesting = 2", "lxc.apparmor.allow_nesting: \"2\" is not 0 or 1" },
		{ "lxc.signal.stop = SIGNOPE", "lxc.signal.stop: \"SIGNOPE\" is not a signal" },
		{ "lxc.signal.stop = TERM", "lxc.signal.stop: \"TERM\" is not a signal" },
		{ "lxc.signal.stop = SIGRTMIN", "lxc.signal.stop: \"SIGRTMIN\" is not a signal" },
		{ "lxc.console.buffer.size = 9223372036854775809", "lxc.console.buffer.size: \"9223372036854775809\" is too big" },
		{ "lxc.console.size = 1TB", "lxc.console.size: \"1TB\" is not \"auto\" or a size like 1MB" },
		{ "lxc.time.offset.boot = 99999999999999999999h", "lxc.time.offset.boot: \"99999999999999999999h\" is not a time like 10s or -2h" },
		{ "lxc.cgroup.dir.container.inner = a/b", "lxc.cgroup.dir.container.inner: \"a/b\" is not a single directory name" },
		{ "lxc.namespace.keep = mount", "lxc.namespace.keep: \"mount\" is not a namespace" },
		{ "lxc.cgroup.dir = ../escape", "lxc.cgroup.dir: \"../escape\" is not a relative path without \"..\"" },
		{ "lxc.environment = =2", "lxc.environment: \"=2\" is not NAME=VALUE" },
		{ "lxc.hook = /bin/true", "lxc.hook: only an empty value, to clear" },
		{ "lxc.net = 1", "lxc.net: only an empty value, to clear" },
		{ "lxc.seccomp.notify.proxy = /run/x", "lxc.seccomp.notify.proxy: \"/run/x\" is not unix:/PATH or unix:@NAME" },
		{ "lxc.seccomp.notify.proxy = unix:x", "lxc.seccomp.notify.proxy: \"unix:x\" is not unix:/PATH or unix:@NAME" },
		{ "lxc.bogus = 1", "unknown key \"lxc.bogus\"" },
	};
	struct iso_config *cfg = malloc(sizeof(*cfg));
	char text[256], buf[PATH_MAX + 300], want[512];
	struct iso_cfg_error err;
	size_t i;

	(void)state;
	assert_non_null(cfg);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		snprintf(text, sizeof(text), "lxc.uts.name = c1\n%s\n", bad[i].line);
		assert_int_equal(load(text, cfg, &err), -EINVAL);
		snprintf(want, sizeof(want), "%s:2: %s", path, bad[i].msg);
		assert_string_equal(iso_cfg_error_str(&err, buf, sizeof(buf)), want);
	}
	free(cfg);
}

/* A signal by name, without SIG, as a real-time one, or by number. */
static void test_signals(void **state)
{
	static const struct {
		const char *value;
		int sig;
	} ok[] = {
		{ "SIGPWR", 30 }, { "SIGTERM", 15 }, { "sigusr1", 10 }, { "9", 9 },
		{ "SIGRTMIN+3", 37 }, { "SIGRTMAX-1", 63 }, { "sigrtmin+0", 34 },
		{ "SIGIO", 29 }, { "SIGIOT", 6 }, { "SIGCLD", 17 },
		{ "0", 30 },	/* the default, SIGPWR */
	};
	struct iso_config *cfg = malloc(sizeof(*cfg));
	struct iso_cfg_error err;
	char text[64];
	size_t i;

	(void)state;
	assert_non_null(cfg);
	for (i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		snprintf(text, sizeof(text), "lxc.signal.halt = %s\n", ok[i].value);
		assert_int_equal(load(text, cfg, &err), 0);
		assert_int_equal(cfg->halt_signal, ok[i].sig);
	}
	assert_int_equal(load("lxc.signal.halt = SIGRTMAX+1\n", cfg, &err), -EINVAL);
	assert_int_equal(load("lxc.signal.halt = 65\n", cfg, &err), -EINVAL);
	/* lxc.signal.stop: SIGKILL unless set; 0 and empty take it back */
	assert_int_equal(load("lxc.signal.halt = SIGUSR1\n", cfg, &err), 0);
	assert_int_equal(cfg->stop_signal, SIGKILL);
	assert_int_equal(load("lxc.signal.stop = SIGUSR1\n", cfg, &err), 0);
	assert_int_equal(cfg->stop_signal, SIGUSR1);
	assert_int_equal(load("lxc.signal.stop = SIGUSR1\nlxc.signal.stop =\n",
			      cfg, &err), 0);
	assert_int_equal(cfg->stop_signal, SIGKILL);
	assert_int_equal(load("lxc.signal.stop = 0\n", cfg, &err), 0);
	assert_int_equal(cfg->stop_signal, SIGKILL);
	free(cfg);
}

/* lxc.hook.TYPE: kept in order; empty clears the type, lxc.hook = all */
static void test_hooks(void **state)
{
	struct iso_config *cfg = malloc(sizeof(*cfg));
	struct iso_cfg_error err;

	(void)state;
	assert_non_null(cfg);
	assert_int_equal(load("lxc.hook.stop = /a 1\n"
			      "lxc.hook.pre-start = /b\n"
			      "lxc.hook.stop = /c\n"
			      "lxc.hook.version = 1\n", cfg, &err), 0);
	assert_int_equal(cfg->n_hooks, 3);
	assert_int_equal(cfg->hooks[0].type, ISO_HOOK_STOP);
	assert_string_equal(cfg->hooks[0].cmd, "/a 1");
	assert_int_equal(cfg->hooks[1].type, ISO_HOOK_PRE_START);
	assert_string_equal(cfg->hooks[2].cmd, "/c");
	assert_int_equal(cfg->hook_version, 1);
	assert_false(noted(cfg, "lxc.hook.stop"));
	assert_int_equal(load("lxc.hook.stop = /a\n"
			      "lxc.hook.start = /b\n"
			      "lxc.hook.stop =\n", cfg, &err), 0);
	assert_int_equal(cfg->n_hooks, 1);
	assert_int_equal(cfg->hooks[0].type, ISO_HOOK_START);
	assert_int_equal(load("lxc.hook.stop = /a\nlxc.hook =\n", cfg, &err), 0);
	assert_int_equal(cfg->n_hooks, 0);
	assert_int_equal(load("lxc.hook = /a\n", cfg, &err), -EINVAL);
	assert_int_equal(load("lxc.hook.version = 2\n", cfg, &err), -EINVAL);
	assert_int_equal(load("lxc.hook.stopp = /a\n", cfg, &err), -EINVAL);
	assert_string_equal(err.msg, "unknown key \"lxc.hook.stopp\"");
	/* copy runs the clone hooks */
	assert_int_equal(load("lxc.hook.clone = /a\n", cfg, &err), 0);
	assert_int_equal(cfg->n_hooks, 1);
	assert_int_equal(cfg->hooks[0].type, ISO_HOOK_CLONE);
	assert_false(noted(cfg, "lxc.hook.clone"));
	free(cfg);
}

/* lxc.keyring.session: 1 unless set to 0; empty takes it back */
static void test_keyring(void **state)
{
	struct iso_config *cfg = malloc(sizeof(*cfg));
	struct iso_cfg_error err;

	(void)state;
	assert_non_null(cfg);
	assert_int_equal(load("lxc.uts.name = k\n", cfg, &err), 0);
	assert_true(cfg->keyring_session);
	assert_int_equal(load("lxc.keyring.session = 0\n", cfg, &err), 0);
	assert_false(cfg->keyring_session);
	assert_false(noted(cfg, "lxc.keyring.session"));
	assert_int_equal(load("lxc.keyring.session = 0\nlxc.keyring.session =\n",
			      cfg, &err), 0);
	assert_true(cfg->keyring_session);
	assert_int_equal(load("lxc.keyring.session = 2\n", cfg, &err), -EINVAL);
	free(cfg);
}

/* lxc.start.* and lxc.group, for autostart: as LXC parses them */
static void test_autostart_keys(void **state)
{
	struct iso_config *cfg = malloc(sizeof(*cfg));
	struct iso_cfg_error err;

	(void)state;
	assert_non_null(cfg);
	assert_int_equal(load("lxc.uts.name = k\n", cfg, &err), 0);
	assert_false(cfg->start_auto);
	assert_int_equal(cfg->start_order, 0);
	assert_int_equal(cfg->groups.n, 0);
	assert_int_equal(load("lxc.start.auto = 1\nlxc.start.delay = 5\n"
			      "lxc.start.order = -10\n"
			      "lxc.group = web\tdb\nlxc.group = cache\n",
			      cfg, &err), 0);
	assert_true(cfg->start_auto);
	assert_int_equal(cfg->start_delay, 5);
	assert_int_equal(cfg->start_order, -10);
	assert_int_equal(cfg->groups.n, 3);
	assert_string_equal(cfg->groups.item[0], "web");
	assert_string_equal(cfg->groups.item[1], "db");
	assert_string_equal(cfg->groups.item[2], "cache");
	/* an empty one clears those before, as LXC's */
	assert_int_equal(load("lxc.group = a b\nlxc.group =\nlxc.group = c\n"
			      "lxc.start.auto = 1\nlxc.start.auto =\n"
			      "lxc.start.delay = 3\nlxc.start.delay =\n"
			      "lxc.start.order = 3\nlxc.start.order =\n",
			      cfg, &err), 0);
	assert_int_equal(cfg->start_delay, 0);
	assert_int_equal(cfg->start_order, 0);
	assert_int_equal(cfg->groups.n, 1);
	assert_string_equal(cfg->groups.item[0], "c");
	assert_false(cfg->start_auto);
	assert_int_equal(load("lxc.start.order = first\n", cfg, &err), -EINVAL);
	assert_string_equal(err.msg, "lxc.start.order: \"first\" is not a number");
	assert_int_equal(load("lxc.start.auto = 2\n", cfg, &err), -EINVAL);
	free(cfg);
}

/* lxc.time.offset.*: seconds, and nanoseconds from 0 to 1e9 - 1 */
static void test_time_offsets(void **state)
{
	static const struct {
		const char *value;
		int64_t s, ns;
	} ok[] = {
		{ "2h", 7200, 0 }, { "-10s", -10, 0 }, { "+3m", 180, 0 },
		{ "1500ms", 1, 500000000 }, { "-500ms", -1, 500000000 },
		{ "7 us", 0, 7000 }, { "-1ns", -1, 999999999 },
	};
	struct iso_config *cfg = malloc(sizeof(*cfg));
	struct iso_cfg_error err;
	char text[64];
	size_t i;

	(void)state;
	assert_non_null(cfg);
	for (i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		snprintf(text, sizeof(text), "lxc.time.offset.boot = %s\n",
			 ok[i].value);
		assert_int_equal(load(text, cfg, &err), 0);
		assert_int_equal(cfg->boot_offset_s, ok[i].s);
		assert_int_equal(cfg->boot_offset_ns, ok[i].ns);
		assert_int_equal(cfg->mono_offset_s, 0);
	}
	assert_int_equal(load("lxc.time.offset.monotonic = 1h\n"
			      "lxc.time.offset.monotonic =\n", cfg, &err), 0);
	assert_int_equal(cfg->mono_offset_s, 0);
	assert_false(noted(cfg, "lxc.time.offset.monotonic"));
	assert_int_equal(load("lxc.time.offset.boot = 9223372036854775807h\n",
			      cfg, &err), -EINVAL);
	free(cfg);
}

/* lxc.sysctl.NAME: the last value of a name; empty drops it, or them all */
static void test_sysctls(void **state)
{
	struct iso_config *cfg = malloc(sizeof(*cfg));
	struct iso_cfg_error err;

	(void)state;
	assert_non_null(cfg);
	assert_int_equal(load("lxc.sysctl.net.ipv4.ip_forward = 1\n"
			      "lxc.sysctl.kernel.msgmax = 9000\n"
			      "lxc.sysctl.net.ipv4.ip_forward = 0\n", cfg, &err), 0);
	assert_int_equal(cfg->n_sysctl, 2);
	assert_string_equal(cfg->sysctl[0].key, "net.ipv4.ip_forward");
	assert_string_equal(cfg->sysctl[0].value, "0");
	assert_false(noted(cfg, "lxc.sysctl.kernel.msgmax"));
	assert_int_equal(load("lxc.sysctl.a = 1\nlxc.sysctl.b = 2\n"
			      "lxc.sysctl.a =\n", cfg, &err), 0);
	assert_int_equal(cfg->n_sysctl, 1);
	assert_string_equal(cfg->sysctl[0].key, "b");
	assert_int_equal(load("lxc.sysctl.a = 1\nlxc.sysctl =\n", cfg, &err), 0);
	assert_int_equal(cfg->n_sysctl, 0);
	assert_int_equal(load("lxc.sysctl.net..x = 1\n", cfg, &err), -EINVAL);
	assert_int_equal(load("lxc.sysctl.net/x = 1\n", cfg, &err), -EINVAL);
	assert_string_equal(err.msg, "lxc.sysctl.net/x: \"net/x\" is not a plain name");
	free(cfg);
}

/* 00:16:3e:xx:xx:xx: the x's drawn, the rest kept; xx first stays unicast. */
static void test_mac_template(void **state)
{
	struct iso_config *cfg = malloc(sizeof(*cfg));
	struct iso_cfg_error err;
	int i;

	(void)state;
	assert_non_null(cfg);
	assert_int_equal(load("lxc.net.0.hwaddr = 00:16:3e:xx:xx:xx\n", cfg, &err), 0);
	assert_true(cfg->nets[0].has_hwaddr);
	assert_int_equal(cfg->nets[0].hwaddr[0], 0x00);
	assert_int_equal(cfg->nets[0].hwaddr[1], 0x16);
	assert_int_equal(cfg->nets[0].hwaddr[2], 0x3e);
	for (i = 0; i < 16; i++) {
		assert_int_equal(load("lxc.net.0.hwaddr = xx:xx:xx:xx:xx:xx\n", cfg, &err), 0);
		assert_int_equal(cfg->nets[0].hwaddr[0] & 3, 2);
	}
	assert_int_equal(load("lxc.net.0.hwaddr = 00:16:3e:xx:xx:xxx\n", cfg, &err), -EINVAL);
	free(cfg);
}

static int setup(void **state)
{
	int fd = mkstemp(path);

	(void)state;
	if (fd < 0)
		return -1;
	close(fd);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	return unlink(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_key),
		cmocka_unit_test(test_gateways),
		cmocka_unit_test(test_lxc_spellings),
		cmocka_unit_test(test_bad_values),
		cmocka_unit_test(test_signals),
		cmocka_unit_test(test_mac_template),
		cmocka_unit_test(test_hooks),
		cmocka_unit_test(test_sysctls),
		cmocka_unit_test(test_time_offsets),
		cmocka_unit_test(test_keyring),
		cmocka_unit_test(test_autostart_keys),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
