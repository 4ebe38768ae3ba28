// SPDX-License-Identifier: GPL-2.0
/*
 * What the container's init runs as, and with: lxc.environment,
 * lxc.init.uid, .gid, .groups and .cwd, lxc.prlimit.*, lxc.proc.*, the
 * sysctls of its namespaces, lxc.sysctl.*, and its clocks' offsets,
 * lxc.time.offset.*.
 * exec's command gets them too, as lxc-execute's does, and
 * lxc.execute.cmd is its command when it is given none.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "config/parser.h"

/* NAME=VALUE; NAME alone takes the caller's, as LXC does; empty clears. */
static int set_environment(struct parser *p, const char *key,
			   const char *value)
{
	struct iso_cfg_list *env = &p->cfg->environment;
	size_t len = strcspn(value, "=");
	const char *inherited;
	int n;

	if (!*value) {
		env->n = 0;
		return 0;
	}
	if (!len)
		return cfg_fail(p, "%.128s: \"%.64s\" is not NAME=VALUE", key,
				value);
	if (env->n == ISO_CFG_MAX_LIST)
		return cfg_fail(p, "%.128s: more than %d variables", key,
				ISO_CFG_MAX_LIST);
	if (value[len] == '=')
		return cfg_copy(p, key, env->item[env->n++], ISO_CFG_VALUE_MAX,
				value);
	/*
	 * LXC refuses the config then; isoctl leaves the variable out, so
	 * that ls and stats, which read the config too, work from any shell.
	 */
	inherited = getenv(value);
	if (!inherited)
		return 0;
	n = snprintf(env->item[env->n], ISO_CFG_VALUE_MAX, "%.256s=%.256s",
		     value, inherited);
	if (n >= ISO_CFG_VALUE_MAX)
		return cfg_fail(p, "%.128s: %.64s's value is too long", key,
				value);
	env->n++;
	return 0;
}

static int set_init_uid(struct parser *p, const char *key, const char *value)
{
	p->cfg->has_init_uid = true;
	return cfg_uint(p, key, value, UINT32_MAX - 1, &p->cfg->init_uid);
}

static int set_init_gid(struct parser *p, const char *key, const char *value)
{
	p->cfg->has_init_gid = true;
	return cfg_uint(p, key, value, UINT32_MAX - 1, &p->cfg->init_gid);
}

/* gids, comma-separated; the last line wins, as in LXC. */
static int set_init_groups(struct parser *p, const char *key,
			   const char *value)
{
	struct iso_config *cfg = p->cfg;
	char buf[ISO_CFG_VALUE_MAX], *gid, *save = NULL, *end;
	unsigned long n;

	if (cfg_copy(p, key, buf, sizeof(buf), value))
		return -EINVAL;
	cfg->n_init_groups = 0;
	cfg->has_init_groups = true;
	/* as LXC: strtok_r() skips empty parts, strtoul() leading blanks */
	for (gid = strtok_r(buf, ",", &save); gid;
	     gid = strtok_r(NULL, ",", &save)) {
		errno = 0;
		n = strtoul(gid, &end, 0);
		end += strspn(end, " \t");
		if (gid[strspn(gid, " \t")] == '-' || end == gid || *end ||
		    errno || n >= UINT32_MAX)
			return cfg_fail(p, "%.128s: \"%.64s\" is not gids like 4,27",
					key, value);
		if (cfg->n_init_groups == ISO_CFG_MAX_GROUPS)
			return cfg_fail(p, "%.128s: more than %d groups", key,
					ISO_CFG_MAX_GROUPS);
		cfg->init_groups[cfg->n_init_groups++] = n;
	}
	return 0;
}

/* A relative one is from the container's /, where init starts. */
static int set_init_cwd(struct parser *p, const char *key, const char *value)
{
	return cfg_copy(p, key, p->cfg->init_cwd, sizeof(p->cfg->init_cwd),
			value);
}

/* "unlimited", or a number (-1 too, as LXC's strtoull() takes it). */
static int rlim_value(char *text, uint64_t *out)
{
	char *end;

	text += strspn(text, " \t");
	end = text + strlen(text);
	while (end > text && (end[-1] == ' ' || end[-1] == '\t'))
		*--end = '\0';
	if (!strcmp(text, "unlimited") || !strcmp(text, "-1")) {
		*out = RLIM_INFINITY;
		return 0;
	}
	if (!isdigit((unsigned char)text[0]))
		return -EINVAL;
	errno = 0;
	*out = strtoull(text, &end, 10);
	return *end || errno ? -EINVAL : 0;
}

