/* SPDX-License-Identifier: GPL-2.0 */
#ifndef ISOCTL_H
#define ISOCTL_H

#define ISOCTL_VERSION "0.1.0"

/* What isoctl says when the family is not registered. */
#define ISO_NOT_LOADED "iso module not loaded (insmod kmod/iso.ko)"

struct iso_genl;
struct iso_info;

/* Open the family; when the module is not loaded, say so and -ENOENT. */
int iso_connect(struct iso_genl *g);

/*
 * Fetch ISO_CMD_GET_INFO.  When the module is not loaded, print
 * ISO_NOT_LOADED and return -ENOENT; other failures print their own line.
 */
int iso_query_info(struct iso_info *info);

/* Each subcommand parses its own arguments; argv[0] is its name. */
int cmd_version(int argc, char **argv);
int cmd_checkconfig(int argc, char **argv);
int cmd_track(int argc, char **argv);
int cmd_untrack(int argc, char **argv);
int cmd_stats(int argc, char **argv);
int cmd_events(int argc, char **argv);
int cmd_create(int argc, char **argv);
int cmd_destroy(int argc, char **argv);
int cmd_ls(int argc, char **argv);
int cmd_exec(int argc, char **argv);
int cmd_chroot(int argc, char **argv);
int cmd_start(int argc, char **argv);
int cmd_stop(int argc, char **argv);
int cmd_console(int argc, char **argv);
int cmd_net(int argc, char **argv);
int cmd_attach(int argc, char **argv);
int cmd_info(int argc, char **argv);
int cmd_ps(int argc, char **argv);
int cmd_freeze(int argc, char **argv);
int cmd_unfreeze(int argc, char **argv);


#endif /* ISOCTL_H */
