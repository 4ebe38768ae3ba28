/* SPDX-License-Identifier: GPL-2.0 */
#ifndef ISO_TEMPLATE_H
#define ISO_TEMPLATE_H

#include <stdbool.h>
#include <stddef.h>

/*
 * A template fills @rootfs and writes the config lines it wants, which
 * the user's own -f file may override, to @config (@size bytes).
 */
struct iso_template_call {
	const char *rootfs;
	const char *name;	/* the container's */
	const char *source;	/* after the colon: dir:PATH, tar:FILE */
	char **args;		/* after --, for the template */
	char *config;
	size_t size;
};

struct iso_template {
	const char *name;
	bool takes_source;
	int (*build)(const struct iso_template_call *call);
	const char *summary;
};

/* "busybox", "debian", "dir:PATH" or "tar:FILE"; sets *@source. */
const struct iso_template *iso_template_find(const char *name,
					     const char **source);

/* Run @argv, its output going to ours; 0, or why it failed, said once. */
int iso_template_run(const char *what, char *const argv[]);

/* The lines every template writes: rootfs, hostname, init, caps. */
void iso_template_config(const struct iso_template_call *call,
			 const char *init, const char *halt);

int iso_template_busybox(const struct iso_template_call *call);
int iso_template_debian(const struct iso_template_call *call);
int iso_template_dir(const struct iso_template_call *call);
int iso_template_tar(const struct iso_template_call *call);

#endif /* ISO_TEMPLATE_H */
