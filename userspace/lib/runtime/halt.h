/* SPDX-License-Identifier: GPL-2.0 */
#ifndef ISO_HALT_H
#define ISO_HALT_H

#include <stdbool.h>

/*
 * Send init @sig, then @stop_sig (lxc.signal.stop) unless it exits within
 * @timeout seconds (-1: no limit), or @stop_sig at once if @kill_now; a
 * frozen container is thawed first.  A @stop_sig other than SIGKILL that
 * init outlives by @timeout seconds (10 if -1) is followed by SIGKILL.
 * Returns once the monitor has let go of DIR/lock, or -ESRCH, saying
 * nothing, if it was not running; other errors name @cmd.
 */
int iso_container_halt(const char *cmd, const char *dir, const char *name,
		       int sig, int stop_sig, int timeout, bool kill_now);

/*
 * Send init @sig (lxc.signal.reboot), and unless @timeout is 0, wait that
 * many seconds (-1: no limit) for it to exit, then as long again for its
 * monitor to start it again, as reboot(2) in its pid namespace asks
 * (init killed by SIGHUP).  -ESRCH, saying nothing, if it was not
 * running; other errors name @cmd.
 */
int iso_container_reboot(const char *cmd, const char *dir, const char *name,
			 int sig, int timeout);

#endif /* ISO_HALT_H */
