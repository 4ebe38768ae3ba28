// SPDX-License-Identifier: GPL-2.0
/*
 * isoctl freeze|unfreeze -n NAME [-P PATH]: stop every task of a running
 * container where it stands, or let it go on, as lxc-freeze does; through
 * cgroup.freeze on v2, freezer.state on v1.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "isoctl.h"
#include "runtime/cgroup.h"
#include "error.h"
#include "runtime/state.h"
#include "runtime/state_events.h"
#include "runtime/store.h"

static int freeze(int argc, char **argv, bool frozen)
{
	static struct iso_cgroup cg;
	struct iso_target t = { 0 };
	struct iso_store store;
	int ret, lock;

	ret = iso_target_parse(&t, argc, argv);
	if (ret > 0)
		goto usage;
	if (ret)
		return ret;
	lock = iso_state_ops_lock(t.dir, true);
	if (lock < 0)
		return iso_failf(lock, argv[0], "locking %s", t.dir);
	ret = iso_target_running(&t, argv[0]);
	if (ret >= 0)
		ret = iso_cgroup_find(&cg, t.dir, t.name);
	iso_store_init(&store, t.base);
	if (!ret && frozen)
		iso_state_publish(store.base, t.name, "FREEZING", 0);
	if (!ret) {
		ret = iso_cgroup_freeze(&cg, frozen);
		if (!ret)
			iso_state_publish(store.base, t.name,
					  frozen ? "FROZEN" : "THAWED", 0);
		else if (frozen) {
			/* as lxc-freeze: it did not freeze, so it runs on */
			iso_cgroup_freeze_ask(&cg, false);
			iso_state_publish(store.base, t.name, "RUNNING", 0);
		}
	}
	close(lock);
	return ret;
usage:
	fprintf(stderr, "Usage: isoctl %s -n NAME [-P PATH]\n", argv[0]);
	return -EINVAL;
}

int cmd_freeze(int argc, char **argv)
{
	return freeze(argc, argv, true);
}

int cmd_unfreeze(int argc, char **argv)
{
	return freeze(argc, argv, false);
}
