/* SPDX-License-Identifier: GPL-2.0 */
#ifndef ISO_LSM_H
#define ISO_LSM_H

#include <sys/types.h>

struct iso_config;

/*
 * On the host, before anything is made: whether lxc.apparmor.profile and
 * lxc.selinux.context can be applied here as they ask.  Where the LSM is
 * off they are ignored, as LXC ignores them, in one notice line; where it
 * is on, what isoctl cannot apply fails the start rather than confine the
 * container less than asked.  0, or a negative errno, said.
 */
int iso_lsm_check(const struct iso_config *cfg);

/*
 * In the child, with the host's /proc still under it: the profile init
 * is confined to from its exec on, through libapparmor.  0, or said.
 */
int iso_lsm_exec_label(const struct iso_config *cfg);

/*
 * attach: the AppArmor profile init has, for what this process forks
 * and execs, as lxc-attach gives it.  0, or said.
 */
int iso_lsm_attach_label(pid_t init);

#endif /* ISO_LSM_H */
