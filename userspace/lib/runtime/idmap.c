// SPDX-License-Identifier: GPL-2.0
#define _XOPEN_SOURCE 700
#include <errno.h>
#include <ftw.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config/config.h"
#include "error.h"
#include "runtime/idmap.h"

/* nftw() passes no argument through: the walk in progress. */
static const struct iso_config *walk_cfg;
static unsigned int walk_nodes;

long iso_idmap_host_id(const struct iso_config *cfg, char type, unsigned long id)
{
	const struct iso_cfg_idmap *m;
	int i;

	for (i = 0; i < cfg->n_idmaps; i++) {
		m = &cfg->idmaps[i];
		if (m->type == type && id >= m->ns_id && id - m->ns_id < m->range)
			return m->host_id + (id - m->ns_id);
	}
	return -1;
}

static int shift_one(const char *path, const struct stat *st, int type,
		     struct FTW *ftw)
{
	long uid = iso_idmap_host_id(walk_cfg, 'u', st->st_uid);
	long gid = iso_idmap_host_id(walk_cfg, 'g', st->st_gid);

	(void)type;
	(void)ftw;
	/*
	 * A node the image ships, made by root on extraction, is a host
	 * device: given to the container's root, or on a rootfs whose
	 * nodev a root with every capability in its user namespace can
	 * remount away, it would open one.  LXC's unprivileged images have
	 * none, since mknod fails there.
	 */
	if (S_ISCHR(st->st_mode) || S_ISBLK(st->st_mode)) {
		if (unlink(path))
			return iso_fail(-errno, "lxc.idmap: removing the device node", path);
		walk_nodes++;
		return 0;
	}
	if (uid < 0 || gid < 0)
		return 0;	/* unmapped: nobody inside, as on the host */
	if (lchown(path, uid, gid))
		return iso_fail(-errno, "lxc.idmap: shifting the owner of", path);
	/* chown clears set-id bits; a set-id file inside keeps them */
	if (S_ISREG(st->st_mode) && (st->st_mode & (S_ISUID | S_ISGID)) &&
	    chmod(path, st->st_mode & 07777))
		return iso_fail(-errno, "lxc.idmap: restoring the mode of", path);
	return 0;
}

/*
 * The container's directory stays root's, its lock and init.pid with it:
 * 0710 to the group the container's root maps to lets that root, and no
 * other host user, through to the rootfs, which the walk below gives it.
 */
int iso_idmap_open_dir(const struct iso_config *cfg, const char *dir)
{
	long gid = iso_idmap_host_id(cfg, 'g', 0);

	if (!cfg->n_idmaps)
		return 0;
	if (iso_idmap_host_id(cfg, 'u', 0) < 0 || gid < 0)
		return iso_fail(-EINVAL, "lxc.idmap:", "root (0) is not mapped for both u and g");
	if (chown(dir, 0, gid) || chmod(dir, 0710))
		return iso_fail(-errno, "lxc.idmap: opening a way through", dir);
	return 0;
}

int iso_idmap_shift(const struct iso_config *cfg, const char *dir,
		    const char *rootfs)
{
	int ret;

	if (!cfg->n_idmaps)
		return 0;
	ret = iso_idmap_open_dir(cfg, dir);
	if (ret)
		return ret;
	walk_cfg = cfg;
	walk_nodes = 0;
	ret = nftw(rootfs, shift_one, 32, FTW_PHYS | FTW_MOUNT);
	walk_cfg = NULL;
	if (walk_nodes)
		fprintf(stderr, "isoctl: lxc.idmap: removed %u device nodes of the image's from %.200s\n",
			walk_nodes, rootfs);
	return ret < 0 ? iso_fail(-errno, "lxc.idmap: walking", rootfs) : ret;
}
