// SPDX-License-Identifier: GPL-2.0
/*
 * isoctl info -n NAME [-H] [--json] [-P PATH]: lxc-info's fields: name,
 * state, init's pid, addresses, CPU, block I/O, memory and kernel memory
 * use, and each veth's bytes, counted on its host end as LXC does; then
 * iso.ko's counters, if it tracks the container.
 */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "isoctl.h"
#include "runtime/cgroup.h"
#include "config/config.h"
#include "kernel/container.h"
#include "error.h"
#include "kernel/genl.h"
#include "json.h"
#include "net/net.h"
#include "runtime/state.h"
#include "runtime/store.h"
#include "runtime/usage.h"

struct info {
	const char *name, *state;
	pid_t pid;
	bool tracked;			/* by iso.ko, whose counters follow */
	struct iso_container_rec rec;
	char ips[1024];
	struct iso_usage use;
	int n_links;
	struct {
		char name[IFNAMSIZ];
		uint64_t rx, tx;
	} links[ISO_CFG_MAX_NETS];
};

static void human_bytes(const char *label, uint64_t bytes, bool raw)
{
	static const char *const units[] = { "KiB", "MiB", "GiB", "TiB" };
	double v = bytes;
	int u = -1;

	if (raw || bytes < 1024) {
		printf("%-15s %" PRIu64 "%s\n", label, bytes, raw ? "" : " bytes");
		return;
	}
	while (v >= 1024 && u < 3) {
		v /= 1024;
		u++;
	}
	printf("%-15s %.2f %s\n", label, v, units[u]);
}

static void show_text(const struct info *in, bool raw)
{
	char *ip, *save = NULL, ips[sizeof(in->ips)];
	int i;

	printf("%-15s %s\n%-15s %s\n", "Name:", in->name, "State:", in->state);
	if (!in->pid)
		return;
	printf("%-15s %d\n", "PID:", (int)in->pid);
	memcpy(ips, in->ips, sizeof(ips));
	for (ip = strtok_r(ips, "\n", &save); ip; ip = strtok_r(NULL, "\n", &save))
		printf("%-15s %s\n", "IP:", ip);
	if (in->use.has_cpu && raw)
		printf("%-15s %" PRIu64 "\n", "CPU use:", in->use.cpu_ns);
	else if (in->use.has_cpu)
		printf("%-15s %.2f seconds\n", "CPU use:", in->use.cpu_ns / 1e9);
	if (in->use.has_blkio)
		human_bytes("BlkIO use:", in->use.blkio_bytes, raw);
	if (in->use.has_mem)
		human_bytes("Memory use:", in->use.mem_bytes, raw);
	if (in->use.has_kmem)
		human_bytes("KMem use:", in->use.kmem_bytes, raw);
	for (i = 0; i < in->n_links; i++) {
		printf("%-15s %s\n", "Link:", in->links[i].name);
		human_bytes(" TX bytes:", in->links[i].tx, raw);
		human_bytes(" RX bytes:", in->links[i].rx, raw);
		human_bytes(" Total bytes:", in->links[i].tx + in->links[i].rx, raw);
	}
	if (!in->tracked)
		return;
	printf("%-15s cgroup id %" PRIu64 "\n", "iso.ko:", in->rec.cgroup_id);
	for (i = 0; i <= ISO_A_STATS_MAX; i++)
		if (in->rec.has_stat[i])
			printf(" %-14s %" PRIu64 "\n", iso_stat_name(i),
			       in->rec.stats[i]);
}

static void json_u64(struct json_object *o, const char *key, bool has,
		     uint64_t value)
{
	if (has)
		iso_json_u64(o, key, value);
}

