// SPDX-License-Identifier: GPL-2.0
/*
 * --mem-watch SIZE[,hysteresis=SIZE][,every=INTERVAL]: iso.ko's mem_watch
 * controller, an event each time memory.current crosses SIZE.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config/config.h"
#include "json.h"
#include "kernel/limit_kind.h"

#define MEM_WATCH_EVERY_MIN_MS 10
#define MEM_WATCH_EVERY_MAX_MS 60000

/* "100ms" or "2s", within what the kernel takes. */
static int parse_every(const char *text, uint64_t *ms)
{
	unsigned long long v;
	char *end;

	if (*text < '0' || *text > '9')
		return -EINVAL;
	errno = 0;
	v = strtoull(text, &end, 10);
	if (errno)
		return -EINVAL;
	if (!strcmp(end, "s") && v <= MEM_WATCH_EVERY_MAX_MS / 1000)
		v *= 1000;
	else if (strcmp(end, "ms"))
		return -EINVAL;
	if (v < MEM_WATCH_EVERY_MIN_MS || v > MEM_WATCH_EVERY_MAX_MS)
		return -EINVAL;
	*ms = v;
	return 0;
}

static int mem_watch_parse(const char *arg, struct iso_limit_rec *want,
			   char *why, size_t len)
{
	char text[96], *opt, *next;
	uint64_t *p = want->params, v;
	bool *has = want->has_param;

	if (strlen(arg) >= sizeof(text))
		goto bad;
	strcpy(text, arg);
	next = strchr(text, ',');
	if (next)
		*next++ = '\0';
	if (iso_parse_size(text, &v) || !v || v == UINT64_MAX)
		goto bad;
	p[ISO_A_MEM_WATCH_LEVEL] = v;
	has[ISO_A_MEM_WATCH_LEVEL] = true;
	while ((opt = next)) {
		next = strchr(opt, ',');
		if (next)
			*next++ = '\0';
		if (!strncmp(opt, "hysteresis=", 11) &&
		    !has[ISO_A_MEM_WATCH_HYSTERESIS] &&
		    !iso_parse_size(opt + 11, &v) && v < p[ISO_A_MEM_WATCH_LEVEL]) {
			p[ISO_A_MEM_WATCH_HYSTERESIS] = v;
			has[ISO_A_MEM_WATCH_HYSTERESIS] = true;
		} else if (!strncmp(opt, "every=", 6) &&
			   !has[ISO_A_MEM_WATCH_INTERVAL_MS] &&
			   !parse_every(opt + 6, &v)) {
			p[ISO_A_MEM_WATCH_INTERVAL_MS] = v;
			has[ISO_A_MEM_WATCH_INTERVAL_MS] = true;
		} else {
			goto bad;
		}
	}
	return 0;
bad:
	snprintf(why, len, "not SIZE[,hysteresis=SIZE][,every=INTERVAL], with a hysteresis below SIZE and INTERVAL 10ms to 60s");
	return -EINVAL;
}

static void mem_watch_to_json(struct json_object *o,
			      const struct iso_limit_rec *r)
{
	const uint64_t *p = r->params, *s = r->state;

	iso_json_u64(o, "level", p[ISO_A_MEM_WATCH_LEVEL]);
	iso_json_u64(o, "hysteresis", p[ISO_A_MEM_WATCH_HYSTERESIS]);
	iso_json_u64(o, "interval_ms", p[ISO_A_MEM_WATCH_INTERVAL_MS]);
	iso_json_bool(o, "above", s[ISO_A_MEM_WATCH_ABOVE]);
	iso_json_u64(o, "usage", s[ISO_A_MEM_WATCH_USAGE]);
	iso_json_u64(o, "up", s[ISO_A_MEM_WATCH_UP]);
	iso_json_u64(o, "down", s[ISO_A_MEM_WATCH_DOWN]);
}

static void mem_watch_print(FILE *f, const struct iso_limit_rec *r)
{
	const uint64_t *p = r->params, *s = r->state;
	const double mib = 1024.0 * 1024;

	fprintf(f, "%.1f MiB, hysteresis %.1f MiB, read every %" PRIu64
		" ms; %s, %.1f MiB at the last read; crossed up %" PRIu64
		", down %" PRIu64,
		p[ISO_A_MEM_WATCH_LEVEL] / mib,
		p[ISO_A_MEM_WATCH_HYSTERESIS] / mib,
		p[ISO_A_MEM_WATCH_INTERVAL_MS],
		s[ISO_A_MEM_WATCH_ABOVE] ? "above" : "below",
		s[ISO_A_MEM_WATCH_USAGE] / mib, s[ISO_A_MEM_WATCH_UP],
		s[ISO_A_MEM_WATCH_DOWN]);
}

static void mem_watch_brief(char *buf, size_t len, const struct iso_limit_rec *r)
{
	snprintf(buf, len, "%s", r->state[ISO_A_MEM_WATCH_ABOVE] ? "above" :
								  "below");
}

const struct iso_limit_kind iso_limit_mem_watch = {
	.controller	= "mem_watch",
	.option		= "mem-watch",
	.arg_help	= "SIZE[,hysteresis=SIZE][,every=INTERVAL]",
	.u64_params	= 1u << ISO_A_MEM_WATCH_LEVEL |
			  1u << ISO_A_MEM_WATCH_HYSTERESIS,
	.parse		= mem_watch_parse,
	.print		= mem_watch_print,
	.to_json	= mem_watch_to_json,
	.brief		= mem_watch_brief,
};
