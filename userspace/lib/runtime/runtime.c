// SPDX-License-Identifier: GPL-2.0
/*
 * Running a command in a container: new pid, mount, uts, ipc, net and
 * cgroup namespaces (and user, given lxc.idmap), the rootfs as /, and the
 * container's cgroups.
 *
 * The parent creates the cgroups, clones the child into new namespaces,
 * moves it into the cgroups, writes its id maps, gives it its veths and
 * only then lets it go on: so the child's cgroup namespace is rooted at
 * its own cgroup and its network is there when it looks.  The child reports a setup
 * failure as an errno over a close-on-exec socket; end of file means exec
 * succeeded.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/capability.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <unistd.h>

#ifndef CLONE_INTO_CGROUP
#define CLONE_INTO_CGROUP 0x200000000ULL
#endif

#include "runtime/cgroup.h"
#include "runtime/console.h"
#include "config/config.h"
#include "error.h"
#include "runtime/exec_inside.h"
#include "runtime/hooks.h"
#include "runtime/namespaces.h"
#include "runtime/net_scripts.h"
#include "runtime/stop_signals.h"
#include "runtime/fd_pass.h"
#include "runtime/ttys.h"
#include "runtime/init_process.h"
#include "runtime/initramfs_root.h"
#include "runtime/mounts.h"
#include "runtime/rootfs_path.h"
#include "runtime/runtime.h"
#include "runtime/lsm.h"
#include "runtime/sched_core.h"
#include "runtime/seccomp_profile.h"
#include "runtime/security.h"
#include "runtime/store.h"

/*
 * What the child sends but an errno: that it waits, set up, for the
 * start-host hooks, before it runs init.
 */
#define CHILD_AT_START_HOST 1

static void hook_ctx(const struct iso_run *run, struct iso_hook_ctx *ctx)
{
	*ctx = (struct iso_hook_ctx){
		.cfg = run->cfg,
		.name = run->name,
		.config_file = run->config_file,
		.pid = run->hook_pid,
		.ns = &run->ns,
		.null_fd = -1,
		.reboot = run->rebooting,
	};
}

/*
 * The child's messages: an errno (or CHILD_AT_START_HOST), and whether
 * the child said why itself; if not, what it would have said, for the
 * parent to.  It says nothing itself once its stderr is no longer the
 * caller's: let go before the start hook, or the console's.
 */
struct child_msg {
	int err;
	int said;
	char why[256];
};

static bool stderr_let_go;
/* the child's: LXC's container_ttys, for init */
static char tty_names[ISO_TTY_NAMES_MAX];
static char unsaid[sizeof(((struct child_msg *)0)->why)];

/* From now on, what goes wrong is the parent's to say. */
static void let_stderr_go(void)
{
	stderr_let_go = true;
	iso_error_keep(unsaid, sizeof(unsaid));
}

static void child_send(int sk, int err)
{
	struct child_msg m = { .err = err, .said = !stderr_let_go };

	snprintf(m.why, sizeof(m.why), "%.255s", unsaid);
	if (write(sk, &m, sizeof(m)) != sizeof(m))
		_exit(127);
}

static int child_fail(int sk, int err)
{
	child_send(sk, err);
	_exit(127);
}

/* A session of its own, unless it has one already. */
static int own_session(void)
{
	if (getsid(0) != getpid() && setsid() < 0)
		return iso_fail(-errno, "starting", "a session");
	return 0;
}

/*
 * Before the start hook runs the container's own programs, which, with
 * CAP_SYS_PTRACE kept and no user namespace, could reach our fds through
 * ptrace: only @sk, @null_fd, @keep_fd (init's /dev/null to come, or
 * -1), stdio and @errfd are left, as exec would
 * leave them (not the state lock, start's report pipe, the console's
 * log), no terminal of the caller's among them, nor as our controlling
 * terminal.  What fails after it is told by the parent.
 */
static int let_fds_go(int null_fd, int keep_fd, int sk, int *errfd)
{
	struct dirent *e;
	int fd, ret = 0;
	DIR *d;

	d = opendir("/proc/self/fd");
	if (!d)
		return iso_fail(-errno, "listing", "our fds");
	while (!ret && (e = readdir(d))) {
		fd = atoi(e->d_name);
		if (e->d_name[0] == '.' || fd == dirfd(d) || fd == sk ||
		    fd == null_fd || fd == keep_fd)
			continue;
		if (fd == *errfd && isatty(fd)) {
			close(fd);
			*errfd = -1;
		} else if (fd > STDERR_FILENO && fd != *errfd) {
			close(fd);
		} else if (isatty(fd)) {
			if (dup2(null_fd, fd) < 0)
				ret = iso_fail(-errno, "redirecting",
					       "a terminal to /dev/null");
			else if (fd == STDERR_FILENO)
				let_stderr_go();
		}
	}
	closedir(d);
	return ret ? ret : own_session();
}

