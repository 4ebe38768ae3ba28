/* SPDX-License-Identifier: GPL-2.0 */
#ifndef ISO_MOUNT_ENTRY_H
#define ISO_MOUNT_ENTRY_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>

/*
 * One lxc.mount.entry, an fstab line: "source target type options
 * [dump [pass]]", with getmntent's octal escapes (\040 for a space).
 * Every field is checked against its size: a long one is refused, never
 * cut, so a trailing ",ro" cannot be lost.
 */
struct iso_mount_entry {
	char src[PATH_MAX];
	char dst[PATH_MAX];
	char type[64];
	char data[4096];	/* what mount(2) does not know, e.g. size=10m */
	unsigned long flags;	/* MS_BIND, MS_REC, MS_RDONLY, MS_NOSUID... */
	bool create_dir, create_file, optional;
};

/* An options field alone, into @e's flags, data and create=: 0 or -errno. */
int iso_mount_entry_options(struct iso_mount_entry *e, const char *opts);

/* 0, or -EINVAL/-ENAMETOOLONG with @why saying what is wrong. */
int iso_mount_entry_parse(const char *line, struct iso_mount_entry *e,
			  char *why, size_t why_size);

#endif /* ISO_MOUNT_ENTRY_H */
