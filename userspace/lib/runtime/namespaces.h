/* SPDX-License-Identifier: GPL-2.0 */
#ifndef ISO_RUNTIME_NAMESPACES_H
#define ISO_RUNTIME_NAMESPACES_H

#include "config/config.h"

/*
 * The namespaces a container gets of its own, as CLONE_NEW* flags: LXC's
 * defaults (net unless lxc.net.0.type = none, user with lxc.idmap, cgroup,
 * which the child unshares itself), or what lxc.namespace.clone or .keep
 * says, less those lxc.namespace.share.NS joins.  0 with them in @flags,
 * or -EINVAL, said, for what isoctl cannot do: no mount namespace of its
 * own, a user namespace cloned that lxc.idmap does not ask for, or not
 * cloned or kept where it does (keep leaves a user namespace to
 * lxc.idmap: LXC would make one without maps), a time namespace kept
 * with offsets, a mount, user, cgroup or time namespace shared.
 */
int iso_ns_flags(const struct iso_config *cfg, unsigned long *flags);

/* The namespaces of another container, a process or a path, to join. */
struct iso_ns_share {
	int n;
	unsigned long type[ISO_NS_COUNT];	/* CLONE_NEW* */
	int fd[ISO_NS_COUNT];			/* theirs */
	int self[ISO_NS_COUNT];			/* ours, to come back to */
};

/*
 * Open what each lxc.namespace.share.NS names, as LXC's
 * lxc_inherit_namespace(): a path, a pid, or a container of the store
 * @base, which must be running.  0, or a negative errno, said.
 */
int iso_ns_share_open(const struct iso_config *cfg, const char *base,
		      struct iso_ns_share *sh);

/*
 * Around the clone: into theirs, so that the child is born there, and
 * back into ours.  A pid namespace is the one of our children only.
 */
int iso_ns_share_enter(struct iso_ns_share *sh);
void iso_ns_share_leave(struct iso_ns_share *sh);
void iso_ns_share_close(struct iso_ns_share *sh);

#endif /* ISO_RUNTIME_NAMESPACES_H */
