// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <inttypes.h>
#include <stddef.h>
#include <string.h>

#include "stats/prometheus.h"

void iso_prometheus_label(FILE *f, const char *value)
{
	fputc('"', f);
	for (; *value; value++) {
		if (*value == '\\')
			fputs("\\\\", f);
		else if (*value == '"')
			fputs("\\\"", f);
		else if (*value == '\n')
			fputs("\\n", f);
		else
			fputc(*value, f);
	}
	fputc('"', f);
}

enum unit { COUNT, NANOSECONDS };

/* One family; a row without the figure has no sample in it. */
struct family {
	const char *name;
	const char *type;
	const char *help;
	unsigned int needs;		/* ISO_STATS_HAS() bits */
	bool module_only;
	enum unit unit;
	size_t offset;			/* of the uint64_t in the row */
	const char *label;		/* an extra "key=\"value\"", or NULL */
	/* the label "source", for a counter two sources can give */
	const char *(*source)(const struct iso_stats_row *r);
};

/*
 * A counter whose source changes (iso.ko loaded or unloaded, a net limit
 * set or cleared) becomes another series, not a jump or a reset.
 */
static const char *cpu_source(const struct iso_stats_row *r)
{
	return r->cpu_from_module ? "iso.ko" : "cgroupfs";
}

static const char *net_source(const struct iso_stats_row *r)
{
	return r->net_from_limit ? "net_limit" : "veth";
}

#define METRIC(n, t, h, need, mod, field)				\
	{ .name = n, .type = t, .help = h, .needs = ISO_STATS_HAS(need), \
	  .module_only = mod, .offset = offsetof(struct iso_stats_row, field) }

static const struct family families[] = {
	{ .name = "iso_container_cpu_seconds_total", .type = "counter",
	  .help = "CPU time the container's tasks ran, in every scheduling class: since iso.ko tracked it (source iso.ko), or since its cgroup was made (cgroupfs).",
	  .needs = ISO_STATS_HAS(CPU), .unit = NANOSECONDS,
	  .offset = offsetof(struct iso_stats_row, cpu_ns),
	  .source = cpu_source },
	METRIC("iso_container_memory_usage_bytes", "gauge",
	       "Memory the container's cgroup is charged (memory.current).",
	       MEM, false, mem_bytes),
	METRIC("iso_container_memory_limit_bytes", "gauge",
	       "The container's memory limit (memory.max), or the host's memory when it has none.",
	       MEM_LIMIT, false, mem_avail),
	METRIC("iso_container_tasks", "gauge",
	       "Tasks in the container now, threads included.",
	       PIDS, false, pids),
	{ .name = "iso_container_network_receive_bytes_total",
	  .type = "counter",
	  .help = "Bytes the container received: IP packets iso.ko's net limit counted (source net_limit), else frames through its veths (veth).",
	  .needs = ISO_STATS_HAS(NET),
	  .offset = offsetof(struct iso_stats_row, net_rx),
	  .source = net_source },
	{ .name = "iso_container_network_transmit_bytes_total",
	  .type = "counter",
	  .help = "Bytes the container sent: IP packets iso.ko's net limit counted (source net_limit), else frames through its veths (veth).",
	  .needs = ISO_STATS_HAS(NET),
	  .offset = offsetof(struct iso_stats_row, net_tx),
	  .source = net_source },
	METRIC("iso_container_block_read_bytes_total", "counter",
	       "Bytes read from block devices (io.stat rbytes, or blkio).",
	       BLOCK, false, blk_read),
	METRIC("iso_container_block_write_bytes_total", "counter",
	       "Bytes written to block devices (io.stat wbytes, or blkio).",
	       BLOCK, false, blk_write),
	METRIC("iso_container_forks_total", "counter",
	       "Tasks created in the container since iso.ko tracked it, threads included.",
	       FORKS, true, forks),
	METRIC("iso_container_execs_total", "counter",
	       "Successful execs in the container since iso.ko tracked it.",
	       EXECS, true, execs),
	METRIC("iso_container_exits_total", "counter",
	       "Tasks that exited in the container since iso.ko tracked it, threads included.",
	       EXITS, true, exits),
	{ .name = "iso_container_context_switches_total", .type = "counter",
	  .help = "Context switches of the container's tasks, by kind.",
	  .needs = ISO_STATS_HAS(CSW), .module_only = true,
	  .offset = offsetof(struct iso_stats_row, nvcsw),
	  .label = "kind=\"voluntary\"" },
	/* no name: more samples of the family above */
	{ .needs = ISO_STATS_HAS(CSW), .module_only = true,
	  .offset = offsetof(struct iso_stats_row, nivcsw),
	  .label = "kind=\"involuntary\"" },
	METRIC("iso_container_oom_kills_total", "counter",
	       "Tasks of the container the OOM killer chose.",
	       OOM, true, oom_kills),
};

