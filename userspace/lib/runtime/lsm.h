/* SPDX-License-Identifier: GPL-2.0 */
#ifndef ISO_LSM_H
#define ISO_LSM_H

#include <limits.h>
#include <stdbool.h>
#include <sys/types.h>

struct iso_config;

/* What a start applies of its LSM keys, and what it must undo. */
struct iso_lsm {
	char label[600];	/* the AppArmor label init execs with, or "" */
	/* lxc.apparmor.profile = generated */
	char profile[256];	/* its name */
	char file[PATH_MAX];	/* the profile written, or "" */
	char ns[PATH_MAX];	/* its policy namespace made, or "" */
	bool loaded;		/* the kernel has the profile */
	/* lxc.selinux.*, where SELinux is on: init's context, its keyring's */
	char se_exec[512];	/* ISO_CFG_VALUE_MAX */
	char se_keyring[512];
};

/*
 * On the host, before anything else is made: whether lxc.apparmor.* and
 * lxc.selinux.context can be applied here as they ask, and the label
 * init gets, generated and loaded for the container @name of @store, in
 * @dir, where it asks for that.  Where the LSM is off they are ignored,
 * as LXC ignores them, in one notice line; where it is on, what isoctl
 * cannot apply fails the start rather than confine the container less
 * than asked.  0, or a negative errno, said, with nothing left loaded.
 */
int iso_lsm_prepare(const struct iso_config *cfg, const char *name,
		    const char *store, const char *dir, struct iso_lsm *lsm);

/* After the container's end: a generated profile unloaded and removed. */
void iso_lsm_release(struct iso_lsm *lsm);

/*
 * In the child, with the host's /proc still under it: the context the
 * session keyring it joins next is made with.  0, or said.
 */
int iso_lsm_keyring_label(const struct iso_lsm *lsm);

/*
 * In the child, with the host's /proc still under it: the label init
 * is confined to from its exec on.  0, or said.
 */
int iso_lsm_exec_label(const struct iso_lsm *lsm);

/*
 * attach: the AppArmor profile and the SELinux context init has, for
 * what this process forks and execs, as lxc-attach gives them.  0, or
 * said.
 */
int iso_lsm_attach_label(pid_t init);

#endif /* ISO_LSM_H */
