// SPDX-License-Identifier: GPL-2.0
/*
 * lxc.hook.*: the commands a config runs at points of a container's life.
 * runtime.c calls them where LXC does: pre-start on the host before
 * anything is made; pre-mount, mount and autodev in the container's
 * namespaces before pivot_root; start inside it just before init;
 * start-host on the host meanwhile; stop on the host with the
 * container's namespaces still held, and post-stop once it is all gone.
 * destroy's hooks run before a container's directory goes.
 *
 * Hooks are the admin's, as the config is (Documentation/security.rst),
 * but the start hook runs the container's own shell.
 */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "error.h"
#include "runtime/hooks.h"
#include "runtime/stop_signals.h"

bool iso_hooks_any(const struct iso_config *cfg, enum iso_hook_type type)
{
	int i;

	for (i = 0; i < cfg->n_hooks; i++)
		if (cfg->hooks[i].type == type)
			return true;
	return false;
}

/* The start hook's PATH: it gets no other variable of ours. */
#define START_HOOK_PATH "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"

/* "/proc/PID/fd/N": how a stop hook reaches a namespace we hold */
#define NS_PATH_MAX 40

/* LXC_MNT_NS for "mnt": the variable hook version 1 names a namespace in. */
static void set_ns_env(const char *type, const char *path)
{
	char var[32];
	size_t i;

	snprintf(var, sizeof(var), "LXC_%.16s_NS", type);
	for (i = 4; var[i]; i++)
		if (var[i] >= 'a' && var[i] <= 'z')
			var[i] -= 'a' - 'A';
	setenv(var, path, 1);
}

/* lxc.environment's NAME=VALUE lines: 0, or -1 with errno set. */
static int set_container_env(const struct iso_cfg_list *env)
{
	char name[ISO_CFG_VALUE_MAX];
	const char *eq;
	int i;

	for (i = 0; i < env->n; i++) {
		eq = strchr(env->item[i], '=');
		if (!eq)
			continue;
		snprintf(name, sizeof(name), "%.*s", (int)(eq - env->item[i]),
			 env->item[i]);
		if (setenv(name, eq + 1, 1))
			return -1;
	}
	return 0;
}

/*
 * One command to run: a hook of @type, or, with @section "net", a
 * network script, @hook "up" or "down", told @net_args (its type and
 * links) as LXC's run_script_argv() tells them.
 */
struct hook_call {
	enum iso_hook_type type;
	const char *section;		/* "lxc" or "net" */
	const char *hook;		/* LXC_HOOK_TYPE */
	const char *label;		/* the key, for messages */
	const char *const *net_args;
};

/* A network script's arguments as variables, as hook version 1 has them. */
static void set_net_env(const char *const *args)
{
	setenv("LXC_NET_TYPE", args[0], 1);
	if (!strcmp(args[0], "veth") || !strcmp(args[0], "macvlan") ||
	    !strcmp(args[0], "phys"))
		setenv("LXC_NET_PARENT", args[1] ? args[1] : "", 1);
	if (!strcmp(args[0], "veth"))
		setenv("LXC_NET_PEER", args[1] && args[2] ? args[2] : "", 1);
}