static int set_hostname(const struct iso_config *cfg, const char *name)
{
	const char *host = cfg->uts_name[0] ? cfg->uts_name : name;

	if (sethostname(host, strlen(host)))
		return iso_fail(-errno, "setting the hostname to", host);
	return 0;
}

/*
 * Make the rootfs / : pivot_root, or where "/" is the initramfs, which
 * pivot_root will not move (EINVAL), move the rootfs over it and chroot,
 * as LXC and switch_root do, with the host's mounts detached first (but
 * those that a @userns locks in).  The initramfs is then still the mount
 * namespace's root, beneath the rootfs: root inside with CAP_SYS_ADMIN
 * could unmount the rootfs and setns(2) into its own mount namespace to
 * get there, which CAP_SYS_CHROOT, gone from a @chrooted container, is
 * also needed for.  No other failure falls back to a chroot.
 */
static int enter_rootfs(const char *rootfs, bool userns, bool *chrooted)
{
	int ret;

	*chrooted = false;
	if (chdir(rootfs))
		return iso_fail(-errno, "entering rootfs", rootfs);
	if (!syscall(SYS_pivot_root, ".", ".")) {
		if (umount2(".", MNT_DETACH))
			return iso_fail(-errno, "detaching", "the old root");
		return chdir("/") ? iso_fail(-errno, "chdir to", "/") : 0;
	}
	ret = -errno;
	if (ret == -EINVAL && iso_root_is_initramfs()) {
		if (mount(rootfs, "/", NULL, MS_MOVE, NULL))
			return iso_fail(-errno, "moving over the initramfs", rootfs);
		ret = iso_detach_outside_root(userns);
		if (ret)
			return ret;
		if (chroot("."))
			return iso_fail(-errno, "chroot into", rootfs);
		*chrooted = true;
	} else {
		return iso_fail(ret, "pivot_root into", rootfs);
	}
	if (chdir("/"))
		return iso_fail(-errno, "chdir to", "/");
	return 0;
}

/*
 * The death signal @sig, set again after a change of ids cleared it; and
 * if the parent died meanwhile (its end of @sk hung up), so does the child.
 */
static void set_pdeath(int sig, int sk)
{
	struct pollfd parent = { .fd = sk, .events = POLLRDHUP };

	if (prctl(PR_SET_PDEATHSIG, sig) ||
	    (poll(&parent, 1, 0) > 0 && parent.revents & (POLLHUP | POLLRDHUP)))
		_exit(127);
}

/*
 * After the parent wrote the maps: become the namespace's root, with no
 * supplementary group of the caller's.
 */
static int become_root(const struct iso_config *cfg, int sk)
{
	if (!cfg->n_idmaps)
		return 0;
	if (setgroups(0, NULL) || setresgid(0, 0, 0) || setresuid(0, 0, 0))
		return iso_fail(-errno, "becoming root in", "the user namespace");
	set_pdeath(SIGKILL, sk);
	return 0;
}

/*
 * start's init without a console: the host's /dev/null, @fd, opened
 * before pivot_root, for its stdio, in a session of its own.  Never the
 * monitor's, which are the caller's until it is in the background.
 */
static int null_stdio(int fd)
{
	int i;

	if (fd < 0)
		return iso_fail(-EBADF, "opening", "/dev/null");
	for (i = 0; i < 3; i++) {
		if (dup2(fd, i) < 0)
			return iso_fail(-errno, "redirecting stdio to", "/dev/null");
		if (i == STDERR_FILENO)
			let_stderr_go();
	}
	return own_session();
}

/*
 * init gets /dev/console as its stdio in a session of its own, but not as
 * its controlling terminal, as the kernel starts init: so that init can
 * give it to the shell or getty it spawns there, with job control.
 * exec's command takes it in place of the caller's terminals (@stdio, a
 * mask of fds 0-2), as its controlling terminal.
 */
