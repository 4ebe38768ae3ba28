/* SPDX-License-Identifier: GPL-2.0 */
#ifndef ISO_SUBID_H
#define ISO_SUBID_H

#include <stdbool.h>

/* What create --userns maps: 65536 ids, as LXC's unprivileged default. */
#define ISO_SUBID_COUNT	65536UL

struct iso_subid {
	unsigned long uid, gid;	/* first host id of root's ranges */
	unsigned long count;
	bool added;		/* usermod gave root a range just now */
};

/*
 * root's subordinate ids, from /etc/subuid and /etc/subgid; a range is
 * added where root has none.  Errors name the file, the step and errno.
 */
int iso_subid_root(struct iso_subid *ids);

#endif /* ISO_SUBID_H */
