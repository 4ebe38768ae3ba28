// SPDX-License-Identifier: GPL-2.0
/*
 * isoctl stop -n NAME [-t TIMEOUT] [-k] [-P PATH]: send init the halt
 * signal (lxc.signal.halt, SIGPWR by default), SIGKILL it after TIMEOUT
 * seconds (10, or iso.stop.timeout; -1 waits for ever), then wait for
 * the monitor to take the cgroups and veths down.
 */
#include <errno.h>
#include <limits.h>
#include <getopt.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "isoctl.h"
#include "config/config.h"
#include "error.h"
#include "runtime/state.h"
#include "runtime/store.h"

#define MONITOR_WAIT_MS 30000

/* Through a pidfd, so that a recycled pid is never signalled. */
static int signal_init(int pidfd, int sig)
{
	if (syscall(SYS_pidfd_send_signal, pidfd, sig, NULL, 0) &&
	    errno != ESRCH)
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

static int stop(const char *dir, const char *name, int sig, int timeout,
		bool kill_now)
{
	pid_t pid = iso_state_running(dir);
	int pidfd, ret = 0;

	if (!pid)
		return iso_failf(-ESRCH, "stop", "%s: not running", name);
	pidfd = syscall(SYS_pidfd_open, pid, 0);
	if (pidfd < 0)
		return errno == ESRCH ? 0 : iso_fail(-errno, "stop: watching", name);
	if (!kill_now) {
		ret = signal_init(pidfd, sig);
		if (ret)
			iso_failf(ret, "stop: signalling", "%s (pid %d)", name, (int)pid);
	}
	if (kill_now || ret || !exited_within(pidfd, timeout))
		ret = signal_init(pidfd, SIGKILL);
	close(pidfd);
	if (ret)
		return iso_failf(ret, "stop: killing", "%s (pid %d)", name, (int)pid);
	if (iso_state_wait_stopped(dir, MONITOR_WAIT_MS))
		return iso_failf(-ETIMEDOUT, "stop", "%s: its monitor is still cleaning up",
				 name);
	return 0;
}

int cmd_stop(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "name", required_argument, NULL, 'n' },
		{ "timeout", required_argument, NULL, 't' },
		{ "kill", no_argument, NULL, 'k' },
		{ "lxcpath", required_argument, NULL, 'P' },
		{ 0 }
	};
	struct iso_target t = { 0 };
	const char *timeout_arg = NULL;
	struct iso_config *cfg;
	bool kill_now = false;
	int opt, ret, timeout, sig;
	long arg;

	while ((opt = getopt_long(argc, argv, "n:t:kP:", opts, NULL)) != -1) {
		if (iso_target_option(&t, opt, optarg))
			continue;
		if (opt == 't')
			timeout_arg = optarg;
		else if (opt == 'k')
			kill_now = true;
		else
			goto usage;
	}
	ret = iso_target_resolve(&t, argc, argv);
	if (ret > 0)
		goto usage;
	if (!ret)
		ret = iso_load_container(t.base, t.name, &cfg);
	if (ret)
		return ret;
	timeout = cfg->stop_timeout;
	sig = cfg->halt_signal;
	free(cfg);
	if (timeout_arg) {
		if (iso_parse_long(timeout_arg, -1, INT_MAX / 1000, &arg))
			return iso_failf(-EINVAL, "stop", "-t %.64s: not a number of seconds from -1 (no limit) to %d",
					 timeout_arg, INT_MAX / 1000);
		timeout = arg;
	}
	return stop(t.dir, t.name, sig, timeout, kill_now);
usage:
	fprintf(stderr, "Usage: isoctl stop -n NAME [-t TIMEOUT] [-k] [-P PATH]\n");
	return -EINVAL;
}
