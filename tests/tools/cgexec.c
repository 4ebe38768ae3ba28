// SPDX-License-Identifier: GPL-2.0
/*
 * cgexec [-n] CGROUP_DIR CMD [ARG]...: move into a cgroup v2 directory,
 * with -n unshare a new cgroup namespace rooted there, and exec CMD.  So
 * guest tests can run a command as if inside a container.
 */
#include <errno.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static int join(const char *dir)
{
	char path[4096];
	FILE *f;

	snprintf(path, sizeof(path), "%s/cgroup.procs", dir);
	f = fopen(path, "w");
	if (!f || fprintf(f, "0\n") < 0 || fclose(f)) {
		fprintf(stderr, "cgexec: joining %s: %s\n", dir, strerror(errno));
		return -1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	int newns = 0;

	if (argc > 1 && !strcmp(argv[1], "-n")) {
		newns = 1;
		argv++;
		argc--;
	}
	if (argc < 3) {
		fprintf(stderr, "usage: cgexec [-n] CGROUP_DIR CMD [ARG]...\n");
		return 2;
	}
	if (join(argv[1]))
		return 1;
	if (newns && unshare(CLONE_NEWCGROUP)) {
		fprintf(stderr, "cgexec: unshare(CLONE_NEWCGROUP): %s\n",
			strerror(errno));
		return 1;
	}
	execvp(argv[2], argv + 2);
	fprintf(stderr, "cgexec: exec %s: %s\n", argv[2], strerror(errno));
	return 127;
}
