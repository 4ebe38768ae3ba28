// SPDX-License-Identifier: GPL-2.0
/*
 * A sample of every container's figures.  With iso.ko, one dump gives
 * the containers and most figures; block I/O comes from each one's
 * io.stat, and net I/O from its net limit, else from the host ends of its
 * veths.  Without it, the running containers of the store are read from
 * cgroupfs, v2 or v1.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysinfo.h>
#include <unistd.h>

#include "error.h"
#include "config/config.h"
#include "net/net.h"
#include "runtime/cgroup.h"
#include "runtime/state.h"
#include "runtime/store.h"
#include "runtime/usage.h"
#include "stats/sample.h"

static uint64_t host_memory(void)
{
	struct sysinfo si;

	if (sysinfo(&si))
		return 0;
	return (uint64_t)si.totalram * si.mem_unit;
}

int iso_stats_open(struct iso_stats_source *src, const char *store, bool quiet)
{
	struct cgroup_layout *layout;
	int ret;

	memset(src, 0, sizeof(*src));
	src->store = store;
	src->host_mem = host_memory();
	layout = malloc(sizeof(*layout));
	if (!layout)
		return iso_fail(-ENOMEM, "allocating", "the cgroup layout");
	if (!cgroup_layout_read(layout))
		snprintf(src->v2_root, sizeof(src->v2_root), "%s",
			 layout->v2_path);
	free(layout);

	ret = iso_genl_open(&src->g);
	if (!ret) {
		src->module = true;
		return 0;
	}
	if (ret != -ENOENT)
		return iso_fail(ret, "opening", "iso.ko's netlink family");
	if (!quiet)
		fprintf(stderr, "isoctl: iso.ko is not loaded: figures from cgroupfs, without FORKS, EXECS, EXITS, CSW, OOM and LIMITS\n");
	return 0;
}

void iso_stats_close(struct iso_stats_source *src)
{
	if (src->module)
		iso_genl_close(&src->g);
}

void iso_stats_free(struct iso_stats_sample *s)
{
	free(s->rows);
	free(s->recs);
	memset(s, 0, sizeof(*s));
}

/*
 * The host ends of a store container's veths, while it runs; what the
 * host end receives the container sent.
 */
static void read_veths(const char *store, const char *name,
		       struct iso_stats_row *row)
{
	char dir[PATH_MAX], cfgpath[PATH_MAX], link[IFNAMSIZ];
	struct iso_cfg_error err;
	struct iso_store st;
	struct iso_config *cfg;
	uint64_t rx, tx;
	pid_t pid;
	int i;

	iso_store_init(&st, store);
	if (iso_store_path(&st, name, NULL, dir) ||
	    iso_store_path(&st, name, "config", cfgpath) ||
	    access(cfgpath, F_OK))
		return;
	pid = iso_state_running(dir);
	if (!pid)
		return;
	/* a config that does not load now has no veths to count */
	cfg = calloc(1, sizeof(*cfg));
	if (!cfg)
		return;
	iso_config_init_zeroed(cfg);
	if (iso_config_load(cfgpath, cfg, &err))
		goto out;
	for (i = 0; i < cfg->n_nets; i++) {
		if (cfg->nets[i].type != ISO_NET_VETH)
			continue;
		iso_net_host_name(&cfg->nets[i], i, pid, link);
		if (iso_net_link_bytes(link, &rx, &tx))
			continue;
		row->net_rx += tx;
		row->net_tx += rx;
		row->has |= ISO_STATS_HAS(NET);
	}
out:
	free(cfg);
}

