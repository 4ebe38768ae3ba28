/* SPDX-License-Identifier: GPL-2.0 */
#ifndef ISO_STATS_JSON_ROWS_H
#define ISO_STATS_JSON_ROWS_H

#include <stdbool.h>
#include <stdio.h>

#include "json.h"
#include "stats/sample.h"

/*
 * A row as isoctl stats --json has always shown it: iso.ko's record, raw
 * units, then block and net I/O where they are known.  NULL on ENOMEM.
 */
struct json_object *iso_stats_row_json(const struct iso_stats_row *r);

/*
 * @s as a JSON array: one row a line, or all of it on one line with
 * @one_line, as --watch prints each sample.
 */
int iso_stats_print_json(FILE *f, const struct iso_stats_sample *s,
			 bool one_line);

#endif /* ISO_STATS_JSON_ROWS_H */
