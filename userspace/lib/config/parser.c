// SPDX-License-Identifier: GPL-2.0
/* The helpers every key's setter uses. */
#include <ctype.h>
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

/* SIGRTMIN+N or SIGRTMAX-N, "SIG" left out; -1 if @name is neither. */
static int realtime_signal(const char *name)
{
	int base = 0, sign = 1;
	char *end;
	long n = 0;

	if (!strncasecmp(name, "RTMIN", 5))
		base = SIGRTMIN;
	else if (!strncasecmp(name, "RTMAX", 5))
		base = SIGRTMAX, sign = -1;
	else
		return -1;
	name += 5;
	if (*name) {
		if (*name != (sign > 0 ? '+' : '-') || !isdigit((unsigned char)name[1]))
			return -1;
		n = strtol(name + 1, &end, 10);
		if (*end || n > SIGRTMAX)
			return -1;
	}
	n = base + sign * n;
	return n >= SIGRTMIN && n <= SIGRTMAX ? (int)n : -1;
}

/* LXC's signal values: a name, with or without "SIG", or a number. */
int cfg_signal(struct parser *p, const char *key, const char *value, int *sig)
{
	const char *name = strncasecmp(value, "SIG", 3) ? value : value + 3;
	const char *abbrev;
	unsigned int n;
	int i;

	for (i = 1; i < SIGRTMIN; i++) {
		abbrev = sigabbrev_np(i);
		if (abbrev && !strcasecmp(name, abbrev)) {
			*sig = i;
			return 0;
		}
	}
	i = realtime_signal(name);
	if (i > 0) {
		*sig = i;
		return 0;
	}
	if (cfg_uint(p, key, value, SIGRTMAX, &n) || !n)
		return cfg_fail(p, "%.128s: \"%.64s\" is not a signal", key,
				value);
	*sig = n;
	return 0;
}
