// SPDX-License-Identifier: GPL-2.0
/*
 * Halting a running container, for stop and destroy -f: init's halt
 * signal, SIGKILL after a timeout, then the wait for its monitor to take
 * the cgroups and veths down; and rebooting one, for stop -r.  init is
 * reached through a pidfd checked to be init's, never a bare pid.
 */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <sys/pidfd.h>
#include <unistd.h>

#include "error.h"
#include "runtime/cgroup.h"
#include "runtime/halt.h"
#include "runtime/state.h"

#define MONITOR_WAIT_MS 30000

/* Through a pidfd, so that a recycled pid is never signalled. */
static int signal_init(int pidfd, int sig)
{
	if (pidfd_send_signal(pidfd, sig, NULL, 0) && errno != ESRCH)
		return -errno;
	return 0;
}

/* Whether init exited within @timeout seconds (-1: no limit). */
static bool exited_within(int pidfd, int timeout)
{
	struct pollfd p = { .fd = pidfd, .events = POLLIN };
	int ret;

	do
		ret = poll(&p, 1, timeout < 0 ? -1 : timeout * 1000);
	while (ret < 0 && errno == EINTR);
	return ret > 0;
}

/*
 * A frozen init would take neither its halt signal nor, under the v1
 * freezer, SIGKILL: thaw it first, as lxc-stop does.  On v1, a cgroup
 * the container froze of its own, below, would hold its tasks, and init
 * with them, in the pid namespace's end: thaw them all.
 */
static int thaw(const struct iso_cgroup *cg)
{
	const char *freezer = iso_cgroup_v1_dir(cg, "freezer");
	int ret;

	if (freezer) {
		ret = iso_cgroup_thaw_tree(freezer);
		if (ret)
			return iso_fail(ret, "thawing", freezer);
	}
	if (!iso_cgroup_frozen(cg))
		return 0;
	return iso_cgroup_freeze(cg, false);
}

/*
 * Until the monitor has cleaned up.  Meanwhile, thaw again and again: a
 * task the container froze (v1) after the first thaw would hold init's
 * exit, in the pid namespace's end, for ever.  Once every task has its
 * SIGKILL, none can freeze another.  @freezer: NULL if none.
 */
static int wait_monitor(const char *cmd, const char *dir, const char *name,
			const char *freezer)
{
	unsigned int waited;

	for (waited = 0; waited < MONITOR_WAIT_MS; waited += 100) {
		if (freezer)
			iso_cgroup_thaw_tree(freezer);
		if (!iso_state_wait_stopped(dir, 100))
			return 0;
	}
	return iso_failf(-ETIMEDOUT, cmd, "%s: its monitor is still cleaning up",
			 name);
}

/*
 * lxc.signal.stop: one init may catch, or ignore, as pid 1 does any
 * signal it has no handler for; SIGKILL after @timeout then, so that a
 * stop -k always ends the container, as LXC's does not.
 */
static int kill_init(int pidfd, int stop_sig, int timeout)
{
	int ret = signal_init(pidfd, stop_sig);

	if (!ret && stop_sig != SIGKILL &&
	    !exited_within(pidfd, timeout < 0 ? 10 : timeout))
		ret = signal_init(pidfd, SIGKILL);
	return ret;
}

int iso_container_halt(const char *cmd, const char *dir, const char *name,
		       int sig, int stop_sig, int timeout, bool kill_now)
{
	int pidfd, ret = 0;
	static struct iso_cgroup cg;
	bool found;
	pid_t pid;

	pidfd = iso_state_pidfd(dir, &pid);
	if (pidfd == -ESRCH)
		return -ESRCH;
	if (pidfd < 0)
		return iso_failf(pidfd, cmd, "watching %s", name);
	found = !iso_cgroup_find_quiet(&cg, dir, name);
	/* thawing said why it failed; SIGKILL is then the best left */
	if (found && thaw(&cg)) {
		kill_now = true;
		stop_sig = SIGKILL;
	}
	if (!kill_now) {
		ret = signal_init(pidfd, sig);
		if (ret)
			iso_failf(ret, cmd, "signalling %s (pid %d)", name, (int)pid);
	}
	if (kill_now || ret || !exited_within(pidfd, timeout))
		ret = kill_init(pidfd, stop_sig, timeout);
	close(pidfd);
	if (ret)
		return iso_failf(ret, cmd, "killing %s (pid %d)", name, (int)pid);
	return wait_monitor(cmd, dir, name,
			    found ? iso_cgroup_v1_dir(&cg, "freezer") : NULL);
}

int iso_container_reboot(const char *cmd, const char *dir, const char *name,
			 int sig, int timeout)
{
	unsigned int waited;
	pid_t pid, now;
	int pidfd, ret;

	pidfd = iso_state_pidfd(dir, &pid);
	if (pidfd == -ESRCH)
		return -ESRCH;
	if (pidfd < 0)
		return iso_failf(pidfd, cmd, "watching %.64s", name);
	ret = signal_init(pidfd, sig);
	if (ret)
		iso_failf(ret, cmd, "signalling %.64s (pid %d)", name, (int)pid);
	else if (timeout && !exited_within(pidfd, timeout))
		ret = iso_failf(-ETIMEDOUT, cmd, "%.64s: init did not reboot within %d s",
				name, timeout);
	close(pidfd);
	if (ret || !timeout)
		return ret;
	/* then its monitor starts it again, within @timeout too, or lets it go */
	for (waited = 0; timeout < 0 || waited < (unsigned int)timeout * 1000;
	     waited += 50) {
		now = iso_state_running(dir);
		if (now && now != pid)
			return 0;
		if (!now && !iso_state_locked(dir))
			return iso_failf(-ECANCELED, cmd, "%.64s: stopped, not rebooted",
					 name);
		usleep(50 * 1000);
	}
	return iso_failf(-ETIMEDOUT, cmd, "%.64s: not running again within %d s",
			 name, timeout);
}
