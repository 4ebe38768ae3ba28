/* SPDX-License-Identifier: GPL-2.0 */
#ifndef ISO_LSM_H
#define ISO_LSM_H

#include <limits.h>
#include <stdbool.h>
#include <sys/types.h>

#include "config/config.h"

/* What a start applies of its LSM keys, and what it must undo. */
struct iso_lsm {
	char label[600];	/* the AppArmor label init execs with, or "" */
	/* lxc.apparmor.profile = generated */
	char profile[256];	/* its name */
	char file[PATH_MAX];	/* the profile written, or "" */
	char ns[PATH_MAX];	/* its policy namespace made, or "" */
	bool loaded;		/* the kernel has the profile */
	/* lxc.selinux.*, where SELinux is on: init's context, its keyring's */
	char se_exec[ISO_CFG_VALUE_MAX];
	char se_keyring[ISO_CFG_VALUE_MAX];
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
 * With the host's /proc under it: a session keyring of its own, made
 * with SELinux context @label (@lsm->se_keyring, or
 * iso_lsm_attach_keyring()'s), or with none for "".  0, or said.
 */
int iso_lsm_join_keyring(const char *label);

/* attach: the context its session keyring is made with, as init's was. */
const char *iso_lsm_attach_keyring(const struct iso_config *cfg);

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
