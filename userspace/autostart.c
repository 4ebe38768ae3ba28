// SPDX-License-Identifier: GPL-2.0
/*
 * isoctl autostart [-s | -k | -r] [-L] [-t TIMEOUT] [-g GROUPS]... [-a]
 *		    [-A] [-P PATH]: start the store's containers that say
 * lxc.start.auto = 1, or shut them down, or reboot them, as
 * lxc-autostart does at boot and at shutdown.  Group by group (-g onboot,: the onboot group, then
 * those in none), each in lxc.start.order, lower first (last first when
 * shutting down), waiting lxc.start.delay seconds after each start.
 * Each action is isoctl start or stop, run as a command of its own.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "isoctl.h"
#include "config/config.h"
#include "error.h"
#include "runtime/cgroup.h"
#include "runtime/state.h"
#include "runtime/store.h"

#define MAX_GROUPS 64

enum action { START, SHUTDOWN, KILL, REBOOT };

struct autostart {
	enum action action;
	bool list, all, ignore_auto;
	bool named;		/* -P or ISO_PATH said which store */
	const char *timeout;
	int n_groups;
	const char *groups[MAX_GROUPS];	/* "" is the containers in none */
	struct iso_store store;
};

/* What autostart needs of a container's config. */
struct candidate {
	char name[NAME_MAX + 1];
	bool start_auto, done;
	unsigned int delay;
	int order;
	char *groups;		/* "\ng1\ng2\n", or "" */
};

static int usage(void)
{
	fprintf(stderr, "Usage: isoctl autostart [-s | -k | -r] [-L] [-t SECONDS] [-g GROUP,...]... [-a] [-A] [-P PATH]\n");
	return -EINVAL;
}

/*
 * -g a,b,: each group once, in order; an empty one is the containers in
 * no group.  Unlike lxc-autostart, a group is matched whole, and one
 * after an empty one still counts.
 */
static int add_groups(struct autostart *a, char *list)
{
	char *g;
	int i;

	while ((g = strsep(&list, ","))) {
		for (i = 0; i < a->n_groups && strcmp(a->groups[i], g); i++)
			;
		if (i < a->n_groups)
			continue;
		if (a->n_groups == MAX_GROUPS)
			return iso_failf(-E2BIG, "autostart", "-g: more than %d groups",
					 MAX_GROUPS);
		a->groups[a->n_groups++] = g;
	}
	return 0;
}

static int parse(int argc, char **argv, struct autostart *a)
{
	static const struct option opts[] = {
		{ "shutdown", no_argument, NULL, 's' },
		{ "kill", no_argument, NULL, 'k' },
		{ "reboot", no_argument, NULL, 'r' },
		{ "list", no_argument, NULL, 'L' },
		{ "timeout", required_argument, NULL, 't' },
		{ "groups", required_argument, NULL, 'g' },
		{ "all", no_argument, NULL, 'a' },
		{ "ignore-auto", no_argument, NULL, 'A' },
		{ "lxcpath", required_argument, NULL, 'P' },
		{ 0 }
	};
	const char *base = NULL;
	bool shutdown = false, kill = false, reboot = false;
	long t;
	int opt, ret;

	while ((opt = getopt_long(argc, argv, "skrLt:g:aAP:", opts, NULL)) != -1) {
		switch (opt) {
		case 's':
			shutdown = true;
			break;
		case 'k':
			kill = true;
			break;
		case 'L':
			a->list = true;
			break;
		case 'a':
			a->all = true;
			break;
		case 'A':
			a->ignore_auto = true;
			break;
		case 'P':
			base = optarg;
			break;
		case 't':
			/* stop's bound, which each shutdown is */
			if (iso_parse_long(optarg, -1, INT_MAX / 1000, &t))
				return iso_failf(-EINVAL, "autostart", "-t %.64s: not a number of seconds up to %d, or -1",
						 optarg, INT_MAX / 1000);
			a->timeout = optarg;
			break;
		case 'g':
			ret = add_groups(a, optarg);
			if (ret)
				return ret;
			break;
		case 'r':
			reboot = true;
			break;
		default:
			return usage();
		}
	}
	if (optind < argc)
		return usage();
	/* as lxc-autostart: shutdown before kill before reboot before start */
	a->action = shutdown ? SHUTDOWN : kill ? KILL : reboot ? REBOOT : START;
	if (!a->n_groups)
		a->groups[a->n_groups++] = "";
	iso_store_init(&a->store, base);
	a->named = base || (getenv("ISO_PATH") && *getenv("ISO_PATH"));
	return 0;
}

