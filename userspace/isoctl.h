/* SPDX-License-Identifier: GPL-2.0 */
#ifndef ISOCTL_H
#define ISOCTL_H

#define ISOCTL_VERSION "0.1.0"

/* What isoctl says when the family is not registered. */
#define ISO_NOT_LOADED "iso module not loaded (insmod kmod/iso.ko)"

#include <limits.h>
#include <stdbool.h>
#include <sys/types.h>

struct iso_genl;
struct iso_info;

/*
 * The container a command acts on: -n NAME, or NAME as the one plain
 * argument, in -P PATH or the default store.
 */
struct iso_target {
	const char *name;
	const char *base;
	char dir[PATH_MAX];	/* BASE/NAME, once known to be a container */
};

/* In a command's getopt loop: whether @opt was -n or -P, now taken. */
bool iso_target_option(struct iso_target *t, int opt, const char *arg);

/*
 * After the loop: the plain NAME if there was no -n, and nothing else
 * left; then BASE/NAME must be a container.  1 for the command to print
 * its usage, 0, or a negative errno after saying why.
 */
int iso_target_resolve(struct iso_target *t, int argc, char **argv);

/* For a command that takes nothing else: all of argv, then resolve. */
int iso_target_parse(struct iso_target *t, int argc, char **argv);

/*
 * For a command that runs one in the container (exec, attach, chroot):
 * -n NAME and -P, then @cmd, the rest of argv (after "--"), or NULL if
 * there is none.  Returns as iso_target_resolve().
 */
int iso_target_parse_cmd(struct iso_target *t, int argc, char **argv,
			 char ***cmd);

/*
 * Run @t's destroy hooks, then remove its directory, as lxc-destroy
 * does; the caller holds its lock.  0, or a negative errno, said.
 */
int iso_container_remove(const struct iso_target *t);

/* Its init's host pid, or -ESRCH after saying it is not running. */
pid_t iso_target_running(const struct iso_target *t, const char *cmd);

/*
 * exec and chroot: @cmd (NULL: the config's lxc.execute.cmd) as pid 1 of
 * a new instance of container @t, with
 * its network or with only lo; its exit status, or a negative errno after
 * saying why, with @what for the step.
 */
int iso_exec_transient(const char *what, const struct iso_target *t,
		       char **cmd, bool network);

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
int cmd_serve(int argc, char **argv);
int cmd_top(int argc, char **argv);
int cmd_monitor(int argc, char **argv);
int cmd_create(int argc, char **argv);
int cmd_destroy(int argc, char **argv);
int cmd_copy(int argc, char **argv);
int cmd_ls(int argc, char **argv);
int cmd_autostart(int argc, char **argv);
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
int cmd_limit(int argc, char **argv);


#endif /* ISOCTL_H */
