// SPDX-License-Identifier: GPL-2.0
/*
 * The probes.  The scheduler, task, cgroup, OOM and signal tracepoints are
 * not exported to modules as register_trace_*(), so iso.ko finds them by
 * name among the kernel's own and attaches with tracepoint_probe_register().
 *
 * Each counter is charged, when its event happens, to every container the
 * task is in then: a task moved between containers takes no history along.
 * Contexts differ, and so does what a probe may do:
 *  - sched_switch and sched_stat_runtime run under the runqueue lock;
 *  - cgroup_rmdir runs with IRQs off under trace_cgroup_path_lock;
 *  - mark_victim runs inside the OOM killer with task_lock held;
 *  - task_newtask, sched_process_exec and sched_process_exit run in plain
 *    process context, signal_generate under the target's siglock.
 * So a probe looks the task's containers up under RCU and bumps per-CPU
 * counters; it never allocates, writes the registry or wakes a task.  What
 * more there is to do (an rmdir, an OOM event) is deferred to process
 * context through irq_work.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/cgroup.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/signal.h>
#include <linux/string.h>
#include <linux/tracepoint.h>
#include <trace/events/cgroup.h>
#include <trace/events/oom.h>
#include <trace/events/sched.h>
#include <trace/events/signal.h>
#include <trace/events/task.h>

#include "features.h"
#include "iso.h"

/* Containers one cgroup is in, cached per CPU; more is not cached. */
#define ISO_CACHED_CONTAINERS	4

/*
 * The last cgroup a CPU's hot probes looked up, and the containers it is
 * in.  sched_switch and sched_stat_runtime run with IRQs off under the
 * runqueue lock, so while IRQs are off a CPU's cache is the running
 * probe's alone; probes with IRQs on do not touch it.  It holds no
 * reference: it is valid while the registry's generation is the one it
 * was filled under, and a container is freed only after a grace period
 * that follows the bump of that generation.
 */
struct iso_probe_cache {
	u64 cgroup_id;
	unsigned long generation;	/* 0: empty */
	unsigned int n;			/* > ISO_CACHED_CONTAINERS: too many */
	struct iso_container *c[ISO_CACHED_CONTAINERS];
};

static DEFINE_PER_CPU(struct iso_probe_cache, iso_probe_cache);

static void iso_probe_cache_fill(struct iso_probe_cache *pc,
				 struct cgroup *cgrp, unsigned long generation)
{
	unsigned long levels = READ_ONCE(iso_registry_levels);
	struct iso_container *c;
	int l = 0;

	pc->n = 0;
	while ((c = iso_next_container(cgrp, levels, &l))) {
		if (pc->n < ISO_CACHED_CONTAINERS)
			pc->c[pc->n] = c;
		pc->n++;
	}
	pc->cgroup_id = cgroup_id(cgrp);
	pc->generation = generation;
}

static __always_inline struct iso_container *const *
iso_probe_cached(struct task_struct *p, unsigned int *n)
{
	struct iso_probe_cache *pc = this_cpu_ptr(&iso_probe_cache);
	struct cgroup *cgrp = task_dfl_cgroup(p);
	unsigned long generation;

	/* pairs with iso_generation_bump_locked()'s release */
	generation = smp_load_acquire(&iso_registry_generation);
	if (pc->generation != generation || pc->cgroup_id != cgroup_id(cgrp)) {
		rcu_read_lock();	/* for the table's lockdep checks */
		iso_probe_cache_fill(pc, cgrp, generation);
		rcu_read_unlock();
	}
	if (pc->n > ISO_CACHED_CONTAINERS)
		return NULL;
	*n = pc->n;
	return pc->c;
}

struct iso_container *const *iso_probe_containers(struct task_struct *p,
						  unsigned int *n)
{
	lockdep_assert_irqs_disabled();
	if (!irqs_disabled())
		return NULL;
	return iso_probe_cached(p, n);
}

