// SPDX-License-Identifier: GPL-2.0
/* mark_victim passes the task (and uid) since 6.1.y stable; before, a pid. */
#include <trace/events/oom.h>

static void probe(void *data, struct task_struct *task, uid_t uid)
{
}

void iso_probe_check(void)
{
	check_trace_callback_type_mark_victim(probe);
}
