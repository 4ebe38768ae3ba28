// SPDX-License-Identifier: GPL-2.0
/*
 * isoctl stats' output without a kernel: docker's sizes, the table, the
 * Prometheus exposition (escaping, one family per metric, base units)
 * and CPU % from two samples.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "stats/columns.h"
#include "stats/prometheus.h"
#include "stats/table.h"

static void test_sizes(void **state)
{
	char b[32];

	(void)state;
	iso_size_binary(b, sizeof(b), 0);
	assert_string_equal(b, "0B");
	iso_size_binary(b, sizeof(b), 1536);
	assert_string_equal(b, "1.5KiB");
	iso_size_binary(b, sizeof(b), 7.763 * 1024 * 1024 * 1024);
	assert_string_equal(b, "7.763GiB");
	iso_size_decimal(b, sizeof(b), 512);
	assert_string_equal(b, "512B");
	iso_size_decimal(b, sizeof(b), 1234);
	assert_string_equal(b, "1.23kB");
	iso_size_decimal(b, sizeof(b), 1000000000);
	assert_string_equal(b, "1GB");
	/* rounds up to the next unit, not to "1e+03kB" */
	iso_size_decimal(b, sizeof(b), 999700);
	assert_string_equal(b, "1MB");
}

/* Two rows: a named one with every figure, a nested one with few. */
static void sample(struct iso_stats_sample *s, struct iso_stats_row *rows)
{
	memset(rows, 0, 2 * sizeof(*rows));
	strcpy(rows[0].name, "we\"b\\1\n");
	rows[0].has = ~0U;
	rows[0].cpu_ns = 1500000001;
	rows[0].mem_bytes = 1536;
	rows[0].mem_limit = 3072;
	rows[0].mem_avail = 3072;
	rows[0].net_rx = 1234;
	rows[0].net_tx = 5;
	rows[0].nvcsw = 7;
	rows[0].nivcsw = 8;
	rows[0].pids = 3;
	rows[0].cpu_pct = 12.5;
	strcpy(rows[1].name, "in");
	strcpy(rows[1].parent, "web");
	rows[1].has = ISO_STATS_HAS(PIDS);
	rows[1].pids = 1;
	rows[1].cpu_pct = -1;
	memset(s, 0, sizeof(*s));
	s->rows = rows;
	s->n = 2;
}

/* What @fn wrote, in a malloc'ed string. */
static char *capture(struct iso_stats_sample *s, int which)
{
	unsigned int cols[64], n;
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	assert_non_null(f);
	if (which) {
		assert_int_equal(iso_stats_prometheus(f, s, true), 0);
	} else {
		n = iso_stats_default_columns(s, true, cols);
		assert_int_equal(iso_stats_print_table(f, s, cols, n), 0);
	}
	fclose(f);
	return buf;
}

static void test_table(void **state)
{
	struct iso_stats_row rows[2];
	struct iso_stats_sample s;
	char *out, *line2;

	(void)state;
	sample(&s, rows);
	strcpy(rows[0].name, "web");
	out = capture(&s, 0);
	line2 = strchr(out, '\n') + 1;
	assert_memory_equal(out, "NAME   CPU %    MEM USAGE / LIMIT   MEM %    NET I/O       BL", 61);
	assert_non_null(strstr(out, "PARENT\n"));
	assert_memory_equal(line2, "web    12.50%   1.5KiB / 3KiB       50.00%   1.23kB / 5B   0B", 61);
	/* unknown figures are "--", a top-level row has no parent */
	assert_non_null(strstr(line2, "   -\nin     --       --                  --       --            "));
	free(out);
}

static void test_prometheus(void **state)
{
	struct iso_stats_row rows[2];
	struct iso_stats_sample s;
	char *out;

	(void)state;
	sample(&s, rows);
	out = capture(&s, 1);
	/* \, " and newline escaped in label values */
	assert_non_null(strstr(out, "\niso_container_cpu_seconds_total{container=\"we\\\"b\\\\1\\n\",source=\"cgroupfs\"} 1.500000001\n"));
	assert_non_null(strstr(out, "\n# TYPE iso_container_context_switches_total counter\n"
				    "iso_container_context_switches_total{container=\"we\\\"b\\\\1\\n\",kind=\"voluntary\"} 7\n"
				    "iso_container_context_switches_total{container=\"we\\\"b\\\\1\\n\",kind=\"involuntary\"} 8\n"));
	assert_non_null(strstr(out, "\niso_container_info{container=\"in\",parent=\"web\",cgroup_id=\"0\"} 1\n"));
	assert_non_null(strstr(out, "\niso_container_tasks{container=\"in\"} 1\n"));
	/* a row without a figure has no sample of it */
	assert_null(strstr(out, "iso_container_memory_usage_bytes{container=\"in\"}"));
	assert_null(strstr(strstr(out, "# TYPE iso_container_tasks") + 1,
			   "# TYPE iso_container_tasks"));
	free(out);
}

/* Records as iso.ko sends them: limits, nesting, an empty path. */
static void module_sample(struct iso_stats_sample *s, struct iso_stats_row *rows,
			  struct iso_container_rec *recs)
{
	static const char *const paths[] = { "/a", "/a/b", "", "/a/b/c" };
	static const char *const names[] = { "a", "b", "long", "c" };
	int i;

