// SPDX-License-Identifier: GPL-2.0
/* sched_process_exit gained a group_dead argument after 6.12. */
#include <trace/events/sched.h>

static void probe(void *data, struct task_struct *p, bool group_dead)
{
}

void iso_probe_check(void)
{
	check_trace_callback_type_sched_process_exit(probe);
}
