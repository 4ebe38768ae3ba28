/* SPDX-License-Identifier: GPL-2.0 */
#ifndef ISO_MONITORD_H
#define ISO_MONITORD_H

#include <sys/un.h>

/* The store's monitord (state_events.h says what it does). */

/* BASE/.monitor, through @dirfd, a descriptor of BASE. */
void iso_monitord_path(struct sockaddr_un *sa, int dirfd);

/*
 * isoctl run by this name is a monitord: iso_monitord_main(BASE), its
 * only argument.  ps shows "iso-monitord /var/lib/iso".
 */
#define ISO_MONITORD_ARGV0 "iso-monitord"
int iso_monitord_main(const char *base);

/*
 * Start the store's monitord as a daemon, unless one runs already:
 * 0 once it listens or another one holds the store, else -errno.
 */
int iso_monitord_spawn(const char *base);

#endif /* ISO_MONITORD_H */
