// SPDX-License-Identifier: GPL-2.0
/*
 * Reading a container: its probes' per-CPU counters summed, the tasks in
 * it counted, and memcg, namespace and init facts read on demand.
 */
#include <linux/bsearch.h>
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
#include <linux/slab.h>
#include <linux/sort.h>
#include <linux/time_namespace.h>
#include <linux/user_namespace.h>
#include <linux/utsname.h>
#include <net/net_namespace.h>

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
EXPORT_SYMBOL_IF_ISO_KUNIT(iso_stats_sum);

/* A container and where its task counts go, sorted by container. */
struct iso_task_slot {
	const struct iso_container *c;
	struct iso_snapshot *snap;
	const struct task_struct *group;	/* the last process counted */
};

static int iso_task_slot_cmp(const void *a, const void *b)
{
	const struct iso_container *x = ((const struct iso_task_slot *)a)->c;
	const struct iso_container *y = ((const struct iso_task_slot *)b)->c;

	return x < y ? -1 : x > y;
}

/* One more live task @t of process @g in @slot's container. */
static void iso_task_slot_count(struct iso_task_slot *slot,
				const struct task_struct *g)
{
	slot->snap->threads++;
	/*
	 * A process at its first live thread, not at its leader, which may
	 * have exited: a group's threads come one after another.
	 */
	if (slot->group != g) {
		slot->group = g;
		slot->snap->processes++;
	}
}

/*
 * Tasks now, in @snaps, for the @n containers of @cs, in one walk of every
 * task.  css_task_iter_*() is not exported, and a count kept by the probes
 * would go wrong when a task moves, since no hook says where it came from.
 * One container (a GET) costs a descendant test a task.  More (a dump)
 * cost, for each run of tasks in one cgroup (the threads of a process come
 * together), one lookup per level in use and a binary search: O(tasks +
 * cgroups x levels x log n), in one RCU read section, in which a cgroup
 * cannot be freed and so keyed by its pointer.
 */
int iso_stats_count_tasks(struct iso_container **cs, struct iso_snapshot *snaps,
			  unsigned int n)
{
	struct iso_task_slot one, *slots = &one, *slot, key;
	struct iso_task_slot *hit[BITS_PER_LONG];
	struct cgroup *cgrp, *last = NULL;
	struct task_struct *g, *t;
	unsigned int i, nhit = 0;
	struct iso_container *c;
	unsigned long levels;
	int l;

	if (n > 1) {
		slots = kvmalloc_array(n, sizeof(*slots), GFP_KERNEL);
		if (!slots)
			return -ENOMEM;
	}
	for (i = 0; i < n; i++) {
		slots[i].c = cs[i];
		slots[i].snap = &snaps[i];
		slots[i].group = NULL;
	}
	sort(slots, n, sizeof(*slots), iso_task_slot_cmp, NULL);

	levels = READ_ONCE(iso_registry_levels);
	rcu_read_lock();
	for_each_process_thread(g, t) {
		if (t->exit_state)
			continue;
		cgrp = task_dfl_cgroup(t);
		if (n == 1) {
			if (cgroup_is_descendant(cgrp, one.c->cgrp))
				iso_task_slot_count(&one, g);
			continue;
		}
		if (cgrp != last) {
			last = cgrp;
			nhit = 0;
			l = 0;
			while ((c = iso_next_container(cgrp, levels, &l))) {
				key.c = c;
				slot = bsearch(&key, slots, n, sizeof(*slots),
					       iso_task_slot_cmp);
				if (slot && nhit < ARRAY_SIZE(hit))
					hit[nhit++] = slot;
			}
		}
		for (i = 0; i < nhit; i++)
			iso_task_slot_count(hit[i], g);
	}
	rcu_read_unlock();
	if (slots != &one)
		kvfree(slots);
	return 0;
}

#ifdef CONFIG_MEMCG
/*
 * @cgrp's own memcg, referenced, or NULL when the memory controller is not
 * on v2 or not enabled there: the effective css would be an ancestor's.
 */
static struct cgroup_subsys_state *iso_memcg_css_get(struct cgroup *cgrp)
{
	struct cgroup_subsys_state *css;

	if (mem_cgroup_disabled() || !cgroup_subsys_on_dfl(memory_cgrp_subsys))
		return NULL;
	css = cgroup_get_e_css(cgrp, &memory_cgrp_subsys);
	if (css && css->cgroup != cgrp) {
		css_put(css);
		css = NULL;
	}
	return css;
}
#endif

/* memory.current of @cgrp, if it has its own memory controller on v2. */
bool iso_memory_current(struct cgroup *cgrp, u64 *bytes)
{
#ifdef CONFIG_MEMCG
	struct cgroup_subsys_state *css = iso_memcg_css_get(cgrp);

	if (!css)
		return false;
	*bytes = (u64)page_counter_read(&mem_cgroup_from_css(css)->memory) *
		 PAGE_SIZE;
	css_put(css);
	return true;
#else
	return false;
#endif
}

/* memory.current, memory.peak and memory.max, as cgroupfs shows them. */
static void iso_read_memory(struct cgroup *cgrp, struct iso_snapshot *snap)
{
#ifdef CONFIG_MEMCG
	struct cgroup_subsys_state *css = iso_memcg_css_get(cgrp);
	struct mem_cgroup *memcg;
	unsigned long max;

	if (!css)
		return;
	memcg = mem_cgroup_from_css(css);
	snap->memory_current = (u64)page_counter_read(&memcg->memory) *
			       PAGE_SIZE;
	snap->memory_peak = (u64)READ_ONCE(memcg->memory.watermark) *
			    PAGE_SIZE;
	max = READ_ONCE(memcg->memory.max);
	snap->memory_max = max == PAGE_COUNTER_MAX ? U64_MAX :
			   (u64)max * PAGE_SIZE;
	snap->has_memory = true;
	css_put(css);
#endif
}

/* The init's pid and, for a caller who may see them, its namespaces. */
static void iso_read_init(struct pid *pid, struct pid_namespace *reader,
			  bool show_ns, struct iso_snapshot *snap)
{
	struct task_struct *task;
	struct pid_namespace *pidns;
	struct nsproxy *nsp;

	task = pid ? get_pid_task(pid, PIDTYPE_PID) : NULL;
	if (!task)
		return;
	snap->init_pid = pid_nr_ns(pid, reader);
	if (!show_ns)
		goto out;

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
out:
	put_task_struct(task);
}

/*
 * Everything but the task counts, which iso_stats_count_tasks() adds, as
 * a reader in pid namespace @reader sees it.
 */
void iso_stats_read(const struct iso_container *c,
		    struct pid_namespace *reader, bool show_ns,
		    struct iso_snapshot *snap)
{
	iso_stats_sum(c, &snap->sum);
	iso_read_memory(c->cgrp, snap);
	iso_read_init(READ_ONCE(c->init), reader, show_ns, snap);
}
