// SPDX-License-Identifier: GPL-2.0
/*
 * query: what a per-container accounting query costs, from iso.ko and from
 * cgroupfs, for tests/bench/query.sh.
 *
 *   query setup DIR N		make DIR/c0..c(N-1) and track each in iso.ko
 *   query threads DIR N T HOST	T sleeping threads in processes of 100,
 *				spread over DIR/c0..c(N-1) and the cgroup
 *				HOST, outside them; stays until killed
 *   query dump R		R dumps of every container, in this process
 *   query get NAME R		R GETs of one container, in this process
 *   query run R CMD...		R runs of CMD as a whole process
 *
 * The timed commands print the median of their R runs, in microseconds.
 * tests/bench/scrape is the competitor, reading the same from cgroupfs.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "kernel/container.h"
#include "kernel/genl.h"

static void die(const char *what, int err)
{
	fprintf(stderr, "query: %s: %s\n", what, strerror(err));
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

static void print_median(double *t, int r)
{
	qsort(t, r, sizeof(*t), cmp_double);
	printf("%.0f\n", t[r / 2]);
}

static void open_genl(struct iso_genl *g)
{
	int ret = iso_genl_open(g);

	if (ret)
		die("the iso family", -ret);
}

static int setup(const char *dir, int n)
{
	char path[4096], name[32];
	struct iso_genl g;
	int i, fd, ret;

	open_genl(&g);
	for (i = 0; i < n; i++) {
		snprintf(path, sizeof(path), "%.4000s/c%d", dir, i);
		snprintf(name, sizeof(name), "q%d", i);
		if (mkdir(path, 0755) && errno != EEXIST)
			die(path, errno);
		fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		if (fd < 0)
			die(path, errno);
		ret = iso_genl_container_add(&g, name, fd, 0, false);
		close(fd);
		if (ret)
			die(name, -ret);
	}
	iso_genl_close(&g);
	return 0;
}

static void *sleeper(void *arg)
{
	(void)arg;
	for (;;)
		pause();
	return NULL;
}

/* One process of @n threads (itself included) in cgroup @dir. */
static void spawn_group(const char *dir, int n)
{
	char path[4096];
	pthread_attr_t attr;
	pthread_t t;
	int i, fd;

	if (fork())
		return;
	snprintf(path, sizeof(path), "%.4000s/cgroup.procs", dir);
	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0 || write(fd, "0", 1) != 1)
		die(path, errno);
	close(fd);
	pthread_attr_init(&attr);
	pthread_attr_setstacksize(&attr, 64 * 1024);
	for (i = 1; i < n; i++)
		if (pthread_create(&t, &attr, sleeper, NULL))
			die("pthread_create", errno);
	for (;;)
		pause();
}

static __attribute__((noreturn)) void threads(const char *dir, int n,
					      int total, const char *host)
{
	char path[4096];
	int made, group, k = 0;

	for (made = 0; made < total; made += group, k++) {
		group = total - made < 100 ? total - made : 100;
		/* every n+1-th group stays on the host, outside every container */
		if (k % (n + 1) == n)
			snprintf(path, sizeof(path), "%.4000s", host);
		else
			snprintf(path, sizeof(path), "%.4000s/c%d", dir, k % (n + 1));
		spawn_group(path, group);
	}
	for (;;)
		pause();
}

static int dump(int r)
{
	struct iso_container_rec *recs;
	double *t = calloc(r, sizeof(*t)), t0;
	struct iso_genl g;
	size_t n;
	int i, ret;

	open_genl(&g);
	for (i = 0; i < r; i++) {
		t0 = now_us();
		ret = iso_genl_container_dump(&g, &recs, &n);
		t[i] = now_us() - t0;
		if (ret)
			die("dump", -ret);
		free(recs);
	}
	iso_genl_close(&g);
	print_median(t, r);
	return 0;
}

static int get(const char *name, int r)
{
	double *t = calloc(r, sizeof(*t)), t0;
	struct iso_container_rec rec;
	struct iso_genl g;
	int i, ret;

	open_genl(&g);
	for (i = 0; i < r; i++) {
		t0 = now_us();
		ret = iso_genl_container_get(&g, name, &rec);
		t[i] = now_us() - t0;
		if (ret)
			die(name, -ret);
	}
	iso_genl_close(&g);
	print_median(t, r);
	return 0;
}

static int run(int r, char **argv)
{
	double *t = calloc(r, sizeof(*t)), t0;
	int i, status, null;
	pid_t pid;

	null = open("/dev/null", O_WRONLY | O_CLOEXEC);
	for (i = 0; i < r; i++) {
		t0 = now_us();
		pid = fork();
		if (!pid) {
			dup2(null, 1);
			execvp(argv[0], argv);
			_exit(127);
		}
		if (pid < 0 || waitpid(pid, &status, 0) != pid)
			die("fork", errno);
		t[i] = now_us() - t0;
		if (!WIFEXITED(status) || WEXITSTATUS(status))
			die(argv[0], ECHILD);
	}
	print_median(t, r);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 4 && !strcmp(argv[1], "setup"))
		return setup(argv[2], atoi(argv[3]));
	if (argc == 6 && !strcmp(argv[1], "threads"))
		threads(argv[2], atoi(argv[3]), atoi(argv[4]), argv[5]);
	if (argc == 3 && !strcmp(argv[1], "dump"))
		return dump(atoi(argv[2]));
	if (argc == 4 && !strcmp(argv[1], "get"))
		return get(argv[2], atoi(argv[3]));
	if (argc >= 4 && !strcmp(argv[1], "run"))
		return run(atoi(argv[2]), argv + 3);
	fprintf(stderr, "usage: see the head of tests/bench/query.c\n");
	return 2;
}
