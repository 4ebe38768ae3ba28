/* SPDX-License-Identifier: GPL-2.0 */
#ifndef ISO_STATS_TABLE_H
#define ISO_STATS_TABLE_H

#include <stdio.h>

#include "stats/columns.h"

/*
 * The columns a table of @s shows: iso.ko's own only when the
 * figures come from it, PARENT only when a row has one.  Their indices
 * in iso_stats_columns[], in @cols; the count is returned.
 */
unsigned int iso_stats_default_columns(const struct iso_stats_sample *s,
				       bool module, unsigned int *cols);

/* @s as docker stats prints it, each column as wide as it needs. */
int iso_stats_print_table(FILE *f, const struct iso_stats_sample *s,
			  const unsigned int *cols, unsigned int n_cols);

#endif /* ISO_STATS_TABLE_H */
