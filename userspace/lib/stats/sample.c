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
#include <fcntl.h>
#include <search.h>
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
	src->quiet = quiet;
	src->host_mem = host_memory();
	layout = malloc(sizeof(*layout));
	if (!layout)
		return iso_fail(-ENOMEM, "allocating", "the cgroup layout");
	if (!cgroup_layout_read(layout))
		snprintf(src->v2_root, sizeof(src->v2_root), "%.4095s",
			 layout->v2_path);
	free(layout);

	ret = iso_genl_open(&src->g);
	if (!ret) {
		src->module = true;
		return 0;
	}
	if (ret != -ENOENT)
		return iso_fail(ret, "opening", "iso.ko's netlink family");
	/* the store's containers, from cgroupfs */
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
 * The host ends of a store container's veths, while its init @pid runs;
 * what the host end receives the container sent.
 */
static void read_veths(const char *cfgpath, pid_t pid,
		       struct iso_stats_row *row)
{
	struct iso_config *cfg;
	char link[IFNAMSIZ];
	uint64_t rx, tx;
	int i;

	/* a config that does not load now has no veths to count */
	cfg = iso_config_read(cfgpath);
	if (!cfg)
		return;
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
	free(cfg);
}

/* The figures @row does not have yet, from the cgroups @cg. */
static void fill_missing(const struct iso_cgroup *cg, struct iso_stats_row *row)
{
	unsigned int had = row->has;
	struct iso_usage u;

	iso_usage_read(cg, &u);
	if (u.has_cpu && !(had & ISO_STATS_HAS(CPU))) {
		row->cpu_ns = u.cpu_ns;
		row->has |= ISO_STATS_HAS(CPU);
	}
	if (u.has_mem && !(had & ISO_STATS_HAS(MEM))) {
		row->mem_bytes = u.mem_bytes;
		row->has |= ISO_STATS_HAS(MEM);
	}
	if (u.has_mem_limit && !(had & ISO_STATS_HAS(MEM_LIMIT))) {
		row->mem_limit = u.mem_limit;
		row->has |= ISO_STATS_HAS(MEM_LIMIT);
	}
	if (u.has_pids && !(had & ISO_STATS_HAS(PIDS))) {
		row->pids = u.pids;
		row->has |= ISO_STATS_HAS(PIDS);
	}
	if (u.has_blkio && !(had & ISO_STATS_HAS(BLOCK))) {
		row->blk_read = u.blk_read;
		row->blk_write = u.blk_write;
		row->has |= ISO_STATS_HAS(BLOCK);
	}
}

/* The v2 cgroup's id, its directory's inode; 0 without one. */
static uint64_t v2_id(const struct iso_cgroup *cg)
{
	struct stat st;

	return cg->v2[0] && !stat(cg->v2, &st) ? st.st_ino : 0;
}

/*
 * A running container of the store: @cg its cgroups, and the return its
 * init's pid; 0 if @name is not one, or not running.
 */
static pid_t store_container(const struct iso_stats_source *src,
			     const char *name, struct iso_cgroup *cg,
			     char cfgpath[PATH_MAX])
{
	char dir[PATH_MAX];
	struct iso_store st;
	pid_t pid;

	/* iso.ko takes names the store would not: "..", "a/b" */
	iso_store_init(&st, src->store);
	if (!iso_store_container(&st, name, dir, cfgpath))
		return 0;
	iso_state_name(dir, name, &pid, cg);
	return pid && (cg->v2[0] || cg->n_v1) ? pid : 0;
}

/*
 * What iso.ko has not: block I/O from io.stat of the record's cgroup,
 * where it is mounted here (the path is in the caller's cgroup
 * namespace, so the directory must have the id).
 */
static void read_io(const struct iso_stats_source *src,
		    const struct iso_container_rec *rec,
		    struct iso_stats_row *row)
{
	char dir[PATH_MAX], at[32];
	struct iso_usage u = { 0 };
	struct stat st;
	int fd;

	if (!src->v2_root[0] || !rec->cgroup_path[0] ||
	    snprintf(dir, sizeof(dir), "%.2047s%.2047s", src->v2_root,
		     rec->cgroup_path) >= (int)sizeof(dir))
		return;
	/* io.stat of the directory that was checked, not of its next tenant */
	fd = open(dir, O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return;
	if (!fstat(fd, &st) && st.st_ino == rec->cgroup_id) {
		snprintf(at, sizeof(at), "/proc/self/fd/%d", fd);
		iso_usage_read_io(at, &u);
	}
	close(fd);
	if (!u.has_blkio)
		return;
	row->blk_read = u.blk_read;
	row->blk_write = u.blk_write;
	row->has |= ISO_STATS_HAS(BLOCK);
}

/*
 * The figures a row lacks: a store container's come from its cgroups, v1
 * ones on a v1 or hybrid host (for iso.ko's records, only if it is the
 * same cgroup, not one of the same name), and net I/O from its veths.
 */
static void enrich(const struct iso_stats_source *src, struct iso_stats_row *row)
{
	static struct iso_cgroup cg;	/* 270 KB: not on the stack */
	char cfgpath[PATH_MAX];
	pid_t pid;

	if (row->rec)
		read_io(src, row->rec, row);
	pid = store_container(src, row->name, &cg, cfgpath);
	if (pid && v2_id(&cg) == row->cgroup_id) {
		fill_missing(&cg, row);
		if (!(row->has & ISO_STATS_HAS(NET)))
			read_veths(cfgpath, pid, row);
	}
	row->mem_avail = row->mem_limit < src->host_mem ? row->mem_limit :
							  src->host_mem;
}

#define STAT(r, a)	((r)->has_stat[ISO_A_STATS_##a])
#define VALUE(r, a)	((r)->stats[ISO_A_STATS_##a])

static void row_from_rec(const struct iso_container_rec *rec,
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
		row->cpu_from_module = true;
	}
	if (STAT(rec, MEMORY_CURRENT)) {
		row->mem_bytes = VALUE(rec, MEMORY_CURRENT);
		row->has |= ISO_STATS_HAS(MEM);
	}
	if (STAT(rec, MEMORY_MAX)) {
		row->mem_limit = VALUE(rec, MEMORY_MAX);
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
		row->net_from_limit = true;
	}
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
		row_from_rec(&s->recs[i], &s->rows[i]);
	return 0;
}

