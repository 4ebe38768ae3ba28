// SPDX-License-Identifier: GPL-2.0
/*
 * isoctl destroy -n NAME [-f] [-P PATH]: remove a container's directory.
 * A running one is refused unless -f, which kills it first.
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "isoctl.h"
#include "error.h"
#include "config/config.h"
#include "runtime/halt.h"
#include "runtime/hooks.h"
#include "runtime/state.h"
#include "runtime/store.h"
#include "runtime/lxc_peer.h"

/*
 * lxc.hook.destroy, before anything goes, as lxc-destroy runs it: one
 * that fails keeps the container.  A config that does not load has none
 * to run, and goes all the same.  *@managed: what lxc.rootfs.managed says.
 */
static int destroy_hooks(const struct iso_target *t, bool *managed)
{
	char dir[PATH_MAX], config[PATH_MAX];
	struct iso_hook_ctx hooks = { .name = t->name };
	struct iso_config *cfg;
	int ret;

	*managed = true;
	if (!realpath(t->dir, dir))
		return 0;
	snprintf(config, sizeof(config), "%.4000s/config", dir);
	cfg = iso_config_read(config);
	if (!cfg)
		return 0;
	hooks.cfg = cfg;
	hooks.config_file = config;
	ret = iso_hooks_run(&hooks, ISO_HOOK_DESTROY);
	*managed = !cfg->rootfs_unmanaged;
	free(cfg);
	return ret;
}

int iso_container_remove(const struct iso_target *t)
{
	bool managed;
	int ret = destroy_hooks(t, &managed);

	if (ret)
		return ret;
	/* its storage is someone else's, and so, in LXC, all of it */
	if (!managed) {
		fprintf(stderr, "isoctl: notice: %.64s: lxc.rootfs.managed = 0: its directory and rootfs are left, as LXC leaves them\n",
			t->name);
		return 0;
	}
	ret = iso_remove_tree(t->dir);
	return ret ? iso_fail(ret, "destroy: removing", t->dir) : 0;
}

int cmd_destroy(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "name", required_argument, NULL, 'n' },
		{ "force", no_argument, NULL, 'f' },
		{ "lxcpath", required_argument, NULL, 'P' },
		{ 0 }
	};
	struct iso_target t = { 0 };
	bool force = false;
	pid_t pid;
	int opt, ret, lock;

	while ((opt = getopt_long(argc, argv, "n:fP:", opts, NULL)) != -1) {
		if (iso_target_option(&t, opt, optarg))
			continue;
		if (opt != 'f')
			goto usage;
		force = true;
	}
	ret = iso_target_resolve(&t, argc, argv);
	if (ret > 0)
		goto usage;
	if (!ret)
		ret = iso_lxc_refuse("destroy", t.dir, t.name);
	if (ret)
		return ret;

	pid = iso_state_running(t.dir);
	if (pid && !force)
		return iso_failf(-EBUSY, "destroy", "%s: running as pid %d (stop it, or -f)",
				 t.name, (int)pid);
	/* its monitor takes the cgroups and veths down */
	if (pid) {
		/* as stop -k: not behind a stop waiting out its timeout */
		lock = iso_state_ops_lock(t.dir, false);
		if (lock < 0 && lock != -EBUSY)
			return iso_fail(lock, "destroy: locking", t.dir);
		ret = iso_container_halt("destroy", t.dir, t.name, SIGKILL,
					 SIGKILL, 0, true);
		if (lock >= 0)
			close(lock);
		if (ret && ret != -ESRCH)	/* it may have ended by itself */
			return ret;
	}
	/* nothing may start it, or exec in it, while it goes */
	lock = iso_state_lock(t.dir);
	if (lock == -EBUSY)
		return iso_failf(-EBUSY, "destroy", "%s: started again, or in an exec",
				 t.name);
	if (lock < 0)
		return iso_fail(lock, "destroy: locking", t.dir);
	ret = iso_container_remove(&t);
	close(lock);
	if (ret)
		return ret;
	printf("Destroyed container %.64s\n", t.name);
	return 0;
usage:
	fprintf(stderr, "Usage: isoctl destroy -n NAME [-f] [-P PATH]\n");
	return -EINVAL;
}