static int show_json(const struct info *in)
{
	struct json_object *o = json_object_new_object(), *a, *l, *iso;
	char *ip, *save = NULL, ips[sizeof(in->ips)];
	int i;

	if (!o)
		return -ENOMEM;
	iso_json_str(o, "name", in->name);
	iso_json_str(o, "state", in->state);
	iso_json_int(o, "pid", in->pid);
	a = json_object_new_array();
	memcpy(ips, in->ips, sizeof(ips));
	for (ip = strtok_r(ips, "\n", &save); ip; ip = strtok_r(NULL, "\n", &save))
		json_object_array_add(a, json_object_new_string(ip));
	json_object_object_add(o, "ips", a);
	json_u64(o, "cpu_ns", in->use.has_cpu, in->use.cpu_ns);
	json_u64(o, "blkio_bytes", in->use.has_blkio, in->use.blkio_bytes);
	json_u64(o, "memory_bytes", in->use.has_mem, in->use.mem_bytes);
	json_u64(o, "kmem_bytes", in->use.has_kmem, in->use.kmem_bytes);
	a = json_object_new_array();
	for (i = 0; i < in->n_links; i++) {
		l = json_object_new_object();
		iso_json_str(l, "name", in->links[i].name);
		iso_json_u64(l, "tx_bytes", in->links[i].tx);
		iso_json_u64(l, "rx_bytes", in->links[i].rx);
		iso_json_u64(l, "total_bytes", in->links[i].tx + in->links[i].rx);
		json_object_array_add(a, l);
	}
	json_object_object_add(o, "links", a);
	if (in->tracked) {
		iso = json_object_new_object();
		iso_json_u64(iso, "cgroup_id", in->rec.cgroup_id);
		for (i = 0; i <= ISO_A_STATS_MAX; i++)
			json_u64(iso, iso_stat_name(i), in->rec.has_stat[i],
				 in->rec.stats[i]);
		json_object_object_add(o, "iso", iso);
	}
	i = iso_json_print_put(stdout, o);
	putchar('\n');
	return i;
}

/* iso.ko's counters, when it is loaded and tracks the container. */
static bool module_stats(const char *name, struct iso_container_rec *rec)
{
	struct iso_genl g;
	bool found;

	if (iso_genl_open(&g))
		return false;
	found = !iso_genl_container_get(&g, name, rec);
	iso_genl_close(&g);
	return found;
}

static void gather(struct info *in, const struct iso_config *cfg,
		   const struct iso_cgroup *cg)
{
	int i;

	in->tracked = module_stats(in->name, &in->rec);
	iso_usage_read(cg, &in->use);
	iso_net_addresses(in->pid, in->ips, sizeof(in->ips));
	for (i = 0; i < cfg->n_nets; i++) {
		if (cfg->nets[i].type != ISO_NET_VETH)
			continue;
		iso_net_host_name(&cfg->nets[i], i, in->pid,
				  in->links[in->n_links].name);
		if (!iso_net_link_bytes(in->links[in->n_links].name,
					&in->links[in->n_links].rx,
					&in->links[in->n_links].tx))
			in->n_links++;
	}
}

int cmd_info(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "name", required_argument, NULL, 'n' },
		{ "no-humanize", no_argument, NULL, 'H' },
		{ "json", no_argument, NULL, 'j' },
		{ "lxcpath", required_argument, NULL, 'P' },
		{ 0 }
	};
	static struct iso_cgroup cg;	/* 270 KB: not on the stack */
	struct iso_target t = { 0 };
	struct info in = { 0 };
	bool raw = false, json = false;
	struct iso_config *cfg;
	int opt, ret;

	while ((opt = getopt_long(argc, argv, "n:HP:", opts, NULL)) != -1) {
		if (iso_target_option(&t, opt, optarg))
			continue;
		if (opt == 'H')
			raw = true;
		else if (opt == 'j')
			json = true;
		else
			goto usage;
	}
	ret = iso_target_resolve(&t, argc, argv);
	if (ret > 0)
		goto usage;
	if (!ret)
		ret = iso_load_container(t.base, t.name, &cfg);
	if (ret)
		return ret;
	in.name = t.name;
	in.state = iso_state_name(t.dir, in.name, &in.pid, &cg);
	if (in.pid)
		gather(&in, cfg, &cg);
	free(cfg);
	if (json)
		return show_json(&in) ? iso_fail(-ENOMEM, "printing", in.name) : 0;
	show_text(&in, raw);
	return 0;
usage:
	fprintf(stderr, "Usage: isoctl info -n NAME [-H] [--json] [-P PATH]\n");
	return -EINVAL;
}
