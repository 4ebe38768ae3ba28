// SPDX-License-Identifier: GPL-2.0
/*
 * isoctl destroy -n NAME [-f] [-P PATH]: remove a container's directory.
 * A running one is refused unless -f, which kills it first.
 */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "isoctl.h"
#include "lib/error.h"
#include "lib/state.h"
#include "lib/store.h"

int cmd_destroy(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "name", required_argument, NULL, 'n' },
		{ "force", no_argument, NULL, 'f' },
		{ "lxcpath", required_argument, NULL, 'P' },
		{ 0 }
	};
	const char *name = NULL, *base = NULL, *why;
	struct iso_store store;
	char dir[PATH_MAX];
	bool force = false;
	struct stat st;
	pid_t pid;
	int opt, ret;

	while ((opt = getopt_long(argc, argv, "n:fP:", opts, NULL)) != -1) {
		switch (opt) {
		case 'n': name = optarg; break;
		case 'f': force = true; break;
		case 'P': base = optarg; break;
		default: goto usage;
		}
	}
	if (!name && optind < argc)
		name = argv[optind++];
	if (!name || optind != argc)
		goto usage;
	if (iso_name_check(name, &why))
		return iso_failf(-EINVAL, "destroy", "%s: %s", name, why);
	iso_store_init(&store, base);
	ret = iso_store_path(&store, name, NULL, dir);
	if (!ret && stat(dir, &st))
		ret = -errno;
	if (ret)
		return iso_fail(ret, "destroy: finding container", dir);

	pid = iso_state_running(dir);
	if (pid && !force)
		return iso_failf(-EBUSY, "destroy", "%s: running as pid %d (stop it, or -f)",
				 name, (int)pid);
	if (pid && kill(pid, SIGKILL) && errno != ESRCH)
		return iso_failf(-errno, "destroy: killing", "%s (pid %d)", name,
				 (int)pid);
	/* its monitor takes the cgroups and veths down */
	if (iso_state_wait_stopped(dir, 30000))
		return iso_failf(-ETIMEDOUT, "destroy", "%s: its monitor is still cleaning up",
				 name);
	ret = iso_remove_tree(dir);
	if (ret)
		return iso_fail(ret, "destroy: removing", dir);
	printf("Destroyed container %s\n", name);
	return 0;
usage:
	fprintf(stderr, "Usage: isoctl destroy -n NAME [-f] [-P PATH]\n");
	return -EINVAL;
}
