/* SPDX-License-Identifier: GPL-2.0 */
#ifndef ISO_STORE_H
#define ISO_STORE_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

/*
 * Where containers live: BASE/NAME/{config,rootfs}, BASE being -P, else
 * $ISO_PATH, else /var/lib/iso, as LXC keeps /var/lib/lxc.
 */
#define ISO_DEFAULT_PATH "/var/lib/iso"

struct iso_store {
	char base[PATH_MAX];
};

void iso_store_init(struct iso_store *s, const char *option);

/* mkdir -p BASE, 0755, as lxc-create makes its lxcpath: 0 or -errno. */
int iso_store_make(const struct iso_store *s);

/* 0, or -EINVAL with @why set: empty, too long, a slash, a leading dot. */
int iso_name_check(const char *name, const char **why);

/* DIR/FILE into @out, which holds PATH_MAX bytes; -ENAMETOOLONG. */
int iso_path_join(char *out, const char *dir, const char *file);

/* BASE/NAME[/FILE] into @out, which holds PATH_MAX bytes. */
int iso_store_path(const struct iso_store *s, const char *name,
		   const char *file, char *out);

/*
 * Whether @name, an entry of the store's directory, is one of its
 * containers: a name the store takes, with a config.  BASE/NAME into
 * @dir and its config's path into @cfg, each PATH_MAX bytes.
 */
bool iso_store_container(const struct iso_store *s, const char *name,
			 char *dir, char *cfg);

/*
 * Copy the regular file @src (not a symlink to one) to a new @dst of
 * exactly @mode: 0, or a negative errno (-EINVAL: not a regular file).
 */
int iso_copy_file(const char *src, const char *dst, mode_t mode);

/* Write @len bytes to @path atomically: a temporary file, then rename. */
int iso_write_atomic(const char *path, const char *data, size_t len);

/* Create @path as an empty file if it is not there: 0 or -errno. */
int iso_touch(const char *path, mode_t mode);

/* Remove @path and everything below it, not crossing into mounts. */
int iso_remove_tree(const char *path);

/*
 * A container's directory @dir gone at once, for whoever waits on its
 * lock: renamed to a hidden sibling, no container's name, then removed.
 * 0, or a negative errno, said.
 */
int iso_remove_container(const char *dir);

/* BASE/NAME into @dir (PATH_MAX bytes), which must exist; says why not. */
int iso_container_dir(const char *base, const char *name, char *dir);

struct iso_config;

/* Load BASE/NAME/config into a malloc'ed struct; prints why it could not. */
int iso_load_container(const char *base, const char *name,
		       struct iso_config **cfg);

#endif /* ISO_STORE_H */
