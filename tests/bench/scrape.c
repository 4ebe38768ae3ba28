// SPDX-License-Identifier: GPL-2.0
/*
 * scrape DIR N R: the cgroupfs side of tests/bench/query.sh.  Reads, for
 * DIR/c0..c(N-1) (or DIR itself when N is 0), what iso.ko's record
 * carries, as a careful scraper would: cpu.stat, memory.current,
 * memory.peak, memory.max, memory.events, pids.current and
 * cgroup.threads, each with one openat() from a directory fd held open
 * and one read().  R passes; prints the median pass in microseconds.
 * No library beyond libc, so that as a whole process it pays no more
 * start-up than such a scraper would.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static const char *const files[] = {
	"cpu.stat", "memory.current", "memory.peak", "memory.max",
	"memory.events", "pids.current", "cgroup.threads",
};

static void die(const char *what)
{
	fprintf(stderr, "scrape: %s: %s\n", what, strerror(errno));
	exit(1);
}

static double now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static void scrape_dir(int dfd)
{
	char buf[65536];
	size_t i;
	int fd;

	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		fd = openat(dfd, files[i], O_RDONLY | O_CLOEXEC);
		if (fd < 0 || read(fd, buf, sizeof(buf)) < 0)
			die(files[i]);
		close(fd);
	}
}

int main(int argc, char **argv)
{
	int n, r, i, j, *dfd;
	char path[4096];
	double *t, t0;

	if (argc != 4) {
		fprintf(stderr, "usage: scrape DIR N R\n");
		return 2;
	}
	n = atoi(argv[2]);
	r = atoi(argv[3]);
	dfd = calloc(n ? n : 1, sizeof(*dfd));
	t = calloc(r, sizeof(*t));
	if (!dfd || !t || r < 1)
		die("arguments");
	for (j = 0; j < (n ? n : 1); j++) {
		if (n)
			snprintf(path, sizeof(path), "%.4000s/c%d", argv[1], j);
		else
			snprintf(path, sizeof(path), "%.4000s", argv[1]);
		dfd[j] = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		if (dfd[j] < 0)
			die(path);
	}
	for (i = 0; i < r; i++) {
		t0 = now_us();
		for (j = 0; j < (n ? n : 1); j++)
			scrape_dir(dfd[j]);
		t[i] = now_us() - t0;
	}
	qsort(t, r, sizeof(*t), cmp_double);
	printf("%.0f\n", t[r / 2]);
	return 0;
}
