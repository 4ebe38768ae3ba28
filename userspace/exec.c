// SPDX-License-Identifier: GPL-2.0
/*
 * isoctl exec -n NAME [-P PATH] [-- CMD [ARG]...]: run one command (else
 * lxc.execute.cmd) in a new instance of the container and exit with its
 * status, as lxc-execute.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "isoctl.h"
#include "config/config.h"
#include "error.h"
#include "runtime/console.h"
#include "runtime/runtime.h"
#include "runtime/security.h"
#include "runtime/state.h"
#include "runtime/store.h"
#include "runtime/lxc_peer.h"

#define EXECUTE_ARGS_MAX 32

/* Its lock held throughout, so that no start runs beside it. */
int iso_exec_transient(const char *what, const struct iso_target *t,
		       char **cmd, bool network)
{
	char *execute_argv[EXECUTE_ARGS_MAX + 1], dir[PATH_MAX];
	char config_file[PATH_MAX], base[PATH_MAX];
	struct iso_store store;
	const char *name = t->name;
	struct iso_config *cfg;
	struct iso_run *run;
	int ret, status, lock;

	/* a start and an exec of one container exclude each other, and LXC */
	ret = iso_lxc_refuse(what, t->dir, name);
	if (ret)
		return ret;
	lock = iso_state_lock(t->dir);
	if (lock == -EBUSY)
		return iso_failf(-EBUSY, what, "%s: running, or in an exec", name);
	if (lock < 0)
		return iso_failf(lock, what, "locking %s", t->dir);
	ret = iso_load_container(t->base, name, &cfg);
	if (ret) {
		close(lock);
		return ret;
	}
	if (!network)
		cfg->n_nets = 0;
	/* as lxc-execute: the config's command when none is given */
	if (!cmd) {
		ret = iso_split_cmd(cfg->execute_cmd, execute_argv,
				    EXECUTE_ARGS_MAX);
		if (ret < 0) {
			iso_failf(ret, what, "%.64s: no command, and %.64s", name,
				  ret == -E2BIG ? "lxc.execute.cmd has too many words" :
				  "no lxc.execute.cmd in its config");
			free(cfg);
			close(lock);
			return ret;
		}
		cmd = execute_argv;
	}
	/* calloc: 270 KB of mostly unused cgroup paths, left untouched */
	run = calloc(1, sizeof(*run));
	if (!run) {
		free(cfg);
		close(lock);
		return -ENOMEM;
	}
	run->cfg = cfg;
	run->name = name;
	/* as start has it, for what is named after it (lxc-NAME_<STORE>) */
	iso_store_init(&store, t->base);
	run->store = realpath(store.base, base) ? base : store.base;
	run->dir = t->dir;
	/* for hooks, which run from elsewhere */
	if (realpath(t->dir, dir)) {
		snprintf(config_file, sizeof(config_file), "%.4000s/config", dir);
		run->config_file = config_file;
	}
	run->argv = cmd;
	/* a pty of the container's for the caller's terminals, as attach */
	run->console_stdio = iso_tty_stdio();
	run->console = run->console_stdio;
	iso_security_warn(cfg, name);
	if (cfg->log_syslog && cfg->log_level <= ISO_LOG_ERROR)
		iso_error_syslog(cfg->log_syslog, name);
	ret = iso_run(run, &status);
	/* lxc.ephemeral: gone once it ends, as lxc-execute's */
	if (cfg->ephemeral)
		iso_remove_container(t->dir);
	free(run->monitor_cg.home);
	free(run);
	free(cfg);
	close(lock);
	if (ret)
		return ret;
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return WEXITSTATUS(status);
}

int cmd_exec(int argc, char **argv)
{
	struct iso_target t = { 0 };
	char **cmd;
	int ret;

	ret = iso_target_parse_cmd(&t, argc, argv, &cmd);
	if (ret < 0)
		return ret;
	if (ret) {
		fprintf(stderr, "Usage: isoctl exec -n NAME [-P PATH] [-- CMD [ARG]...]\n");
		return -EINVAL;
	}
	return iso_exec_transient("exec", &t, cmd, true);
}
