/* SPDX-License-Identifier: GPL-2.0 */
#ifndef ISO_STATS_COLUMNS_H
#define ISO_STATS_COLUMNS_H

#include <stddef.h>

#include "stats/sample.h"

/*
 * The columns of isoctl stats and top: docker stats' first, then iso.ko's
 * own counters.  A cell whose figure is not known is "--", as in docker.
 */

struct iso_stats_column {
	const char *header;		/* "MEM USAGE / LIMIT" */
	const char *key;		/* "mem", for sorting and -F */
	unsigned int needs;		/* ISO_STATS_HAS() bits, all of them */
	bool module_only;		/* left out when read from cgroupfs */
	void (*cell)(char *buf, size_t len, const struct iso_stats_row *r);
	/* what the column sorts by, larger first; NULL: by text */
	double (*weight)(const struct iso_stats_row *r);
};

extern const struct iso_stats_column iso_stats_columns[];
extern const unsigned int iso_stats_nr_columns;

/* The column whose key is @key, or NULL. */
const struct iso_stats_column *iso_stats_column_find(const char *key);

/* Its cell for @r, "--" when a figure it needs is not known. */
void iso_stats_cell(const struct iso_stats_column *c, char *buf, size_t len,
		    const struct iso_stats_row *r);

/* Whether any row has a parent, for the PARENT column. */
bool iso_stats_nested(const struct iso_stats_sample *s);

/*
 * Sort @s's rows by column @c, as isoctl top does: by name for NAME and
 * PARENT, else largest first, unknown last; @reverse turns it round.
 */
void iso_stats_sort(struct iso_stats_sample *s, const struct iso_stats_column *c,
		    bool reverse);

/* Sizes as docker prints them: "1.5MiB" in powers of 1024, "1.2kB" of 1000. */
void iso_size_binary(char *buf, size_t len, uint64_t bytes);
void iso_size_decimal(char *buf, size_t len, uint64_t bytes);

#endif /* ISO_STATS_COLUMNS_H */
