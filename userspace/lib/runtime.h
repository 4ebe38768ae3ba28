/* SPDX-License-Identifier: GPL-2.0 */
#ifndef ISO_RUNTIME_H
#define ISO_RUNTIME_H

#include <stdbool.h>
#include <sys/types.h>

struct iso_config;

struct iso_run {
	const struct iso_config *cfg;
	const char *name;
	char *const *argv;		/* what runs as the container's pid 1 */
	/* called once the child is in its cgroups, before it goes on */
	int (*started)(struct iso_run *run);
	void *data;
	/* set by iso_run() */
	pid_t pid;
	bool cgroup_v2;
};

/*
 * Run @run->argv in a new container and wait for it: 0 with its wait
 * status in @status, or a negative errno after printing why.  Nothing is
 * left behind either way: no cgroup, no mount on the host.
 */
int iso_run(struct iso_run *run, int *status);

#endif /* ISO_RUNTIME_H */
