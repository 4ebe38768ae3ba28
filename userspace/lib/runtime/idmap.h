/* SPDX-License-Identifier: GPL-2.0 */
#ifndef ISO_IDMAP_H
#define ISO_IDMAP_H

struct iso_config;

/* The host id that id @id of type 'u' or 'g' maps to, or -1. */
long iso_idmap_host_id(const struct iso_config *cfg, char type, unsigned long id);

/*
 * A container's directory, with lxc.idmap: root's, and 0710 to the group
 * its root maps to, which so gets through to its rootfs and no other host
 * user does.  0, or a negative errno, said.
 */
int iso_idmap_open_dir(const struct iso_config *cfg, const char *dir);

/*
 * For a container with lxc.idmap, as lxc-create does for unprivileged
 * ones: shift the rootfs's owners into the map, remove the device nodes
 * an image ships, and let the container's root through its directory
 * (0710 to its group), which stays root's.  Without an idmap, nothing
 * to do.
 */
int iso_idmap_shift(const struct iso_config *cfg, const char *dir,
		    const char *rootfs);

#endif /* ISO_IDMAP_H */
