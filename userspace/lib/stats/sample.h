/* SPDX-License-Identifier: GPL-2.0 */
#ifndef ISO_STATS_SAMPLE_H
#define ISO_STATS_SAMPLE_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include "kernel/container.h"
#include "kernel/genl.h"

/*
 * One sample of the figures of every container the caller may see, for
 * stats, top and serve: from one iso.ko dump where the module is loaded,
 * and from cgroupfs for the running containers of the store it does not
 * track (every one, without the module).
 */

/* Which figures of a row are known: bits of iso_stats_row.has. */
enum iso_stats_field {
	ISO_STATS_CPU,
	ISO_STATS_MEM,
	ISO_STATS_MEM_LIMIT,
	ISO_STATS_NET,
	ISO_STATS_BLOCK,
	ISO_STATS_PIDS,
	ISO_STATS_FORKS,
	ISO_STATS_EXECS,
	ISO_STATS_EXITS,
	ISO_STATS_CSW,
	ISO_STATS_OOM,
	ISO_STATS_LIMITS,

	ISO_STATS_FIELDS,
};

#define ISO_STATS_HAS(f)	(1U << (ISO_STATS_##f))

struct iso_stats_row {
	char name[ISO_NAME_MAX + 1];
	char parent[ISO_NAME_MAX + 1];	/* the nearest container above, or "" */
	uint64_t cgroup_id;		/* 0 from cgroupfs on a v1 host */
	unsigned int has;		/* ISO_STATS_HAS() bits */
	uint64_t cpu_ns;
	uint64_t mem_bytes;
	uint64_t mem_limit;		/* as the cgroup says: memory.max ("max":
					 * UINT64_MAX), memory.limit_in_bytes */
	uint64_t mem_avail;		/* mem_limit, or the host's memory if less */
	uint64_t pids;			/* tasks, threads included */
	uint64_t net_rx, net_tx;	/* as the container sees them */
	uint64_t blk_read, blk_write;
	uint64_t forks, execs, exits, nvcsw, nivcsw, oom_kills;
	double cpu_pct;			/* of one CPU; -1 until two samples */
	bool cpu_from_module;		/* since iso.ko tracked it; else since
					 * the cgroup was made */
	bool net_from_limit;		/* its net limit's; else its veths' */
	const struct iso_container_rec *rec;	/* iso.ko's record, or NULL */
};

struct iso_stats_sample {
	struct timespec taken;		/* CLOCK_MONOTONIC */
	size_t n;
	struct iso_stats_row *rows;	/* by name, or in the order named */
	struct iso_container_rec *recs;	/* iso.ko's, or NULL */
};

/* Where samples come from. */
struct iso_stats_source {
	bool module;			/* else cgroupfs */
	bool quiet;			/* serve: a store it may not read is none */
	struct iso_genl g;
	const char *store;		/* -P, or NULL for the default */
	char v2_root[4096];		/* where the v2 tree is mounted, or "" */
	uint64_t host_mem;		/* what an unlimited container has */
};

/*
 * Open iso.ko's family, or cgroupfs when the module is not loaded, which
 * it says on stderr with the figures that are then missing, unless
 * @quiet.  0, or a negative errno after saying why.
 */
int iso_stats_open(struct iso_stats_source *src, const char *store, bool quiet);
void iso_stats_close(struct iso_stats_source *src);

/*
 * Take a sample of the containers named in @names (@n_names of them), or
 * of all if there are none.  A name that is not there is an error:
 * -ENOENT after saying so; one named twice, -EINVAL.
 */
int iso_stats_take(struct iso_stats_source *src, char **names, int n_names,
		   struct iso_stats_sample *s);
void iso_stats_free(struct iso_stats_sample *s);

/* The row of @s for the same container as @row, or NULL. */
const struct iso_stats_row *iso_stats_find(const struct iso_stats_sample *s,
					   const struct iso_stats_row *row);

/*
 * Each row's CPU use since @prev, in percent of one CPU: the CPU time
 * between the two samples over the wall time; -1 where it is not known.
 */
void iso_stats_rates(struct iso_stats_sample *now,
		     const struct iso_stats_sample *prev);

/*
 * The nearest ancestor iso.ko tracks of each of its rows, by cgroup path,
 * for PARENT.  Quadratic, as a few hundred containers are cheap.
 */
void iso_stats_link_parents(struct iso_stats_sample *s);

#endif /* ISO_STATS_SAMPLE_H */
