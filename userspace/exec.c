// SPDX-License-Identifier: GPL-2.0
/*
 * isoctl exec -n NAME [-P PATH] -- CMD [ARG]...: run one command in a new
 * instance of the container and exit with its status, as lxc-execute.
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
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

/*
 * A new instance of the container, its lock held throughout, running
 * @cmd as pid 1; without @network, in a network namespace of its own
 * with only lo.  The command's exit status, or a negative errno.
 */
int iso_exec_transient(const char *what, const char *base, const char *name,
		       char **cmd, bool network)
{
	struct iso_config *cfg;
	struct iso_run *run;
	char dir[PATH_MAX];
	int ret, status, lock;

	ret = iso_container_dir(base, name, dir);
	if (ret)
		return ret;
	/* a start and an exec of one container exclude each other */
	lock = iso_state_lock(dir);
	if (lock == -EBUSY)
		return iso_failf(-EBUSY, what, "%s: running, or in an exec", name);
	if (lock < 0)
		return iso_failf(lock, what, "locking %s", dir);
	ret = iso_load_container(base, name, &cfg);
	if (ret) {
		close(lock);
		return ret;
	}
	if (!network)
		cfg->n_nets = 0;
	/* calloc: 270 KB of mostly unused cgroup paths, left untouched */
	run = calloc(1, sizeof(*run));
	if (!run) {
		free(cfg);
		close(lock);
		return -ENOMEM;
	}
	run->cfg = cfg;
	run->name = name;
	run->argv = cmd;
	/* a pty of the container's for the caller's terminals, as attach */
	run->console_stdio = iso_tty_stdio();
	run->console = run->console_stdio;
	iso_security_warn(cfg, name);
	ret = iso_run(run, &status);
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
	static const struct option opts[] = {
		{ "name", required_argument, NULL, 'n' },
		{ "lxcpath", required_argument, NULL, 'P' },
		{ 0 }
	};
	const char *name = NULL, *base = NULL;
	int opt;

	while ((opt = getopt_long(argc, argv, "+n:P:", opts, NULL)) != -1) {
		switch (opt) {
		case 'n': name = optarg; break;
		case 'P': base = optarg; break;
		default: goto usage;
		}
	}
	if (!name || optind >= argc)
		goto usage;
	return iso_exec_transient("exec", base, name, argv + optind, true);
usage:
	fprintf(stderr, "Usage: isoctl exec -n NAME [-P PATH] -- CMD [ARG]...\n");
	return -EINVAL;
}