/* lxc.prlimit.NAME = SOFT[:HARD]: HARD is SOFT when left out, as in LXC. */
static int set_prlimit(struct parser *p, const char *key, const char *value)
{
	static const struct { const char *name; int resource; } names[] = {
		{ "as", RLIMIT_AS }, { "core", RLIMIT_CORE },
		{ "cpu", RLIMIT_CPU }, { "data", RLIMIT_DATA },
		{ "fsize", RLIMIT_FSIZE }, { "locks", RLIMIT_LOCKS },
		{ "memlock", RLIMIT_MEMLOCK }, { "msgqueue", RLIMIT_MSGQUEUE },
		{ "nice", RLIMIT_NICE }, { "nofile", RLIMIT_NOFILE },
		{ "nproc", RLIMIT_NPROC }, { "rss", RLIMIT_RSS },
		{ "rtprio", RLIMIT_RTPRIO }, { "rttime", RLIMIT_RTTIME },
		{ "sigpending", RLIMIT_SIGPENDING }, { "stack", RLIMIT_STACK },
	};
	const char *name = key + strlen("lxc.prlimit.");
	struct iso_config *cfg = p->cfg;
	struct iso_cfg_prlimit l;
	char buf[64], *hard;
	size_t i;
	int j;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (!strcmp(name, names[i].name))
			break;
	if (i == sizeof(names) / sizeof(names[0]))
		return cfg_fail(p, "unknown key \"%.128s\": no such limit", key);
	l.resource = names[i].resource;
	if (cfg_copy(p, key, buf, sizeof(buf), value))
		return -EINVAL;
	hard = strchr(buf, ':');
	if (hard)
		*hard++ = '\0';
	/* "1024:" is "1024", as in LXC */
	if (hard && !hard[strspn(hard, " \t")])
		hard = NULL;
	if (rlim_value(buf, &l.soft) || (hard && rlim_value(hard, &l.hard)))
		return cfg_fail(p, "%.128s: \"%.64s\" is not SOFT[:HARD], each a number or unlimited",
				key, value);
	if (!hard)
		l.hard = l.soft;
	if (l.soft > l.hard)
		return cfg_fail(p, "%.128s: \"%.64s\": the soft limit is above the hard one",
				key, value);
	for (j = 0; j < cfg->n_prlimits; j++)
		if (cfg->prlimits[j].resource == l.resource)
			break;
	if (j == ISO_CFG_MAX_PRLIMITS)
		return cfg_fail(p, "%.128s: more than %d limits", key,
				ISO_CFG_MAX_PRLIMITS);
	cfg->prlimits[j] = l;
	if (j == cfg->n_prlimits)
		cfg->n_prlimits++;
	return 0;
}

/*
 * lxc.proc.FILE and lxc.sysctl.NAME = VALUE, into @pairs (@n of @max):
 * a later line for the same member replaces the earlier one, as LXC's.
 */
static int set_member(struct parser *p, const char *key, const char *member,
		      struct iso_cfg_pair *pairs, int *n, int max,
		      const char *value)
{
	int i;

	if (!cfg_plain_name(member))
		return cfg_fail(p, "%.128s: \"%.64s\" is not a plain name", key,
				member);
	for (i = 0; i < *n; i++)
		if (!strcmp(pairs[i].key, member))
			break;
	if (i == max)
		return cfg_fail(p, "%.128s: more than %d of its family", key, max);
	if (cfg_copy(p, key, pairs[i].key, sizeof(pairs[i].key), member) ||
	    cfg_copy(p, key, pairs[i].value, sizeof(pairs[i].value), value))
		return -EINVAL;
	if (i == *n)
		(*n)++;
	return 0;
}

/* Without @member: what an empty lxc.proc.FILE or lxc.sysctl.NAME clears. */
static void clear_member(struct iso_cfg_pair *pairs, int *n, const char *member)
{
	int i, kept = 0;

	for (i = 0; i < *n; i++)
		if (strcmp(pairs[i].key, member))
			pairs[kept++] = pairs[i];
	*n = kept;
}

/*
 * lxc.time.offset.boot and .monotonic: a signed number and its unit, as
 * "-10s" or "1h", read as LXC reads it (strtoll(), then h, m, s, ms, us
 * or ns, blanks trimmed), into seconds and nanoseconds from 0 to 1e9 - 1,
 * as /proc/PID/timens_offsets takes them.
 */