static int take(struct candidate *c, const char *name,
		const struct iso_config *cfg)
{
	size_t size = 2, len = 1;
	int i;

	snprintf(c->name, sizeof(c->name), "%.255s", name);
	c->start_auto = cfg->start_auto;
	c->delay = cfg->start_delay;
	c->order = cfg->start_order;
	for (i = 0; i < cfg->groups.n; i++)
		size += strlen(cfg->groups.item[i]) + 1;
	c->groups = malloc(size);
	if (!c->groups)
		return iso_fail(-ENOMEM, "autostart: reading", name);
	strcpy(c->groups, cfg->groups.n ? "\n" : "");
	for (i = 0; i < cfg->groups.n; i++)
		len += snprintf(c->groups + len, size - len, "%.511s\n",
				cfg->groups.item[i]);
	return 0;
}

static void free_candidates(struct candidate *cs, int n)
{
	int i;

	for (i = 0; i < n; i++)
		free(cs[i].groups);
	free(cs);
}

/*
 * The store's containers.  One whose config does not load says why and
 * is left out, as lxc-autostart leaves it out.  A store that is not
 * there has none, unless it was asked for by -P or ISO_PATH.
 */
static int candidates(const struct autostart *a, bool named,
		      struct candidate **out, int *count)
{
	char dir[PATH_MAX], cfgpath[PATH_MAX];
	struct candidate *cs = NULL;
	struct iso_config *cfg;
	struct dirent **names;
	int n, i, ret = 0;

	*count = 0;
	*out = NULL;
	n = scandir(a->store.base, &names, NULL, alphasort);
	if (n < 0)
		return errno == ENOENT && !named ? 0 :
		       iso_fail(-errno, "autostart: listing", a->store.base);
	if (n)
		cs = calloc(n, sizeof(*cs));
	if (n && !cs)
		ret = iso_fail(-ENOMEM, "autostart: listing", a->store.base);
	for (i = 0; i < n; i++) {
		if (!ret && iso_store_container(&a->store, names[i]->d_name,
						dir, cfgpath) &&
		    !iso_load_container(a->store.base, names[i]->d_name, &cfg)) {
			ret = take(&cs[*count], names[i]->d_name, cfg);
			*count += !ret;
			free(cfg);
		}
		free(names[i]);
	}
	free(names);
	if (ret) {
		free_candidates(cs, *count);
		return ret;
	}
	*out = cs;
	return 0;
}

static int by_order(const void *x, const void *y)
{
	const struct candidate *a = x, *b = y;

	if (a->order != b->order)
		return a->order < b->order ? -1 : 1;
	return strcmp(a->name, b->name);
}

static bool in_group(const struct candidate *c, const char *group)
{
	size_t len = strlen(group);
	const char *g;

	if (!*group)
		return !c->groups[0];
	for (g = strstr(c->groups, group); g; g = strstr(g + 1, group))
		if (g > c->groups && g[-1] == '\n' && g[len] == '\n')
			return true;
	return false;
}

/* isoctl ARGS..., with /dev/null for stdin: 0 if it exited 0. */
static int run_isoctl(char *const args[])
{
	int status, null;
	pid_t pid;

	fflush(NULL);
	pid = fork();
	if (pid < 0)
		return iso_fail(-errno, "autostart:", "forking");
	if (!pid) {
		null = open("/dev/null", O_RDONLY);
		if (null < 0 || (null != STDIN_FILENO &&
				  dup2(null, STDIN_FILENO) < 0) ||
		    close_range(STDERR_FILENO + 1, ~0U, 0) ||
		    execv("/proc/self/exe", args))
			iso_fail(-errno, "autostart: running", "isoctl");
		_exit(127);
	}
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -errno;
	return WIFEXITED(status) && !WEXITSTATUS(status) ? 0 : -EIO;
}