static int open_console(unsigned int stdio)
{
	int fd, i, ret;

	ret = own_session();
	if (ret)
		return ret;
	fd = open("/dev/console", O_RDWR | O_NOCTTY);
	if (fd < 0)
		return iso_fail(-errno, "opening", "/dev/console");
	if (stdio && ioctl(fd, TIOCSCTTY, 0))
		ret = iso_fail(-errno, "taking as controlling terminal", "/dev/console");
	for (i = 0; !ret && i < 3; i++) {
		if (stdio && !(stdio & 1u << i))
			continue;
		if (dup2(fd, i) < 0)
			ret = iso_fail(-errno, "redirecting stdio to", "/dev/console");
		else if (i == STDERR_FILENO)
			let_stderr_go();
	}
	if (fd > 2)
		close(fd);
	return ret;
}

/*
 * The child moves itself into its v1 cgroups through "tasks", which
 * spares it the parent's slow cgroup.procs write (see
 * iso_cgroup_attach_v1()), unless it is in a user namespace: there it
 * may not write to the host's cgroup files, and the parent moves it.
 */
static bool child_joins_v1(const struct iso_config *cfg)
{
	return !cfg->n_idmaps;
}

/* Set up, and run its start hook: the start-host hooks may run now. */
static int wait_start_host(int sk)
{
	char go;

	child_send(sk, CHILD_AT_START_HOST);
	if (read(sk, &go, 1) != 1)
		_exit(127);	/* the parent gave up */
	return 0;
}

/* The rootfs's mounts, with the hooks LXC runs after them. */
static int child_mounts(const struct iso_run *run,
			const struct iso_hook_ctx *hooks)
{
	int ret, rootfd;

	/*
	 * allow_nesting's /dev/.lxc mounts: where the generated profile
	 * denies them to the container, or the admin lets it have all
	 */
	rootfd = iso_mount_rootfs(run->cfg, &run->cg,
				  run->cfg->apparmor_allow_nesting &&
				  (run->lsm.loaded || run->cfg->privileged));
	if (rootfd < 0)
		return rootfd;
	ret = iso_hooks_run(hooks, ISO_HOOK_MOUNT);
	if (!ret && run->cfg->autodev)
		ret = iso_hooks_run(hooks, ISO_HOOK_AUTODEV);
	if (ret) {
		close(rootfd);
		return ret;
	}
	return rootfd;
}

/* lxc.keyring.session's keyring, with lxc.selinux.context.keyring's label */
static int join_keyring(const struct iso_run *run)
{
	return run->cfg->keyring_session ?
	       iso_lsm_join_keyring(run->lsm.se_keyring) : 0;
}

