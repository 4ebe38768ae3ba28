/* SPDX-License-Identifier: GPL-2.0 */
#ifndef ISO_APPARMOR_PROFILE_H
#define ISO_APPARMOR_PROFILE_H

struct iso_config;
struct iso_lsm;

/*
 * lxc.apparmor.profile = generated: write the container @name's profile
 * under @dir and load it, with a policy namespace where profiles stack;
 * @lsm then has the label for init's exec and what to unload.  0, or a
 * negative errno, said, with nothing left loaded.
 */
int iso_aa_generated_load(const struct iso_config *cfg, const char *name,
			  const char *store, const char *dir,
			  struct iso_lsm *lsm);

/* What iso_aa_generated_load() loaded and made, gone; quiet if nothing. */
void iso_aa_generated_unload(struct iso_lsm *lsm);

#endif /* ISO_APPARMOR_PROFILE_H */
