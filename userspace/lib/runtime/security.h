/* SPDX-License-Identifier: GPL-2.0 */
#ifndef ISO_SECURITY_H
#define ISO_SECURITY_H

struct iso_config;

/* 0 if @name ("sys_module" or "CAP_SYS_MODULE") is a capability. */
int iso_cap_parse(const char *name, int *cap);

/*
 * Last steps before exec, inside the rootfs: drop lxc.cap.drop (or all but
 * lxc.cap.keep) from the bounding and process sets, set no_new_privs, and
 * load the seccomp denylist LXC's templates use.
 */
int iso_security_apply(const struct iso_config *cfg);

#endif /* ISO_SECURITY_H */