static int child_setup(const struct iso_run *run, int sk, int *errfd)
{
	const struct iso_config *cfg = run->cfg;
	struct iso_hook_ctx hooks;
	int ret, rootfd = -1, null_fd = -1;
	bool chrooted;

	hook_ctx(run, &hooks);
	/* the host's, while we are on it: the container's may be anything */
	if (!run->console && run->monitor)
		null_fd = open("/dev/null", O_RDWR | O_NOCTTY | O_CLOEXEC);
	ret = child_joins_v1(cfg) ? iso_cgroup_attach_v1(&run->cg, 0) : 0;
	/*
	 * Before the uid change in a user namespace leaves us undumpable,
	 * our /proc/self files the host root's: the time offsets; and the
	 * keyring, charged to the host's root then, not to the uid root
	 * inside maps to, whose quota the container could use up.
	 */
	if (!ret)
		ret = iso_init_time_ns(cfg);
	if (!ret && cfg->n_idmaps)
		ret = join_keyring(run);
	if (!ret)
		ret = become_root(cfg, sk);
	if (!ret && run->ns_flags & CLONE_NEWCGROUP && unshare(CLONE_NEWCGROUP))
		ret = iso_fail(-errno, "unsharing", "the cgroup namespace");
	/* first in the new namespaces, as LXC runs it */
	if (!ret)
		ret = iso_mount_private();
	if (!ret)
		ret = iso_hooks_run(&hooks, ISO_HOOK_PRE_MOUNT);
	/* the start hook's stdio: the rootfs's /dev/null may be anything */
	if (!ret && iso_hooks_any(cfg, ISO_HOOK_START)) {
		hooks.null_fd = open("/dev/null", O_RDWR | O_NOCTTY | O_CLOEXEC);
		if (hooks.null_fd < 0)
			ret = iso_fail(-errno, "opening", "/dev/null");
	}
	/* not the host's, nor the one of a container it shares (LXC's too) */
	if (!ret && run->ns_flags & CLONE_NEWUTS)
		ret = set_hostname(cfg, run->name);
	/* after pre-mount, which may want the caller's keys, as in LXC */
	if (!ret && !cfg->n_idmaps)
		ret = join_keyring(run);
	/* a network namespace joined is the other's to set up */
	if (!ret && run->ns_flags & CLONE_NEWNET)
		ret = iso_net_setup_inside(cfg, &run->gateways);
	/* through the host's /proc: the container's is not up, or is read-only */
	if (!ret)
		ret = iso_init_sysctls(cfg);
	if (!ret) {
		rootfd = child_mounts(run, &hooks);
		ret = rootfd < 0 ? rootfd : 0;
	}
	/*
	 * never the caller's terminal, which lxc-execute binds there; the
	 * ttys for start's monitor to serve
	 */
	if (!ret)
		ret = iso_ttys_make(rootfd, cfg, run->console, run->monitor, sk,
				    tty_names);
	if (rootfd >= 0)
		close(rootfd);
	/* after the mount hooks, which LXC runs unconfined; through our /proc */
	if (!ret)
		ret = iso_lsm_exec_label(&run->lsm);
	if (!ret)
		ret = enter_rootfs(iso_rootfs_mount(cfg), cfg->n_idmaps, &chrooted);
	if (!ret)
		ret = iso_init_prlimits(cfg);
	if (!ret)
		ret = iso_security_apply(cfg, run->seccomp, chrooted ?
					 ~(1ULL << CAP_SYS_CHROOT) :
					 ISO_CAPS_ALL, sk);
	/*
	 * Confined as init will be, as LXC runs it after seccomp; and we
	 * undumpable meanwhile, as attach is, so that it cannot reach our
	 * fds (the caller's terminal, our socket) through /proc/1/fd.
	 */
	if (!ret && hooks.null_fd >= 0 && prctl(PR_SET_DUMPABLE, 0))
		ret = iso_fail(-errno, "making", "the container's setup undumpable");
	if (!ret && hooks.null_fd >= 0)
		ret = let_fds_go(hooks.null_fd, null_fd, sk, errfd);
	if (!ret)
		ret = iso_hooks_run(&hooks, ISO_HOOK_START);
	if (hooks.null_fd >= 0)
		close(hooks.null_fd);
	if (!ret && iso_hooks_any(cfg, ISO_HOOK_START_HOST))
		ret = wait_start_host(sk);
	/* last: until here a failure is said on the caller's stderr */
	if (!ret && run->console)
		ret = open_console(run->console_stdio);
	/* start without a console (lxc.console.path = none): /dev/null */
	else if (!ret && run->monitor)
		ret = null_stdio(null_fd);
	/* no TIOCSTI into the caller's terminal through /dev/tty */
	else if (!ret)
		ret = own_session();
	if (null_fd >= 0)
		close(null_fd);
	/* after the console: a pty of root's is opened as root */
	if (!ret)
		ret = iso_init_identity(cfg);
	/*
	 * Last, after every change of ids: lxc.monitor.signal.pdeath, as
	 * LXC sets it after its last switch.
	 */
	if (!ret)
		set_pdeath(cfg->pdeath_signal, sk);
	return ret;
}

static void child(const struct iso_run *run, int sk)
{
	int ret, errfd = fcntl(STDERR_FILENO, F_DUPFD_CLOEXEC, 3);
	char go;

	/*
	 * Its lines are the parent's to log, as the parent knows them: its
	 * /dev/log would soon be the container's, and its pid 1.
	 */
	iso_error_syslog_off();
	iso_error_tee(unsaid, sizeof(unsaid));
	/* the monitor's: its peer is trusted to be the monitor */
	if (run->notify.proxy >= 0)
		close(run->notify.proxy);

	/*
	 * The parent (exec, or start's monitor) must outlive the container
	 * to take it down: if it dies, so does the container.  SIGKILL
	 * while we set it up, which as a pid namespace's init would drop
	 * any other signal it does not handle: lxc.monitor.signal.pdeath
	 * is init's, set last (child_setup()).
	 */
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	/*
	 * What a monitor blocked or ignored, to stop its container, is not
	 * init's: a container it starts again after a reboot is cloned from it.
	 */
	iso_signals_default();
	if (read(sk, &go, 1) != 1)
		_exit(127);	/* the parent gave up */
	ret = child_setup(run, sk, &errfd);
	if (ret)
		child_fail(sk, ret);
	ret = iso_exec_inside(run->argv, run->console ? "linux" : NULL,
			      tty_names, &run->cfg->environment,
			      run->cfg->init_cwd, errfd, sk);
	child_fail(sk, ret);
}

