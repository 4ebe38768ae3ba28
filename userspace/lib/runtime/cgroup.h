/* SPDX-License-Identifier: GPL-2.0 */
#ifndef ISO_CGROUP_H
#define ISO_CGROUP_H

#include <limits.h>
#include <stdbool.h>
#include <sys/types.h>

#include "runtime/cgroup_layout.h"

struct iso_config;

/* Where a pure v1 host gets the private cgroup2 hierarchy iso.ko tracks. */
#define ISO_PRIVATE_V2_PARENT	"/run/iso"
#define ISO_PRIVATE_V2		ISO_PRIVATE_V2_PARENT "/cgroup2"

/*
 * A container's cgroups: one directory in the v2 tree, if the host has one,
 * and one in each v1 hierarchy, if it has those: iso/NAME in each, or
 * where lxc.cgroup.dir* puts them (cgroup_place.c).  The v2 directory is
 * the one iso.ko tracks; on a hybrid host the limits go to the v1
 * hierarchies, where the controllers are.  With an inner cgroup the
 * limits are set on these and the tasks run in INNER below each.
 */
struct iso_cgroup {
	struct cgroup_layout layout;
	char v2[PATH_MAX];		/* empty: none */
	int n_v1;
	char v1[CGROUP_V1_MAX][PATH_MAX];
	char inner[NAME_MAX + 1];	/* lxc.cgroup.dir.container.inner */
	char record[PATH_MAX];		/* DIR/cgroup, where they were put */
};

/*
 * The host's hierarchies into @cg->layout, with none of its directories
 * yet; on a pure v1 host a private cgroup2 is mounted for iso.ko.
 */
int iso_cgroup_layout(struct iso_cgroup *cg);

/*
 * Hierarchy @i's base (-1: v2's): its root, or with @relative the cgroup
 * in it that @home (a /proc/PID/cgroup text) names.
 */
int iso_cgroup_base(const struct cgroup_layout *l, int i, bool relative,
		    const char *home, char *out);

/*
 * What a monitor keeps across its container's reboots: where it was when
 * it first started it, the base of lxc.cgroup.relative and of its way
 * back; and lxc.cgroup.dir.monitor's cgroups, while it is in them.
 */
struct iso_cgroup_monitor {
	char *home;		/* its /proc/self/cgroup then; malloc'ed */
	struct iso_cgroup cg;
	bool made, inside;
};

/*
 * Make the directories where @cfg puts container @name's cgroups, and
 * @m's with lxc.cgroup.dir.monitor, which the monitor then joins; record
 * them in the container's directory @dir, after pruning those of an
 * earlier run that a killed monitor left.  On failure none is left.
 */
int iso_cgroup_create(struct iso_cgroup *cg, struct iso_cgroup_monitor *m,
		      const struct iso_config *cfg, const char *name,
		      const char *dir);

/*
 * The monitor back to lxc.cgroup.dir.monitor.pivot, or where it came
 * from, or the root if that is gone; its cgroups then pruned.
 */
void iso_cgroup_monitor_leave(struct iso_cgroup_monitor *m,
			      const struct iso_config *cfg);

/*
 * @dir, below @base in hierarchy @i of @l (-1: v2), made with each level
 * down to it (cgroup_make.c).  @own: a container's, which may take over
 * one left empty, but not one in use; else one there already is fine.
 */
int iso_cgroup_make_dir(const struct cgroup_layout *l, int i, const char *base,
			const char *dir, bool own);

/*
 * Make the directories that @cg names, each @rel below its hierarchy's
 * base; on failure only those made are left in @cg.
 */
int iso_cgroup_make(struct iso_cgroup *cg, const char *rel, bool own);

/* The inner cgroups, made once the limits are set, as LXC makes them. */
int iso_cgroup_make_inner(struct iso_cgroup *cg);

/*
 * Remove @dir and the cgroups below it, children first, without killing
 * anything, as LXC prunes: 0, or -EBUSY where tasks are still in one.
 */
int iso_cgroup_prune(const char *dir);

/* Where the tasks go in the hierarchy of @dir: @dir, or INNER below it. */
int iso_cgroup_task_dir(const struct iso_cgroup *cg, const char *dir,
			char *out);

/* Write lxc.cgroup.* and lxc.cgroup2.*; each failure names key and file. */
int iso_cgroup_apply(struct iso_cgroup *cg, const struct iso_config *cfg);

/*
 * The device allowlist, which iso_cgroup_apply() sets last: LXC's list
 * and the config's devices keys, none under iso.privileged.
 */
int iso_cgroup_apply_devices(struct iso_cgroup *cg,
			     const struct iso_config *cfg);

/*
 * An idmapped container's cgroups are delegated to its root, as LXC does
 * for unprivileged ones: the directories, and the files that
 * Documentation/admin-guide/cgroup-v2.rst says a delegatee gets.
 */
int iso_cgroup_delegate(const struct iso_cgroup *cg, const struct iso_config *cfg);

/*
 * Where attach joins on v2: the cgroup of @pid (init), if it is the
 * container's or one below it, as systemd moves init to init.scope; a
 * cgroup with children and controllers takes no process (-EBUSY).
 */
void iso_cgroup_v2_leaf(const struct iso_cgroup *cg, pid_t pid, char *dir);

/* Move @pid into the v2 cgroup, or the v1 ones; 0 is the calling thread. */
int iso_cgroup_attach_v2(const struct iso_cgroup *cg, pid_t pid);
int iso_cgroup_attach_v1(const struct iso_cgroup *cg, pid_t pid);

/* Kill what is left and remove the directories. */
int iso_cgroup_destroy(struct iso_cgroup *cg);

/*
 * Kill every task in the cgroup @dir and below, and remove it with every
 * cgroup below it, children first; 0, or a negative errno after saying
 * why (cgroup_remove.c).
 */
int iso_cgroup_remove_tree(const char *dir);

/*
 * Thaw the v1 freezer cgroup @dir and every one below it: a cgroup the
 * container froze of its own stays frozen when its parent thaws, and its
 * tasks then die neither from SIGKILL nor with the pid namespace.  0 or
 * a negative errno.
 */
int iso_cgroup_thaw_tree(const char *dir);

/*
 * The cgroups of container @name, whose directory is @dir, that are
 * there; -ENOENT if none.
 */
int iso_cgroup_find(struct iso_cgroup *cg, const char *dir, const char *name);
/* The same, saying nothing. */
int iso_cgroup_find_quiet(struct iso_cgroup *cg, const char *dir,
			  const char *name);

/* Its directory in the v1 hierarchy that has @ctrl, or NULL. */
const char *iso_cgroup_v1_dir(const struct iso_cgroup *cg, const char *ctrl);

/* Freeze or thaw every task, and wait until it is done. */
int iso_cgroup_freeze(const struct iso_cgroup *cg, bool freeze);
/* Only ask for it: the kernel does it as the tasks come to a stop. */
int iso_cgroup_freeze_ask(const struct iso_cgroup *cg, bool freeze);
bool iso_cgroup_frozen(const struct iso_cgroup *cg);

/* One line of DIR/FILE, without its newline; write VALUE to DIR/FILE. */
int iso_cgroup_read(const char *dir, const char *file, char *buf, size_t size);
int iso_cgroup_write(const char *dir, const char *file, const char *value);
/* Write VALUE to FILE in the directory @dirfd; 0 or a negative errno. */
int iso_cgroup_write_at(int dirfd, const char *file, const char *value);

#endif /* ISO_CGROUP_H */
