// SPDX-License-Identifier: GPL-2.0
/*
 * --cpu-budget DURATION[,on-exceed=ACTION] [--on-exceed ACTION], with
 * ACTION notify, kill, freeze or signal:SIG: iso.ko's cpu_budget
 * controller.
 */
#include <errno.h>
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "json.h"
#include "kernel/limit_kind.h"

static const struct {
	const char *suffix;
	uint64_t ns;
} units[] = {
	{ "ns", 1 }, { "us", 1000 }, { "ms", 1000000 }, { "s", 1000000000 },
	{ "m", 60ULL * 1000000000 }, { "h", 3600ULL * 1000000000 },
};

/* "10s", "1500ms", "2m": the unit is required.  0 is no budget. */
static int parse_duration(const char *arg, uint64_t *ns)
{
	unsigned long long v;
	char *end;
	size_t i;

	if (*arg < '0' || *arg > '9')
		return -EINVAL;
	errno = 0;
	v = strtoull(arg, &end, 10);
	if (errno || !v)
		return -EINVAL;
	for (i = 0; i < sizeof(units) / sizeof(units[0]); i++) {
		if (strcmp(end, units[i].suffix))
			continue;
		if (v > UINT64_MAX / units[i].ns)
			return -EINVAL;
		*ns = v * units[i].ns;
		return 0;
	}
	return -EINVAL;
}

static int cpu_budget_parse_action(const char *arg, struct iso_limit_rec *want,
				   char *why, size_t len);

/* DURATION[,on-exceed=ACTION]: the config key's form, and the option's. */
static int cpu_budget_parse(const char *arg, struct iso_limit_rec *want,
			    char *why, size_t len)
{
	char text[64], *action;
	uint64_t ns;

	if (strlen(arg) >= sizeof(text))
		goto bad;
	strcpy(text, arg);
	action = strchr(text, ',');
	if (action) {
		*action++ = '\0';
		if (strncmp(action, "on-exceed=", 10))
			goto bad;
		if (cpu_budget_parse_action(action + 10, want, why, len))
			return -EINVAL;
	}
	if (parse_duration(text, &ns))
		goto bad;
	want->params[ISO_A_CPU_BUDGET_BUDGET_NS] = ns;
	want->has_param[ISO_A_CPU_BUDGET_BUDGET_NS] = true;
	return 0;
bad:
	snprintf(why, len, "not DURATION[,on-exceed=ACTION], as 10s or 500ms,kill");
	return -EINVAL;
}

/* "TERM", "SIGTERM", "term" or "15". */
static int parse_signal(const char *name, int *sig)
{
	const char *abbrev;
	char *end;
	long n;
	int i;

	if (!strncasecmp(name, "SIG", 3))
		name += 3;
	n = strtol(name, &end, 10);
	if (*name && !*end) {
		if (n < 1 || n > 64)
			return -EINVAL;
		*sig = n;
		return 0;
	}
	for (i = 1; i < 32; i++) {
		abbrev = sigabbrev_np(i);
		if (abbrev && !strcasecmp(abbrev, name)) {
			*sig = i;
			return 0;
		}
	}
	return -EINVAL;
}

static int cpu_budget_parse_action(const char *arg, struct iso_limit_rec *want,
				   char *why, size_t len)
{
	int sig;

	if (want->has_param[ISO_A_CPU_BUDGET_ACTION]) {
		snprintf(why, len, "the action is given twice");
		return -EINVAL;
	}
	want->params[ISO_A_CPU_BUDGET_SIGNAL] = 0;
	want->has_param[ISO_A_CPU_BUDGET_SIGNAL] = false;
	if (!strcmp(arg, "notify")) {
		want->params[ISO_A_CPU_BUDGET_ACTION] = ISO_CPU_BUDGET_NOTIFY;
	} else if (!strcmp(arg, "kill")) {
		want->params[ISO_A_CPU_BUDGET_ACTION] = ISO_CPU_BUDGET_KILL;
	} else if (!strcmp(arg, "freeze")) {
		want->params[ISO_A_CPU_BUDGET_ACTION] = ISO_CPU_BUDGET_FREEZE;
	} else if (!strncmp(arg, "signal:", 7) && !parse_signal(arg + 7, &sig)) {
		want->params[ISO_A_CPU_BUDGET_ACTION] = ISO_CPU_BUDGET_SIGNAL;
		want->params[ISO_A_CPU_BUDGET_SIGNAL] = sig;
		want->has_param[ISO_A_CPU_BUDGET_SIGNAL] = true;
	} else {
		snprintf(why, len, "not notify, kill, freeze or signal:SIG");
		return -EINVAL;
	}
	want->has_param[ISO_A_CPU_BUDGET_ACTION] = true;
	return 0;
}

