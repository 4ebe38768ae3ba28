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

/* In the hook's child: what LXC sets, and its arguments, in @argv. */
static void set_env(const struct iso_hook_ctx *ctx, enum iso_hook_type type,
		    char **argv, int max, char paths[][NS_PATH_MAX])
{
	const struct iso_config *cfg = ctx->cfg;
	const char *type_name = iso_hook_name(type);
	char pid[16];
	int i, argc = 0;

	setenv("LXC_NAME", ctx->name, 1);
	if (ctx->config_file)
		setenv("LXC_CONFIG_FILE", ctx->config_file, 1);
	/* the rootfs is bound onto itself: where it is mounted is where it is */
	setenv("LXC_ROOTFS_PATH", cfg->rootfs, 1);
	setenv("LXC_ROOTFS_MOUNT", cfg->rootfs, 1);
	if (cfg->console_logfile[0])
		setenv("LXC_CONSOLE_LOGPATH", cfg->console_logfile, 1);
	setenv("LXC_CGNS_AWARE", "1", 1);
	setenv("LXC_HOOK_VERSION", cfg->hook_version ? "1" : "0", 1);
	if (ctx->pid && type != ISO_HOOK_START) {
		snprintf(pid, sizeof(pid), "%d", (int)ctx->pid);
		setenv("LXC_PID", pid, 1);
	}
	if (type == ISO_HOOK_STOP || type == ISO_HOOK_POST_STOP)
		setenv("LXC_TARGET", "stop", 1);
	if (cfg->hook_version) {
		setenv("LXC_HOOK_TYPE", type_name, 1);
		setenv("LXC_HOOK_SECTION", "lxc", 1);
	} else {
		argv[argc++] = (char *)ctx->name;
		argv[argc++] = "lxc";
		argv[argc++] = (char *)type_name;
	}
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

/* What a monitor blocked or ignored is not a hook's: LXC's popen resets it. */
static void default_signals(void)
{
	sigset_t none;

	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	signal(SIGPIPE, SIG_DFL);
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
static void exec_hook(const struct iso_hook_ctx *ctx, enum iso_hook_type type,
		      const char *cmd)
{
	char script[ISO_CFG_VALUE_MAX * 2], paths[ISO_HOOK_NS_MAX][NS_PATH_MAX];
	char *args[ISO_HOOK_NS_MAX + 4];
	bool inside = type == ISO_HOOK_START;
	int i;

	default_signals();
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
	set_env(ctx, type, args, ISO_HOOK_NS_MAX + 3, paths);
	snprintf(script, sizeof(script), "exec %.*s", ISO_CFG_VALUE_MAX, cmd);
	for (i = 0; args[i]; i++) {
		errno = E2BIG;
		if (!append_quoted(script, sizeof(script), args[i]))
			hook_fail(cmd, "its arguments");
	}
	execl("/bin/sh", "sh", "-c", script, (char *)NULL);
	hook_fail(cmd, "executing /bin/sh");
}

static int run_one(const struct iso_hook_ctx *ctx, enum iso_hook_type type,
		   const char *cmd)
{
	const char *type_name = iso_hook_name(type);
	int status;
	pid_t pid;

	fflush(NULL);
	pid = fork();
	if (pid < 0)
		return iso_failf(-errno, "running", "lxc.hook.%.16s \"%.128s\"",
				 type_name, cmd);
	if (!pid)
		exec_hook(ctx, type, cmd);
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return iso_failf(-errno, "waiting for",
					 "lxc.hook.%.16s \"%.128s\"",
					 type_name, cmd);
	if (WIFEXITED(status) && !WEXITSTATUS(status))
		return 0;
	if (WIFSIGNALED(status))
		return iso_errorf(-ECANCELED,
				  "%.64s: lxc.hook.%.16s \"%.128s\": killed by signal %d",
				  ctx->name, type_name, cmd, WTERMSIG(status));
	return iso_errorf(-ECANCELED,
			  "%.64s: lxc.hook.%.16s \"%.128s\": exited with %d",
			  ctx->name, type_name, cmd, WEXITSTATUS(status));
}

int iso_hooks_run(const struct iso_hook_ctx *ctx, enum iso_hook_type type)
{
	int i, ret;

	for (i = 0; i < ctx->cfg->n_hooks; i++) {
		if (ctx->cfg->hooks[i].type != type)
			continue;
		ret = run_one(ctx, type, ctx->cfg->hooks[i].cmd);
		if (ret)
			return ret;
	}
	return 0;
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
