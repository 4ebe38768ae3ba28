/* SPDX-License-Identifier: GPL-2.0 */
#ifndef ISO_RUNTIME_TTYS_H
#define ISO_RUNTIME_TTYS_H

#include <stdbool.h>

#include "config/config.h"

/* lxc.tty.max's limit, which the config checks */
#define ISO_TTY_MAX 64

/* "pts/N " each: what init is told */
#define ISO_TTY_NAMES_MAX (ISO_TTY_MAX * 16)

/*
 * In the child, in its mount namespace before pivot_root: a container's
 * terminals, each a pty of its own devpts, as LXC makes them.  With
 * @console, its /dev/console; with @ttys, lxc.tty.max more, bound on
 * /dev/ttyN, or with lxc.tty.dir on /dev/DIR/ttyN with /dev/ttyN a link
 * there (and the console on /dev/DIR/console too).  Both ends of each go
 * to the parent over @sk, numbered: 0 the console, N ttyN.  @names gets
 * LXC's container_ttys value, the ttys' devpts names ("pts/1 pts/2"), for
 * init's environment.  0, or a negative errno, said.
 */
int iso_ttys_make(int rootfd, const struct iso_config *cfg, bool console,
		  bool ttys, int sk, char names[ISO_TTY_NAMES_MAX]);

#endif /* ISO_RUNTIME_TTYS_H */
