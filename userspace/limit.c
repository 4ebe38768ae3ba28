// SPDX-License-Identifier: GPL-2.0
/*
 * isoctl limit [-n] NAME [--CONTROLLER ARG]... [--clear C|all] [--json]:
 * set, clear or show the limits iso.ko's enforcement controllers keep on
 * a tracked container (limit_kinds.c lists the options).  With no limit
 * flag it shows them.  Clearing comes before setting, so --clear all
 * --fork-rate 10/s leaves exactly that.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "isoctl.h"
#include "error.h"
#include "json.h"
#include "kernel/container.h"
#include "kernel/genl.h"
#include "kernel/limit.h"

#define OPT_KIND	256	/* + the kind's index */
#define OPT_EXTRA	512	/* + the kind's index: its extra option */
#define OPT_ALIAS	1024	/* + ALIASES_MAX * the kind's index + alias */
#define ALIASES_MAX	16

/* Limits one record can show; more than iso.ko has controllers. */
#define ISO_CONTROLLERS_SHOWN	16

struct limit_request {
	const char *name;
	bool json;
	bool clear_all;
	const struct iso_limit_kind *clear[ISO_CONTROLLERS_SHOWN];
	unsigned int n_clear;
	const struct iso_limit_kind *set[ISO_CONTROLLERS_SHOWN];
	struct iso_limit_rec want[ISO_CONTROLLERS_SHOWN];
	const char *arg[ISO_CONTROLLERS_SHOWN];	/* of a kind with files */
	unsigned int n_set;
	const char *extra[ISO_CONTROLLERS_SHOWN];	/* by kind index */
};

static int limit_usage(void)
{
	const struct iso_limit_alias *a;
	unsigned int i;

	fprintf(stderr, "Usage: isoctl limit [-n] NAME [--json] [--clear CONTROLLER|all]");
	for (i = 0; i < iso_nr_limit_kinds; i++) {
		fprintf(stderr, " [--%s %s", iso_limit_kinds[i]->option,
			iso_limit_kinds[i]->arg_help);
		if (iso_limit_kinds[i]->extra_option)
			fprintf(stderr, " [--%s %s]",
				iso_limit_kinds[i]->extra_option,
				iso_limit_kinds[i]->extra_help);
		fprintf(stderr, "]");
		for (a = iso_limit_kinds[i]->aliases; a && a->option; a++)
			fprintf(stderr, " [--%s%s%s]", a->option,
				a->arg_help ? " " : "", a->arg_help ?: "");
	}
	fprintf(stderr, "\n");
	return -EINVAL;
}

static int add_clear(struct limit_request *r, const char *arg)
{
	const struct iso_limit_kind *kind;

	if (!strcmp(arg, "all")) {
		r->clear_all = true;
		return 0;
	}
	kind = iso_limit_kind_find(arg);
	if (!kind)
		return iso_failf(-EINVAL, "limit", "--clear %.64s: no such controller",
				 arg);
	r->clear[r->n_clear++] = kind;
	return 0;
}

/*
 * Parse @arg into @kind's limit: a new one, or for a kind with aliases,
 * whose options all add to one limit, the one begun.  An error names
 * --@option and @given, the user's words for @arg.
 */
static int add_set(struct limit_request *r, const struct iso_limit_kind *kind,
		   const char *option, const char *given, const char *arg)
{
	char why[384];
	unsigned int i;

	for (i = 0; i < r->n_set && r->set[i] != kind; i++)
		;
	if (i < r->n_set && !kind->aliases)
		return iso_failf(-EINVAL, "limit", "--%.31s given twice",
				 option);
	if (i == r->n_set)
		memset(&r->want[i], 0, sizeof(r->want[i]));
	if (kind->parse(arg, &r->want[i], why, sizeof(why)))
		return iso_failf(-EINVAL, "limit", "--%.31s %.64s: %.384s",
				 option, given, why);
	r->arg[i] = arg;
	if (i == r->n_set)
		r->set[r->n_set++] = kind;
	return 0;
}

/* --net-deny tcp:25 is --net deny=tcp:25. */
static int add_alias(struct limit_request *r, int opt, const char *arg)
{
	const struct iso_limit_kind *kind;
	const struct iso_limit_alias *alias;
	char term[256];

	kind = iso_limit_kinds[(opt - OPT_ALIAS) / ALIASES_MAX];
	alias = &kind->aliases[(opt - OPT_ALIAS) % ALIASES_MAX];
	if (snprintf(term, sizeof(term), "%s%s", alias->term,
		     arg ?: "") >= (int)sizeof(term))
		return iso_failf(-EINVAL, "limit", "--%.31s: too long",
				 alias->option);
	return add_set(r, kind, alias->option, arg ?: "", term);
}

