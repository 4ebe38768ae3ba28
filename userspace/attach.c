// SPDX-License-Identifier: GPL-2.0
/*
 * isoctl attach -n NAME [-P PATH] [-- CMD [ARG]...]: run CMD (a shell by
 * default) inside a running container, as lxc-attach: in its cgroups,
 * all its namespaces and its root, with its capabilities and seccomp.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <sched.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <grp.h>
#include <unistd.h>

#include "isoctl.h"
#include "runtime/cgroup.h"
#include "runtime/console.h"
#include "config/config.h"
#include "error.h"
#include "runtime/exec_inside.h"
#include "runtime/init_process.h"
#include "runtime/seccomp_profile.h"
#include "runtime/security.h"
#include "runtime/state.h"
#include "runtime/store.h"
#include "runtime/lsm.h"
#include "runtime/lxc_peer.h"
#include "runtime/sched_core.h"

#define MAX_CGROUP_FDS (1 + CGROUP_V1_MAX)

static void close_cgroups(int *fds, int *n)
{
	while (*n > 0)
		close(fds[--*n]);
}

/*
 * The cgroup.procs files of the container's cgroups (on v2 init's own, a
 * leaf even where the container made children), opened here for the
 * child to join them.  attach's own process stays in the caller's
 * cgroups, out of reach of a freeze or a limit that the container sets
 * on its own.  The kernel checks a write against the opener's
 * credentials and cgroup namespace, so the child may join from inside.
 */
static int open_cgroups(const struct iso_cgroup *cg, pid_t init, int *fds,
			int *n)
{
	char leaf[PATH_MAX], path[PATH_MAX];
	int i, ret = 0;

	*n = 0;
	iso_cgroup_v2_leaf(cg, init, leaf);
	for (i = cg->v2[0] ? -1 : 0; !ret && i < cg->n_v1; i++) {
		if (i >= 0)
			ret = iso_cgroup_task_dir(cg, cg->v1[i], leaf);
		if (!ret)
			ret = iso_path_join(path, leaf, "cgroup.procs");
		if (ret)
			break;
		fds[*n] = open(path, O_WRONLY | O_CLOEXEC);
		if (fds[*n] < 0)
			ret = -errno;
		else
			(*n)++;
	}
	if (!ret)
		return 0;
	close_cgroups(fds, n);
	return iso_fail(ret, "attach: opening", "the container's cgroups");
}

/* In the child: "0" moves the writer. */
static int join_cgroups(const int *fds, int n)
{
	int i;

	for (i = 0; i < n; i++)
		if (write(fds[i], "0", 1) < 0)
			return iso_fail(-errno, "attach: joining", "the container's cgroups");
	return 0;
}

/*
 * init's bounding set, which may lack what the config keeps (where its
 * root is a chroot, CAP_SYS_CHROOT): attach takes no more than init has.
 */
static int init_bounding(pid_t pid, uint64_t *bnd)
{
	char path[64], line[256];
	bool found = false;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/status", (int)pid);
	f = fopen(path, "re");
	if (!f)
		return iso_failf(-errno, "attach: reading", "%s", path);
	while (!found && fgets(line, sizeof(line), f))
		found = sscanf(line, "CapBnd: %" SCNx64, bnd) == 1;
	fclose(f);
	return found ? 0 : iso_failf(-EINVAL, "attach: reading", "CapBnd in %s", path);
}

/* Whether init's namespace of @type ("user") is ours. */
static bool same_ns(pid_t pid, const char *type)
{
	char path[64], self[64];
	struct stat a, b;

	snprintf(path, sizeof(path), "/proc/%d/ns/%.16s", (int)pid, type);
	snprintf(self, sizeof(self), "/proc/self/ns/%.16s", type);
	return !stat(path, &a) && !stat(self, &b) &&
	       a.st_ino == b.st_ino && a.st_dev == b.st_dev;
}

/*
 * All of init's namespaces at once, through its pidfd, then its root,
 * which is init's only if init still lives once it is open.
 */
