// SPDX-License-Identifier: GPL-2.0
/* sched_stat_runtime lost its vruntime argument in 6.8. */
#include <trace/events/sched.h>

static void probe(void *data, struct task_struct *tsk, u64 runtime,
		  u64 vruntime)
{
}

void iso_probe_check(void)
{
	check_trace_callback_type_sched_stat_runtime(probe);
}
