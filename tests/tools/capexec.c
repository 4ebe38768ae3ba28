// SPDX-License-Identifier: GPL-2.0
/*
 * capexec CAPS CMD [ARG]...: run CMD as root holding only CAPS, a list such
 * as "cap_net_admin,cap_sys_ptrace" (or "none"), so guest tests can ask
 * iso.ko as a Docker-like container would.  SECBIT_NOROOT keeps exec from
 * handing uid 0 every capability back; ambient capabilities carry CAPS
 * across it.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/prctl.h>
#include <linux/securebits.h>
#include <sys/capability.h>

static void die(const char *what)
{
	fprintf(stderr, "capexec: %s: %s\n", what, strerror(errno));
	exit(1);
}

int main(int argc, char **argv)
{
	cap_value_t keep[CAP_LAST_CAP + 1], v;
	char *list, *name, *save = NULL;
	int n = 0, i;
	cap_t caps;

	if (argc < 3) {
		fprintf(stderr, "usage: capexec CAP[,CAP]...|none CMD [ARG]...\n");
		return 2;
	}
	list = strdup(argv[1]);
	for (name = strtok_r(list, ",", &save); name && strcmp(name, "none");
	     name = strtok_r(NULL, ",", &save)) {
		if (cap_from_name(name, &v) || n > CAP_LAST_CAP) {
			fprintf(stderr, "capexec: unknown capability '%s'\n", name);
			return 2;
		}
		keep[n++] = v;
	}

	if (prctl(PR_SET_SECUREBITS, SECBIT_NOROOT | SECBIT_NOROOT_LOCKED))
		die("PR_SET_SECUREBITS");
	caps = cap_init();
	if (!caps)
		die("cap_init");
	if (n && (cap_set_flag(caps, CAP_PERMITTED, n, keep, CAP_SET) ||
		  cap_set_flag(caps, CAP_EFFECTIVE, n, keep, CAP_SET) ||
		  cap_set_flag(caps, CAP_INHERITABLE, n, keep, CAP_SET)))
		die("cap_set_flag");
	if (cap_set_proc(caps))
		die("cap_set_proc");
	for (i = 0; i < n; i++)
		if (prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_RAISE, keep[i], 0, 0))
			die("PR_CAP_AMBIENT_RAISE");
	cap_free(caps);
	free(list);

	execvp(argv[2], argv + 2);
	fprintf(stderr, "capexec: exec %s: %s\n", argv[2], strerror(errno));
	return 127;
}
