// SPDX-License-Identifier: GPL-2.0
/* The helpers every key's setter uses. */
#include <ctype.h>
#include <stdbool.h>
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "config/parser.h"

int cfg_fail(struct parser *p, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(p->err->msg, sizeof(p->err->msg), fmt, ap);
	va_end(ap);
	return -EINVAL;
}

int cfg_copy(struct parser *p, const char *key, char *dst, size_t size,
	     const char *value)
{
	if (strlen(value) >= size)
		return cfg_fail(p, "%.128s: value longer than %zu bytes", key,
				size - 1);
	strcpy(dst, value);
	return 0;
}

int cfg_bool(struct parser *p, const char *key, const char *value, bool *out)
{
	if (!strcmp(value, "1") || !strcmp(value, "true"))
		*out = true;
	else if (!strcmp(value, "0") || !strcmp(value, "false"))
		*out = false;
	else
		return cfg_fail(p, "%.128s: \"%.64s\" is not 0 or 1", key, value);
	return 0;
}

int cfg_uint(struct parser *p, const char *key, const char *value,
	     unsigned long max, unsigned int *out)
{
	unsigned long v;
	char *end;

	errno = 0;
	v = strtoul(value, &end, 10);
	if (!*value || *end || errno || v > max || value[0] == '-')
		return cfg_fail(p, "%.128s: \"%.64s\" is not a number up to %lu",
				key, value, max);
	*out = v;
	return 0;
}

/* "MIN+N" or "MAX-N", after "SIGRT": the signal, or -1. */
static int realtime_signal(const char *name)
{
	bool max = !strncasecmp(name, "MAX-", 4);
	char *end;
	long n;

	if (!max && strncasecmp(name, "MIN+", 4))
		return -1;
	name += 4;
	if (!isdigit((unsigned char)*name))
		return -1;
	errno = 0;
	n = strtol(name, &end, 10);
	if (*end || errno || n > SIGRTMAX - SIGRTMIN)
		return -1;
	return max ? SIGRTMAX - n : SIGRTMIN + n;
}

/*
 * As LXC's sig_parse(): a number, or a name with "SIG" (any case), as
 * SIGTERM, SIGRTMIN+3 or SIGRTMAX-1; the old names glibc no longer
 * gives (IOT, CLD, IO) too.  0 is the key's default.
 */
int cfg_signal(struct parser *p, const char *key, const char *value, int *sig)
{
	static const struct { const char *name; int sig; } old[] = {
		{ "IOT", SIGIOT }, { "CLD", SIGCHLD }, { "IO", SIGIO },
	};
	const char *name = value + 3, *abbrev;
	unsigned int n;
	size_t k;
	int i;

	if (isdigit((unsigned char)value[0])) {
		if (cfg_uint(p, key, value, SIGRTMAX, &n))
			return -EINVAL;
		*sig = n;
		return 0;
	}
	if (!strncasecmp(value, "SIG", 3)) {
		i = strncasecmp(name, "RT", 2) ? -1 : realtime_signal(name + 2);
		for (k = 0; i < 0 && k < sizeof(old) / sizeof(old[0]); k++)
			if (!strcasecmp(name, old[k].name))
				i = old[k].sig;
		for (n = 1; i < 0 && n < (unsigned int)SIGRTMIN; n++) {
			abbrev = sigabbrev_np(n);
			if (abbrev && !strcasecmp(name, abbrev))
				i = n;
		}
		if (i > 0) {
			*sig = i;
			return 0;
		}
	}
	return cfg_fail(p, "%.128s: \"%.64s\" is not a signal", key, value);
}

int cfg_clear_only(struct parser *p, const char *key, const char *value)
{
	if (*value)
		return cfg_fail(p, "%.128s: only an empty value, to clear", key);
	return 0;
}

bool cfg_plain_name(const char *name)
{
	return *name && !strstr(name, "..") && !strchr(name, '/');
}

int cfg_size_auto(struct parser *p, const char *key, const char *value,
		  uint64_t *out)
{
	static const struct {
		const char *unit;
		uint64_t bytes;
	} units[] = {
		{ "", 1 }, { "b", 1 }, { "k", 1 }, { "m", 1 }, { "g", 1 },
		{ "kb", 1ULL << 10 }, { "mb", 1ULL << 20 }, { "gb", 1ULL << 30 },
	};
	const char *unit = value + strspn(value, "0123456789");
	unsigned long long n;
	size_t i;

	if (!strcmp(value, "auto")) {
		*out = 1 << 17;
		return 0;
	}
	if (unit != value && unit - value <= 19) {
		n = strtoull(value, NULL, 10);
		unit += strspn(unit, " \t");
		for (i = 0; i < sizeof(units) / sizeof(units[0]); i++) {
			if (strcasecmp(unit, units[i].unit) ||
			    n > UINT64_MAX / units[i].bytes)
				continue;
			*out = n * units[i].bytes;
			return 0;
		}
	}
	return cfg_fail(p, "%.128s: \"%.64s\" is not \"auto\" or a size like 1MB",
			key, value);
}