/* Add @delta to @counter of every container @p is in now. */
static void iso_charge(struct task_struct *p, enum iso_counter counter,
		       u64 delta)
{
	unsigned long levels = READ_ONCE(iso_registry_levels);
	struct iso_container *const *cs;
	struct iso_container *c;
	struct cgroup *cgrp;
	unsigned int i, n;
	int l = 0;

	if (!levels)
		return;
	/*
	 * With IRQs off this is an RCU reader already, and a cache hit needs
	 * no lookup: the hot path takes no rcu_read_lock() of its own.
	 */
	if (irqs_disabled()) {
		cs = iso_probe_cached(p, &n);
		if (cs) {
			for (i = 0; i < n; i++)
				this_cpu_add(cs[i]->stats->v[counter], delta);
			return;
		}
	}
	rcu_read_lock();
	cgrp = task_dfl_cgroup(p);
	while ((c = iso_next_container(cgrp, levels, &l)))
		this_cpu_add(c->stats->v[counter], delta);
	rcu_read_unlock();
}

/*
 * Every task copy_process() makes, io_uring workers and vhost tasks
 * included, which sched_process_fork misses; so forks and exits balance.
 * The child is in its cgroup by now (after cgroup_post_fork()).
 */
#ifdef ISO_HAVE_TASK_NEWTASK_U64
static void iso_probe_newtask(void *data, struct task_struct *task,
			      u64 clone_flags)
#else
static void iso_probe_newtask(void *data, struct task_struct *task,
			      unsigned long clone_flags)
#endif
{
	iso_charge(task, ISO_CNT_FORKS, 1);
}

static void iso_probe_exec(void *data, struct task_struct *p, pid_t old_pid,
			   struct linux_binprm *bprm)
{
	iso_charge(p, ISO_CNT_EXECS, 1);
}

#ifdef ISO_HAVE_SCHED_PROCESS_EXIT_GROUP_DEAD
static void iso_probe_exit(void *data, struct task_struct *p, bool group_dead)
#else
static void iso_probe_exit(void *data, struct task_struct *p)
#endif
{
	iso_charge(p, ISO_CNT_EXITS, 1);
}

/*
 * As __schedule() counts, but from what the tracepoint is told: a task that
 * gave up the CPU in a sleeping state is a voluntary switch.  Kernels with
 * "sched: Fix trace_sched_switch(.prev_state)" (6.12.33 on, 7.x) report a
 * sleep that a pending signal cut short as TASK_RUNNING, which is counted
 * here as involuntary while __schedule() counts it in nvcsw; 6.1 reports
 * the sleeping state, as nvcsw does.  Documentation/iso-netlink.rst has
 * the details.
 */
static void iso_probe_switch(void *data, bool preempt, struct task_struct *prev,
			     struct task_struct *next, unsigned int prev_state)
{
	if (!preempt && prev_state)
		iso_charge(prev, ISO_CNT_NVCSW, 1);
	else
		iso_charge(prev, ISO_CNT_NIVCSW, 1);
}

#ifdef ISO_HAVE_SCHED_STAT_RUNTIME_VRUNTIME
static void iso_probe_runtime(void *data, struct task_struct *tsk, u64 runtime,
			      u64 vruntime)
#else
static void iso_probe_runtime(void *data, struct task_struct *tsk, u64 runtime)
#endif
{
	iso_charge(tsk, ISO_CNT_CPU_NS, runtime);
}

#ifdef ISO_HAVE_MARK_VICTIM_TASK
/* Inside the OOM killer: the event takes a preallocated item. */
static void iso_probe_mark_victim(void *data, struct task_struct *task,
				  uid_t uid)
{
	unsigned long levels = READ_ONCE(iso_registry_levels);
	struct iso_container *c;
	struct cgroup *cgrp;
	int l = 0;

	rcu_read_lock();
	cgrp = task_dfl_cgroup(task);
	while ((c = iso_next_container(cgrp, levels, &l))) {
		this_cpu_inc(c->stats->v[ISO_CNT_OOM_KILLS]);
		iso_event_oom(c, task_tgid_nr(task));
	}
	rcu_read_unlock();
}
#endif

/* Called with the target's siglock held, so its handlers are stable. */
static void iso_probe_signal(void *data, int sig, struct kernel_siginfo *info,
			     struct task_struct *task, int group, int result)
{
	if (result == TRACE_SIGNAL_DELIVERED &&
	    (sig == SIGKILL || sig_fatal(task, sig)))
		iso_charge(task, ISO_CNT_FATAL_SIGNALS, 1);
}

