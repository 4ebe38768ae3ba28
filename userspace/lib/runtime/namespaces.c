// SPDX-License-Identifier: GPL-2.0
/*
 * Which namespaces a container gets of its own, and joining another's:
 * lxc.namespace.clone, .keep and .share.NS, as LXC 5.0.2's
 * resolve_clone_flags() and lxc_inherit_namespaces() apply them.  The
 * monitor enters a shared namespace only for the clone, so that the
 * child is born in it: a network, UTS or IPC namespace owned by the
 * host's user namespace can be joined whatever user namespace the
 * container gets.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/pidfd.h>
#include <unistd.h>

#include "error.h"
#include "runtime/namespaces.h"
#include "runtime/state.h"
#include "runtime/store.h"

/* What isoctl can share: the others change what it sets up itself. */
#define SHAREABLE (CLONE_NEWNET | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWPID)

static bool offsets(const struct iso_config *cfg)
{
	return cfg->boot_offset_s || cfg->boot_offset_ns ||
	       cfg->mono_offset_s || cfg->mono_offset_ns;
}

static int refuse(const char *key, const char *why)
{
	return iso_failf(-EINVAL, "starting", "%.32s: %.96s", key, why);
}

int iso_ns_flags(const struct iso_config *cfg, unsigned long *flags)
{
	unsigned long f = CLONE_NEWNS | CLONE_NEWPID | CLONE_NEWUTS |
			  CLONE_NEWIPC | CLONE_NEWNET | CLONE_NEWCGROUP;
	const char *key = cfg->ns_keep ? "lxc.namespace.keep" :
					 "lxc.namespace.clone";
	int i;

	for (i = 0; i < cfg->n_nets; i++)
		if (cfg->nets[i].type == ISO_NET_NONE)
			f &= ~CLONE_NEWNET;
	if (cfg->ns_keep)
		f = ~cfg->ns_keep;
	else if (cfg->ns_clone)
		f = cfg->ns_clone;
	/* the time namespace is the offsets' (iso_init_time_ns()) */
	if (cfg->ns_keep & CLONE_NEWTIME && offsets(cfg))
		return refuse(key, "the time namespace kept, with lxc.time.offset");
	f &= CLONE_NEWNS | CLONE_NEWPID | CLONE_NEWUTS | CLONE_NEWIPC |
	     CLONE_NEWNET | CLONE_NEWCGROUP | CLONE_NEWUSER;
	if (!(f & CLONE_NEWNS))
		return refuse(key, "isoctl needs a mount namespace of the container's own");
	/*
	 * A user namespace is lxc.idmap's, which writes its maps: one that
	 * keep leaves out is not made without them, as LXC makes it.
	 */
	if (cfg->ns_keep & CLONE_NEWUSER && cfg->n_idmaps)
		return refuse(key, "lxc.idmap needs a user namespace of the container's own");
	if (cfg->ns_clone && !!(f & CLONE_NEWUSER) != !!cfg->n_idmaps)
		return refuse(key, cfg->n_idmaps ?
			      "lxc.idmap needs a user namespace of the container's own" :
			      "a user namespace needs lxc.idmap");
	f &= ~CLONE_NEWUSER;
	if (cfg->n_idmaps)
		f |= CLONE_NEWUSER;
	/*
	 * isoctl's cgroup mounts are rooted in a cgroup namespace of the
	 * container's own (LXC mounts the host's hierarchy read-only where
	 * it has none): more confinement than was asked, said.
	 */
	if (!(f & CLONE_NEWCGROUP)) {
		iso_errorf(0, "notice: %.32s: the cgroup namespace is the container's own all the same",
			   key);
		f |= CLONE_NEWCGROUP;
	}
	for (i = 0; i < ISO_NS_COUNT; i++) {
		if (!cfg->ns_share[i][0])
			continue;
		if (!(iso_namespaces[i].flag & SHAREABLE))
			return iso_failf(-EOPNOTSUPP, "starting", "lxc.namespace.share.%.8s: isoctl shares net, uts, ipc and pid",
					 iso_namespaces[i].name);
		f &= ~iso_namespaces[i].flag;
	}
	*flags = f;
	return 0;
}

