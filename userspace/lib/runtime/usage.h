/* SPDX-License-Identifier: GPL-2.0 */
#ifndef ISO_USAGE_H
#define ISO_USAGE_H

#include <stdbool.h>
#include <stdint.h>

struct iso_cgroup;

/*
 * What lxc-info shows of a container's cgroups, from v2 files where the
 * container has a v2 cgroup with the controller, else from v1.  Unlike
 * lxc-info's, the CPU and memory lines do not vanish on a pure v2 host.
 */
struct iso_usage {
	bool has_cpu, has_blkio, has_mem, has_kmem;
	uint64_t cpu_ns, blkio_bytes, mem_bytes, kmem_bytes;
	uint64_t blk_read, blk_write;	/* blkio_bytes, by direction */
	bool has_mem_limit, has_pids;
	uint64_t mem_limit;		/* memory.max, UINT64_MAX for "max" */
	uint64_t pids;			/* pids.current */
};

void iso_usage_read(const struct iso_cgroup *cg, struct iso_usage *u);

/* Only block I/O, from io.stat in the v2 cgroup @dir. */
void iso_usage_read_io(const char *dir, struct iso_usage *u);

#endif /* ISO_USAGE_H */