/* A kind's extra option qualifies its limit, which must be set too. */
static int apply_extra(struct limit_request *r)
{
	const struct iso_limit_kind *kind;
	char why[128];
	unsigned int i, k;

	for (k = 0; k < iso_nr_limit_kinds; k++) {
		if (!r->extra[k])
			continue;
		kind = iso_limit_kinds[k];
		for (i = 0; i < r->n_set && r->set[i] != kind; i++)
			;
		if (i == r->n_set)
			return iso_failf(-EINVAL, "limit", "--%.31s goes with --%.31s",
					 kind->extra_option, kind->option);
		if (kind->parse_extra(r->extra[k], &r->want[i], why, sizeof(why)))
			return iso_failf(-EINVAL, "limit", "--%.31s %.64s: %.128s",
					 kind->extra_option, r->extra[k], why);
	}
	return 0;
}

static int parse_args(struct limit_request *r, int argc, char **argv)
{
	struct option opts[4 * ISO_CONTROLLERS_SHOWN + 4] = {
		{ "name", required_argument, NULL, 'n' },
		{ "clear", required_argument, NULL, 'c' },
		{ "json", no_argument, NULL, 'j' },
	};
	const struct iso_limit_alias *a;
	unsigned int i, n = 3;
	int opt, ret;

	for (i = 0; i < iso_nr_limit_kinds && i < ISO_CONTROLLERS_SHOWN; i++) {
		opts[n++] = (struct option){ iso_limit_kinds[i]->option,
					     required_argument, NULL,
					     OPT_KIND + (int)i };
		if (iso_limit_kinds[i]->extra_option)
			opts[n++] = (struct option){
				iso_limit_kinds[i]->extra_option,
				required_argument, NULL, OPT_EXTRA + (int)i };
		for (a = iso_limit_kinds[i]->aliases; a && a->option &&
		     a - iso_limit_kinds[i]->aliases < ALIASES_MAX &&
		     n < sizeof(opts) / sizeof(opts[0]) - 1; a++)
			opts[n++] = (struct option){
				a->option,
				a->arg_help ? required_argument : no_argument,
				NULL, OPT_ALIAS + (int)(ALIASES_MAX * i +
							(a - iso_limit_kinds[i]->aliases)) };
	}
	while ((opt = getopt_long(argc, argv, "n:", opts, NULL)) != -1) {
		if (opt == 'n') {
			r->name = optarg;
			continue;
		}
		if (opt == 'j') {
			r->json = true;
			continue;
		}
		if (opt == 'c')
			ret = add_clear(r, optarg);
		else if (opt >= OPT_KIND && opt < OPT_KIND + (int)iso_nr_limit_kinds)
			ret = add_set(r, iso_limit_kinds[opt - OPT_KIND],
				      iso_limit_kinds[opt - OPT_KIND]->option,
				      optarg, optarg);
		else if (opt >= OPT_ALIAS)
			ret = add_alias(r, opt, optarg);
		else if (opt >= OPT_EXTRA &&
			 opt < OPT_EXTRA + (int)iso_nr_limit_kinds) {
			if (r->extra[opt - OPT_EXTRA])
				return iso_failf(-EINVAL, "limit", "--%.31s given twice",
						 iso_limit_kinds[opt - OPT_EXTRA]->extra_option);
			r->extra[opt - OPT_EXTRA] = optarg;
			ret = 0;
		} else {
			return limit_usage();
		}
		if (ret)
			return ret;
	}
	if (!r->name && optind == argc - 1)
		r->name = argv[optind++];
	if (!r->name || optind != argc)
		return limit_usage();
	return apply_extra(r);
}

static void show_text(const char *name, const struct iso_limit_rec *recs,
		      unsigned int n)
{
	const struct iso_limit_kind *kind;
	unsigned int i;

	if (!n)
		printf("%.64s: no limits\n", name);
	for (i = 0; i < n; i++) {
		printf("%.64s: %.31s: ", name, recs[i].controller);
		kind = iso_limit_kind_find(recs[i].controller);
		if (kind)
			kind->print(stdout, &recs[i]);
		else
			printf("set (a controller this isoctl does not know)");
		printf("\n");
	}
}