/* In the hook's child: what LXC sets, and its arguments, in @argv. */
static void set_env(const struct iso_hook_ctx *ctx,
		    const struct hook_call *call, char **argv, int max,
		    char paths[][NS_PATH_MAX])
{
	const struct iso_config *cfg = ctx->cfg;
	enum iso_hook_type type = call->type;
	char pid[16];
	int i, argc = 0;

	setenv("LXC_NAME", ctx->name, 1);
	if (ctx->config_file)
		setenv("LXC_CONFIG_FILE", ctx->config_file, 1);
	/* bound onto itself, unless lxc.rootfs.mount says where */
	setenv("LXC_ROOTFS_PATH", cfg->rootfs, 1);
	setenv("LXC_ROOTFS_MOUNT", iso_rootfs_mount(cfg), 1);
	if (cfg->console_logfile[0])
		setenv("LXC_CONSOLE_LOGPATH", cfg->console_logfile, 1);
	setenv("LXC_CGNS_AWARE", "1", 1);
	setenv("LXC_HOOK_VERSION", cfg->hook_version ? "1" : "0", 1);
	if (ctx->pid && type != ISO_HOOK_START) {
		snprintf(pid, sizeof(pid), "%d", (int)ctx->pid);
		setenv("LXC_PID", pid, 1);
	}
	if (type == ISO_HOOK_STOP || type == ISO_HOOK_POST_STOP)
		setenv("LXC_TARGET", ctx->reboot ? "reboot" : "stop", 1);
	if (cfg->hook_version) {
		setenv("LXC_HOOK_TYPE", call->hook, 1);
		setenv("LXC_HOOK_SECTION", call->section, 1);
		if (call->net_args)
			set_net_env(call->net_args);
	} else {
		argv[argc++] = (char *)ctx->name;
		argv[argc++] = (char *)call->section;
		argv[argc++] = (char *)call->hook;
	}
	if (ctx->src_name)
		setenv("LXC_SRC_NAME", ctx->src_name, 1);
	/* LXC's " %s" each: an empty one is no word to the shell */
	for (i = 0; call->net_args && call->net_args[i] && argc < max; i++)
		if (*call->net_args[i])
			argv[argc++] = (char *)call->net_args[i];
	for (i = 0; ctx->args && ctx->args[i] && argc < max; i++)
		argv[argc++] = ctx->args[i];
	/* stop: "mnt:/proc/PID/fd/N" each, or LXC_MNT_NS=/proc/PID/fd/N */
	for (i = 0; type == ISO_HOOK_STOP && ctx->ns && i < ctx->ns->n; i++) {
		if (cfg->hook_version) {
			snprintf(paths[i], NS_PATH_MAX, "/proc/%d/fd/%d",
				 (int)getppid(), ctx->ns->fd[i]);
			set_ns_env(ctx->ns->type[i], paths[i]);
		} else if (argc < max) {
			snprintf(paths[i], NS_PATH_MAX, "%.8s:/proc/%d/fd/%d",
				 ctx->ns->type[i], (int)getppid(),
				 ctx->ns->fd[i]);
			argv[argc++] = paths[i];
		}
	}
	argv[argc] = NULL;
}

/*
 * Standard input and output on /dev/null; for the start hook, stderr
 * too, from @null_fd, opened on the host's before pivot_root: the
 * container's /dev/null may be anything.
 */
static int quiet_stdio(bool inside, int null_fd)
{
	int fd = inside ? null_fd : open("/dev/null", O_RDWR | O_NOCTTY);

	if (fd < 0 || dup2(fd, STDIN_FILENO) < 0 ||
	    dup2(fd, STDOUT_FILENO) < 0 ||
	    (inside && dup2(fd, STDERR_FILENO) < 0))
		return -1;
	return 0;
}

/* " 'ARG'" onto @buf, any ' in it as '\'': false if it is full. */
static bool append_quoted(char *buf, size_t size, const char *arg)
{
	size_t used = strlen(buf);
	const char *c;

	if (used + 3 >= size)
		return false;
	buf[used++] = ' ';
	buf[used++] = '\'';
	for (c = arg; *c; c++) {
		if (used + 5 >= size)
			return false;
		if (*c == '\'') {
			memcpy(buf + used, "'\\''", 4);
			used += 4;
		} else {
			buf[used++] = *c;
		}
	}
	buf[used++] = '\'';
	buf[used] = '\0';
	return true;
}

/* In the hook's child: why it cannot run, then out. */
static void hook_fail(const char *cmd, const char *step)
{
	fprintf(stderr, "isoctl: running hook \"%.128s\": %.64s: %.64s\n",
		cmd, step, strerror(errno));
	_exit(126);
}

/*
 * As LXC runs a hook: "exec COMMAND ARG..." through /bin/sh -c, the
 * arguments after the command's own text, quoted.
 */
static void exec_hook(const struct iso_hook_ctx *ctx,
		      const struct hook_call *call, const char *cmd)
{
	char script[ISO_CFG_VALUE_MAX * 2], paths[ISO_HOOK_NS_MAX][NS_PATH_MAX];
	char *args[ISO_HOOK_ARGS_MAX + ISO_HOOK_NS_MAX + 4];
	bool inside = call->type == ISO_HOOK_START;
	int i;

	/* what a monitor blocked or ignored is not a hook's: LXC's popen resets it */
	iso_signals_default();
	/*
	 * No terminal and no variable of ours for the container's programs:
	 * a PATH, lxc.environment's, as LXC sets them before it, and LXC's.
	 */
	if (inside && (setsid() < 0 || clearenv() ||
		       setenv("PATH", START_HOOK_PATH, 1) ||
		       set_container_env(&ctx->cfg->environment)))
		hook_fail(cmd, "leaving our session and environment");
	if (quiet_stdio(inside, ctx->null_fd))
		hook_fail(cmd, "redirecting stdio to /dev/null");
	if (close_range(STDERR_FILENO + 1, ~0U, 0))
		hook_fail(cmd, "closing our fds");
	set_env(ctx, call, args, ISO_HOOK_ARGS_MAX + ISO_HOOK_NS_MAX + 3, paths);
	snprintf(script, sizeof(script), "exec %.*s", ISO_CFG_VALUE_MAX, cmd);
	for (i = 0; args[i]; i++) {
		errno = E2BIG;
		if (!append_quoted(script, sizeof(script), args[i]))
			hook_fail(cmd, "its arguments");
	}
	execl("/bin/sh", "sh", "-c", script, (char *)NULL);
	hook_fail(cmd, "executing /bin/sh");
}

