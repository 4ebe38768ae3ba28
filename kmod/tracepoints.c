// SPDX-License-Identifier: GPL-2.0
/*
 * The probes.  The scheduler, cgroup, OOM and signal tracepoints are not
 * exported to modules as register_trace_*(), so iso.ko finds them by name
 * among the kernel's own and attaches with tracepoint_probe_register().
 *
 * Probes run with preemption disabled, some under the runqueue lock: they
 * only look a task's container up and bump a per-CPU counter.
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

#include "features.h"
#include "iso.h"

/* The task's container, or NULL; caller holds rcu_read_lock(). */
static struct iso_container *iso_task_container(struct task_struct *p)
{
	return iso_container_of_cgroup_id(cgroup_id(task_dfl_cgroup(p)));
}

static void iso_count(struct task_struct *p, enum iso_counter counter,
		      u64 delta)
{
	struct iso_container *c;

	rcu_read_lock();
	c = iso_task_container(p);
	if (c)
		this_cpu_add(c->stats->v[counter], delta);
	rcu_read_unlock();
}

static void iso_probe_fork(void *data, struct task_struct *parent,
			   struct task_struct *child)
{
	iso_count(child, ISO_CNT_FORKS, 1);
}

static void iso_probe_exec(void *data, struct task_struct *p, pid_t old_pid,
			   struct linux_binprm *bprm)
{
	iso_count(p, ISO_CNT_EXECS, 1);
}

#ifdef ISO_HAVE_SCHED_PROCESS_EXIT_GROUP_DEAD
static void iso_probe_exit(void *data, struct task_struct *p, bool group_dead)
#else
static void iso_probe_exit(void *data, struct task_struct *p)
#endif
{
	iso_count(p, ISO_CNT_EXITS, 1);
}

/* As __schedule() counts: a task that gave up the CPU asleep is voluntary. */
static void iso_probe_switch(void *data, bool preempt, struct task_struct *prev,
			     struct task_struct *next, unsigned int prev_state)
{
	if (!preempt && prev_state)
		iso_count(prev, ISO_CNT_NVCSW, 1);
	else
		iso_count(prev, ISO_CNT_NIVCSW, 1);
}

#ifdef ISO_HAVE_SCHED_STAT_RUNTIME_VRUNTIME
static void iso_probe_runtime(void *data, struct task_struct *tsk, u64 runtime,
			      u64 vruntime)
#else
static void iso_probe_runtime(void *data, struct task_struct *tsk, u64 runtime)
#endif
{
	iso_count(tsk, ISO_CNT_CPU_NS, runtime);
}

#ifdef ISO_HAVE_MARK_VICTIM_TASK
static void iso_probe_mark_victim(void *data, struct task_struct *task,
				  uid_t uid)
{
	struct iso_container *c;

	rcu_read_lock();
	c = iso_task_container(task);
	if (c) {
		this_cpu_inc(c->stats->v[ISO_CNT_OOM_KILLS]);
		iso_event(ISO_EVENT_OOM_KILL, c, task_tgid_nr(task));
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
		iso_count(task, ISO_CNT_FATAL_SIGNALS, 1);
}

static void iso_probe_mkdir(void *data, struct cgroup *cgrp, const char *path)
{
	iso_registry_cgroup_mkdir(cgrp);
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
	ISO_TP(sched_process_fork, iso_probe_fork, SCHED_TRACEPOINTS),
	ISO_TP(sched_process_exec, iso_probe_exec, SCHED_TRACEPOINTS),
	ISO_TP(sched_process_exit, iso_probe_exit, SCHED_TRACEPOINTS),
	ISO_TP(sched_switch, iso_probe_switch, SCHED_TRACEPOINTS),
	ISO_TP(sched_stat_runtime, iso_probe_runtime, SCHED_TRACEPOINTS),
	ISO_TP(signal_generate, iso_probe_signal, SCHED_TRACEPOINTS),
	ISO_TP(cgroup_mkdir, iso_probe_mkdir, CGROUP_TRACEPOINTS),
	ISO_TP(cgroup_rmdir, iso_probe_rmdir, CGROUP_TRACEPOINTS),
#ifdef ISO_HAVE_MARK_VICTIM_TASK
	ISO_TP(mark_victim, iso_probe_mark_victim, OOM_TRACEPOINTS),
#endif
};

/* Never called: makes the build check each probe against its tracepoint. */
static void __maybe_unused iso_tracepoints_check_prototypes(void)
{
	check_trace_callback_type_sched_process_fork(iso_probe_fork);
	check_trace_callback_type_sched_process_exec(iso_probe_exec);
	check_trace_callback_type_sched_process_exit(iso_probe_exit);
	check_trace_callback_type_sched_switch(iso_probe_switch);
	check_trace_callback_type_sched_stat_runtime(iso_probe_runtime);
	check_trace_callback_type_signal_generate(iso_probe_signal);
	check_trace_callback_type_cgroup_mkdir(iso_probe_mkdir);
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