static void iso_probe_rmdir(void *data, struct cgroup *cgrp, const char *path)
{
	iso_registry_cgroup_rmdir(cgrp);
}

struct iso_tracepoint {
	const char *name;
	void *probe;
	u64 feature;
	struct tracepoint *tp;
	bool registered;
};

#define ISO_TP(tp_name, fn, feat)					\
	{ .name = #tp_name, .probe = fn, .feature = ISO_FEATURE(feat) }

static struct iso_tracepoint iso_tracepoints[] = {
	ISO_TP(task_newtask, iso_probe_newtask, SCHED_TRACEPOINTS),
	ISO_TP(sched_process_exec, iso_probe_exec, SCHED_TRACEPOINTS),
	ISO_TP(sched_process_exit, iso_probe_exit, SCHED_TRACEPOINTS),
	ISO_TP(sched_switch, iso_probe_switch, SCHED_TRACEPOINTS),
	ISO_TP(sched_stat_runtime, iso_probe_runtime, SCHED_TRACEPOINTS),
	ISO_TP(signal_generate, iso_probe_signal, SCHED_TRACEPOINTS),
	ISO_TP(cgroup_rmdir, iso_probe_rmdir, CGROUP_TRACEPOINTS),
#ifdef ISO_HAVE_MARK_VICTIM_TASK
	ISO_TP(mark_victim, iso_probe_mark_victim, OOM_TRACEPOINTS),
#endif
};

/* Never called: makes the build check each probe against its tracepoint. */
static void __maybe_unused iso_tracepoints_check_prototypes(void)
{
	check_trace_callback_type_task_newtask(iso_probe_newtask);
	check_trace_callback_type_sched_process_exec(iso_probe_exec);
	check_trace_callback_type_sched_process_exit(iso_probe_exit);
	check_trace_callback_type_sched_switch(iso_probe_switch);
	check_trace_callback_type_sched_stat_runtime(iso_probe_runtime);
	check_trace_callback_type_signal_generate(iso_probe_signal);
	check_trace_callback_type_cgroup_rmdir(iso_probe_rmdir);
#ifdef ISO_HAVE_MARK_VICTIM_TASK
	check_trace_callback_type_mark_victim(iso_probe_mark_victim);
#endif
}

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

struct iso_tracepoint_query {
	const char *name;
	struct tracepoint *tp;
};

static void __init iso_tracepoint_query_match(struct tracepoint *tp,
					      void *priv)
{
	struct iso_tracepoint_query *q = priv;

	if (!strcmp(tp->name, q->name))
		q->tp = tp;
}

/* The kernel's tracepoint @name, for a controller's probe, or NULL. */
struct tracepoint * __init iso_tracepoint_lookup(const char *name)
{
	struct iso_tracepoint_query q = { .name = name };

	for_each_kernel_tracepoint(iso_tracepoint_query_match, &q);
	if (!q.tp)
		pr_warn("tracepoint %s not found\n", name);
	return q.tp;
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

int __init iso_tracepoints_register(void)
{
	struct iso_tracepoint *t;
	int i, ret;

	for (i = 0; i < ARRAY_SIZE(iso_tracepoints); i++) {
		t = &iso_tracepoints[i];
		if (!t->tp)
			continue;
		ret = tracepoint_probe_register(t->tp, t->probe, NULL);
		if (ret) {
			pr_err("attaching to tracepoint %s failed: %d\n",
			       t->name, ret);
			iso_tracepoints_unregister();
			return ret;
		}
		t->registered = true;
	}
	return 0;
}

/* After this returns no probe runs, and none will again. */
void iso_tracepoints_unregister(void)
{
	struct iso_tracepoint *t;
	int i;

	for (i = 0; i < ARRAY_SIZE(iso_tracepoints); i++) {
		t = &iso_tracepoints[i];
		if (t->registered)
			tracepoint_probe_unregister(t->tp, t->probe, NULL);
		t->registered = false;
	}
	tracepoint_synchronize_unregister();
}