static const char *action_name(uint64_t action)
{
	switch (action) {
	case ISO_CPU_BUDGET_NOTIFY:
		return "notify";
	case ISO_CPU_BUDGET_SIGNAL:
		return "signal";
	case ISO_CPU_BUDGET_KILL:
		return "kill";
	case ISO_CPU_BUDGET_FREEZE:
		return "freeze";
	default:
		return "unknown";
	}
}

static void cpu_budget_to_json(struct json_object *o,
			       const struct iso_limit_rec *r)
{
	const uint64_t *p = r->params, *s = r->state;

	iso_json_u64(o, "budget_ns", p[ISO_A_CPU_BUDGET_BUDGET_NS]);
	iso_json_str(o, "action", action_name(p[ISO_A_CPU_BUDGET_ACTION]));
	iso_json_u64(o, "signal", p[ISO_A_CPU_BUDGET_SIGNAL]);
	iso_json_u64(o, "used_ns", s[ISO_A_CPU_BUDGET_USED_NS]);
	iso_json_bool(o, "spent", s[ISO_A_CPU_BUDGET_SPENT]);
	iso_json_u64(o, "overshoot_ns", s[ISO_A_CPU_BUDGET_OVERSHOOT_NS]);
	iso_json_u64(o, "kill_rounds", s[ISO_A_CPU_BUDGET_KILL_ROUNDS]);
	iso_json_bool(o, "freeze_sent", s[ISO_A_CPU_BUDGET_FREEZE_SENT]);
}

static void cpu_budget_print(FILE *f, const struct iso_limit_rec *r)
{
	const uint64_t *p = r->params, *s = r->state;
	uint64_t action = p[ISO_A_CPU_BUDGET_ACTION];

	fprintf(f, "%.3f s, on exceeding %s", p[ISO_A_CPU_BUDGET_BUDGET_NS] / 1e9,
		action_name(action));
	if (action == ISO_CPU_BUDGET_SIGNAL)
		fprintf(f, " %" PRIu64, p[ISO_A_CPU_BUDGET_SIGNAL]);
	fprintf(f, "; used %.3f s", s[ISO_A_CPU_BUDGET_USED_NS] / 1e9);
	if (s[ISO_A_CPU_BUDGET_SPENT])
		fprintf(f, ", spent: %.1f ms over",
			s[ISO_A_CPU_BUDGET_OVERSHOOT_NS] / 1e6);
	if (s[ISO_A_CPU_BUDGET_SPENT] && action == ISO_CPU_BUDGET_KILL)
		fprintf(f, ", %" PRIu64 " kill rounds",
			s[ISO_A_CPU_BUDGET_KILL_ROUNDS]);
	if (s[ISO_A_CPU_BUDGET_SPENT] && action == ISO_CPU_BUDGET_FREEZE)
		fprintf(f, s[ISO_A_CPU_BUDGET_FREEZE_SENT] ?
			", the monitor was told to freeze it" :
			", no monitor was told to freeze it");
}

static void cpu_budget_brief(char *buf, size_t len, const struct iso_limit_rec *r)
{
	const uint64_t *s = r->state;
	uint64_t budget = r->params[ISO_A_CPU_BUDGET_BUDGET_NS] ?: 1;

	if (s[ISO_A_CPU_BUDGET_SPENT])
		snprintf(buf, len, "spent");
	else
		snprintf(buf, len, "%.0f%% used",
			 s[ISO_A_CPU_BUDGET_USED_NS] * 100.0 / budget);
}

const struct iso_limit_kind iso_limit_cpu_budget = {
	.controller	= "cpu_budget",
	.option		= "cpu-budget",
	.arg_help	= "DURATION[,on-exceed=ACTION]",
	.u64_params	= 1u << ISO_A_CPU_BUDGET_BUDGET_NS,
	.parse		= cpu_budget_parse,
	.print		= cpu_budget_print,
	.to_json	= cpu_budget_to_json,
	.brief		= cpu_budget_brief,
	.extra_option	= "on-exceed",
	.extra_help	= "notify|kill|freeze|signal:SIG",
	.parse_extra	= cpu_budget_parse_action,
};
