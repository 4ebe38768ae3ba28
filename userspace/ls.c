// SPDX-License-Identifier: GPL-2.0
/*
 * isoctl ls [--active | --running | --stopped] [--fancy] [-F COLUMNS]
 *	     [--json] [-P PATH]
 * The containers in BASE, as lxc-ls lists them: names, or with --fancy a
 * table of NAME, STATE, PID, AUTOSTART, GROUPS, IPV4, IPV6 and
 * UNPRIVILEGED; -F picks and orders the columns, as lxc-ls -F does.
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
#include "config/config.h"
#include "error.h"
#include "json.h"
#include "net/net.h"
#include "runtime/cgroup.h"
#include "runtime/state.h"
#include "runtime/store.h"

/* --active is running or frozen, --running only running, as in lxc-ls */
enum ls_filter { LS_ALL, LS_ACTIVE, LS_RUNNING, LS_STOPPED };

/* What a row knows of a container. */
struct ls_row {
	char name[NAME_MAX + 1];
	const char *state;
	pid_t pid;
	char ipv4[512], ipv6[1024];	/* comma-separated, as lxc-ls */
	bool unprivileged;		/* it maps its ids (lxc.idmap) */
	bool autostart;			/* lxc.start.auto */
	char groups[512];		/* lxc.group, ", " between, as lxc-ls */
};

enum ls_column { COL_NAME, COL_STATE, COL_PID, COL_AUTOSTART, COL_GROUPS,
		 COL_IPV4, COL_IPV6, COL_UNPRIVILEGED, NR_COLUMNS };

static const char *const column_names[NR_COLUMNS] = {
	"name", "state", "pid", "autostart", "groups", "ipv4", "ipv6",
	"unprivileged",
};

#define MAX_COLUMNS 16

struct ls_opts {
	enum ls_filter filter;
	bool fancy, json;
	const char *base;
	enum ls_column cols[MAX_COLUMNS];
	int n_cols;
};

static int ls_usage(void)
{
	fprintf(stderr, "Usage: isoctl ls [--active | --running | --stopped] [--fancy] [-F COLUMNS] [--json] [-P PATH]\n");
	return -EINVAL;
}

/* -F name,state,...: the columns, in that order. */
static int parse_columns(const char *arg, struct ls_opts *o)
{
	char list[256], *tok, *save = NULL;
	int c;

	if (snprintf(list, sizeof(list), "%s", arg) >= (int)sizeof(list))
		return iso_fail_why(-E2BIG, "parsing -F", "COLUMNS", "too long");
	o->n_cols = 0;
	for (tok = strtok_r(list, ",", &save); tok;
	     tok = strtok_r(NULL, ",", &save)) {
		for (c = 0; c < NR_COLUMNS; c++)
			if (!strcasecmp(tok, column_names[c]))
				break;
		if (c == NR_COLUMNS || o->n_cols == MAX_COLUMNS)
			return iso_fail_why(-EINVAL, "parsing -F", tok,
					    "not a column: name, state, pid, autostart, groups, ipv4, ipv6, unprivileged");
		o->cols[o->n_cols++] = c;
	}
	return o->n_cols ? 0 : iso_fail_why(-EINVAL, "parsing -F", arg,
					    "no column");
}

static int parse(int argc, char **argv, struct ls_opts *o)
{
	static const struct option opts[] = {
		{ "active", no_argument, NULL, 'a' },
		{ "running", no_argument, NULL, 'r' },
		{ "stopped", no_argument, NULL, 's' },
		{ "fancy", no_argument, NULL, 'f' },
		{ "fancy-format", required_argument, NULL, 'F' },
		{ "json", no_argument, NULL, 'j' },
		{ "lxcpath", required_argument, NULL, 'P' },
		{ 0 }
	};
	int opt, ret;

	memset(o, 0, sizeof(*o));
	for (o->n_cols = 0; o->n_cols < NR_COLUMNS; o->n_cols++)
		o->cols[o->n_cols] = o->n_cols;
	while ((opt = getopt_long(argc, argv, "fF:P:", opts, NULL)) != -1) {
		switch (opt) {
		case 'a': o->filter = LS_ACTIVE; break;
		case 'r': o->filter = LS_RUNNING; break;
		case 's': o->filter = LS_STOPPED; break;
		case 'f': o->fancy = true; break;
		case 'j': o->json = true; break;
		case 'P': o->base = optarg; break;
		case 'F':
			o->fancy = true;
			ret = parse_columns(optarg, o);
			if (ret)
				return ret;
			break;
		default:
			return ls_usage();
		}
	}
	return optind < argc ? ls_usage() : 0;
}

