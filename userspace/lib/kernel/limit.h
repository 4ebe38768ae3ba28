/* SPDX-License-Identifier: GPL-2.0 */
#ifndef ISO_LIMIT_H
#define ISO_LIMIT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <netlink/msg.h>
#include <linux/iso.h>

struct iso_genl;

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
};

/* The kind whose controller or option is @name, or NULL. */
const struct iso_limit_kind *iso_limit_kind_find(const char *name);
extern const struct iso_limit_kind *const iso_limit_kinds[];
extern const unsigned int iso_nr_limit_kinds;

/* Set @kind's limit on container @name to the params of @want. */
int iso_genl_limit_set(struct iso_genl *g, const char *name,
		       const struct iso_limit_kind *kind,
		       const struct iso_limit_rec *want);
/*
 * Clear @controller's limit, or all with NULL.  0 either way: when there
 * was none to clear, g->extack says so and *@cleared is false.
 */
int iso_genl_limit_clear(struct iso_genl *g, const char *name,
			 const char *controller, bool *cleared);
/* Up to @max of container @name's limits, in @recs; their count in @n. */
int iso_genl_limit_get(struct iso_genl *g, const char *name,
		       struct iso_limit_rec *recs, unsigned int max,
		       unsigned int *n);

/* Fill @rec from an ISO_A_LIMIT nest; -EINVAL if it is malformed. */
int iso_limit_parse(struct nlattr *nest, struct iso_limit_rec *rec);

#endif /* ISO_LIMIT_H */
