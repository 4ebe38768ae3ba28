/* SPDX-License-Identifier: GPL-2.0 */
#ifndef ISO_STATE_H
#define ISO_STATE_H

#include <stdbool.h>
#include <sys/types.h>

/*
 * A container is running while its monitor holds an OFD write lock on
 * DIR/lock.  start takes it without waiting, so of two racing starts one
 * wins; the monitor inherits it and it goes away with the monitor, even
 * if the monitor is killed.  DIR/init.pid, written atomically once init
 * runs, says which host pid is the container's init.
 */

/*
 * Take the lock: an O_CLOEXEC fd holding it, -EBUSY if held (or LXC's
 * lxc-start runs it: see iso_lxc_claim()), or -errno.
 */
int iso_state_lock(const char *dir);

/*
 * The commands that change a running container (freeze, unfreeze, stop)
 * take DIR/ops.lock in turn: an O_CLOEXEC fd holding it, waited for if
 * @wait, else -EBUSY while another holds it.
 */
int iso_state_ops_lock(const char *dir, bool wait);

/* Whether some monitor holds the lock; looking does not take it. */
bool iso_state_locked(const char *dir);

/* The host pid of init while running, else 0. */
pid_t iso_state_running(const char *dir);

/*
 * A pidfd of init while running, its pid in @pid; else -ESRCH.  Whatever
 * is then looked up by pid, under /proc, is init's if
 * iso_state_pidfd_alive() says so after: a pid is not reused before
 * its process is reaped.
 */
int iso_state_pidfd(const char *dir, pid_t *pid);
bool iso_state_pidfd_alive(int pidfd);

int iso_state_save(const char *dir, pid_t init);
void iso_state_clear(const char *dir);

struct iso_cgroup;

/*
 * RUNNING, FROZEN or STOPPED, as lxc-info says it; init's pid in @pid
 * and, while it runs, its cgroups in @cg (else none).
 */
const char *iso_state_name(const char *dir, const char *name, pid_t *pid,
			   struct iso_cgroup *cg);

/* Wait up to @ms for the monitor to let go of the lock: 0 or -ETIMEDOUT. */
int iso_state_wait_stopped(const char *dir, unsigned int ms);

#endif /* ISO_STATE_H */