static int enter(int pidfd, pid_t pid)
{
	int flags = CLONE_NEWNS | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWNET |
		    CLONE_NEWPID | CLONE_NEWCGROUP;
	char path[64];
	int root, ret = 0;

	if (!same_ns(pid, "user"))
		flags |= CLONE_NEWUSER;
	/* lxc.time.offset's; a kernel without time namespaces has no file */
	if (!access("/proc/self/ns/time", F_OK) && !same_ns(pid, "time"))
		flags |= CLONE_NEWTIME;
	snprintf(path, sizeof(path), "/proc/%d/root", (int)pid);
	root = open(path, O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (root >= 0 && !iso_state_pidfd_alive(pidfd)) {
		close(root);
		return iso_failf(-ESRCH, "attach: entering", "pid %d: it has exited",
				 (int)pid);
	}
	if (root < 0 || setns(pidfd, flags))
		ret = iso_failf(-errno, "attach: entering", "the namespaces of pid %d",
				(int)pid);
	else if (fchdir(root) || chroot(".") || chdir("/"))
		ret = iso_fail(-errno, "attach: entering", "the container's root");
	else if ((flags & CLONE_NEWUSER) &&
		 (setgroups(0, NULL) || setresgid(0, 0, 0) || setresuid(0, 0, 0)))
		ret = iso_fail(-errno, "attach: becoming root in", "the user namespace");
	/* the uid change made it fs.suid_dumpable's: not dumpable, again */
	else if (prctl(PR_SET_DUMPABLE, 0, 0, 0, 0))
		ret = iso_fail(-errno, "attach: setting", "dumpable off");
	if (root >= 0)
		close(root);
	return ret;
}

/*
 * In the container's cgroups (@cgroups, @n_cgroups), and in a session of
 * its own: with a pty of the container's (@slave) as its terminal, in
 * place of the caller's terminals among its stdio (@stdio), or with none,
 * so that nothing it runs can type into the caller's terminal (TIOCSTI).
 */
static void run_child(char **cmd, const int *cgroups, int n_cgroups,
		      int slave, unsigned int stdio)
{
	int fd;

	if (join_cgroups(cgroups, n_cgroups))
		_exit(126);
	if (setsid() < 0)
		_exit(126);
	if (slave >= 0 && ioctl(slave, TIOCSCTTY, 0))
		_exit(126);
	for (fd = 0; slave >= 0 && fd < 3; fd++)
		if ((stdio & 1u << fd) && dup2(slave, fd) < 0)
			_exit(126);
	iso_exec_inside(cmd, getenv("TERM"), NULL, NULL, NULL, -1, -1);
	_exit(127);
}

/*
 * A pty of the container's devpts, once in its root, in @master and
 * @slave; both -1 if no stdio is a terminal.  0 or a negative errno.
 */
static int open_pty(unsigned int stdio, int *master, int *slave)
{
	int root;

	*master = *slave = -1;
	if (!stdio)
		return 0;
	root = open("/", O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (root < 0)
		return iso_fail(-errno, "attach: opening", "the container's root");
	*master = iso_pty_open(root, slave);
	close(root);
	return *master < 0 ? *master : 0;
}

static int attach(const char *name, const char *dir,
		  const struct iso_config *cfg, char **cmd)
{
	static struct iso_cgroup cg;
	int ret, status, pidfd, master = -1, slave = -1;
	int cgroups[MAX_CGROUP_FDS], n_cgroups = 0;
	unsigned int stdio = iso_tty_stdio();
	struct iso_seccomp_profile *profile = NULL;
	pid_t init, child;
	uint64_t bnd;

	pidfd = iso_state_pidfd(dir, &init);
	if (pidfd == -ESRCH)
		return iso_failf(-ESRCH, "attach", "%s: not running", name);
	if (pidfd < 0)
		return iso_fail(pidfd, "attach: watching", name);
	/*
	 * Nobody in the container may ptrace this process, or open its
	 * /proc files, while it holds the host's root and files.  Its
	 * child, the only one in the pid namespace, is born confined.
	 */
	if (prctl(PR_SET_DUMPABLE, 0, 0, 0, 0))
		ret = iso_fail(-errno, "attach: setting", "dumpable off");
	else
		ret = iso_cgroup_find(&cg, dir, name);
	if (!ret)
		ret = open_cgroups(&cg, init, cgroups, &n_cgroups);
	/* its children inherit it: the command is in init's domain */
	if (!ret && cfg->sched_core)
		ret = iso_sched_core_join(init);
	if (!ret)
		ret = init_bounding(init, &bnd);
	/* the container's seccomp policy too, as lxc-attach's: a host file */
	if (!ret && cfg->seccomp_profile[0])
		ret = iso_seccomp_profile_read(cfg->seccomp_profile,
					       cfg->seccomp_nesting, &profile);
	/* a listener of its own would have nobody to answer its calls */
	if (!ret && iso_seccomp_profile_notifies(profile))
		ret = iso_failf(-EOPNOTSUPP, "attach", "%.64s: its lxc.seccomp.profile has notify rules, which only start's monitor answers",
				name);
	/*
	 * Not the caller's keys: a keyring of its own, joined as the host's
	 * root, whose quota a container cannot use up, and before seccomp
	 * may forbid keyctl; labelled as init's (lxc.selinux.context.keyring).
	 */
	if (!ret)
		ret = iso_lsm_join_keyring(iso_lsm_attach_keyring(cfg));
	/* init's LSM label at the command's exec, through our /proc */
	if (!ret)
		ret = iso_lsm_attach_label(init);
	if (!ret)
		ret = enter(pidfd, init);
	close(pidfd);
	if (!ret)
		ret = open_pty(stdio, &master, &slave);
	if (!ret)
		ret = iso_security_apply(cfg, profile, bnd, -1);
	iso_seccomp_profile_free(profile);
	fflush(NULL);
	child = ret ? -1 : fork();	/* only a child is in the pid namespace */
	if (!child)
		run_child(cmd, cgroups, n_cgroups, slave, stdio);
	if (child < 0 && !ret)
		ret = iso_fail(-errno, "attach: forking", name);
	close_cgroups(cgroups, &n_cgroups);
	if (slave >= 0)
		close(slave);
	if (!ret && master >= 0)
		iso_console_relay(master, child, stdio);
	if (master >= 0)
		close(master);
	if (ret)
		return ret;
	if (waitpid(child, &status, 0) < 0)
		return iso_fail(-errno, "attach: waiting for", cmd[0]);
	return WIFSIGNALED(status) ? 128 + WTERMSIG(status) : WEXITSTATUS(status);
}

int cmd_attach(int argc, char **argv)
{
	static char *shell[] = { "/bin/sh", NULL };
	struct iso_target t = { 0 };
	struct iso_config *cfg;
	char **cmd;
	int ret;

	ret = iso_target_parse_cmd(&t, argc, argv, &cmd);
	if (ret < 0)
		return ret;
	if (ret) {
		fprintf(stderr, "Usage: isoctl attach -n NAME [-P PATH] [-- CMD [ARG]...]\n");
		return -EINVAL;
	}
	ret = iso_lxc_refuse("attach", t.dir, t.name);
	if (!ret)
		ret = iso_load_container(t.base, t.name, &cfg);
	if (ret)
		return ret;
	ret = attach(t.name, t.dir, cfg, cmd ? cmd : shell);
	free(cfg);
	return ret;
}