/* Pty @n's two ends, from the child: the console's, or ttyN's. */
static void keep_pty(struct iso_run *run, unsigned char n, const int fds[2])
{
	if (!n) {
		run->console_master = fds[0];
		run->console_slave = fds[1];
	} else if (n <= run->cfg->tty_max && n <= ISO_TTY_MAX &&
		   run->tty_master[n - 1] < 0) {
		run->tty_master[n - 1] = fds[0];
		run->tty_slave[n - 1] = fds[1];
	} else {
		close(fds[0]);
		close(fds[1]);
	}
}

/* A message from the child: a pty's two ends, or a child_msg. */
static ssize_t recv_child(int sk, struct child_msg *m, struct iso_run *run)
{
	int fds[2], n_fds;
	ssize_t n = iso_recv_fds(sk, m, sizeof(*m), fds, &n_fds);

	if (n > 0 && n_fds == 2) {
		keep_pty(run, *(unsigned char *)m, fds);
		return -EAGAIN;	/* more to come */
	}
	/* the seccomp listener, where start asked for one (else not kept) */
	if (n > 0 && n_fds == 1) {
		if (*(unsigned char *)m == ISO_FD_TAG_LISTENER && run->notify.req &&
		    run->notify.listener < 0)
			run->notify.listener = fds[0];
		else
			close(fds[0]);
		return -EAGAIN;
	}
	return n < 0 ? -EIO : n;
}

/*
 * What the child could not say, or (@said) said itself, to log here: its
 * line, in ASCII, any other byte (one a ptrace of the child could have
 * put there for a terminal to act on) shown as '?'.
 */
static void say_for_child(struct child_msg *m, const char *name, bool said)
{
	char *c;

	m->why[sizeof(m->why) - 1] = '\0';
	for (c = m->why; *c; c++)
		if ((unsigned char)*c < 0x20 || (unsigned char)*c >= 0x7f)
			*c = '?';
	if (said) {
		iso_error_syslog_line(m->why);
	} else if (m->why[0]) {
		fflush(stdout);
		fprintf(stderr, "%.255s\n", m->why);
		iso_error_syslog_line(m->why);
	} else {
		iso_fail(m->err, "setting up the container", name);
	}
}

/* Whether the listener, once the child sent it, has a call before @sk speaks. */
static bool listener_first(int sk, const struct iso_run *run)
{
	struct pollfd p[2] = {
		{ .fd = sk, .events = POLLIN },
		{ .fd = run->notify.listener, .events = POLLIN },
	};

	if (run->notify.listener < 0)
		return false;
	while (poll(p, 2, -1) < 0)
		if (errno != EINTR)
			return false;
	return !p[0].revents && p[1].revents & POLLIN;
}

/*
 * Let the child go and learn whether it reached exec, running the
 * start-host hooks on the way when it is set up and waits for them.
 */
static int release_child(int sk, struct iso_run *run)
{
	struct iso_hook_ctx hooks;
	struct child_msg m;
	ssize_t n;
	int err;

	if (write(sk, "g", 1) != 1)
		return -errno;
	for (;;) {
		/* the rest of its setup may make a call a notify rule stops */
		if (listener_first(sk, run)) {
			iso_seccomp_notify_serve(run->cfg, &run->notify, run->pid);
			continue;
		}
		n = recv_child(sk, &m, run);
		if (n == -EAGAIN)
			continue;
		if (n != sizeof(m) || m.err != CHILD_AT_START_HOST)
			break;
		hook_ctx(run, &hooks);
		err = iso_hooks_run(&hooks, ISO_HOOK_START_HOST);
		if (err)
			return err;
		if (write(sk, "g", 1) != 1)
			return -errno;
	}
	if (n == 0)
		return 0;
	if (n != sizeof(m))
		return -EIO;
	/* said by the child already, or to be said here: logged here */
	if (!m.said || m.why[0])
		say_for_child(&m, run->name, m.said);
	return m.err;
}

static void close_console(struct iso_run *run)
{
	int i;

	if (run->console_master >= 0)
		close(run->console_master);
	if (run->console_slave >= 0)
		close(run->console_slave);
	run->console_master = run->console_slave = -1;
	for (i = 0; i < ISO_TTY_MAX; i++) {
		if (run->tty_master[i] >= 0)
			close(run->tty_master[i]);
		if (run->tty_slave[i] >= 0)
			close(run->tty_slave[i]);
		run->tty_master[i] = run->tty_slave[i] = -1;
	}
}

/* struct clone_args of clone3(2), version 2 (with .cgroup). */
struct iso_clone_args {
	uint64_t flags, pidfd, child_tid, parent_tid, exit_signal;
	uint64_t stack, stack_size, tls, set_tid, set_tid_size, cgroup;
};