/* A path, a pid, or a running container of @base: its namespace @ns. */
static int open_target(const char *what, const char *base, const char *ns)
{
	char path[PATH_MAX], dir[PATH_MAX], *end;
	struct iso_store store;
	unsigned long pid;
	const char *why;
	pid_t init;
	int fd;

	if (what[0] == '/') {
		fd = open(what, O_RDONLY | O_CLOEXEC);
		return fd < 0 ? -errno : fd;
	}
	errno = 0;
	pid = strtoul(what, &end, 10);
	if (!errno && !*end && end != what && pid && pid <= INT_MAX) {
		snprintf(path, sizeof(path), "/proc/%lu/ns/%.8s", pid, ns);
		fd = open(path, O_RDONLY | O_CLOEXEC);
		return fd < 0 ? -errno : fd;
	}
	iso_store_init(&store, base);
	if (iso_name_check(what, &why) ||
	    iso_store_path(&store, what, NULL, dir) || access(dir, F_OK))
		return -ENOENT;
	/* a pidfd is init's, whatever pid is reused: setns() takes it */
	fd = iso_state_pidfd(dir, &init);
	return fd;
}

int iso_ns_share_open(const struct iso_config *cfg, const char *base,
		      struct iso_ns_share *sh)
{
	const char *ns;
	char self[64];
	int i, fd;

	sh->n = 0;
	for (i = 0; i < ISO_NS_COUNT; i++) {
		if (!cfg->ns_share[i][0])
			continue;
		ns = iso_namespaces[i].name;
		fd = open_target(cfg->ns_share[i], base, ns);
		if (fd < 0) {
			iso_ns_share_close(sh);
			return iso_failf(fd, "lxc.namespace.share", "%.8s = %.128s%.32s",
					 ns, cfg->ns_share[i], fd == -ESRCH ?
					 " (not running)" : "");
		}
		/* for pid, our active one: setns() only sets our children's */
		snprintf(self, sizeof(self), "/proc/self/ns/%.8s", ns);
		sh->type[sh->n] = iso_namespaces[i].flag;
		sh->fd[sh->n] = fd;
		sh->self[sh->n] = open(self, O_RDONLY | O_CLOEXEC);
		if (sh->self[sh->n++] < 0) {
			fd = -errno;
			iso_ns_share_close(sh);
			return iso_fail(fd, "opening", self);
		}
	}
	return 0;
}

/* Back into our first @n namespaces. */
static void leave(struct iso_ns_share *sh, int n)
{
	int i;

	for (i = 0; i < n; i++) {
		if (!setns(sh->self[i], sh->type[i]))
			continue;
		/* nothing after this may run in the other's namespace */
		iso_fail(-errno, "coming back from", "a namespace of lxc.namespace.share");
		abort();
	}
}

int iso_ns_share_enter(struct iso_ns_share *sh)
{
	int i, err;

	for (i = 0; i < sh->n; i++) {
		if (setns(sh->fd[i], sh->type[i])) {
			err = -errno;
			leave(sh, i);
			return iso_failf(err, "joining", "the %.8s namespace of lxc.namespace.share",
					 sh->type[i] == CLONE_NEWNET ? "net" :
					 sh->type[i] == CLONE_NEWPID ? "pid" :
					 sh->type[i] == CLONE_NEWUTS ? "uts" : "ipc");
		}
	}
	return 0;
}

void iso_ns_share_leave(struct iso_ns_share *sh)
{
	leave(sh, sh->n);
}

void iso_ns_share_close(struct iso_ns_share *sh)
{
	while (sh->n > 0) {
		sh->n--;
		close(sh->fd[sh->n]);
		if (sh->self[sh->n] >= 0)
			close(sh->self[sh->n]);
	}
}
