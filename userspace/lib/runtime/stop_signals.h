/* SPDX-License-Identifier: GPL-2.0 */
#ifndef ISO_STOP_SIGNALS_H
#define ISO_STOP_SIGNALS_H

/*
 * For a daemon that must clean up when told to go: block SIGINT, SIGTERM
 * and SIGHUP, and return a signalfd (O_CLOEXEC) that reads them, or
 * -errno.  Its children inherit the mask: reset it before an exec.
 */
int iso_stop_signalfd(void);

/*
 * In a child of such a daemon, before it execs another program: every
 * signal's default disposition, and none blocked.
 */
void iso_signals_default(void);

#endif /* ISO_STOP_SIGNALS_H */
