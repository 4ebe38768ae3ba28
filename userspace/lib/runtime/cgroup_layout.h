/* SPDX-License-Identifier: GPL-2.0 */
#ifndef ISO_CGROUP_LAYOUT_H
#define ISO_CGROUP_LAYOUT_H

#include <limits.h>
#include <stdbool.h>
#include <stdio.h>

/*
 * How the host mounts its cgroups.  "hybrid" is systemd's name for v1
 * controller hierarchies beside an (often empty) v2 tree.
 */
enum cgroup_mode {
	CGROUP_NONE,
	CGROUP_V1,
	CGROUP_V2,
	CGROUP_HYBRID,
};

#define CGROUP_V1_MAX 32

/*
 * A v1 hierarchy: its controllers, or the name of one with none, as
 * systemd's "name=systemd", which goes with them into containers.
 */
struct cgroup_v1_mount {
	char options[128];	/* "cpu,cpuacct", "name=systemd" */
	char path[PATH_MAX];
};

struct cgroup_layout {
	enum cgroup_mode mode;
	char v2_path[PATH_MAX];	/* empty if there is no v2 mount */
	char v2_options[256];	/* its super options: "rw,nsdelegate" */
	int n_v1;
	struct cgroup_v1_mount v1[CGROUP_V1_MAX];
};

/* Read the layout from a /proc/PID/mountinfo stream. */
int cgroup_layout_parse(FILE *mountinfo, struct cgroup_layout *layout);
/* The same, from this process's mountinfo. */
int cgroup_layout_read(struct cgroup_layout *layout);

const char *cgroup_mode_name(enum cgroup_mode mode);

/* Whether a comma-separated list of options has @option ("nsdelegate"). */
bool cgroup_option_listed(const char *options, const char *option);

#endif /* ISO_CGROUP_LAYOUT_H */
