// SPDX-License-Identifier: GPL-2.0
/* isoctl: build and run containers, and ask iso.ko about them. */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "isoctl.h"
#include "error.h"
#include "runtime/monitord.h"
#include "runtime/sealed_self.h"

/*
 * The commands that run a container's code from a child of theirs run
 * from a sealed copy of isoctl (runtime/sealed_self.c).
 */
#define SEALED	true
#define PLAIN	false

static const struct {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *summary;
	bool sealed;
} commands[] = {
	{ "attach", cmd_attach, "Run a command inside a running container", SEALED },
	{ "autostart", cmd_autostart, "Start or stop the containers that say lxc.start.auto", PLAIN },
	{ "checkconfig", cmd_checkconfig, "Check the kernel and host for container support", PLAIN },
	{ "chroot", cmd_chroot, "Run a command chrooted into a container's rootfs", SEALED },
	{ "console", cmd_console, "Attach to a started container's console", PLAIN },
	{ "copy", cmd_copy, "Copy a stopped container, as lxc-copy", PLAIN },
	{ "create", cmd_create, "Create a container from a template", PLAIN },
	{ "destroy", cmd_destroy, "Remove a container", PLAIN },
	{ "events", cmd_monitor, "Print container events (isoctl monitor)", PLAIN },
	{ "exec", cmd_exec, "Run one command in a new container, as lxc-execute", SEALED },
	{ "freeze", cmd_freeze, "Freeze every process of a container", PLAIN },
	{ "info", cmd_info, "Show a container's state and resource use", PLAIN },
	{ "limit", cmd_limit, "Set, clear or show a container's enforced limits", PLAIN },
	{ "ls", cmd_ls, "List containers", PLAIN },
	{ "monitor", cmd_monitor, "Print container events as they happen", PLAIN },
	{ "net", cmd_net, "Manage host bridges for container veths", PLAIN },
	{ "ps", cmd_ps, "List a container's processes with host pids", PLAIN },
	{ "serve", cmd_serve, "Serve stats to Prometheus over HTTP", PLAIN },
	{ "start", cmd_start, "Start a container's init, in the background", SEALED },
	{ "stats", cmd_stats, "Show containers' resource use, as docker stats", PLAIN },
	{ "stop", cmd_stop, "Halt a container, killing it after a timeout", PLAIN },
	{ "top", cmd_top, "Show containers' resource use, live", PLAIN },
	{ "track", cmd_track, "Track a cgroup v2 directory as a container", PLAIN },
	{ "unfreeze", cmd_unfreeze, "Thaw a frozen container", PLAIN },
	{ "untrack", cmd_untrack, "Stop tracking a container", PLAIN },
	{ "version", cmd_version, "Show isoctl's and iso.ko's versions", PLAIN },
};

#define N_COMMANDS (sizeof(commands) / sizeof(commands[0]))

static void usage(FILE *out)
{
	size_t i;

	fprintf(out, "Usage: isoctl [-P PATH] COMMAND [ARGS...]\n\nCommands:\n");
	for (i = 0; i < N_COMMANDS; i++)
		fprintf(out, "  %-12s %s\n", commands[i].name,
			commands[i].summary);
}

/* A negative errno is failure, 1; exec passes its command's status on. */
static int exit_status(int ret)
{
	return ret < 0 ? 1 : ret;
}

int main(int argc, char **argv)
{
	size_t i;

	/* the store's monitord, which isoctl monitor started */
	if (argc == 2 && !strcmp(argv[0], ISO_MONITORD_ARGV0))
		return iso_monitord_main(argv[1]);
	iso_set_progname(argv[0]);
	if (argc < 2) {
		usage(stderr);
		return 2;
	}
	/*
	 * "isoctl -P PATH COMMAND ...", as LXC's tools take their lxcpath:
	 * the store every command then uses, unless it is given its own -P.
	 */
	if (!strcmp(argv[1], "-P") || !strcmp(argv[1], "--lxcpath")) {
		if (argc < 4 || !argv[2][0]) {
			usage(stderr);
			return 2;
		}
		if (setenv("ISO_PATH", argv[2], 1))
			return exit_status(iso_fail(-errno, "-P", argv[2]));
		argv[2] = argv[0];
		argv += 2;
		argc -= 2;
	}
	if (!strcmp(argv[1], "help") || !strcmp(argv[1], "--help") ||
	    !strcmp(argv[1], "-h")) {
		usage(stdout);
		return 0;
	}
	for (i = 0; i < N_COMMANDS; i++) {
		if (strcmp(argv[1], commands[i].name))
			continue;
		if (commands[i].sealed && iso_run_sealed_copy(argv))
			return 1;
		return exit_status(commands[i].fn(argc - 1, argv + 1));
	}

	fprintf(stderr, "isoctl: unknown command '%s' (see isoctl help)\n",
		argv[1]);
	return 2;
}