/* Whether @s has a row of that name, or of that cgroup. */
static bool have_row(const struct iso_stats_sample *s, const char *name,
		     uint64_t cgroup_id)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		if (!strcmp(s->rows[i].name, name) ||
		    (cgroup_id && s->rows[i].cgroup_id == cgroup_id))
			return true;
	return false;
}

/*
 * The store's running containers that are not rows yet: every one
 * without iso.ko, and with it those it does not track (started before
 * it was loaded, or refused).  A tracked container of the same name
 * keeps the name.
 */
static int add_store_rows(const struct iso_stats_source *src,
			  struct iso_stats_sample *s)
{
	static struct iso_cgroup cg;	/* 270 KB: not on the stack */
	struct iso_stats_row *rows, *row;
	char cfgpath[PATH_MAX];
	struct dirent **names;
	struct iso_store store;
	uint64_t id;
	int n, i, ret = 0;

	iso_store_init(&store, src->store);
	n = scandir(store.base, &names, NULL, alphasort);
	if (n < 0 && (errno == ENOENT || (errno == EACCES && src->quiet)))
		return 0;
	if (n < 0)
		return iso_fail(-errno, "listing", store.base);
	rows = realloc(s->rows, (s->n + n + 1) * sizeof(*rows));
	if (!rows)
		ret = iso_fail(-ENOMEM, "allocating", "rows");
	else
		s->rows = rows;
	for (i = 0; i < n; i++) {
		const char *name = names[i]->d_name;

		if (!ret && store_container(src, name, &cg, cfgpath) &&
		    !have_row(s, name, id = v2_id(&cg))) {
			row = &s->rows[s->n++];
			memset(row, 0, sizeof(*row));
			snprintf(row->name, sizeof(row->name), "%.64s", name);
			row->cgroup_id = id;
			row->cpu_pct = -1;
		}
		free(names[i]);
	}
	free(names);
	return ret;
}

static bool named_before(char **names, int k)
{
	int j;

	for (j = 0; j < k; j++)
		if (!strcmp(names[j], names[k]))
			return true;
	return false;
}

/* Keep the rows named, in the order named; each must be there, once. */
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
		if (named_before(names, k)) {
			free(rows);
			return iso_failf(-EINVAL, "listing", "%.64s twice",
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

	size_t i;

	memset(s, 0, sizeof(*s));
	clock_gettime(CLOCK_MONOTONIC, &s->taken);
	ret = src->module ? take_module(src, s) : 0;
	if (!ret)
		ret = add_store_rows(src, s);
	if (!ret) {
		/* parents among all of them, also of a row picked alone */
		iso_stats_link_parents(s);
		if (n_names)
			ret = pick(s, names, n_names);
		else if (s->n)	/* no store: no rows array at all */
			qsort(s->rows, s->n, sizeof(*s->rows), by_name);
	}
	for (i = 0; !ret && i < s->n; i++)
		enrich(src, &s->rows[i]);
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

/* A tracked container's cgroup path, in a tree of them (tsearch(3)). */
struct path_key {
	const char *path;
	size_t row;
};

static int by_path(const void *a, const void *b)
{
	return strcmp(((const struct path_key *)a)->path,
		      ((const struct path_key *)b)->path);
}

static void keep(void *key)
{
	(void)key;	/* the keys are one array, freed whole */
}

/*
 * Each row's nearest tracked ancestor: its path's ancestors, nearest
 * first, looked up among the others' paths.  O(n log n) times the depth,
 * where comparing every pair cost n^2 at 4096 containers.
 */
void iso_stats_link_parents(struct iso_stats_sample *s)
{
	struct path_key *keys, want, **found;
	char up[sizeof(s->rows[0].rec->cgroup_path)];
	void *tree = NULL;
	size_t i;
	char *cut;

	keys = calloc(s->n, sizeof(*keys));
	if (!keys)
		return;		/* no PARENT column: nothing else is lost */
	/* iso.ko leaves out a path too long to send */
	for (i = 0; i < s->n; i++) {
		if (!s->rows[i].rec || s->rows[i].rec->cgroup_path[0] != '/')
			continue;
		keys[i] = (struct path_key){ s->rows[i].rec->cgroup_path, i };
		tsearch(&keys[i], &tree, by_path);
	}
	for (i = 0; i < s->n; i++) {
		if (!keys[i].path || !strcmp(keys[i].path, "/"))
			continue;
		snprintf(up, sizeof(up), "%.1023s", keys[i].path);
		want.path = up;
		do {
			cut = strrchr(up, '/');
			cut[cut == up] = '\0';		/* "/a" goes to "/" */
			found = tfind(&want, &tree, by_path);
		} while (!found && cut != up);
		if (found)
			snprintf(s->rows[i].parent, sizeof(s->rows[i].parent),
				 "%.64s", s->rows[(*found)->row].name);
	}
	tdestroy(tree, keep);
	free(keys);
}
