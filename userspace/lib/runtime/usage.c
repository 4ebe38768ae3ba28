// SPDX-License-Identifier: GPL-2.0
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "runtime/cgroup.h"
#include "runtime/store.h"
#include "runtime/usage.h"

static bool read_u64(const char *dir, const char *file, uint64_t *value)
{
	char line[64], *end;

	if (!dir || iso_cgroup_read(dir, file, line, sizeof(line)))
		return false;
	*value = strtoull(line, &end, 10);
	return end != line;
}

/*
 * Sum every "KEY VALUE" pair named @key in DIR/FILE, also those after a
 * device, as io.stat's "8:0 rbytes=N wbytes=N" and blkio's "8:0 Read N".
 * A file without the key, as io.stat before any I/O, sums to 0.
 */
static bool sum_keyed(const char *dir, const char *file, const char *key,
		      uint64_t *sum)
{
	char path[PATH_MAX], word[128];
	size_t len = strlen(key);
	uint64_t v;
	FILE *f;

	if (!dir || iso_path_join(path, dir, file))
		return false;
	f = fopen(path, "re");
	if (!f)
		return false;
	*sum = 0;
	while (fscanf(f, "%127s", word) == 1) {
		if (strncmp(word, key, len))
			continue;
		if (word[len] == '=' && sscanf(word + len + 1, "%" SCNu64, &v) == 1)
			;
		else if (word[len] || fscanf(f, "%" SCNu64, &v) != 1)
			continue;
		*sum += v;
	}
	fclose(f);
	return true;
}

static void set_blkio(struct iso_usage *u, uint64_t r, uint64_t w)
{
	u->blk_read = r;
	u->blk_write = w;
	u->blkio_bytes = r + w;
	u->has_blkio = true;
}

/* A limit, "max" being UINT64_MAX. */
static bool read_limit(const char *dir, const char *file, uint64_t *value)
{
	char line[64];

	if (!dir || iso_cgroup_read(dir, file, line, sizeof(line)))
		return false;
	if (!strcmp(line, "max")) {
		*value = UINT64_MAX;
		return true;
	}
	return read_u64(dir, file, value);
}

void iso_usage_read_io(const char *dir, struct iso_usage *u)
{
	uint64_t r, w;

	if (sum_keyed(dir, "io.stat", "rbytes", &r) &&
	    sum_keyed(dir, "io.stat", "wbytes", &w))
		set_blkio(u, r, w);
}

static void read_v2(const char *dir, struct iso_usage *u)
{
	if (sum_keyed(dir, "cpu.stat", "usage_usec", &u->cpu_ns)) {
		u->cpu_ns *= 1000;
		u->has_cpu = true;
	}
	u->has_mem = read_u64(dir, "memory.current", &u->mem_bytes);
	u->has_kmem = sum_keyed(dir, "memory.stat", "kernel", &u->kmem_bytes);
	iso_usage_read_io(dir, u);
	u->has_pids = read_u64(dir, "pids.current", &u->pids);
	u->has_mem_limit = read_limit(dir, "memory.max", &u->mem_limit);
}

#define BLKIO_BYTES "blkio.throttle.io_service_bytes_recursive"

static void read_v1(const struct iso_cgroup *cg, struct iso_usage *u)
{
	const char *mem = iso_cgroup_v1_dir(cg, "memory");
	const char *blkio = iso_cgroup_v1_dir(cg, "blkio");
	uint64_t r, w;

	if (!u->has_cpu)
		u->has_cpu = read_u64(iso_cgroup_v1_dir(cg, "cpuacct"),
				      "cpuacct.usage", &u->cpu_ns);
	if (!u->has_mem)
		u->has_mem = read_u64(mem, "memory.usage_in_bytes", &u->mem_bytes);
	if (!u->has_kmem)
		u->has_kmem = read_u64(mem, "memory.kmem.usage_in_bytes",
				       &u->kmem_bytes);
	if (!u->has_blkio && sum_keyed(blkio, BLKIO_BYTES, "Read", &r) &&
	    sum_keyed(blkio, BLKIO_BYTES, "Write", &w))
		set_blkio(u, r, w);
	if (!u->has_pids)
		u->has_pids = read_u64(iso_cgroup_v1_dir(cg, "pids"),
				       "pids.current", &u->pids);
	/* v1 says "unlimited" with the largest page-aligned long */
	if (!u->has_mem_limit)
		u->has_mem_limit = read_u64(mem, "memory.limit_in_bytes",
					    &u->mem_limit);
}

void iso_usage_read(const struct iso_cgroup *cg, struct iso_usage *u)
{
	memset(u, 0, sizeof(*u));
	if (cg->v2[0])
		read_v2(cg->v2, u);
	read_v1(cg, u);
}
