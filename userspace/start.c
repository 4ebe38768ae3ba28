// SPDX-License-Identifier: GPL-2.0
/*
 * isoctl start -n NAME [-d | -F] [-P PATH]: boot a container's init, as
 * lxc-start does.
 *
 * A monitor process owns the container: it holds DIR/lock, which makes a
 * racing start fail, serves the console and, once init exits, takes the
 * cgroups and veths down.  With -d (the default) it goes to the
 * background once init runs; with -F it stays, and this terminal is the
 * console.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/pidfd.h>
#include <sys/signalfd.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include "isoctl.h"
#include "config/config.h"
#include "runtime/console.h"
#include "error.h"
#include "kernel/genl.h"
#include "runtime/runtime.h"
#include "runtime/security.h"
#include "runtime/state.h"
#include "runtime/state_events.h"
#include "runtime/stop_signals.h"
#include "runtime/store.h"
#include "runtime/lxc_peer.h"

#define INIT_ARGS_MAX 32

struct monitor {
	const struct iso_config *cfg;
	const char *name;
	char dir[PATH_MAX];
	char base[PATH_MAX];	/* the store's realpath, for state changes */
	char config[PATH_MAX];	/* for hooks */
	bool foreground;
	bool stopping;		/* STOPPING was published */
	bool halting;		/* it was asked to stop: no reboot */
	pid_t init;
	int report;		/* tells start how it went; -1 with -F */
	int log;		/* lxc.log.file, once in the background; or -1 */
	char init_cmd[ISO_CFG_VALUE_MAX];
	char *init_argv[INIT_ARGS_MAX + 1];
};

/* lxc.init.cmd, split at blanks, or /sbin/init. */
static int split_init(struct monitor *m)
{
	const char *cmd = m->cfg->init_cmd[0] ? m->cfg->init_cmd : "/sbin/init";
	int n;

	snprintf(m->init_cmd, sizeof(m->init_cmd), "%.511s", cmd);
	n = iso_split_cmd(m->init_cmd, m->init_argv, INIT_ARGS_MAX);
	if (n == -E2BIG)
		return iso_failf(-E2BIG, "lxc.init.cmd", "more than %d words",
				 INIT_ARGS_MAX);
	return n < 0 ? iso_fail(-EINVAL, "lxc.init.cmd", "is empty") : 0;
}

static void publish(struct monitor *m, const char *state, pid_t pid)
{
	if (!strcmp(state, "STOPPING")) {
		if (m->stopping)
			return;
		m->stopping = true;
	}
	iso_state_publish(m->base, m->name, state, pid);
}

static void report(struct monitor *m, int err)
{
	if (m->report < 0)
		return;
	if (write(m->report, &err, sizeof(err)) != sizeof(err))
		err = -EIO;
	close(m->report);
	m->report = -1;
}

/*
 * A daemon's stdio is /dev/null from here on, init has the console; but
 * what it says, and its hooks, go to lxc.log.file where there is one,
 * each of its lines with the time, as LXC's log has them.
 */
static void detach_stdio(const struct monitor *m)
{
	int fd = open("/dev/null", O_RDWR | O_CLOEXEC);
	bool logged = m->log >= 0 && m->cfg->log_level <= ISO_LOG_ERROR;

	if (fd < 0)
		return;
	dup2(fd, STDIN_FILENO);
	dup2(fd, STDOUT_FILENO);
	dup2(logged ? m->log : fd, STDERR_FILENO);
	close(fd);
	if (logged)
		iso_error_stamp();
}

/*
 * SIGINT, SIGTERM and SIGHUP to the monitor halt the container as stop
 * does, the second one kills it: the monitor must outlive init to clean
 * up after it.  SIGPIPE from a client gone is ignored.  An init cloned
 * after a reboot sets the default dispositions back itself.
 */
static int stop_signals(void)
{
	signal(SIGPIPE, SIG_IGN);
	return iso_stop_signalfd();
}

static void halt_init(struct monitor *m, int pidfd, int sigfd, int *asked)
{
	struct signalfd_siginfo si;

	if (read(sigfd, &si, sizeof(si)) != sizeof(si))
		return;
	publish(m, "STOPPING", m->init);
	m->halting = true;
	pidfd_send_signal(pidfd, (*asked)++ ? SIGKILL : m->cfg->halt_signal,
			  NULL, 0);
}

