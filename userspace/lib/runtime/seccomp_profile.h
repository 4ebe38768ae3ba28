/* SPDX-License-Identifier: GPL-2.0 */
#ifndef ISO_SECCOMP_PROFILE_H
#define ISO_SECCOMP_PROFILE_H

#include <stdbool.h>

/* lxc.seccomp.profile, read into a filter ready to load. */
struct iso_seccomp_profile;

/*
 * Read @path, an LXC seccomp policy (version 1 or 2), on the host, before
 * anything of the container is made: *@out is the filter, or NULL when
 * this process is confined already and @allow_nesting is false, as LXC
 * then leaves the policy out.  A line that LXC refuses is refused, with
 * the file and line (and a few that LXC takes, reading less of them than
 * is written); a call this libseccomp does not know is left out, as in
 * LXC.
 */
int iso_seccomp_profile_read(const char *path, bool allow_nesting,
			     struct iso_seccomp_profile **out);

/* Load it in the calling thread; NULL loads nothing. */
int iso_seccomp_profile_load(const struct iso_seccomp_profile *prof);

/* Whether a rule of it says notify: a listener someone must serve. */
bool iso_seccomp_profile_notifies(const struct iso_seccomp_profile *prof);

/* Once it is loaded: the listener of its notify rules, or -errno, said. */
int iso_seccomp_profile_listener(const struct iso_seccomp_profile *prof);

/* Its rules as libseccomp prints them (PFC) to @fd: for tests. */
int iso_seccomp_profile_export(const struct iso_seccomp_profile *prof, int fd);

void iso_seccomp_profile_free(struct iso_seccomp_profile *prof);

#endif /* ISO_SECCOMP_PROFILE_H */