/* Start, shut down, kill or reboot @c: 0, or -EIO after saying so. */
static int act(const struct autostart *a, const struct candidate *c)
{
	char *start[] = { "isoctl", "start", "-P", (char *)a->store.base,
			  "-n", (char *)c->name, NULL };
	char *stop[] = { "isoctl", "stop", "-P", (char *)a->store.base,
			 "-n", (char *)c->name, "-t",
			 (char *)(a->timeout ? a->timeout : "60"), NULL };
	char *kill[] = { "isoctl", "stop", "-P", (char *)a->store.base,
			 "-n", (char *)c->name, "-k", NULL };
	char *reboot[] = { "isoctl", "stop", "-P", (char *)a->store.base,
			   "-n", (char *)c->name, "-r", "-t",
			   (char *)(a->timeout ? a->timeout : "60"), NULL };
	char **const argv[] = {
		[START] = start, [SHUTDOWN] = stop, [KILL] = kill,
		[REBOOT] = reboot,
	};
	static const char *const doing[] = {
		[START] = "starting", [SHUTDOWN] = "shutting down",
		[KILL] = "killing", [REBOOT] = "rebooting",
	};

	if (!run_isoctl(argv[a->action]))
		return 0;
	fprintf(stderr, "isoctl: autostart: %.16s %.255s failed\n",
		doing[a->action], c->name);
	return -EIO;
}

/*
 * Group by group, each container once, in the first group it is in:
 * a start of those stopped, a stop of those that are not.
 */
static int walk(struct autostart *a, struct candidate *cs, int n)
{
	static struct iso_cgroup cg;	/* 270 KB: not on the stack */
	char dir[PATH_MAX];
	unsigned int delay = 0;
	int g, i, acted = 0, failed = 0;
	const char *state;
	bool stopped;
	pid_t pid;

	for (g = 0; g < a->n_groups; g++) {
		for (i = 0; i < n; i++) {
			struct candidate *c = &cs[i];

			if (c->done || (!a->ignore_auto && !c->start_auto) ||
			    (!a->all && !in_group(c, a->groups[g])))
				continue;
			c->done = true;
			if (iso_store_path(&a->store, c->name, NULL, dir))
				continue;
			state = iso_state_name(dir, c->name, &pid, &cg);
			stopped = !strcmp(state, "STOPPED");
			/* LXC's own is LXC's to start and stop */
			if (stopped != (a->action == START) ||
			    !strcmp(state, "RUNNING (lxc)"))
				continue;
			if (a->list) {
				if (a->action == START)
					printf("%.255s %u\n", c->name, c->delay);
				else
					printf("%.255s\n", c->name);
				fflush(stdout);
				continue;
			}
			/* the delay of the one before, not after the last */
			if (delay)
				sleep(delay);
			acted++;
			if (act(a, c)) {
				failed++;
				delay = 0;
			} else {
				delay = a->action == START ? c->delay : 0;
			}
		}
	}
	/* as lxc-autostart: 1 if every one failed, 2 if some did */
	return !failed ? 0 : failed == acted ? 1 : 2;
}

int cmd_autostart(int argc, char **argv)
{
	static struct autostart a;
	struct candidate *cs = NULL;
	int n, ret, i;

	memset(&a, 0, sizeof(a));
	ret = parse(argc, argv, &a);
	if (!ret)
		ret = candidates(&a, a.named, &cs, &n);
	if (ret)
		return ret;
	if (n)
		qsort(cs, n, sizeof(*cs), by_order);
	/* shutting down: the last started first */
	if (a.action == SHUTDOWN || a.action == KILL)
		for (i = 0; i < n / 2; i++) {
			struct candidate t = cs[i];

			cs[i] = cs[n - 1 - i];
			cs[n - 1 - i] = t;
		}
	ret = walk(&a, cs, n);
	free_candidates(cs, n);
	return ret;
}