static void sample(FILE *f, const char *name, const struct iso_stats_row *r,
		   const struct family *fam)
{
	uint64_t v = *(const uint64_t *)((const char *)r + fam->offset);

	fprintf(f, "%.64s{container=", name);
	iso_prometheus_label(f, r->name);
	if (fam->label)
		fprintf(f, ",%.64s", fam->label);
	if (fam->source)
		fprintf(f, ",source=\"%.16s\"", fam->source(r));
	if (fam->unit == NANOSECONDS)
		fprintf(f, "} %" PRIu64 ".%09" PRIu64 "\n", v / 1000000000,
			v % 1000000000);
	else
		fprintf(f, "} %" PRIu64 "\n", v);
}

static void header(FILE *f, const char *name, const char *type,
		   const char *help)
{
	fprintf(f, "# HELP %.64s %.256s\n# TYPE %.64s %.16s\n", name, help,
		name, type);
}

/* One gauge of 1 per container, its other facts in labels. */
static void info(FILE *f, const struct iso_stats_sample *s)
{
	size_t i;

	header(f, "iso_container_info", "gauge",
	       "Always 1; the container's parent and cgroup id in labels.");
	for (i = 0; i < s->n; i++) {
		fprintf(f, "iso_container_info{container=");
		iso_prometheus_label(f, s->rows[i].name);
		fprintf(f, ",parent=");
		iso_prometheus_label(f, s->rows[i].parent);
		fprintf(f, ",cgroup_id=\"%" PRIu64 "\"} 1\n",
			s->rows[i].cgroup_id);
	}
}

/* One gauge of 1 per limit set; isoctl limit shows its state. */
static void limits(FILE *f, const struct iso_stats_sample *s)
{
	const struct iso_stats_row *r;
	unsigned int j;
	size_t i;

	header(f, "iso_container_limit_info", "gauge",
	       "Always 1, for each limit an iso.ko controller keeps on the container.");
	for (i = 0; i < s->n; i++) {
		r = &s->rows[i];
		for (j = 0; r->rec && j < r->rec->n_limits; j++) {
			fprintf(f, "iso_container_limit_info{container=");
			iso_prometheus_label(f, r->name);
			fprintf(f, ",controller=");
			iso_prometheus_label(f, r->rec->limits[j].controller);
			fprintf(f, "} 1\n");
		}
	}
}

int iso_stats_prometheus(FILE *f, const struct iso_stats_sample *s,
			 bool module)
{
	const struct family *fam;
	const char *name = NULL;
	size_t i, k;

	header(f, "iso_module_loaded", "gauge",
	       "1 if the figures come from iso.ko, 0 if from cgroupfs.");
	fprintf(f, "iso_module_loaded %d\n", module);
	info(f, s);
	for (k = 0; k < sizeof(families) / sizeof(families[0]); k++) {
		fam = &families[k];
		if (fam->module_only && !module)
			continue;
		if (fam->name) {
			name = fam->name;
			header(f, name, fam->type, fam->help);
		}
		for (i = 0; i < s->n; i++)
			if ((s->rows[i].has & fam->needs) == fam->needs)
				sample(f, name, &s->rows[i], fam);
	}
	if (module)
		limits(f, s);
	return ferror(f) ? -EIO : 0;
}
