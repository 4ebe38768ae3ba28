// SPDX-License-Identifier: GPL-2.0
/*
 * forkexec N PROG: fork N children that exec PROG, one at a time, and
 * print the mean ns per fork+exec+exit+wait.  Every step fires a probe.
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
	long i, n;
	long long start;
	pid_t pid;
	int status;

	if (argc != 3) {
		fprintf(stderr, "usage: forkexec N PROG\n");
		return 2;
	}
	n = atol(argv[1]);
	one_cpu();
	start = now_ns();
	for (i = 0; i < n; i++) {
		pid = fork();
		if (pid < 0) {
			perror("fork");
			return 1;
		}
		if (!pid) {
			execl(argv[2], argv[2], (char *)NULL);
			_exit(127);
		}
		if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) ||
		    WEXITSTATUS(status)) {
			fprintf(stderr, "forkexec: child failed\n");
			return 1;
		}
	}
	printf("%lld\n", (now_ns() - start) / n);
	return 0;
}