/* The figures @row does not have yet, from the cgroups @cg. */
static void fill_missing(const struct iso_stats_source *src,
			 const struct iso_cgroup *cg, struct iso_stats_row *row)
{
	unsigned int had = row->has;
	struct iso_usage u;

	iso_usage_read(cg, &u);
#define FILL(bit, known, ...)						\
	do {								\
		if ((known) && !(had & ISO_STATS_HAS(bit))) {		\
			__VA_ARGS__;					\
			row->has |= ISO_STATS_HAS(bit);			\
		}							\
	} while (0)
	FILL(CPU, u.has_cpu, row->cpu_ns = u.cpu_ns);
	FILL(MEM, u.has_mem, row->mem_bytes = u.mem_bytes);
	FILL(MEM_LIMIT, u.has_mem_limit,
	     row->mem_limit = u.mem_limit > src->host_mem ? src->host_mem :
							     u.mem_limit);
	FILL(PIDS, u.has_pids, row->pids = u.pids);
	FILL(BLOCK, u.has_blkio, row->blk_read = u.blk_read;
	     row->blk_write = u.blk_write);
#undef FILL
}

/*
 * A running container of the store that iso.ko tracks, the same cgroup
 * and not one of the same name: the figures iso.ko and its v2 cgroup
 * lack come from its v1 cgroups, on a v1 or hybrid host, and net I/O
 * from its veths.
 */
static void read_store(const struct iso_stats_source *src,
		       struct iso_stats_row *row)
{
	static struct iso_cgroup cg;	/* 270 KB: not on the stack */
	char dir[PATH_MAX];
	struct iso_store st;
	struct stat sb;
	pid_t pid;

	iso_store_init(&st, src->store);
	if (iso_store_path(&st, row->name, NULL, dir) ||
	    !iso_state_running(dir))
		return;
	iso_state_name(dir, row->name, &pid, &cg);
	if (!pid || !cg.v2[0] || stat(cg.v2, &sb) ||
	    sb.st_ino != row->cgroup_id)
		return;
	fill_missing(src, &cg, row);
	if (!(row->has & ISO_STATS_HAS(NET)))
		read_veths(src->store, row->name, row);
}

/*
 * io.stat of the record's cgroup, where it is mounted here: the path is
 * in the caller's cgroup namespace, so the directory must have the id.
 */
static void read_io(const struct iso_stats_source *src,
		    const struct iso_container_rec *rec,
		    struct iso_stats_row *row)
{
	char dir[PATH_MAX];
	struct iso_usage u = { 0 };
	struct stat st;

	if (!src->v2_root[0] || !rec->cgroup_path[0] ||
	    snprintf(dir, sizeof(dir), "%s%s", src->v2_root,
		     rec->cgroup_path) >= (int)sizeof(dir) ||
	    stat(dir, &st) || st.st_ino != rec->cgroup_id)
		return;
	iso_usage_read_io(dir, &u);
	if (!u.has_blkio)
		return;
	row->blk_read = u.blk_read;
	row->blk_write = u.blk_write;
	row->has |= ISO_STATS_HAS(BLOCK);
}

#define STAT(r, a)	((r)->has_stat[ISO_A_STATS_##a])
#define VALUE(r, a)	((r)->stats[ISO_A_STATS_##a])

static void row_from_rec(const struct iso_stats_source *src,
			 const struct iso_container_rec *rec,
			 struct iso_stats_row *row)
{
	const struct iso_limit_rec *net;