/*
 * Born in its v2 cgroup where the kernel can (5.7+): moving a task into a
 * cgroup later takes cgroup_threadgroup_rwsem for writing, which waits for
 * an RCU grace period and was most of exec's time.  Sets *@born_in.
 */
static pid_t clone_child(unsigned long flags, int cgroup_fd, bool *born_in)
{
	struct iso_clone_args args = {
		.flags = flags | CLONE_INTO_CGROUP,
		.exit_signal = SIGCHLD,
		.cgroup = cgroup_fd,
	};
	pid_t pid;

	*born_in = false;
	if (cgroup_fd >= 0) {
		pid = syscall(SYS_clone3, &args, sizeof(args));
		if (pid >= 0) {
			*born_in = true;
			return pid;
		}
		if (errno != ENOSYS && errno != E2BIG && errno != EINVAL)
			return pid;
	}
	return syscall(SYS_clone, flags | SIGCHLD, 0, 0, 0, 0);
}

/* lxc.idmap, written by the parent, which is root on the host. */
static int write_idmaps(const struct iso_config *cfg, pid_t pid)
{
	static const char *const files[] = { "uid_map", "gid_map" };
	char path[64], text[512];
	size_t used;
	int i, f, fd, ret = 0;

	for (f = 0; !ret && f < 2; f++) {
		used = 0;
		for (i = 0; i < cfg->n_idmaps; i++)
			if (cfg->idmaps[i].type == "ug"[f])
				used += snprintf(text + used, sizeof(text) - used,
						 "%lu %lu %lu\n", cfg->idmaps[i].ns_id,
						 cfg->idmaps[i].host_id,
						 cfg->idmaps[i].range);
		snprintf(path, sizeof(path), "/proc/%d/%s", (int)pid, files[f]);
		fd = open(path, O_WRONLY | O_CLOEXEC);
		if (fd < 0 || write(fd, text, used) != (ssize_t)used)
			ret = iso_failf(-errno, "lxc.idmap", "writing %s", path);
		if (fd >= 0)
			close(fd);
	}
	return ret;
}

/* Everything the parent does to the child before it may go on. */
static int prepare_child(struct iso_run *run, bool born_in)
{
	struct iso_hook_ctx hooks;
	int ret = born_in ? 0 : iso_cgroup_attach_v2(&run->cg, run->pid);

	if (!ret && !child_joins_v1(run->cfg))
		ret = iso_cgroup_attach_v1(&run->cg, run->pid);
	if (!ret)
		ret = iso_sched_core_create(run->cfg, run->ns_flags & CLONE_NEWPID,
					    run->pid);
	if (!ret && run->cfg->n_idmaps)
		ret = write_idmaps(run->cfg, run->pid);
	/* as LXC's parent writes them: as the host's root */
	if (!ret)
		ret = iso_init_proc(run->cfg, run->pid);
	if (!ret && run->ns_flags & CLONE_NEWNET)
		ret = iso_net_create(run->cfg, &run->gateways, run->pid, &run->net);
	if (!ret) {
		hook_ctx(run, &hooks);
		ret = iso_net_scripts_run(&hooks, &run->net, true);
	}
	if (!ret)
		ret = iso_net_lend(run->cfg, run->pid, &run->net);
	return ret;
}

static void teardown(struct iso_run *run, int *ret)
{
	iso_seccomp_notify_close(&run->notify);
	iso_net_destroy(run->cfg, &run->net);
	/* out of its own first: DIR/cgroup goes with the container's */
	iso_cgroup_monitor_leave(&run->monitor_cg, run->cfg);
	/* a task left behind would run unconfined once its profile went */
	if (iso_cgroup_destroy(&run->cg)) {
		if (!*ret)
			*ret = -EBUSY;
		if (run->lsm.loaded)
			iso_fail(-EBUSY, "keeping the generated AppArmor profile loaded:",
				 "tasks of the container are left");
		return;
	}
	iso_lsm_release(&run->lsm);
}

/*
 * After init, or a start that failed past pre-start: the stop hooks with
 * its namespaces, which are then let go, the teardown, and the post-stop
 * hooks, as LXC's lxc_end().  A hook that fails is said, and the rest
 * still runs.
 */
static void end(struct iso_run *run, int *ret)
{
	struct iso_hook_ctx hooks;

	/*
	 * LXC deletes the network before lxc_end(): phys links given back,
	 * then the down scripts, then the veths.
	 */
	hook_ctx(run, &hooks);
	if (run->net.n_phys)
		iso_net_give_back(run->cfg, &run->net);
	iso_net_scripts_run(&hooks, &run->net, false);
	memset(run->net.made, 0, sizeof(run->net.made));
	iso_net_destroy(run->cfg, &run->net);
	iso_hooks_run(&hooks, ISO_HOOK_STOP);
	iso_hook_ns_close(&run->ns);
	teardown(run, ret);
	/* LXC lets a reboot go when a post-stop hook fails */
	if (iso_hooks_run(&hooks, ISO_HOOK_POST_STOP))
		run->rebooting = false;
}