	memset(recs, 0, 4 * sizeof(*recs));
	for (i = 0; i < 4; i++) {
		strcpy(recs[i].name, names[i]);
		strcpy(recs[i].cgroup_path, paths[i]);
		recs[i].cgroup_id = 100 + i;
		recs[i].stats[ISO_A_STATS_CPU_NS] = 5;
		recs[i].has_stat[ISO_A_STATS_CPU_NS] = true;
		recs[i].stats[ISO_A_STATS_NVCSW] = 1;
		recs[i].has_stat[ISO_A_STATS_NVCSW] = true;
		recs[i].stats[ISO_A_STATS_NIVCSW] = 2;
		recs[i].has_stat[ISO_A_STATS_NIVCSW] = true;
	}
	strcpy(recs[0].limits[0].controller, "fork_rate");
	strcpy(recs[0].limits[1].controller, "net");
	recs[0].limits[1].state[ISO_A_NET_RX_BYTES] = 7;
	recs[0].n_limits = 2;
	memset(rows, 0, 4 * sizeof(*rows));
	for (i = 0; i < 4; i++) {
		strcpy(rows[i].name, names[i]);
		rows[i].rec = &recs[i];
		rows[i].cgroup_id = recs[i].cgroup_id;
		rows[i].has = ISO_STATS_HAS(CPU) | ISO_STATS_HAS(CSW) |
			      ISO_STATS_HAS(LIMITS);
		rows[i].cpu_ns = 5;
		rows[i].cpu_from_module = true;
		rows[i].nvcsw = 1;
		rows[i].nivcsw = 2;
	}
	rows[0].has |= ISO_STATS_HAS(NET);
	rows[0].net_from_limit = true;
	rows[0].net_rx = 7;
	memset(s, 0, sizeof(*s));
	s->rows = rows;
	s->n = 4;
}

/* The nearest tracked ancestor; a record without a path is no one's. */
static void test_parents(void **state)
{
	struct iso_container_rec recs[4];
	struct iso_stats_row rows[4];
	struct iso_stats_sample s;

	(void)state;
	module_sample(&s, rows, recs);
	iso_stats_link_parents(&s);
	assert_string_equal(rows[0].parent, "");
	assert_string_equal(rows[1].parent, "a");
	assert_string_equal(rows[2].parent, "");
	assert_string_equal(rows[3].parent, "b");
	/* the nearest one that is tracked; "/a/bb" is not above "/a/b/c" */
	memset(rows, 0, 4 * sizeof(*rows));
	module_sample(&s, rows, recs);
	strcpy(recs[1].cgroup_path, "/a/bb");
	strcpy(recs[2].cgroup_path, "/");
	iso_stats_link_parents(&s);
	assert_string_equal(rows[0].parent, "long");
	assert_string_equal(rows[1].parent, "a");
	assert_string_equal(rows[2].parent, "");
	assert_string_equal(rows[3].parent, "a");
}

/* iso.ko's exposition through a real parser: tools/promcheck. */
static void test_prometheus_parses(void **state)
{
	struct iso_container_rec recs[4];
	struct iso_stats_row rows[4];
	struct iso_stats_sample s;
	char path[] = "/tmp/iso-prom-XXXXXX", cmd[256];
	FILE *f;
	int fd;

	(void)state;
	module_sample(&s, rows, recs);
	iso_stats_link_parents(&s);
	fd = mkstemp(path);
	assert_true(fd >= 0);
	f = fdopen(fd, "w");
	assert_int_equal(iso_stats_prometheus(f, &s, true), 0);
	fclose(f);
	snprintf(cmd, sizeof(cmd), "tools/promcheck %.64s >%.64s.out", path, path);
	assert_int_equal(system(cmd), 0);
	snprintf(cmd, sizeof(cmd),
		 "grep -qx 'iso_container_limit_info{container=\"a\",controller=\"net\"} 1.0' %.64s.out",
		 path);
	assert_int_equal(system(cmd), 0);
	snprintf(cmd, sizeof(cmd),
		 "grep -qx 'iso_container_network_receive_bytes_total{container=\"a\",source=\"net_limit\"} 7.0' %.64s.out",
		 path);
	assert_int_equal(system(cmd), 0);
	snprintf(cmd, sizeof(cmd), "%.64s.out", path);
	unlink(cmd);
	unlink(path);
}

static void test_cpu_percent(void **state)
{
	struct iso_stats_row was = { .name = "a", .has = ISO_STATS_HAS(CPU),
				     .cpu_ns = 1000 };
	struct iso_stats_row now[2] = {
		{ .name = "a", .has = ISO_STATS_HAS(CPU), .cpu_ns = 501000 },
		{ .name = "b", .has = ISO_STATS_HAS(CPU), .cpu_ns = 5 },
	};
	struct iso_stats_sample p = { .rows = &was, .n = 1 };
	struct iso_stats_sample s = { .rows = now, .n = 2 };

	(void)state;
	p.taken.tv_sec = 10;
	s.taken.tv_sec = 10;
	s.taken.tv_nsec = 1000000;	/* 1 ms later: 0.5 ms of CPU */
	iso_stats_rates(&s, &p);
	assert_true(now[0].cpu_pct > 49.99 && now[0].cpu_pct < 50.01);
	assert_true(now[1].cpu_pct < 0);	/* new since the last sample */
	iso_stats_rates(&s, NULL);
	assert_true(now[0].cpu_pct < 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sizes),
		cmocka_unit_test(test_table),
		cmocka_unit_test(test_prometheus),
		cmocka_unit_test(test_parents),
		cmocka_unit_test(test_prometheus_parses),
		cmocka_unit_test(test_cpu_percent),
	};

	return cmocka_run_group_tests_name("stats_format", tests, NULL, NULL);
}
