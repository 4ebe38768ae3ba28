// SPDX-License-Identifier: GPL-2.0
#include <errno.h>

#include "stats/json_rows.h"

/* iso.ko's record, keys in the order isoctl always printed them. */
static void add_rec(struct json_object *o, const struct iso_container_rec *r)
{
	struct json_object *stats = json_object_new_object();
	struct json_object *ns = json_object_new_object();
	int t;

	json_object_object_add(o, "cgroup_path",
			       json_object_new_string(r->cgroup_path));
	iso_json_u64(o, "init_pid", r->init_pid);
	iso_json_u64(o, "registered_ns", r->registered_ns);
	for (t = 1; t <= ISO_A_STATS_MAX; t++)
		if (r->has_stat[t])
			iso_json_u64(stats, iso_stat_name(t), r->stats[t]);
	json_object_object_add(o, "stats", stats);
	for (t = 1; t <= ISO_A_NS_MAX; t++)
		if (r->ns[t])
			iso_json_u64(ns, iso_ns_name(t), r->ns[t]);
	json_object_object_add(o, "namespaces", ns);
}

/* From cgroupfs: the figures it has, named as iso.ko's are. */
static void add_cgroupfs(struct json_object *o, const struct iso_stats_row *r)
{
	struct json_object *stats = json_object_new_object();

	if (r->has & ISO_STATS_HAS(CPU))
		iso_json_u64(stats, "cpu_ns", r->cpu_ns);
	if (r->has & ISO_STATS_HAS(PIDS))
		iso_json_u64(stats, "threads", r->pids);
	if (r->has & ISO_STATS_HAS(MEM))
		iso_json_u64(stats, "memory_current", r->mem_bytes);
	if (r->has & ISO_STATS_HAS(MEM_LIMIT))
		iso_json_u64(stats, "memory_max", r->mem_limit);
	json_object_object_add(o, "stats", stats);
}

struct json_object *iso_stats_row_json(const struct iso_stats_row *r)
{
	struct json_object *o = json_object_new_object();
	struct json_object *io;

	/* json-c aborts on an allocation failure inside; only this one is ours */
	if (!o)
		return NULL;
	json_object_object_add(o, "name", json_object_new_string(r->name));
	iso_json_u64(o, "cgroup_id", r->cgroup_id);
	if (r->rec)
		add_rec(o, r->rec);
	else
		add_cgroupfs(o, r);
	if (r->parent[0])
		json_object_object_add(o, "parent",
				       json_object_new_string(r->parent));
	if (r->has & ISO_STATS_HAS(BLOCK)) {
		io = json_object_new_object();
		iso_json_u64(io, "read_bytes", r->blk_read);
		iso_json_u64(io, "write_bytes", r->blk_write);
		json_object_object_add(o, "block_io", io);
	}
	if (r->has & ISO_STATS_HAS(NET)) {
		io = json_object_new_object();
		iso_json_u64(io, "rx_bytes", r->net_rx);
		iso_json_u64(io, "tx_bytes", r->net_tx);
		json_object_object_add(o, "net_io", io);
	}
	return o;
}

int iso_stats_print_json(FILE *f, const struct iso_stats_sample *s,
			 bool one_line)
{
	size_t i;
	int ret = 0;

	fputc('[', f);
	for (i = 0; i < s->n && !ret; i++) {
		if (i)
			fputs(one_line ? ", " : ",\n ", f);
		ret = iso_json_print_put(f, iso_stats_row_json(&s->rows[i]));
	}
	fputs("]\n", f);
	fflush(f);
	return ret ?: (ferror(f) ? -EIO : 0);
}
