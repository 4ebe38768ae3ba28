// SPDX-License-Identifier: GPL-2.0
/* task_newtask's clone_flags became u64 with clone3's wider flags. */
#include <trace/events/task.h>

static void probe(void *data, struct task_struct *task, u64 clone_flags)
{
}

void iso_probe_check(void)
{
	check_trace_callback_type_task_newtask(probe);
}