	memset(row, 0, sizeof(*row));
	snprintf(row->name, sizeof(row->name), "%.64s", rec->name);
	row->cgroup_id = rec->cgroup_id;
	row->rec = rec;
	row->cpu_pct = -1;
	row->has = ISO_STATS_HAS(LIMITS);
	if (STAT(rec, CPU_NS)) {
		row->cpu_ns = VALUE(rec, CPU_NS);
		row->has |= ISO_STATS_HAS(CPU);
	}
	if (STAT(rec, MEMORY_CURRENT)) {
		row->mem_bytes = VALUE(rec, MEMORY_CURRENT);
		row->has |= ISO_STATS_HAS(MEM);
	}
	if (STAT(rec, MEMORY_MAX)) {
		row->mem_limit = VALUE(rec, MEMORY_MAX);
		if (row->mem_limit > src->host_mem)
			row->mem_limit = src->host_mem;
		row->has |= ISO_STATS_HAS(MEM_LIMIT);
	}
	if (STAT(rec, THREADS)) {
		row->pids = VALUE(rec, THREADS);
		row->has |= ISO_STATS_HAS(PIDS);
	}
	if (STAT(rec, FORKS) && STAT(rec, EXECS) && STAT(rec, EXITS)) {
		row->forks = VALUE(rec, FORKS);
		row->execs = VALUE(rec, EXECS);
		row->exits = VALUE(rec, EXITS);
		row->has |= ISO_STATS_HAS(FORKS) | ISO_STATS_HAS(EXECS) |
			    ISO_STATS_HAS(EXITS);
	}
	if (STAT(rec, NVCSW) && STAT(rec, NIVCSW)) {
		row->nvcsw = VALUE(rec, NVCSW);
		row->nivcsw = VALUE(rec, NIVCSW);
		row->has |= ISO_STATS_HAS(CSW);
	}
	if (STAT(rec, OOM_KILLS)) {
		row->oom_kills = VALUE(rec, OOM_KILLS);
		row->has |= ISO_STATS_HAS(OOM);
	}
	net = iso_container_limit(rec, "net");
	if (net && net->has_state[ISO_A_NET_RX_BYTES] &&
	    net->has_state[ISO_A_NET_TX_BYTES]) {
		row->net_rx = net->state[ISO_A_NET_RX_BYTES];
		row->net_tx = net->state[ISO_A_NET_TX_BYTES];
		row->has |= ISO_STATS_HAS(NET);
	}
	read_io(src, rec, row);
	read_store(src, row);
}

static int take_module(struct iso_stats_source *src, struct iso_stats_sample *s)
{
	size_t i;
	int ret;

	ret = iso_genl_container_dump(&src->g, &s->recs, &s->n);
	if (ret)
		return iso_fail_why(ret, "dumping", "containers", src->g.extack);
	s->rows = calloc(s->n ?: 1, sizeof(*s->rows));
	if (!s->rows)
		return iso_fail(-ENOMEM, "allocating", "rows");
	for (i = 0; i < s->n; i++)
		row_from_rec(src, &s->recs[i], &s->rows[i]);
	iso_stats_link_parents(s);
	return 0;
}

static void row_from_cgroupfs(const struct iso_stats_source *src,
			      const char *name, const struct iso_cgroup *cg,
			      struct iso_stats_row *row)
{
	struct stat st;

	memset(row, 0, sizeof(*row));
	snprintf(row->name, sizeof(row->name), "%.64s", name);
	row->cpu_pct = -1;
	if (cg->v2[0] && !stat(cg->v2, &st))
		row->cgroup_id = st.st_ino;
	fill_missing(src, cg, row);
	read_veths(src->store, name, row);
}

/* The store's running containers, by name. */
static int take_cgroupfs(struct iso_stats_source *src,
			 struct iso_stats_sample *s)
{
	static struct iso_cgroup cg;	/* 270 KB: not on the stack */
	struct dirent **names;
	struct iso_store store;
	char dir[PATH_MAX], cfg[PATH_MAX];
	const char *why;
	int n, i, ret = 0;
	pid_t pid;

	iso_store_init(&store, src->store);
	n = scandir(store.base, &names, NULL, alphasort);
	if (n < 0 && errno != ENOENT)
		return iso_fail(-errno, "listing", store.base);
	if (n < 0)
		n = 0;
	s->rows = calloc(n ?: 1, sizeof(*s->rows));
	if (!s->rows)
		ret = iso_fail(-ENOMEM, "allocating", "rows");
	for (i = 0; i < n; i++) {
		const char *name = names[i]->d_name;

		if (!ret && !iso_name_check(name, &why) &&
		    !iso_store_path(&store, name, NULL, dir) &&
		    !iso_store_path(&store, name, "config", cfg) &&
		    !access(cfg, F_OK)) {
			iso_state_name(dir, name, &pid, &cg);
			if (pid && (cg.v2[0] || cg.n_v1))
				row_from_cgroupfs(src, name, &cg,
						  &s->rows[s->n++]);
		}
		free(names[i]);
	}
	if (n > 0)
		free(names);
	return ret;
}

