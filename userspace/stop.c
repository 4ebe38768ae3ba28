// SPDX-License-Identifier: GPL-2.0
/*
 * isoctl stop -n NAME [-t TIMEOUT] [-k] [-P PATH]: send init the halt
 * signal (lxc.signal.halt, SIGPWR by default), and its stop signal
 * (lxc.signal.stop, SIGKILL by default) after TIMEOUT seconds (10, or
 * iso.stop.timeout; -1 waits for ever) or at once with -k, then wait
 * for the monitor to take the cgroups and veths down.
 */
#include <errno.h>
#include <limits.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "isoctl.h"
#include "config/config.h"
#include "error.h"
#include "runtime/halt.h"
#include "runtime/state.h"
#include "runtime/store.h"

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
	int opt, ret, timeout, sig, stop_sig, lock;
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
	stop_sig = cfg->stop_signal;
	free(cfg);
	if (timeout_arg) {
		if (iso_parse_long(timeout_arg, -1, INT_MAX / 1000, &arg))
			return iso_failf(-EINVAL, "stop", "-t %.64s: not a number of seconds from -1 (no limit) to %d",
					 timeout_arg, INT_MAX / 1000);
		timeout = arg;
	}
	/*
	 * One stop, freeze or unfreeze at a time; but a SIGKILL is safe to
	 * send twice, and stop -k does not wait behind a stop waiting out
	 * its timeout.
	 */
	lock = iso_state_ops_lock(t.dir, !kill_now);
	if (lock < 0 && lock != -EBUSY)
		return iso_fail(lock, "stop: locking", t.dir);
	ret = iso_container_halt("stop", t.dir, t.name, sig, stop_sig, timeout,
				 kill_now);
	if (lock >= 0)
		close(lock);
	if (ret == -ESRCH)
		return iso_failf(ret, "stop", "%s: not running", t.name);
	return ret;
usage:
	fprintf(stderr, "Usage: isoctl stop -n NAME [-t TIMEOUT] [-k] [-P PATH]\n");
	return -EINVAL;
}
