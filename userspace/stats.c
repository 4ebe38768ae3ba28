// SPDX-License-Identifier: GPL-2.0
/*
 * isoctl stats [NAME...] [--json]: each named container, or every one the
 * caller may see in one dump, printed once.
 */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

#include "isoctl.h"
#include "kernel/container.h"
#include "error.h"
#include "kernel/genl.h"
#include "json.h"

static void print_json(const struct iso_container_rec *r)
{
	const char *sep = "";
	int t;

	printf("{\"name\": ");
	json_string(stdout, r->name);
	printf(", \"cgroup_id\": %" PRIu64 ", \"cgroup_path\": ", r->cgroup_id);
	json_string(stdout, r->cgroup_path);
	printf(", \"init_pid\": %" PRIu32 ", \"registered_ns\": %" PRIu64,
	       r->init_pid, r->registered_ns);
	printf(", \"stats\": {");
	for (t = 1; t <= ISO_A_STATS_MAX; t++) {
		if (!r->has_stat[t])
			continue;
		printf("%s\"%s\": %" PRIu64, sep, iso_stat_name(t), r->stats[t]);
		sep = ", ";
	}
	printf("}, \"namespaces\": {");
	sep = "";
	for (t = 1; t <= ISO_A_NS_MAX; t++) {
		if (!r->ns[t])
			continue;
		printf("%s\"%s\": %" PRIu32, sep, iso_ns_name(t), r->ns[t]);
		sep = ", ";
	}
	printf("}}");
}

static void print_text(const struct iso_container_rec *r)
{
	int t;

	printf("%s cgroup=%s", r->name, r->cgroup_path);
	for (t = 1; t <= ISO_A_STATS_MAX; t++)
		if (r->has_stat[t])
			printf(" %s=%" PRIu64, iso_stat_name(t), r->stats[t]);
	printf("\n");
}

static void print_all(const struct iso_container_rec *recs, size_t n,
		      bool json)
{
	size_t i;

	if (!json) {
		for (i = 0; i < n; i++)
			print_text(&recs[i]);
		return;
	}
	printf("[");
	for (i = 0; i < n; i++) {
		printf("%s", i ? ",\n " : "");
		print_json(&recs[i]);
	}
	printf("]\n");
}

/* The named containers, one GET each; a missing one is an error. */
static int get_named(struct iso_genl *g, char **names, int n, bool json)
{
	struct iso_container_rec *recs;
	int i, ret = 0;

	recs = calloc(n, sizeof(*recs));
	if (!recs)
		return iso_fail(-ENOMEM, "allocating", "records");
	for (i = 0; i < n && !ret; i++) {
		ret = iso_genl_container_get(g, names[i], &recs[i]);
		if (ret)
			iso_fail_why(ret, "reading container", names[i],
				     g->extack);
	}
	if (!ret)
		print_all(recs, n, json);
	free(recs);
	return ret;
}

static int get_all(struct iso_genl *g, bool json)
{
	struct iso_container_rec *recs = NULL;
	size_t n = 0;
	int ret;

	ret = iso_genl_container_dump(g, &recs, &n);
	if (ret)
		return iso_fail_why(ret, "dumping", "containers", g->extack);
	print_all(recs, n, json);
	free(recs);
	return 0;
}

int cmd_stats(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ 0 }
	};
	struct iso_genl g;
	bool json = false;
	int opt, ret;

	while ((opt = getopt_long(argc, argv, "j", opts, NULL)) != -1) {
		if (opt != 'j') {
			fprintf(stderr, "Usage: isoctl stats [NAME...] [--json]\n");
			return -EINVAL;
		}
		json = true;
	}
	ret = iso_connect(&g);
	if (ret)
		return ret;
	if (optind < argc)
		ret = get_named(&g, argv + optind, argc - optind, json);
	else
		ret = get_all(&g, json);
	iso_genl_close(&g);
	return ret;
}