static int run_one(const struct iso_hook_ctx *ctx,
		   const struct hook_call *call, const char *cmd)
{
	int status;
	pid_t pid;

	fflush(NULL);
	pid = fork();
	if (pid < 0)
		return iso_failf(-errno, "running", "%.64s \"%.128s\"",
				 call->label, cmd);
	if (!pid)
		exec_hook(ctx, call, cmd);
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return iso_failf(-errno, "waiting for", "%.64s \"%.128s\"",
					 call->label, cmd);
	if (WIFEXITED(status) && !WEXITSTATUS(status))
		return 0;
	if (WIFSIGNALED(status))
		return iso_errorf(-ECANCELED,
				  "%.64s: %.64s \"%.128s\": killed by signal %d",
				  ctx->name, call->label, cmd, WTERMSIG(status));
	return iso_errorf(-ECANCELED, "%.64s: %.64s \"%.128s\": exited with %d",
			  ctx->name, call->label, cmd, WEXITSTATUS(status));
}

int iso_hooks_run(const struct iso_hook_ctx *ctx, enum iso_hook_type type)
{
	char label[32];
	struct hook_call call = {
		.type = type,
		.section = "lxc",
		.hook = iso_hook_name(type),
		.label = label,
	};
	int i, ret;

	snprintf(label, sizeof(label), "lxc.hook.%.16s", call.hook);
	for (i = 0; i < ctx->cfg->n_hooks; i++) {
		if (ctx->cfg->hooks[i].type != type)
			continue;
		ret = run_one(ctx, &call, ctx->cfg->hooks[i].cmd);
		if (ret)
			return ret;
	}
	return 0;
}

int iso_hooks_run_net(const struct iso_hook_ctx *ctx, int net, bool up,
		      const char *const *args)
{
	const struct iso_cfg_net *n = &ctx->cfg->nets[net];
	char label[32];
	struct hook_call call = {
		/* on the host, stdio and all, as a pre-start hook */
		.type = ISO_HOOK_PRE_START,
		.section = "net",
		.hook = up ? "up" : "down",
		.label = label,
		.net_args = args,
	};
	const char *cmd = up ? n->script_up : n->script_down;

	if (!*cmd)
		return 0;
	snprintf(label, sizeof(label), "lxc.net.%d.script.%.4s", net, call.hook);
	return run_one(ctx, &call, cmd);
}

int iso_hook_ns_keep(struct iso_hook_ns *ns, pid_t pid,
		     unsigned long clone_flags)
{
	/* LXC's order */
	static const struct {
		unsigned long flag;
		const char *type;
	} all[] = {
		{ CLONE_NEWUSER, "user" }, { CLONE_NEWNS, "mnt" },
		{ CLONE_NEWPID, "pid" }, { CLONE_NEWUTS, "uts" },
		{ CLONE_NEWIPC, "ipc" }, { CLONE_NEWNET, "net" },
		{ CLONE_NEWCGROUP, "cgroup" },
	};
	char path[64];
	size_t i;
	int fd;

	for (i = 0; i < sizeof(all) / sizeof(all[0]); i++) {
		if (!(clone_flags & all[i].flag) || ns->n == ISO_HOOK_NS_MAX)
			continue;
		snprintf(path, sizeof(path), "/proc/%d/ns/%s", (int)pid,
			 all[i].type);
		fd = open(path, O_RDONLY | O_CLOEXEC);
		if (fd < 0 && errno == ENOENT)
			continue;
		if (fd < 0)
			return iso_fail(-errno, "keeping for lxc.hook.stop", path);
		ns->fd[ns->n] = fd;
		ns->type[ns->n++] = all[i].type;
	}
	return 0;
}

void iso_hook_ns_close(struct iso_hook_ns *ns)
{
	while (ns->n > 0)
		close(ns->fd[--ns->n]);
}