static int show_json(const char *name, const struct iso_limit_rec *recs,
		     unsigned int n)
{
	struct json_object *o = json_object_new_object();
	struct json_object *limits = json_object_new_object();
	unsigned int i;
	int ret;

	if (!o || !limits) {
		json_object_put(o);
		json_object_put(limits);
		return -ENOMEM;
	}
	iso_json_str(o, "name", name);
	for (i = 0; i < n; i++)
		json_object_object_add(limits, recs[i].controller,
				       iso_limit_json(&recs[i]));
	json_object_object_add(o, "limits", limits);
	ret = iso_json_print_put(stdout, o);
	putchar('\n');
	return ret;
}

static int show(struct iso_genl *g, const struct limit_request *r)
{
	struct iso_limit_rec recs[ISO_CONTROLLERS_SHOWN];
	unsigned int n;
	int ret;

	ret = iso_genl_limit_get(g, r->name, recs, ISO_CONTROLLERS_SHOWN, &n);
	if (ret)
		return iso_fail_why(ret, "limit: reading the limits of", r->name,
				    g->extack);
	if (r->json)
		return show_json(r->name, recs, n);
	show_text(r->name, recs, n);
	return 0;
}

static int clear(struct iso_genl *g, const char *name, const char *controller)
{
	char object[128];
	bool cleared;
	int ret;

	snprintf(object, sizeof(object), "%.31s of %.64s",
		 controller ?: "every limit", name);
	ret = iso_genl_limit_clear(g, name, controller, &cleared);
	if (ret)
		return iso_fail_why(ret, "limit: clearing", object, g->extack);
	if (!cleared)
		fprintf(stderr, "isoctl: limit: clearing %.128s: nothing was set\n",
			object);
	return 0;
}

/*
 * The root a container's files are named from: its init's, its mounts
 * included, in *@rootfd; -1 if it has no init, for isoctl's own.
 */
static int root_of(struct iso_genl *g, const char *name, int *rootfd)
{
	struct iso_container_rec rec;
	char root[32];
	int ret;

	ret = iso_genl_container_get(g, name, &rec);
	if (ret)
		return iso_fail_why(ret, "limit: reading", name, g->extack);
	*rootfd = -1;
	if (!rec.init_pid)
		return 0;
	snprintf(root, sizeof(root), "/proc/%u/root", rec.init_pid);
	*rootfd = open(root, O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (*rootfd < 0)
		return iso_fail(-errno, "limit: opening the root of", name);
	return 0;
}

/* Open the files the limits name, as the container sees them. */
static int open_files(struct iso_genl *g, struct limit_request *r)
{
	int ret = 0, rootfd = -1;
	bool have_root = false;
	char why[128];
	unsigned int i;

	for (i = 0; i < r->n_set && !ret; i++) {
		if (!r->set[i]->open_files)
			continue;
		if (!have_root) {
			ret = root_of(g, r->name, &rootfd);
			if (ret)
				break;
			have_root = true;
		}
		ret = r->set[i]->open_files(r->arg[i], rootfd, &r->want[i],
					    why, sizeof(why));
		if (ret)
			iso_failf(ret, "limit", "--%.31s %.256s: %.128s",
				  r->set[i]->option, r->arg[i], why);
	}
	if (rootfd >= 0)
		close(rootfd);
	return ret;
}

int cmd_limit(int argc, char **argv)
{
	struct limit_request r = { 0 };
	struct iso_genl g;
	char object[128];
	unsigned int i;
	int ret;

	ret = parse_args(&r, argc, argv);
	if (!ret)
		ret = iso_connect(&g);
	if (ret)
		goto out_files;
	if (!r.clear_all && !r.n_clear && !r.n_set) {
		ret = show(&g, &r);
		goto out;
	}
	if (r.clear_all)
		ret = clear(&g, r.name, NULL);
	for (i = 0; i < r.n_clear && !ret && !r.clear_all; i++)
		ret = clear(&g, r.name, r.clear[i]->controller);
	if (!ret)
		ret = open_files(&g, &r);
	for (i = 0; i < r.n_set && !ret; i++) {
		ret = iso_genl_limit_set(&g, r.name, r.set[i], &r.want[i]);
		if (ret) {
			snprintf(object, sizeof(object), "%.31s on %.64s",
				 r.set[i]->controller, r.name);
			iso_fail_why(ret, "limit: setting", object, g.extack);
		}
	}
out:
	iso_genl_close(&g);
out_files:
	for (i = 0; i < r.n_set; i++)
		iso_limit_close_files(r.set[i], &r.want[i]);
	return ret;
}
