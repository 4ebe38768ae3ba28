// SPDX-License-Identifier: GPL-2.0
/* The controllers isoctl can set, in the order `isoctl limit` shows them. */
#include "kernel/limit.h"

extern const struct iso_limit_kind iso_limit_fork_rate;

const struct iso_limit_kind *const iso_limit_kinds[] = {
	&iso_limit_fork_rate,
};

const unsigned int iso_nr_limit_kinds =
	sizeof(iso_limit_kinds) / sizeof(iso_limit_kinds[0]);
