/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What isoctl knows of iso.ko's enforcement controllers, without netlink:
 * the config parser checks iso.limit.* values with it too.
 */
#ifndef ISO_LIMIT_KIND_H
#define ISO_LIMIT_KIND_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <linux/iso.h>

/* Attribute numbers a controller's own enum may use. */
#define ISO_LIMIT_ATTRS 32

/* One limit as the kernel reports it: its controller and its numbers. */
struct iso_limit_rec {
	char controller[ISO_CONTROLLER_NAME_MAX + 1];
	uint64_t params[ISO_LIMIT_ATTRS];	/* by the controller's attr */
	bool has_param[ISO_LIMIT_ATTRS];
	uint64_t state[ISO_LIMIT_ATTRS];
	bool has_state[ISO_LIMIT_ATTRS];
};

/*
 * What isoctl knows of a controller: the option that sets it, and how to
 * turn the option's argument into ISO_A_LIMIT_PARAMS and a record back
 * into words.  limit_kinds.c lists them.
 */
struct iso_limit_kind {
	const char *controller;		/* the kernel's name: "fork_rate" */
	const char *option;		/* isoctl's: "fork-rate" */
	const char *arg_help;		/* "N/s[,burst=B]" */
	uint32_t u64_params;		/* bit N: param attr N is a u64 */
	/* fill @want's params from @arg; -EINVAL after writing why in @why */
	int (*parse)(const char *arg, struct iso_limit_rec *want, char *why,
		     size_t len);
	/* one line of text, or one JSON object's members */
	void (*print)(FILE *f, const struct iso_limit_rec *r, bool json);
	/* optional: a second option that qualifies the first */
	const char *extra_option;	/* "on-exceed" */
	const char *extra_help;		/* "notify|kill|signal:SIG" */
	int (*parse_extra)(const char *arg, struct iso_limit_rec *want,
			   char *why, size_t len);
};

/* The kind whose controller or option is @name, or NULL. */
const struct iso_limit_kind *iso_limit_kind_find(const char *name);
extern const struct iso_limit_kind *const iso_limit_kinds[];
extern const unsigned int iso_nr_limit_kinds;

#endif /* ISO_LIMIT_KIND_H */
