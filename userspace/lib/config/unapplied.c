// SPDX-License-Identifier: GPL-2.0
/*
 * What of LXC's keys isoctl would read and check but not apply: noted in
 * cfg->unapplied, with where, for checkconfig -f to list and start to
 * say.  Every key of LXC 5.0.2 is applied, so nothing notes one now.
 */
#include <stdio.h>
#include <string.h>

#include "config/parser.h"

void cfg_note_unapplied(struct parser *p, const char *key)
{
	struct iso_config *cfg = p->cfg;
	size_t len = strlen(key);
	char *item;
	int i;

	for (i = 0; i < cfg->n_unapplied; i++)
		if (strcspn(cfg->unapplied[i], " ") == len &&
		    !strncmp(cfg->unapplied[i], key, len))
			return;
	if (cfg->n_unapplied == ISO_CFG_MAX_UNAPPLIED) {
		cfg->unapplied_more = true;
		return;
	}
	item = cfg->unapplied[cfg->n_unapplied++];
	if (p->line)
		snprintf(item, ISO_CFG_UNAPPLIED_LEN, "%.100s %.140s:%d", key,
			 p->file, p->line);
	else
		snprintf(item, ISO_CFG_UNAPPLIED_LEN, "%.100s", key);
}

void cfg_unnote_unapplied(struct parser *p, const char *key)
{
	struct iso_config *cfg = p->cfg;
	size_t len = strlen(key);
	int i, kept = 0;

	for (i = 0; i < cfg->n_unapplied; i++)
		if (strcspn(cfg->unapplied[i], " ") != len ||
		    strncmp(cfg->unapplied[i], key, len))
			memmove(cfg->unapplied[kept++], cfg->unapplied[i],
				ISO_CFG_UNAPPLIED_LEN);
	cfg->n_unapplied = kept;
}
