// SPDX-License-Identifier: GPL-2.0
/*
 * isoctl ls [--active | --running | --stopped] [--fancy] [--json] [-P PATH]
 * The containers in BASE, as lxc-ls lists them.
 */
#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "isoctl.h"
#include "runtime/cgroup.h"
#include "error.h"
#include "json.h"
#include "runtime/state.h"
#include "runtime/store.h"

/* --active is running or frozen, --running only running, as in lxc-ls */
enum ls_filter { LS_ALL, LS_ACTIVE, LS_RUNNING, LS_STOPPED };

struct ls_opts {
	enum ls_filter filter;
	bool fancy, json;
	const char *base;
};

static int parse(int argc, char **argv, struct ls_opts *o)
{
	static const struct option opts[] = {
		{ "active", no_argument, NULL, 'a' },
		{ "running", no_argument, NULL, 'r' },
		{ "stopped", no_argument, NULL, 's' },
		{ "fancy", no_argument, NULL, 'f' },
		{ "json", no_argument, NULL, 'j' },
		{ "lxcpath", required_argument, NULL, 'P' },
		{ 0 }
	};
	int opt;

	memset(o, 0, sizeof(*o));
	while ((opt = getopt_long(argc, argv, "fP:", opts, NULL)) != -1) {
		switch (opt) {
		case 'a': o->filter = LS_ACTIVE; break;
		case 'r': o->filter = LS_RUNNING; break;
		case 's': o->filter = LS_STOPPED; break;
		case 'f': o->fancy = true; break;
		case 'j': o->json = true; break;
		case 'P': o->base = optarg; break;
		default:
			fprintf(stderr, "Usage: isoctl ls [--active | --running | --stopped] [--fancy] [--json] [-P PATH]\n");
			return -EINVAL;
		}
	}
	return 0;
}

static bool wanted(enum ls_filter filter, const char *state)
{
	switch (filter) {
	case LS_ACTIVE: return strcmp(state, "STOPPED");
	case LS_RUNNING: return !strcmp(state, "RUNNING");
	case LS_STOPPED: return !strcmp(state, "STOPPED");
	default: return true;
	}
}

static void show(const struct ls_opts *o, const char *name, const char *state,
		 pid_t pid, bool *first)
{
	if (o->json) {
		printf("%s{\"name\": ", *first ? "" : ",\n ");
		json_string(stdout, name);
		printf(", \"state\": \"%s\", \"pid\": %d}", state, (int)pid);
	} else if (o->fancy) {
		printf("%-24s %-8s %d\n", name, state, (int)pid);
	} else {
		printf("%s\n", name);
	}
	*first = false;
}

int cmd_ls(int argc, char **argv)
{
	static struct iso_cgroup cg;	/* 270 KB: not on the stack */
	struct dirent **names;
	struct iso_store store;
	char dir[PATH_MAX], cfg[PATH_MAX];
	bool first = true;
	struct ls_opts o;
	const char *why, *state;
	int n, i, ret;
	pid_t pid;

	ret = parse(argc, argv, &o);
	if (ret)
		return ret;
	iso_store_init(&store, o.base);
	n = scandir(store.base, &names, NULL, alphasort);
	if (n < 0 && errno != ENOENT)
		return iso_fail(-errno, "listing", store.base);
	if (o.json)
		printf("[");
	else if (o.fancy)
		printf("%-24s %-8s %s\n", "NAME", "STATE", "PID");
	for (i = 0; i < n; i++) {
		const char *name = names[i]->d_name;

		if (!iso_name_check(name, &why) &&
		    !iso_store_path(&store, name, NULL, dir) &&
		    !iso_store_path(&store, name, "config", cfg) &&
		    !access(cfg, F_OK)) {
			state = iso_state_name(dir, name, &pid, &cg);
			if (wanted(o.filter, state))
				show(&o, name, state, pid, &first);
		}
		free(names[i]);
	}
	if (n > 0)
		free(names);
	if (o.json)
		printf("]\n");
	return 0;
}