static bool wanted(enum ls_filter filter, const char *state)
{
	switch (filter) {
	case LS_ACTIVE: return strcmp(state, "STOPPED");
	case LS_RUNNING: return !strncmp(state, "RUNNING", 7);
	case LS_STOPPED: return !strcmp(state, "STOPPED");
	default: return true;
	}
}

/* Init's global addresses, split by family, each "ADDR" without its length. */
static void addresses(struct ls_row *r)
{
	char all[2048], *line, *save = NULL, *slash, *dst;
	size_t size;

	if (!r->pid || iso_net_addresses(r->pid, all, sizeof(all)))
		return;
	for (line = strtok_r(all, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		slash = strchr(line, '/');
		if (slash)
			*slash = '\0';
		dst = strchr(line, ':') ? r->ipv6 : r->ipv4;
		size = strchr(line, ':') ? sizeof(r->ipv6) : sizeof(r->ipv4);
		snprintf(dst + strlen(dst), size - strlen(dst), "%s%.63s",
			 dst[0] ? ", " : "", line);
	}
}

/*
 * What its config says: whether it maps ids, starts with autostart, and
 * its groups.  A config that does not load says no, and none.
 */
static void from_config(struct ls_row *r, const char *cfgpath)
{
	struct iso_config *cfg = iso_config_read(cfgpath);
	size_t len = 0;
	int i;

	r->unprivileged = cfg && cfg->n_idmaps > 0;
	r->autostart = cfg && cfg->start_auto;
	for (i = 0; cfg && i < cfg->groups.n && len < sizeof(r->groups); i++)
		len += snprintf(r->groups + len, sizeof(r->groups) - len,
				"%.2s%.255s", i ? ", " : "", cfg->groups.item[i]);
	free(cfg);
}

static void cell(const struct ls_row *r, enum ls_column c, char *buf,
		 size_t size)
{
	switch (c) {
	case COL_NAME: snprintf(buf, size, "%.255s", r->name); break;
	case COL_STATE: snprintf(buf, size, "%.15s", r->state); break;
	case COL_PID: snprintf(buf, size, "%d", (int)r->pid); break;
	case COL_AUTOSTART: snprintf(buf, size, "%d", r->autostart); break;
	case COL_GROUPS: snprintf(buf, size, "%.511s", r->groups[0] ? r->groups : "-"); break;
	case COL_IPV4: snprintf(buf, size, "%.511s", r->ipv4[0] ? r->ipv4 : "-"); break;
	case COL_IPV6: snprintf(buf, size, "%.1023s", r->ipv6[0] ? r->ipv6 : "-"); break;
	case COL_UNPRIVILEGED:
		snprintf(buf, size, "%s", r->unprivileged ? "true" : "false");
		break;
	default: buf[0] = '\0'; break;
	}
}

/* lxc-ls --fancy: each column as wide as it needs. */
static void print_fancy(const struct ls_opts *o, const struct ls_row *rows,
			int n)
{
	char buf[1024];
	size_t width[MAX_COLUMNS];
	int i, c;

	for (c = 0; c < o->n_cols; c++) {
		width[c] = strlen(column_names[o->cols[c]]);
		for (i = 0; i < n; i++) {
			cell(&rows[i], o->cols[c], buf, sizeof(buf));
			if (strlen(buf) > width[c])
				width[c] = strlen(buf);
		}
	}
	for (c = 0; c < o->n_cols; c++) {
		for (const char *h = column_names[o->cols[c]]; *h; h++)
			putchar(*h >= 'a' && *h <= 'z' ? *h - 'a' + 'A' : *h);
		printf("%*s", c + 1 < o->n_cols ?
		       (int)(width[c] - strlen(column_names[o->cols[c]]) + 1) : 0,
		       "");
	}
	putchar('\n');
	for (i = 0; i < n; i++)
		for (c = 0; c < o->n_cols; c++) {
			cell(&rows[i], o->cols[c], buf, sizeof(buf));
			printf("%-*.*s%s", c + 1 < o->n_cols ? (int)width[c] : 0,
			       (int)sizeof(buf), buf, c + 1 < o->n_cols ? " " : "\n");
		}
}

/* "a, b" as ["a", "b"]: a group has no blank in it */
static struct json_object *groups_json(const char *joined)
{
	struct json_object *a = json_object_new_array();
	char copy[sizeof(((struct ls_row *)0)->groups)], *save = NULL, *g;

	snprintf(copy, sizeof(copy), "%.511s", joined);
	for (g = strtok_r(copy, ", ", &save); a && g;
	     g = strtok_r(NULL, ", ", &save))
		json_object_array_add(a, json_object_new_string(g));
	return a;
}

static struct json_object *row_json(const struct ls_row *r)
{
	struct json_object *o = json_object_new_object();

	if (!o)
		return NULL;
	iso_json_str(o, "name", r->name);
	iso_json_str(o, "state", r->state);
	iso_json_int(o, "pid", r->pid);
	iso_json_str(o, "ipv4", r->ipv4);
	iso_json_str(o, "ipv6", r->ipv6);
	iso_json_bool(o, "unprivileged", r->unprivileged);
	iso_json_bool(o, "autostart", r->autostart);
	json_object_object_add(o, "groups", groups_json(r->groups));
	return o;
}

static int print_json(const struct ls_row *rows, int n)
{
	int i, ret = 0;

	putchar('[');
	for (i = 0; i < n && !ret; i++) {
		if (i)
			fputs(",\n ", stdout);
		ret = iso_json_print_put(stdout, row_json(&rows[i]));
	}
	puts("]");
	return ret;
}

int cmd_ls(int argc, char **argv)
{
	static struct iso_cgroup cg;	/* 270 KB: not on the stack */
	struct ls_row *rows = NULL, *r;
	struct dirent **names;
	struct iso_store store;
	char dir[PATH_MAX], cfg[PATH_MAX];
	struct ls_opts o;
	const char *state;
	int n, i, count = 0, ret;
	pid_t pid;

	ret = parse(argc, argv, &o);
	if (ret)
		return ret;
	iso_store_init(&store, o.base);
	n = scandir(store.base, &names, NULL, alphasort);
	if (n < 0 && errno != ENOENT)
		return iso_fail(-errno, "listing", store.base);
	if (n > 0) {
		rows = calloc(n, sizeof(*rows));
		if (!rows)
			ret = iso_fail(-ENOMEM, "listing", store.base);
	}
	for (i = 0; i < n; i++) {
		const char *name = names[i]->d_name;

		if (!ret && iso_store_container(&store, name, dir, cfg)) {
			state = iso_state_name(dir, name, &pid, &cg);
			if (wanted(o.filter, state)) {
				r = &rows[count++];
				snprintf(r->name, sizeof(r->name), "%.255s", name);
				r->state = state;
				r->pid = pid;
				/* the plain list needs none of the rest */
				if (o.fancy || o.json) {
					addresses(r);
					from_config(r, cfg);
				}
			}
		}
		free(names[i]);
	}
	if (n >= 0)
		free(names);
	if (!ret && o.json)
		ret = print_json(rows, count);
	else if (!ret && o.fancy)
		print_fancy(&o, rows, count);
	else
		for (i = 0; !ret && i < count; i++)
			printf("%.255s\n", rows[i].name);
	free(rows);
	return ret;
}
