// SPDX-License-Identifier: GPL-2.0
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kernel/limit_kind.h"
#include "stats/columns.h"

/*
 * go-units' CustomSize(), which docker stats prints with, but for a value
 * that rounds up to the base: 999.7 kB is "1MB", not "1e+03kB".
 */
static void size_in(char *buf, size_t len, uint64_t bytes, double base,
		    const char *const *units, int n_units, const char *fmt)
{
	double v = bytes;
	int i = 0;

	while (v >= base && i < n_units - 1) {
		v /= base;
		i++;
	}
	snprintf(buf, len, fmt, v, units[i]);
	if (strchr(buf, 'e') && i < n_units - 1)
		snprintf(buf, len, fmt, v / base, units[i + 1]);
}

void iso_size_binary(char *buf, size_t len, uint64_t bytes)
{
	static const char *const units[] = {
		"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB",
	};

	size_in(buf, len, bytes, 1024, units, 7, "%.4g%s");
}

void iso_size_decimal(char *buf, size_t len, uint64_t bytes)
{
	static const char *const units[] = {
		"B", "kB", "MB", "GB", "TB", "PB", "EB",
	};

	size_in(buf, len, bytes, 1000, units, 7, "%.3g%s");
}

static void name_cell(char *buf, size_t len, const struct iso_stats_row *r)
{
	snprintf(buf, len, "%.64s", r->name);
}

static void parent_cell(char *buf, size_t len, const struct iso_stats_row *r)
{
	snprintf(buf, len, "%.64s", r->parent[0] ? r->parent : "-");
}

static double cpu_weight(const struct iso_stats_row *r)
{
	return r->cpu_pct;
}

static void cpu_cell(char *buf, size_t len, const struct iso_stats_row *r)
{
	if (r->cpu_pct < 0)
		snprintf(buf, len, "--");
	else
		snprintf(buf, len, "%.2f%%", r->cpu_pct);
}

static void mem_cell(char *buf, size_t len, const struct iso_stats_row *r)
{
	char use[16], limit[16];

	iso_size_binary(use, sizeof(use), r->mem_bytes);
	if (r->has & ISO_STATS_HAS(MEM_LIMIT))
		iso_size_binary(limit, sizeof(limit), r->mem_avail);
	else
		snprintf(limit, sizeof(limit), "--");
	snprintf(buf, len, "%s / %s", use, limit);
}

static double mem_weight(const struct iso_stats_row *r)
{
	return r->mem_bytes;
}

static double mem_pct_weight(const struct iso_stats_row *r)
{
	return r->mem_avail ? r->mem_bytes * 100.0 / r->mem_avail : 0;
}

static void mem_pct_cell(char *buf, size_t len, const struct iso_stats_row *r)
{
	snprintf(buf, len, "%.2f%%", mem_pct_weight(r));
}

static void pair_cell(char *buf, size_t len, uint64_t a, uint64_t b)
{
	char x[16], y[16];

	iso_size_decimal(x, sizeof(x), a);
	iso_size_decimal(y, sizeof(y), b);
	snprintf(buf, len, "%s / %s", x, y);
}

static void net_cell(char *buf, size_t len, const struct iso_stats_row *r)
{
	pair_cell(buf, len, r->net_rx, r->net_tx);
}

static double net_weight(const struct iso_stats_row *r)
{
	return (double)r->net_rx + r->net_tx;
}

static void block_cell(char *buf, size_t len, const struct iso_stats_row *r)
{
	pair_cell(buf, len, r->blk_read, r->blk_write);
}

static double block_weight(const struct iso_stats_row *r)
{
	return (double)r->blk_read + r->blk_write;
}

#define COUNTER(field)							\
static void field##_cell(char *buf, size_t len,				\
			 const struct iso_stats_row *r)			\
{									\
	snprintf(buf, len, "%" PRIu64, r->field);			\
}									\
static double field##_weight(const struct iso_stats_row *r)		\
{									\
	return r->field;						\
}

COUNTER(pids)
COUNTER(forks)
COUNTER(execs)
COUNTER(exits)
COUNTER(oom_kills)

static void csw_cell(char *buf, size_t len, const struct iso_stats_row *r)
{
	snprintf(buf, len, "%" PRIu64, r->nvcsw + r->nivcsw);
}

static double csw_weight(const struct iso_stats_row *r)
{
	return (double)r->nvcsw + r->nivcsw;
}

