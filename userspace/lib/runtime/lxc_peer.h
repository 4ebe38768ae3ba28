/* SPDX-License-Identifier: GPL-2.0 */
#ifndef ISO_LXC_PEER_H
#define ISO_LXC_PEER_H

#include <stdbool.h>

/*
 * Whether LXC's own monitor (lxc-start) runs container @name of store
 * @lxcpath: its command socket, "@LXCPATH/NAME/command" or the hashed
 * name LXC 5.0 takes when that is too long, takes a connection.  The
 * abstract name is per network namespace: an lxc-start in another one
 * is not seen.
 */
bool iso_lxc_running(const char *lxcpath, const char *name);

/*
 * The same for container directory @dir (LXCPATH/NAME), under its path
 * as given and its real path: LXC names the socket after the lxcpath its
 * tools were given.
 */
bool iso_lxc_running_dir(const char *dir);

/*
 * For the commands that would start, stop or remove container @name in
 * @dir: -EBUSY after saying that LXC runs it, else 0.
 */
int iso_lxc_refuse(const char *cmd, const char *dir, const char *name);

#endif /* ISO_LXC_PEER_H */
