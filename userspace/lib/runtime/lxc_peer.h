/* SPDX-License-Identifier: GPL-2.0 */
#ifndef ISO_LXC_PEER_H
#define ISO_LXC_PEER_H

#include <stdbool.h>

/*
 * Whether LXC's own monitor (lxc-start), as root, runs the container of
 * directory @dir (LXCPATH/NAME): its command socket, "@LXCPATH/NAME/command"
 * or the hashed name LXC 5.0 takes when that is too long, under the
 * store's path as given, without trailing slashes and for real, takes a
 * connection.  The abstract name is per network namespace: an lxc-start
 * in another one is not seen.
 */
bool iso_lxc_running_dir(const char *dir);

/*
 * For a command that would start, stop or remove container @name in
 * @dir: -EBUSY after saying that LXC runs it; else 0, as when isoctl
 * runs it.
 */
int iso_lxc_refuse(const char *cmd, const char *dir, const char *name);

/*
 * With @dir's lock held: bind LXC's names of it, without listening, for
 * as long as this process lives, so that lxc-start finds it running.
 * -EBUSY if LXC's monitor has one (it started meanwhile), else 0.
 */
int iso_lxc_claim(const char *dir);

#endif /* ISO_LXC_PEER_H */