/* Each limit as "controller: what it did", or "-" for none. */
static void limits_cell(char *buf, size_t len, const struct iso_stats_row *r)
{
	const struct iso_limit_kind *kind;
	const struct iso_limit_rec *l;
	char brief[64];
	size_t used = 0;
	unsigned int i;

	snprintf(buf, len, "-");
	for (i = 0; r->rec && i < r->rec->n_limits && used < len; i++) {
		l = &r->rec->limits[i];
		kind = iso_limit_kind_find(l->controller);
		brief[0] = '\0';
		if (kind && kind->brief)
			kind->brief(brief, sizeof(brief), l);
		used += snprintf(buf + used, len - used, "%s%.31s%s%.63s",
				 i ? ", " : "", l->controller,
				 brief[0] ? ": " : "", brief);
	}
}

static double limits_weight(const struct iso_stats_row *r)
{
	return r->rec ? r->rec->n_limits : 0;
}

const struct iso_stats_column iso_stats_columns[] = {
	{ "NAME", "name", 0, false, name_cell, NULL },
	{ "CPU %", "cpu", ISO_STATS_HAS(CPU), false, cpu_cell, cpu_weight },
	{ "MEM USAGE / LIMIT", "mem", ISO_STATS_HAS(MEM), false, mem_cell,
	  mem_weight },
	{ "MEM %", "memp", ISO_STATS_HAS(MEM) | ISO_STATS_HAS(MEM_LIMIT), false,
	  mem_pct_cell, mem_pct_weight },
	{ "NET I/O", "net", ISO_STATS_HAS(NET), false, net_cell, net_weight },
	{ "BLOCK I/O", "block", ISO_STATS_HAS(BLOCK), false, block_cell,
	  block_weight },
	{ "PIDS", "pids", ISO_STATS_HAS(PIDS), false, pids_cell, pids_weight },
	{ "FORKS", "forks", ISO_STATS_HAS(FORKS), true, forks_cell,
	  forks_weight },
	{ "EXECS", "execs", ISO_STATS_HAS(EXECS), true, execs_cell,
	  execs_weight },
	{ "EXITS", "exits", ISO_STATS_HAS(EXITS), true, exits_cell,
	  exits_weight },
	{ "CSW", "csw", ISO_STATS_HAS(CSW), true, csw_cell, csw_weight },
	{ "OOM", "oom", ISO_STATS_HAS(OOM), true, oom_kills_cell,
	  oom_kills_weight },
	{ "LIMITS", "limits", ISO_STATS_HAS(LIMITS), true, limits_cell,
	  limits_weight },
	{ "PARENT", "parent", 0, true, parent_cell, NULL },
};

const unsigned int iso_stats_nr_columns =
	sizeof(iso_stats_columns) / sizeof(iso_stats_columns[0]);

const struct iso_stats_column *iso_stats_column_find(const char *key)
{
	unsigned int i;

	for (i = 0; i < iso_stats_nr_columns; i++)
		if (!strcasecmp(iso_stats_columns[i].key, key))
			return &iso_stats_columns[i];
	return NULL;
}

void iso_stats_cell(const struct iso_stats_column *c, char *buf, size_t len,
		    const struct iso_stats_row *r)
{
	if ((r->has & c->needs) != c->needs)
		snprintf(buf, len, "--");
	else
		c->cell(buf, len, r);
}

bool iso_stats_nested(const struct iso_stats_sample *s)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		if (s->rows[i].parent[0])
			return true;
	return false;
}

struct sort_by {
	const struct iso_stats_column *c;
	int sign;
};

static int compare(const void *a, const void *b, void *arg)
{
	const struct iso_stats_row *x = a, *y = b;
	const struct sort_by *by = arg;
	double wx, wy;
	bool kx, ky;

	if (!by->c->weight) {
		const char *nx = by->c->cell == parent_cell ? x->parent : x->name;
		const char *ny = by->c->cell == parent_cell ? y->parent : y->name;
		int d = strcmp(nx, ny);

		return by->sign * (d ?: strcmp(x->name, y->name));
	}
	kx = (x->has & by->c->needs) == by->c->needs;
	ky = (y->has & by->c->needs) == by->c->needs;
	wx = kx ? by->c->weight(x) : -1;
	wy = ky ? by->c->weight(y) : -1;
	if (wx != wy)
		return by->sign * (wx > wy ? -1 : 1);
	return strcmp(x->name, y->name);
}

void iso_stats_sort(struct iso_stats_sample *s, const struct iso_stats_column *c,
		    bool reverse)
{
	struct sort_by by = { c, reverse ? -1 : 1 };

	if (s->n)
		qsort_r(s->rows, s->n, sizeof(*s->rows), compare, &by);
}
