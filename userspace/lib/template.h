/* SPDX-License-Identifier: GPL-2.0 */
#ifndef ISO_TEMPLATE_H
#define ISO_TEMPLATE_H

#include <stddef.h>

/*
 * A template fills ROOTFS and appends the config lines it wants, which the
 * user's own -f file may override, to @config (a buffer of @size bytes).
 */
struct iso_template {
	const char *name;
	int (*build)(const char *rootfs, const char *name, char **args,
		     char *config, size_t size);
	const char *summary;
};

const struct iso_template *iso_template_find(const char *name);

int iso_template_busybox(const char *rootfs, const char *name, char **args,
			 char *config, size_t size);

#endif /* ISO_TEMPLATE_H */
