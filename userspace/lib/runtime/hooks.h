/* SPDX-License-Identifier: GPL-2.0 */
#ifndef ISO_RUNTIME_HOOKS_H
#define ISO_RUNTIME_HOOKS_H

#include <stdbool.h>
#include <sys/types.h>

#include "config/config.h"

/* The container's namespaces, kept open for its stop hooks. */
#define ISO_HOOK_NS_MAX 8

struct iso_hook_ns {
	int n;
	int fd[ISO_HOOK_NS_MAX];
	const char *type[ISO_HOOK_NS_MAX];	/* "mnt", as in /proc/PID/ns */
};

/* How many of copy's arguments a clone hook takes. */
#define ISO_HOOK_ARGS_MAX 32

/* What a container's hooks are told, as LXC tells them. */
struct iso_hook_ctx {
	const struct iso_config *cfg;
	const char *name;		/* LXC_NAME */
	const char *config_file;	/* LXC_CONFIG_FILE */
	pid_t pid;			/* LXC_PID, once cloned; or 0 */
	const struct iso_hook_ns *ns;	/* stop hooks': or NULL */
	int null_fd;			/* the start hook's stdio, or -1 */
	bool reboot;			/* stop, post-stop: LXC_TARGET=reboot */
	const char *src_name;		/* clone: LXC_SRC_NAME */
	char *const *args;		/* clone: copy's, after its "--" */
};

bool iso_hooks_any(const struct iso_config *cfg, enum iso_hook_type type);

/*
 * Run @type's hooks, in the order the config gave them, each as
 * "/bin/sh -c 'exec COMMAND ...'" as LXC does: 0, or the first failure
 * said in a line of its own.  Their stdout is dropped (LXC logs it at
 * debug level), their stderr is ours.  The start hook runs the
 * container's own shell inside it: it gets @ctx->null_fd for its stdio,
 * no terminal, and none of our environment but LXC's variables; its
 * caller must be undumpable, as its fds are ours.
 */
int iso_hooks_run(const struct iso_hook_ctx *ctx, enum iso_hook_type type);

/*
 * lxc.net.@net.script.up (@up) or .down, if the config has it, as LXC
 * runs it: on the host, with @args, a NULL-ended list of the network's
 * type and links, after "NAME net up" (hook version 0) or in
 * LXC_NET_TYPE, LXC_NET_PARENT and LXC_NET_PEER (version 1).  0, or the
 * failure said.
 */
int iso_hooks_run_net(const struct iso_hook_ctx *ctx, int net, bool up,
		      const char *const *args);

/*
 * Open @pid's namespaces of @clone_flags into @ns, as LXC keeps them
 * right after clone for its stop hooks: 0, or a negative errno, said.
 * One of init's that is gone (a zombie has none) is skipped.
 */
int iso_hook_ns_keep(struct iso_hook_ns *ns, pid_t pid,
		     unsigned long clone_flags);
void iso_hook_ns_close(struct iso_hook_ns *ns);

#endif /* ISO_RUNTIME_HOOKS_H */