static int serve(struct monitor *m, struct iso_console *con,
		 struct iso_run *run)
{
	struct termios saved;
	bool tty = false;
	int pidfd, sigfd, ret, asked = 0;

	pidfd = pidfd_open(run->pid, 0);
	if (pidfd < 0)
		return iso_fail(-errno, "watching", "init");
	sigfd = stop_signals();
	/*
	 * lxc.console.path's terminal, if any, is the console's for good;
	 * with none, this terminal is no console's
	 */
	if (m->foreground && con->device < 0 && con->master >= 0) {
		con->in = STDIN_FILENO;
		con->out = STDOUT_FILENO;
		tty = iso_tty_raw(&saved);
	}
	while ((ret = iso_console_serve(con, pidfd, sigfd,
					iso_track_fd(&run->track),
					run->notify.listener)) > 0) {
		if (ret == 1)
			halt_init(m, pidfd, sigfd, &asked);
		else if (ret == 3)
			iso_seccomp_notify_serve(run->cfg, &run->notify, run->pid);
		else
			iso_run_requests(run);	/* a bad message is skipped */
		/* not FROZEN: the tasks stop as they can, nobody waits */
		if (run->freeze_asked) {
			run->freeze_asked = false;
			publish(m, "FREEZING", m->init);
		}
	}
	if (tty)
		iso_tty_restore(&saved);
	if (sigfd >= 0)
		close(sigfd);
	close(pidfd);
	return ret;
}

/* The ptys of @run's start into @con, which serves them. */
static void take_ptys(struct iso_console *con, const struct iso_run *run)
{
	int i;

	con->master = run->console_master;
	con->slave = run->console_slave;
	/* lxc.tty.max's, which a failed start has closed */
	for (i = 0; i < ISO_TTY_MAX && run->tty_master[i] >= 0; i++) {
		con->tty[i].master = run->tty_master[i];
		con->tty[i].slave = run->tty_slave[i];
		con->n_ttys = i + 1;
	}
}

/* One run of init, to its end: 0 once it ran, with its @status. */
static int run_once(struct monitor *m, struct iso_console *con,
		    struct iso_run *run, int *status)
{
	int ret = iso_run_spawn(run);

	take_ptys(con, run);
	if (!ret) {
		ret = iso_state_save(m->dir, run->pid);
		if (ret)
			iso_fail(ret, "saving the state of", m->name);
	}
	m->init = run->pid;
	if (ret && run->pid) {
		kill(run->pid, SIGKILL);
		iso_run_wait(run, status);
		iso_track_close(&run->track);
	}
	/* RUNNING before start returns, so that a monitor has it by then */
	if (!ret)
		publish(m, "RUNNING", m->init);
	report(m, ret);
	if (ret)
		return ret;
	if (!m->foreground)
		detach_stdio(m);
	serve(m, con, run);
	run->halting = m->halting;
	publish(m, "STOPPING", m->init);
	iso_track_close(&run->track);
	ret = iso_run_wait(run, status);
	iso_state_clear(m->dir);
	return ret;
}

static int monitor(struct monitor *m)
{
	struct iso_console con;
	struct iso_run *run;
	int ret, status;

	publish(m, "STARTING", 0);
	run = calloc(1, sizeof(*run));
	ret = run ? split_init(m) : iso_fail(-ENOMEM, "starting", m->name);
	if (!ret)
		ret = iso_console_open(&con, m->dir, m->cfg);
	if (ret)
		goto out;
	run->cfg = m->cfg;
	run->name = m->name;
	run->config_file = m->config;
	run->store = m->base;
	run->dir = m->dir;
	run->argv = m->init_argv;
	/* lxc.console.path = none: init's stdio is /dev/null */
	run->console = strcmp(m->cfg->console_path, "none");
	run->monitor = true;
	/* the same config, as LXC's reboot: its clients stay on the console */
	/* iso_run_wait() tells a reboot from a stop, as LXC's lxc_start() */
	while (!(ret = run_once(m, &con, run, &status)) && run->rebooting) {
		iso_console_drop_ptys(&con);
		publish(m, "STOPPED", 0);
		m->stopping = false;
		publish(m, "STARTING", 0);
	}
	iso_console_close(&con, m->dir);
out:
	if (run)
		free(run->monitor_cg.home);
	free(run);
	if (ret && !m->stopping)
		publish(m, "ABORTING", m->init);
	report(m, ret);
	publish(m, "STOPPED", 0);
	/* lxc.ephemeral: gone once it ends, a failed start too, as in LXC */
	if (m->cfg->ephemeral)
		iso_remove_container(m->dir);
	return ret;
}