static pid_t clone_into(struct iso_run *run, bool *born_in)
{
	char dir[PATH_MAX];
	int cgfd = -1;
	pid_t pid;

	if (run->cg.v2[0] && !iso_cgroup_task_dir(&run->cg, run->cg.v2, dir))
		cgfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	fflush(NULL);
	/* the child unshares cgroup itself */
	pid = clone_child(run->ns_flags & ~CLONE_NEWCGROUP, cgfd, born_in);
	if (cgfd >= 0)
		close(cgfd);
	return pid;
}

/*
 * lxc.monitor.unshare: a mount namespace of the monitor's own, once, before
 * the pre-start hooks, as LXC's __lxc_start() makes it: what they mount
 * stays out of the host's, and the container's is made from it.
 */
static int monitor_unshare(struct iso_run *run)
{
	if (!run->cfg->monitor_unshare || run->mnt_unshared)
		return 0;
	/* a pure v1 host's private cgroup2, on the host where all see it */
	if (iso_cgroup_layout(&run->cg))
		return -ENOENT;
	if (unshare(CLONE_NEWNS))
		return iso_fail(-errno, "lxc.monitor.unshare: unsharing",
				"the mount namespace");
	if (mount(NULL, "/", NULL, MS_SLAVE | MS_REC, NULL))
		return iso_fail(-errno, "lxc.monitor.unshare: making",
				"/ a slave");
	run->mnt_unshared = true;
	return 0;
}

