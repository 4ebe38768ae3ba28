/* SPDX-License-Identifier: GPL-2.0 */
#ifndef ISO_MONITORD_H
#define ISO_MONITORD_H

#include <limits.h>
#include <sys/un.h>

/*
 * The store's monitord (state_events.h says what it does).  Its socket
 * and lock are in /run/iso/monitor, root's alone, named by a hash of the
 * store's path: a store's owner cannot reach them through the store, and
 * listening to a store needs nothing made in it.
 */
#define ISO_MONITORD_DIR "/run/iso/monitor"

struct iso_monitord_addr {
	char store[PATH_MAX];	/* realpath of the store, else absolute */
	char lock[PATH_MAX];
	struct sockaddr_un sa;
};

/* Where store @base's monitord listens; -errno if @base is no path. */
int iso_monitord_addr(struct iso_monitord_addr *a, const char *base);

/* 0 if ISO_MONITORD_DIR is a directory of our user's alone, else -errno. */
int iso_monitord_dir_check(void);

/*
 * isoctl run by this name is a monitord: iso_monitord_main(STORE), its
 * only argument.  ps shows "iso-monitord /var/lib/iso".
 */
#define ISO_MONITORD_ARGV0 "iso-monitord"
int iso_monitord_main(const char *store);

/*
 * Start the store's monitord as a daemon, unless one runs already:
 * 0 once it listens or another one holds the store, else -errno.
 */
int iso_monitord_spawn(const struct iso_monitord_addr *a);

#endif /* ISO_MONITORD_H */
