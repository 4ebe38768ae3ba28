// SPDX-License-Identifier: GPL-2.0
/*
 * schedcookie [PID]: the core scheduling cookie of thread PID, or of
 * this one, as PR_SCHED_CORE_GET gives it: 0 for none, else a number
 * that tasks of one domain share; or the errno text.  Whether
 * lxc.sched.core put a container's init, and attach what it runs, in a
 * domain of their own.  Built static, to be copied into a container.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <linux/prctl.h>

int main(int argc, char **argv)
{
	unsigned long long cookie = 0;
	long pid = argc > 1 ? strtol(argv[1], NULL, 10) : 0;

	if (argc > 2) {
		fprintf(stderr, "usage: schedcookie [PID]\n");
		return 2;
	}
	if (prctl(PR_SCHED_CORE, PR_SCHED_CORE_GET, pid,
		  PR_SCHED_CORE_SCOPE_THREAD, &cookie))
		puts(strerror(errno));
	else
		printf("%llu\n", cookie);
	return 0;
}