int iso_run_spawn(struct iso_run *run)
{
	struct iso_hook_ctx hooks;
	struct stat st;
	bool born_in;
	int sk[2], ret, i;
	pid_t pid;

	memset(&run->net, 0, sizeof(run->net));
	run->cg.v2[0] = '\0';
	run->cg.n_v1 = 0;
	run->cg.record[0] = '\0';
	run->monitor_cg.cg.v2[0] = '\0';
	run->monitor_cg.cg.n_v1 = 0;
	run->monitor_cg.made = false;
	run->monitor_cg.inside = false;
	run->ns.n = 0;
	run->hook_pid = 0;
	run->seccomp = NULL;
	memset(&run->lsm, 0, sizeof(run->lsm));
	iso_seccomp_notify_init(&run->notify);
	run->console_master = run->console_slave = -1;
	run->share.n = 0;
	run->rebooting = false;
	for (i = 0; i < ISO_TTY_MAX; i++)
		run->tty_master[i] = run->tty_slave[i] = -1;
	/*
	 * Before anything is made, the rootfs looked at included: it may
	 * make it.  After it, as after any failure, the stop and post-stop
	 * hooks run, as LXC's lxc_end() runs them.
	 */
	hook_ctx(run, &hooks);
	ret = monitor_unshare(run);
	/* before any hook: a profile it cannot apply is no start */
	if (!ret)
		ret = iso_lsm_prepare(run->cfg, run->name, run->store, run->dir,
				      &run->lsm);
	if (!ret)
		ret = iso_hooks_run(&hooks, ISO_HOOK_PRE_START);
	if (!ret && stat(run->cfg->rootfs, &st))
		ret = iso_fail(-errno, "finding rootfs", run->cfg->rootfs);
	else if (!ret && !S_ISDIR(st.st_mode))
		ret = iso_fail(-ENOTDIR, "finding rootfs", run->cfg->rootfs);
	if (!ret)
		ret = iso_net_check(run->cfg);
	if (!ret)
		ret = iso_ns_flags(run->cfg, &run->ns_flags);
	/* the host's links, while we are on the host, for a network made */
	memset(&run->gateways, 0, sizeof(run->gateways));
	if (!ret && run->ns_flags & CLONE_NEWNET)
		ret = iso_net_gateways_find(run->cfg, &run->gateways);
	if (!ret)
		ret = iso_ns_share_open(run->cfg, run->store, &run->share);
	/* a host path: read while we are on the host, as LXC reads it */
	if (!ret && run->cfg->seccomp_profile[0])
		ret = iso_seccomp_profile_read(run->cfg->seccomp_profile,
					       run->cfg->seccomp_nesting,
					       &run->seccomp);
	/* its notify rules' calls: start's monitor answers them, no other */
	if (!ret && iso_seccomp_profile_notifies(run->seccomp))
		ret = run->monitor ? iso_seccomp_notify_connect(run->cfg, &run->notify) :
		      iso_fail(-EOPNOTSUPP, "lxc.seccomp.profile:",
			       "its notify rules need start's monitor to answer them");
	if (!ret)
		ret = iso_cgroup_create(&run->cg, &run->monitor_cg, run->cfg,
					run->name, run->dir);
	if (ret)
		goto out_cgroup;
	ret = iso_cgroup_apply(&run->cg, run->cfg);
	/* after the limits: v1 devices takes no "a" with children */
	if (!ret)
		ret = iso_cgroup_make_inner(&run->cg);
	if (!ret)
		ret = iso_cgroup_delegate(&run->cg, run->cfg);
	if (!ret && socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sk))
		ret = iso_fail(-errno, "creating", "a socket pair");
	if (ret)
		goto out_cgroup;
	run->track.monitor = run->monitor;
	iso_track_begin(&run->track, run->name, run->cg.v2);
	ret = iso_track_limits(&run->track, run->cfg);
	if (ret)
		goto out_sk;
	/* born in the namespaces it shares, which said why it could not */
	ret = iso_ns_share_enter(&run->share);
	if (ret)
		goto out_sk;
	pid = clone_into(run, &born_in);
	ret = pid < 0 ? -errno : 0;
	/* the child stays where it was born */
	if (pid)
		iso_ns_share_leave(&run->share);
	if (ret) {
		iso_fail(ret, "cloning", "into new namespaces");
		goto out_sk;
	}
	if (!pid) {
		close(sk[0]);
		child(run, sk[1]);
	}
	run->pid = run->hook_pid = pid;
	close(sk[1]);
	iso_ns_share_close(&run->share);
	iso_seccomp_profile_free(run->seccomp);
	run->seccomp = NULL;
	/* its namespaces, for its stop hooks, as LXC keeps them after clone */
	ret = iso_hooks_any(run->cfg, ISO_HOOK_STOP) ?
	      iso_hook_ns_keep(&run->ns, pid,
			       run->ns_flags & ~CLONE_NEWCGROUP) : 0;
	if (!ret)
		ret = prepare_child(run, born_in);
	if (!ret)
		iso_track_set_init(&run->track, pid);
	/* a monitor's own connection stays open for the container's life */
	iso_track_end(&run->track);
	if (!ret)
		ret = release_child(sk[0], run);
	close(sk[0]);
	/* and its cgroup namespace, which it unshared itself */
	if (!ret && iso_hooks_any(run->cfg, ISO_HOOK_STOP) &&
	    run->ns_flags & CLONE_NEWCGROUP)
		ret = iso_hook_ns_keep(&run->ns, pid, CLONE_NEWCGROUP);
	if (ret) {
		iso_track_close(&run->track);
		kill(pid, SIGKILL);
		waitpid(pid, NULL, 0);
		run->pid = 0;
		close_console(run);
		end(run, &ret);
	}
	return ret;
out_sk:
	iso_track_close(&run->track);
	close(sk[0]);
	close(sk[1]);
out_cgroup:
	iso_ns_share_close(&run->share);
	iso_seccomp_profile_free(run->seccomp);
	run->seccomp = NULL;
	end(run, &ret);
	return ret;
}

int iso_run_wait(struct iso_run *run, int *status)
{
	int ret = 0;

	while (waitpid(run->pid, status, 0) < 0) {
		if (errno != EINTR) {
			ret = iso_fail(-errno, "waiting for", "the container");
			break;
		}
	}
	/*
	 * reboot(2) in its own pid namespace kills init with SIGHUP: start's
	 * monitor starts it again, unless it was asked to stop.  The stop
	 * hooks are told LXC_TARGET=reboot then.
	 */
	run->rebooting = !ret && run->monitor && !run->halting &&
			 run->ns_flags & CLONE_NEWPID &&
			 WIFSIGNALED(*status) && WTERMSIG(*status) == SIGHUP;
	run->pid = 0;
	end(run, &ret);
	return ret;
}

int iso_run(struct iso_run *run, int *status)
{
	int ret = iso_run_spawn(run);

	if (ret)
		return ret;
	if (run->console) {
		/* only the container's side: EIO once it is all gone */
		close(run->console_slave);
		run->console_slave = -1;
		iso_console_relay(run->console_master, run->pid, run->console_stdio);
		close_console(run);
	}
	return iso_run_wait(run, status);
}