static int set_time_offset(struct parser *p, const char *key,
			   const char *value)
{
	static const struct {
		const char *unit;
		int64_t s, ns;	/* one of it */
	} units[] = {
		{ "h", 3600, 0 }, { "m", 60, 0 }, { "s", 1, 0 },
		{ "ms", 0, 1000000 }, { "us", 0, 1000 }, { "ns", 0, 1 },
	};
	bool boot = !strcmp(key, "lxc.time.offset.boot");
	int64_t *s = boot ? &p->cfg->boot_offset_s : &p->cfg->mono_offset_s;
	int64_t *ns = boot ? &p->cfg->boot_offset_ns : &p->cfg->mono_offset_ns;
	long long n;
	int64_t total;
	size_t i, len;
	char *unit;

	errno = 0;
	n = strtoll(value, &unit, 10);
	if (errno || unit == value || !isdigit((unsigned char)unit[-1]))
		goto bad;
	unit += strspn(unit, " \t");
	for (i = 0; i < sizeof(units) / sizeof(units[0]); i++) {
		len = strlen(units[i].unit);
		if (strncmp(unit, units[i].unit, len) ||
		    unit[len + strspn(unit + len, " \t")])
			continue;
		if (units[i].s) {
			if (__builtin_mul_overflow(n, units[i].s, s))
				goto bad;
			*ns = 0;
			return 0;
		}
		if (__builtin_mul_overflow(n, units[i].ns, &total))
			goto bad;
		*s = total / 1000000000;
		*ns = total % 1000000000;
		if (*ns < 0) {
			*s -= 1;
			*ns += 1000000000;
		}
		return 0;
	}
bad:
	return cfg_fail(p, "%.128s: \"%.64s\" is not a time like 10s or -2h",
			key, value);
}

/* An empty value: what no line set, as LXC's clear. */
static int clear_init_key(struct parser *p, const char *key)
{
	struct iso_config *cfg = p->cfg;

	if (!strcmp(key, "lxc.init.uid"))
		cfg->has_init_uid = false;
	else if (!strcmp(key, "lxc.init.gid"))
		cfg->has_init_gid = false;
	else if (!strcmp(key, "lxc.init.groups"))
		cfg->has_init_groups = false;
	else if (!strcmp(key, "lxc.init.cwd"))
		cfg->init_cwd[0] = '\0';
	else if (!strcmp(key, "lxc.execute.cmd"))
		cfg->execute_cmd[0] = '\0';
	else if (!strncmp(key, "lxc.proc.", 9))
		clear_member(cfg->proc, &cfg->n_proc, key + 9);
	else if (!strncmp(key, "lxc.sysctl.", 11))
		clear_member(cfg->sysctl, &cfg->n_sysctl, key + 11);
	else if (!strncmp(key, "lxc.prlimit.", 12))
		cfg->n_prlimits = 0;	/* LXC clears them all, too */
	else if (!strcmp(key, "lxc.time.offset.boot"))
		cfg->boot_offset_s = cfg->boot_offset_ns = 0;
	else if (!strcmp(key, "lxc.time.offset.monotonic"))
		cfg->mono_offset_s = cfg->mono_offset_ns = 0;
	else
		return -ENOENT;
	return 0;
}

int cfg_set_init_key(struct parser *p, const char *key, const char *value)
{
	int ret;

	if (!*value && strcmp(key, "lxc.environment") &&
	    strcmp(key, "lxc.prlimit") && strcmp(key, "lxc.proc") &&
	    strcmp(key, "lxc.sysctl")) {
		ret = clear_init_key(p, key);
		if (ret != -ENOENT)
			return ret;
	}
	if (!strcmp(key, "lxc.execute.cmd"))
		return *value ? cfg_copy(p, key, p->cfg->execute_cmd,
					 sizeof(p->cfg->execute_cmd), value) :
				cfg_fail(p, "%.128s: empty", key);
	if (!strcmp(key, "lxc.proc") || !strcmp(key, "lxc.sysctl")) {
		if (cfg_clear_only(p, key, value))
			return -EINVAL;
		if (!strcmp(key, "lxc.proc"))
			p->cfg->n_proc = 0;
		else
			p->cfg->n_sysctl = 0;
		return 0;
	}
	if (!strncmp(key, "lxc.proc.", 9))
		return set_member(p, key, key + 9, p->cfg->proc, &p->cfg->n_proc,
				  ISO_CFG_MAX_PROC, value);
	if (!strncmp(key, "lxc.sysctl.", 11))
		return set_member(p, key, key + 11, p->cfg->sysctl,
				  &p->cfg->n_sysctl, ISO_CFG_MAX_SYSCTL, value);
	if (!strcmp(key, "lxc.environment"))
		return set_environment(p, key, value);
	if (!strcmp(key, "lxc.time.offset.boot") ||
	    !strcmp(key, "lxc.time.offset.monotonic"))
		return set_time_offset(p, key, value);
	if (!strcmp(key, "lxc.init.uid"))
		return set_init_uid(p, key, value);
	if (!strcmp(key, "lxc.init.gid"))
		return set_init_gid(p, key, value);
	if (!strcmp(key, "lxc.init.groups"))
		return set_init_groups(p, key, value);
	if (!strcmp(key, "lxc.init.cwd"))
		return set_init_cwd(p, key, value);
	if (!strcmp(key, "lxc.prlimit")) {
		if (cfg_clear_only(p, key, value))
			return -EINVAL;
		p->cfg->n_prlimits = 0;
		return 0;
	}
	if (!strncmp(key, "lxc.prlimit.", 12))
		return set_prlimit(p, key, value);
	return -ENOENT;
}
