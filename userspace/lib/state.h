/* SPDX-License-Identifier: GPL-2.0 */
#ifndef ISO_STATE_H
#define ISO_STATE_H

#include <sys/types.h>

/*
 * A running container has DIR/init.pid, written atomically by start; it
 * is running while that process lives.  Returns the pid, or 0.
 */
pid_t iso_state_running(const char *dir);

#endif /* ISO_STATE_H */
