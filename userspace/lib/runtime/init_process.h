/* SPDX-License-Identifier: GPL-2.0 */
#ifndef ISO_INIT_PROCESS_H
#define ISO_INIT_PROCESS_H

#include <sys/types.h>

struct iso_config;

/*
 * What the config says the container's init (and exec's command) runs
 * with, in the order LXC applies it.  Each says why it failed, naming the
 * key, and returns -errno.
 */

/* lxc.prlimit.*: while still root in the container, to raise a hard one. */
int iso_init_prlimits(const struct iso_config *cfg);

/*
 * lxc.proc.*: written by the parent, as the host's root, to the files
 * of the child @pid in its /proc (checked to be procfs), before the
 * child goes on, as LXC's parent writes them.
 */
int iso_init_proc(const struct iso_config *cfg, pid_t pid);

/*
 * lxc.sysctl.*: written to /proc/sys, in the container's namespaces, as
 * root there, before its mounts; what a network, uts or ipc namespace
 * has is the container's own.  One that no namespace has is the host's,
 * as with LXC, unless a user namespace keeps it from root inside.
 */
int iso_init_sysctls(const struct iso_config *cfg);

/*
 * lxc.keyring.session = 1, the default, and attach, whatever the config
 * says: a session keyring of its own, not the caller's, whose keys it
 * could otherwise use.  A kernel without keyrings, or a policy of the
 * caller's that forbids them, leaves it without one, as LXC does; any
 * other failure fails (LXC goes on).  With an SELinux label, through
 * iso_lsm_join_keyring(), a refusal fails too.
 */
int iso_new_session_keyring(void);

/*
 * lxc.time.offset.*: a time namespace of its own with those offsets,
 * entered, for init and all it starts; without them, the host's, as
 * with a kernel that has none (said once, then ignored, as LXC does).
 */
int iso_init_time_ns(const struct iso_config *cfg);

/*
 * lxc.init.groups, .gid and .uid, last before the exec: once not root,
 * the process keeps no capability.
 */
int iso_init_identity(const struct iso_config *cfg);

#endif /* ISO_INIT_PROCESS_H */
