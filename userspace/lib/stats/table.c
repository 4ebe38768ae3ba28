// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "stats/table.h"

/* Cells are at most this long: LIMITS with every controller set. */
#define CELL_MAX 256

unsigned int iso_stats_default_columns(const struct iso_stats_sample *s,
				       bool module, unsigned int *cols)
{
	bool nested = iso_stats_nested(s);
	unsigned int i, n = 0;

	for (i = 0; i < iso_stats_nr_columns; i++) {
		const struct iso_stats_column *c = &iso_stats_columns[i];

		if (c->module_only && !module)
			continue;
		if (!strcmp(c->key, "parent") && !nested)
			continue;
		cols[n++] = i;
	}
	return n;
}

int iso_stats_print_table(FILE *f, const struct iso_stats_sample *s,
			  const unsigned int *cols, unsigned int n_cols)
{
	size_t width[64] = { 0 };
	char *cells;
	unsigned int c;
	size_t r;

	if (n_cols > 64)
		return -EINVAL;
	cells = calloc((s->n ?: 1) * n_cols, CELL_MAX);
	if (!cells)
		return -ENOMEM;
#define CELL(r, c) (cells + ((r) * n_cols + (c)) * CELL_MAX)
	for (c = 0; c < n_cols; c++) {
		width[c] = strlen(iso_stats_columns[cols[c]].header);
		for (r = 0; r < s->n; r++) {
			iso_stats_cell(&iso_stats_columns[cols[c]], CELL(r, c),
				       CELL_MAX, &s->rows[r]);
			if (strlen(CELL(r, c)) > width[c])
				width[c] = strlen(CELL(r, c));
		}
	}
	for (c = 0; c < n_cols; c++)
		fprintf(f, "%-*s%s", c + 1 < n_cols ? (int)width[c] : 0,
			iso_stats_columns[cols[c]].header,
			c + 1 < n_cols ? "   " : "\n");
	for (r = 0; r < s->n; r++)
		for (c = 0; c < n_cols; c++)
			fprintf(f, "%-*.*s%s", c + 1 < n_cols ? (int)width[c] : 0,
				CELL_MAX, CELL(r, c),
				c + 1 < n_cols ? "   " : "\n");
#undef CELL
	free(cells);
	return 0;
}
