// SPDX-License-Identifier: GPL-2.0
/*
 * What iso.ko asks of a container's monitor.  A module cannot freeze a
 * cgroup, so a cpu_budget whose action is freeze sends its event, once
 * the budget is spent, to the monitor too, which writes cgroup.freeze of
 * the container's v2 cgroup (iso.ko tracks only those).  It does not
 * wait for the freeze: the console and stop go on meanwhile.
 */
#include <string.h>
#include <linux/iso.h>

#include "error.h"
#include "kernel/genl.h"
#include "runtime/cgroup.h"
#include "runtime/runtime.h"

static bool asks_freeze(const struct iso_event_rec *ev)
{
	const struct iso_limit_rec *l = &ev->limit;

	return ev->type == ISO_EVENT_LIMIT && ev->has_limit &&
	       !strcmp(l->controller, "cpu_budget") &&
	       l->params[ISO_A_CPU_BUDGET_ACTION] == ISO_CPU_BUDGET_FREEZE &&
	       l->state[ISO_A_CPU_BUDGET_SPENT];
}

static int on_request(const struct iso_event_rec *ev, void *arg)
{
	struct iso_run *run = arg;

	/* the socket is this container's alone; a name check costs nothing */
	if (strcmp(ev->name, run->name) || !asks_freeze(ev))
		return 0;
	/* it says why itself */
	if (!iso_cgroup_freeze_ask(&run->cg, true))
		run->freeze_asked = true;
	return 0;
}

int iso_run_requests(struct iso_run *run)
{
	return iso_track_read(&run->track, on_request, run);
}
