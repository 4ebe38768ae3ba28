/* SPDX-License-Identifier: GPL-2.0 */
#ifndef ISO_RUNTIME_H
#define ISO_RUNTIME_H

#include <stdbool.h>
#include <sys/types.h>

#include "runtime/cgroup.h"
#include "runtime/hooks.h"
#include "runtime/lsm.h"
#include "runtime/seccomp_notify.h"
#include "runtime/namespaces.h"
#include "runtime/ttys.h"
#include "kernel/kmod_track.h"
#include "net/net.h"

struct iso_config;

struct iso_run {
	const struct iso_config *cfg;
	const char *name;
	const char *config_file;	/* for hooks: LXC_CONFIG_FILE */
	const char *store;	/* its store: lxc.namespace.share.NS = NAME */
	const char *dir;	/* its directory there: DIR/cgroup */
	char *const *argv;		/* what runs as the container's pid 1 */
	/*
	 * Give init a pty of the container's own devpts as /dev/console and
	 * its stdio, in a session of its own; else it keeps our stdio, in a
	 * session of its own with no terminal.
	 */
	bool console;
	/*
	 * exec: the stdio fds (bit N for fd N) that are the caller's
	 * terminals; the pty takes their place, and is the command's
	 * controlling terminal.  0 for start's init, which gets it on all
	 * three and not as its controlling terminal, as the kernel's init.
	 */
	unsigned int console_stdio;
	/*
	 * start: the caller waits on the container as its monitor, and
	 * keeps @track open for what iso.ko asks of it (iso_run_requests()).
	 */
	bool monitor;
	/* iso_run_requests() asked for a freeze: for the monitor to say */
	bool freeze_asked;
	/* the monitor was asked to stop it: its end is no reboot */
	bool halting;
	/* set by iso_run_wait(): it ended in a reboot, to be started again */
	bool rebooting;
	/* lxc.monitor.unshare: the monitor is in a mount namespace of its own */
	bool mnt_unshared;
	/* set by iso_run_spawn() */
	pid_t pid;
	int console_master, console_slave;	/* the pty's two ends, or -1 */
	/* with @monitor, lxc.tty.max's: tty1's first; -1 past them */
	int tty_master[ISO_TTY_MAX], tty_slave[ISO_TTY_MAX];
	struct iso_cgroup cg;
	struct iso_cgroup_monitor monitor_cg;	/* lxc.cgroup.dir.monitor */
	struct iso_net_host net;
	struct iso_track track;
	struct iso_hook_ns ns;		/* for lxc.hook.stop */
	pid_t hook_pid;			/* LXC_PID: init's, kept once reaped */
	unsigned long ns_flags;		/* its own, iso_ns_flags()'s */
	struct iso_ns_share share;	/* until it is cloned */
	struct iso_seccomp_profile *seccomp;	/* until the child has it */
	struct iso_lsm lsm;		/* lxc.apparmor.*: its label, what to unload */
	struct iso_net_gateways gateways;	/* lxc.net.N.ipv4.gateway = auto's */
	struct iso_seccomp_notify notify;	/* start: its notify rules' calls */
};

/*
 * Start @run->argv as pid 1 of a new container: 0 once it has exec'ed, or
 * a negative errno after printing why, with nothing left behind: no
 * cgroup, veth or mount on the host.  The config's hooks run on the
 * way, and its stop and post-stop hooks after a failure past pre-start.
 */
int iso_run_spawn(struct iso_run *run);

/*
 * A monitor's: carry out what iso.ko asked of it since the last call, as
 * freezing the container when its CPU budget is spent.  Poll
 * iso_track_fd(&run->track) for when to call it.
 */
int iso_run_requests(struct iso_run *run);

/*
 * Reap it into @status, run its stop hooks, take its cgroups and veths
 * down and run its post-stop hooks.
 */
int iso_run_wait(struct iso_run *run, int *status);

/*
 * Both: run it to the end.  With @run->console, the caller's terminal is
 * relayed to the container's pty meanwhile: never handed to it.
 */
int iso_run(struct iso_run *run, int *status);

#endif /* ISO_RUNTIME_H */
