// SPDX-License-Identifier: GPL-2.0
/*
 * LXC 5.0's keys that isoctl reads and checks but does not apply yet.
 * A config that LXC takes must load here too, with its values checked as
 * LXC checks them; what is not applied is noted in cfg->unapplied, for
 * checkconfig -f to list and start to say.  A key moves out of this
 * table into config.c's once something applies it.
 */
#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <strings.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config/parser.h"

typedef int (*check_fn)(struct parser *p, const char *key, const char *value);

static int check_nonempty(struct parser *p, const char *key, const char *value)
{
	if (!*value)
		return cfg_fail(p, "%.128s: empty", key);
	return 0;
}

static const struct unapplied_key {
	const char *key;	/* ending in '.': a family */
	check_fn check;
} keys[] = {
	{ "lxc.selinux.context.keyring", check_nonempty },
};

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

int cfg_set_unapplied(struct parser *p, const char *key, const char *value)
{
	size_t i, len;

	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		len = strlen(keys[i].key);
		if (keys[i].key[len - 1] == '.' ? strncmp(key, keys[i].key, len) :
		    strcmp(key, keys[i].key))
			continue;
		if (!*value && keys[i].check != cfg_clear_only) {
			if (keys[i].key[len - 1] == '.' && !key[len])
				break;	/* "lxc.sysctl." names nothing */
			cfg_unnote_unapplied(p, key);
			return 0;
		}
		if (keys[i].check(p, key, value))
			return -EINVAL;
		cfg_note_unapplied(p, key);
		return 0;
	}
	return -ENOENT;
}
