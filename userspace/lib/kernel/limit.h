/* SPDX-License-Identifier: GPL-2.0 */
#ifndef ISO_LIMIT_H
#define ISO_LIMIT_H

#include <stdbool.h>
#include <stdint.h>
#include <netlink/msg.h>

#include "kernel/limit_kind.h"

struct iso_genl;

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