/* Keep the rows named, in the order named; each must be there. */
static int pick(struct iso_stats_sample *s, char **names, int n_names)
{
	struct iso_stats_row *rows;
	size_t i;
	int k;

	rows = calloc(n_names, sizeof(*rows));
	if (!rows)
		return iso_fail(-ENOMEM, "allocating", "rows");
	for (k = 0; k < n_names; k++) {
		for (i = 0; i < s->n; i++)
			if (!strcmp(s->rows[i].name, names[k]))
				break;
		if (i == s->n) {
			free(rows);
			return iso_errorf(-ENOENT, "no such container \"%.64s\"",
					  names[k]);
		}
		rows[k] = s->rows[i];
	}
	free(s->rows);
	s->rows = rows;
	s->n = n_names;
	return 0;
}

static int by_name(const void *a, const void *b)
{
	const struct iso_stats_row *x = a, *y = b;

	return strcmp(x->name, y->name);
}

int iso_stats_take(struct iso_stats_source *src, char **names, int n_names,
		   struct iso_stats_sample *s)
{
	int ret;

	memset(s, 0, sizeof(*s));
	clock_gettime(CLOCK_MONOTONIC, &s->taken);
	ret = src->module ? take_module(src, s) : take_cgroupfs(src, s);
	if (!ret && n_names)
		ret = pick(s, names, n_names);
	else if (!ret)
		qsort(s->rows, s->n, sizeof(*s->rows), by_name);
	if (ret)
		iso_stats_free(s);
	return ret;
}

const struct iso_stats_row *iso_stats_find(const struct iso_stats_sample *s,
					   const struct iso_stats_row *row)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		if (s->rows[i].cgroup_id == row->cgroup_id &&
		    !strcmp(s->rows[i].name, row->name))
			return &s->rows[i];
	return NULL;
}

static double cpu_percent(const struct iso_stats_sample *prev,
			 const struct iso_stats_sample *now,
			 const struct iso_stats_row *row)
{
	const struct iso_stats_row *was;
	double wall;

	if (!(row->has & ISO_STATS_HAS(CPU)))
		return -1;
	was = iso_stats_find(prev, row);
	wall = (now->taken.tv_sec - prev->taken.tv_sec) * 1e9 +
	       (now->taken.tv_nsec - prev->taken.tv_nsec);
	if (!was || !(was->has & ISO_STATS_HAS(CPU)) || wall <= 0 ||
	    row->cpu_ns < was->cpu_ns)
		return -1;
	return (row->cpu_ns - was->cpu_ns) * 100.0 / wall;
}

void iso_stats_rates(struct iso_stats_sample *now,
		     const struct iso_stats_sample *prev)
{
	size_t i;

	for (i = 0; i < now->n; i++)
		now->rows[i].cpu_pct = prev ? cpu_percent(prev, now,
							  &now->rows[i]) : -1;
}

/* Whether cgroup @path is @anc or below it. */
static bool below(const char *path, const char *anc)
{
	size_t len = strlen(anc);

	if (!strcmp(anc, "/"))
		return strcmp(path, "/") != 0;
	return !strncmp(path, anc, len) && path[len] == '/';
}

void iso_stats_link_parents(struct iso_stats_sample *s)
{
	size_t i, j, best_len;
	const char *path, *anc;

	for (i = 0; i < s->n; i++) {
		if (!s->rows[i].rec)
			continue;
		path = s->rows[i].rec->cgroup_path;
		best_len = 0;
		for (j = 0; j < s->n && path[0]; j++) {
			if (j == i || !s->rows[j].rec)
				continue;
			anc = s->rows[j].rec->cgroup_path;
			if (below(path, anc) && strlen(anc) >= best_len) {
				best_len = strlen(anc);
				snprintf(s->rows[i].parent,
					 sizeof(s->rows[i].parent), "%s",
					 s->rows[j].name);
			}
		}
	}
}
