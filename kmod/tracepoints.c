// SPDX-License-Identifier: GPL-2.0
/*
 * The scheduler, cgroup and OOM tracepoints are not exported to modules as
 * register_trace_*(), so iso.ko finds them by name among the kernel's own.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/tracepoint.h>
#include <uapi/linux/iso.h>

#include "iso.h"

struct iso_tracepoint {
	const char *name;
	u64 feature;
	struct tracepoint *tp;
};

static struct iso_tracepoint iso_tracepoints[] = {
	{ "sched_process_fork",	ISO_FEATURE(SCHED_TRACEPOINTS) },
	{ "sched_process_exec",	ISO_FEATURE(SCHED_TRACEPOINTS) },
	{ "sched_process_exit",	ISO_FEATURE(SCHED_TRACEPOINTS) },
	{ "sched_switch",	ISO_FEATURE(SCHED_TRACEPOINTS) },
	{ "sched_stat_runtime",	ISO_FEATURE(SCHED_TRACEPOINTS) },
	{ "cgroup_rmdir",	ISO_FEATURE(CGROUP_TRACEPOINTS) },
	{ "cgroup_attach_task",	ISO_FEATURE(CGROUP_TRACEPOINTS) },
	{ "mark_victim",	ISO_FEATURE(OOM_TRACEPOINTS) },
};

static void iso_tracepoint_match(struct tracepoint *tp, void *priv)
{
	int i;

	for (i = 0; i < ARRAY_SIZE(iso_tracepoints); i++)
		if (!strcmp(tp->name, iso_tracepoints[i].name))
			iso_tracepoints[i].tp = tp;
}

void __init iso_tracepoints_find(void)
{
	int i;

	for_each_kernel_tracepoint(iso_tracepoint_match, NULL);

	for (i = 0; i < ARRAY_SIZE(iso_tracepoints); i++)
		if (!iso_tracepoints[i].tp)
			pr_warn("tracepoint %s not found\n",
				iso_tracepoints[i].name);
}

/* A feature is there only when every tracepoint it needs was found. */
u64 iso_tracepoints_features(void)
{
	u64 found = 0, missing = 0;
	int i;

	for (i = 0; i < ARRAY_SIZE(iso_tracepoints); i++) {
		if (iso_tracepoints[i].tp)
			found |= iso_tracepoints[i].feature;
		else
			missing |= iso_tracepoints[i].feature;
	}
	return found & ~missing;
}
