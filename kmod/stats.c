// SPDX-License-Identifier: GPL-2.0
/*
 * Reading a container: its probes' per-CPU counters summed, the tasks in
 * it counted, and memcg, namespace and init facts read on demand.
 */
#include <linux/cgroup.h>
#include <linux/cred.h>
#include <linux/ipc_namespace.h>
#include <linux/memcontrol.h>
#include <linux/nsproxy.h>
#include <linux/page_counter.h>
#include <linux/pid.h>
#include <linux/pid_namespace.h>
#include <linux/sched/signal.h>
#include <linux/sched/task.h>
#include <linux/time_namespace.h>
#include <linux/user_namespace.h>
#include <linux/utsname.h>
#include <net/net_namespace.h>
#include <kunit/visibility.h>

#include "features.h"
#ifdef ISO_HAVE_CGROUP_NAMESPACE_H
#include <linux/cgroup_namespace.h>
#endif

#include "iso.h"

void iso_stats_sum(const struct iso_container *c, struct iso_stats *sum)
{
	const struct iso_stats *s;
	int cpu, i;

	memset(sum, 0, sizeof(*sum));
	for_each_possible_cpu(cpu) {
		s = per_cpu_ptr(c->stats, cpu);
		for (i = 0; i < ISO_CNT_NR; i++)
			sum->v[i] += READ_ONCE(s->v[i]);
	}
}
EXPORT_SYMBOL_IF_KUNIT(iso_stats_sum);

/*
 * Tasks now, for a batch of containers in one walk of the task list: exact,
 * and nothing on the fork and exit paths pays for it.
 */
void iso_stats_count_tasks(struct iso_container **batch,
			   struct iso_snapshot *snaps, int n)
{
	struct task_struct *g, *t;
	struct iso_container *c;
	int i;

	rcu_read_lock();
	for_each_process_thread(g, t) {
		if (t->exit_state)
			continue;
		c = iso_container_of_cgroup_id(cgroup_id(task_dfl_cgroup(t)));
		if (!c)
			continue;
		for (i = 0; i < n; i++) {
			if (batch[i] != c)
				continue;
			snaps[i].threads++;
			if (thread_group_leader(t))
				snaps[i].processes++;
			break;
		}
	}
	rcu_read_unlock();
}

/* memory.current, memory.peak and memory.max, as cgroupfs shows them. */
static void iso_read_memory(struct cgroup *cgrp, struct iso_snapshot *snap)
{
#ifdef CONFIG_MEMCG
	struct cgroup_subsys_state *css;
	struct mem_cgroup *memcg;
	unsigned long max;

	css = cgroup_get_e_css(cgrp, &memory_cgrp_subsys);
	if (!css)
		return;
	/* without the controller here, this would be an ancestor's */
	if (css->cgroup == cgrp) {
		memcg = mem_cgroup_from_css(css);
		snap->memory_current = (u64)page_counter_read(&memcg->memory) *
				       PAGE_SIZE;
		snap->memory_peak = (u64)READ_ONCE(memcg->memory.watermark) *
				    PAGE_SIZE;
		max = READ_ONCE(memcg->memory.max);
		snap->memory_max = max == PAGE_COUNTER_MAX ? U64_MAX :
				   (u64)max * PAGE_SIZE;
		snap->has_memory = true;
	}
	css_put(css);
#endif
}

/* The namespaces of the container's init, if it still runs. */
static void iso_read_init(struct pid *pid, struct iso_snapshot *snap)
{
	struct task_struct *task;
	struct pid_namespace *pidns;
	struct nsproxy *nsp;

	task = pid ? get_pid_task(pid, PIDTYPE_PID) : NULL;
	if (!task)
		return;
	snap->init_pid = pid_vnr(pid);

	task_lock(task);
	nsp = task->nsproxy;		/* NULL once it is exiting */
	if (nsp) {
		snap->ns[ISO_A_NS_UTS] = nsp->uts_ns->ns.inum;
		snap->ns[ISO_A_NS_IPC] = nsp->ipc_ns->ns.inum;
		snap->ns[ISO_A_NS_NET] = nsp->net_ns->ns.inum;
		snap->ns[ISO_A_NS_CGROUP] = nsp->cgroup_ns->ns.inum;
#ifdef CONFIG_TIME_NS
		snap->ns[ISO_A_NS_TIME] = nsp->time_ns->ns.inum;
#endif
	}
	task_unlock(task);

	rcu_read_lock();
	pidns = task_active_pid_ns(task);
	if (pidns)
		snap->ns[ISO_A_NS_PID] = pidns->ns.inum;
	snap->ns[ISO_A_NS_USER] = __task_cred(task)->user_ns->ns.inum;
	rcu_read_unlock();
	put_task_struct(task);
}

/* Everything but the task counts, which iso_stats_count_tasks() adds. */
void iso_stats_read(struct iso_container *c, struct cgroup *cgrp,
		    struct iso_snapshot *snap)
{
	iso_stats_sum(c, &snap->sum);
	iso_read_memory(cgrp, snap);
	iso_read_init(c->init, snap);
}
