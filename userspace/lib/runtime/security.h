/* SPDX-License-Identifier: GPL-2.0 */
#ifndef ISO_SECURITY_H
#define ISO_SECURITY_H

#include <stdbool.h>
#include <stdint.h>

struct iso_config;
struct iso_seccomp_profile;

/* 0 if @name ("sys_module" or "CAP_SYS_MODULE") is a capability. */
int iso_cap_parse(const char *name, int *cap);

/*
 * Whether root in the container keeps @cap: all but lxc.cap.drop, or only
 * lxc.cap.keep; with neither, Docker's default set, or every one in a
 * user namespace of its own (lxc.idmap) or with iso.privileged.
 */
bool iso_cap_kept(const struct iso_config *cfg, int cap);

/* False if root inside keeps CAP_SYS_ADMIN in the host's user namespace. */
bool iso_root_safe(const struct iso_config *cfg);

/*
 * One line on stderr for each way @cfg leaves the host exposed: root
 * that is not root-safe, the image's device nodes live (lxc.autodev = 0).
 */
void iso_security_warn(const struct iso_config *cfg, const char *name);

/* No limit beyond the config's, for iso_security_apply(). */
#define ISO_CAPS_ALL (~(uint64_t)0)

/*
 * Last steps before exec, inside the rootfs: load the seccomp denylist,
 * then @profile (lxc.seccomp.profile, iso_seccomp_profile_read()) if
 * there is one, drop from the bounding and process sets what
 * iso_cap_kept() does not keep, and what is not in @limit (a mask of
 * 1 << CAP_*) whatever the config keeps, and set no_new_privs.  Where
 * @profile has notify rules and @listener_sk is not -1, its listener
 * goes over that socket (iso_send_fds()) right after the load.
 */
int iso_security_apply(const struct iso_config *cfg,
		       const struct iso_seccomp_profile *profile,
		       uint64_t limit, int listener_sk);

#endif /* ISO_SECURITY_H */
