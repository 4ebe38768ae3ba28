// SPDX-License-Identifier: GPL-2.0
/* --fork-rate N/s[,burst=B]: iso.ko's fork_rate controller. */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config/config.h"
#include "json.h"
#include "kernel/limit_kind.h"

#define FORK_RATE_MAX 1000000

static int fork_rate_parse(const char *arg, struct iso_limit_rec *want,
			   char *why, size_t len)
{
	char text[64], *burst, *per;
	long rate, b;

	if (strlen(arg) >= sizeof(text))
		goto bad;
	strcpy(text, arg);
	burst = strchr(text, ',');
	if (burst) {
		*burst++ = '\0';
		if (strncmp(burst, "burst=", 6) ||
		    iso_parse_long(burst + 6, 1, FORK_RATE_MAX, &b))
			goto bad;
		want->params[ISO_A_FORK_RATE_BURST] = b;
		want->has_param[ISO_A_FORK_RATE_BURST] = true;
	}
	per = strchr(text, '/');
	if (per) {
		if (strcmp(per, "/s"))
			goto bad;
		*per = '\0';
	}
	if (iso_parse_long(text, 1, FORK_RATE_MAX, &rate))
		goto bad;
	want->params[ISO_A_FORK_RATE_RATE] = rate;
	want->has_param[ISO_A_FORK_RATE_RATE] = true;
	return 0;
bad:
	snprintf(why, len, "not N/s[,burst=B] with N and B from 1 to %d",
		 FORK_RATE_MAX);
	return -EINVAL;
}

static void fork_rate_to_json(struct json_object *o,
			      const struct iso_limit_rec *r)
{
	iso_json_u64(o, "rate", r->params[ISO_A_FORK_RATE_RATE]);
	iso_json_u64(o, "burst", r->params[ISO_A_FORK_RATE_BURST]);
	iso_json_u64(o, "killed", r->state[ISO_A_FORK_RATE_KILLED]);
	iso_json_u64(o, "missed", r->state[ISO_A_FORK_RATE_MISSED]);
}

static void fork_rate_print(FILE *f, const struct iso_limit_rec *r)
{
	const uint64_t *p = r->params, *s = r->state;

	fprintf(f, "%" PRIu64 "/s, burst %" PRIu64 "; killed at birth %"
		PRIu64 ", over the rate but not killed %" PRIu64,
		p[ISO_A_FORK_RATE_RATE], p[ISO_A_FORK_RATE_BURST],
		s[ISO_A_FORK_RATE_KILLED], s[ISO_A_FORK_RATE_MISSED]);
}

static void fork_rate_brief(char *buf, size_t len, const struct iso_limit_rec *r)
{
	snprintf(buf, len, "killed %" PRIu64, r->state[ISO_A_FORK_RATE_KILLED]);
}

const struct iso_limit_kind iso_limit_fork_rate = {
	.controller	= "fork_rate",
	.option		= "fork-rate",
	.arg_help	= "N/s[,burst=B]",
	.parse		= fork_rate_parse,
	.print		= fork_rate_print,
	.to_json	= fork_rate_to_json,
	.brief		= fork_rate_brief,
};
