// SPDX-License-Identifier: GPL-2.0
/*
 * pingpong N: two processes pass a byte back and forth over pipes N times
 * and print the mean ns per round trip: two context switches each, and
 * sched_switch and sched_stat_runtime fire on both.
 */
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static long long now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static void echo_back(int in, int out)
{
	char c;

	while (read(in, &c, 1) == 1)
		if (write(out, &c, 1) != 1)
			break;
	_exit(0);
}

/*
 * On one CPU: under TCG the guest's vCPUs take turns on one host thread,
 * and a wakeup across them waits for the other's time slice, which made
 * round trips vary by 2x.  Children inherit it.
 */
static void one_cpu(void)
{
	cpu_set_t set;

	CPU_ZERO(&set);
	CPU_SET(0, &set);
	sched_setaffinity(0, sizeof(set), &set);
}

int main(int argc, char **argv)
{
	int ping[2], pong[2];
	long i, n;
	long long start;
	char c = 'x';

	if (argc != 2 || pipe(ping) || pipe(pong)) {
		fprintf(stderr, "usage: pingpong N\n");
		return 2;
	}
	n = atol(argv[1]);
	one_cpu();
	if (!fork()) {
		close(ping[1]);
		close(pong[0]);
		echo_back(ping[0], pong[1]);
	}
	close(ping[0]);
	close(pong[1]);
	start = now_ns();
	for (i = 0; i < n; i++) {
		if (write(ping[1], &c, 1) != 1 || read(pong[0], &c, 1) != 1) {
			perror("pingpong");
			return 1;
		}
	}
	printf("%lld\n", (now_ns() - start) / n);
	close(ping[1]);
	wait(NULL);
	return 0;
}
