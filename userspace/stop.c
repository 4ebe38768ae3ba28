// SPDX-License-Identifier: GPL-2.0
/*
 * isoctl stop -n NAME [-t TIMEOUT] [-k] [-P PATH]: send init the halt
 * signal (lxc.signal.halt, SIGPWR by default), and its stop signal
 * (lxc.signal.stop, SIGKILL by default) after TIMEOUT seconds (10, or
 * iso.stop.timeout; -1 waits for ever) or at once with -k, then wait
 * for the monitor to take the cgroups and veths down.
 *
 * isoctl stop -r -n NAME [-t TIMEOUT]: send init lxc.signal.reboot
 * (SIGINT by default), and wait TIMEOUT seconds (60, as lxc-stop -r; 0
 * does not wait) for it to reboot: its monitor starts it again once
 * reboot(2) has killed it with SIGHUP.
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
#include "runtime/lxc_peer.h"

int cmd_stop(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "name", required_argument, NULL, 'n' },
		{ "timeout", required_argument, NULL, 't' },
		{ "kill", no_argument, NULL, 'k' },
		{ "reboot", no_argument, NULL, 'r' },
		{ "lxcpath", required_argument, NULL, 'P' },
		{ 0 }
	};
	struct iso_target t = { 0 };
	const char *timeout_arg = NULL;
	struct iso_config *cfg;
	bool kill_now = false, reboot = false;
	int opt, ret, timeout, sig, stop_sig, reboot_sig, lock;
	long arg;

	while ((opt = getopt_long(argc, argv, "n:t:krP:", opts, NULL)) != -1) {
		if (iso_target_option(&t, opt, optarg))
			continue;
		if (opt == 't')
			timeout_arg = optarg;
		else if (opt == 'k')
			kill_now = true;
		else if (opt == 'r')
			reboot = true;
		else
			goto usage;
	}
	if (reboot && kill_now)
		return iso_failf(-EINVAL, "stop", "-r and -k: a reboot or a kill, not both");
	ret = iso_target_resolve(&t, argc, argv);
	if (ret > 0)
		goto usage;
	if (!ret)
		ret = iso_lxc_refuse("stop", t.dir, t.name);
	if (!ret)
		ret = iso_load_container(t.base, t.name, &cfg);
	if (ret)
		return ret;
	timeout = reboot ? 60 : cfg->stop_timeout;
	sig = cfg->halt_signal;
	stop_sig = cfg->stop_signal;
	reboot_sig = cfg->reboot_signal;
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
	if (reboot)
		ret = iso_container_reboot("stop -r", t.dir, t.name, reboot_sig,
					   timeout);
	else
		ret = iso_container_halt("stop", t.dir, t.name, sig, stop_sig,
					 timeout, kill_now);
	if (lock >= 0)
		close(lock);
	if (ret == -ESRCH)
		return iso_failf(ret, "stop", "%s: not running", t.name);
	return ret;
usage:
	fprintf(stderr, "Usage: isoctl stop -n NAME [-t TIMEOUT] [-k | -r] [-P PATH]\n");
	return -EINVAL;
}