/* Fork the monitor and wait only until it says whether init runs. */
static int daemonize(struct monitor *m)
{
	int pipefd[2], err;
	ssize_t n;
	pid_t pid;

	if (pipe2(pipefd, O_CLOEXEC))
		return iso_fail(-errno, "starting", m->name);
	fflush(NULL);
	pid = fork();
	if (pid < 0)
		return iso_fail(-errno, "forking the monitor of", m->name);
	if (!pid) {
		close(pipefd[0]);
		m->report = pipefd[1];
		setsid();
		if (chdir("/"))
			_exit(1);
		_exit(monitor(m) ? 1 : 0);
	}
	close(pipefd[1]);
	n = read(pipefd[0], &err, sizeof(err));
	close(pipefd[0]);
	if (n != sizeof(err)) {
		waitpid(pid, NULL, 0);
		return -EIO;	/* the monitor said why on stderr */
	}
	return err;
}

int cmd_start(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "name", required_argument, NULL, 'n' },
		{ "daemon", no_argument, NULL, 'd' },
		{ "foreground", no_argument, NULL, 'F' },
		{ "lxcpath", required_argument, NULL, 'P' },
		{ 0 }
	};
	struct monitor m = { .report = -1, .log = -1 };
	struct iso_target t = { 0 };
	struct iso_store store;
	struct iso_config *cfg;
	int opt, lock, ret;

	while ((opt = getopt_long(argc, argv, "n:dFP:", opts, NULL)) != -1) {
		if (iso_target_option(&t, opt, optarg))
			continue;
		if (opt != 'd' && opt != 'F')
			goto usage;
		m.foreground = opt == 'F';
	}
	ret = iso_target_resolve(&t, argc, argv);
	if (ret > 0)
		goto usage;
	if (!ret)
		ret = iso_lxc_refuse("start", t.dir, t.name);
	if (!ret)
		ret = iso_load_container(t.base, t.name, &cfg);
	if (ret)
		return ret;
	m.cfg = cfg;
	m.name = t.name;
	/* the monitor runs in / */
	iso_store_init(&store, t.base);
	if (!realpath(t.dir, m.dir) || !realpath(store.base, m.base)) {
		free(cfg);
		return iso_fail(-errno, "start: finding", t.dir);
	}
	snprintf(m.config, sizeof(m.config), "%.4000s/config", m.dir);
	lock = iso_state_lock(m.dir);
	if (lock == -EBUSY)
		ret = iso_failf(-EBUSY, "start", "%s: already running", m.name);
	else if (lock < 0)
		ret = iso_fail(lock, "start: locking", m.dir);
	/* here, where a relative path is the caller's, as LXC opens it */
	else if (!m.foreground && cfg->log_file[0]) {
		m.log = open(cfg->log_file, O_WRONLY | O_APPEND | O_CREAT |
			     O_NOCTTY | O_CLOEXEC, 0600);
		if (m.log < 0)
			ret = iso_fail(-errno, "opening lxc.log.file",
				       cfg->log_file);
	}
	/* lxc.log.syslog: what isoctl says of it, from here on */
	if (!ret && cfg->log_syslog && cfg->log_level <= ISO_LOG_ERROR)
		iso_error_syslog(cfg->log_syslog, m.name);
	if (!ret && lock >= 0) {
		iso_security_warn(cfg, m.name);
		ret = m.foreground ? monitor(&m) : daemonize(&m);
	}
	if (m.log >= 0)
		close(m.log);
	if (lock >= 0)
		close(lock);
	free(cfg);
	return ret;
usage:
	fprintf(stderr, "Usage: isoctl start -n NAME [-d | -F] [-P PATH]\n");
	return -EINVAL;
}
