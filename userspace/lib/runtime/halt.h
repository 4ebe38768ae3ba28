/* SPDX-License-Identifier: GPL-2.0 */
#ifndef ISO_HALT_H
#define ISO_HALT_H

#include <stdbool.h>

/*
 * Send init @sig, then SIGKILL unless it exits within @timeout seconds
 * (-1: no limit), or SIGKILL at once if @kill_now; a frozen container is
 * thawed first.  Returns once the monitor has let go of DIR/lock, or
 * -ESRCH, saying nothing, if it was not running; other errors name @cmd.
 */
int iso_container_halt(const char *cmd, const char *dir, const char *name,
		       int sig, int timeout, bool kill_now);

#endif /* ISO_HALT_H */
