/* SPDX-License-Identifier: GPL-2.0 */
#ifndef ISO_CONSOLE_H
#define ISO_CONSOLE_H

#include <limits.h>
#include <stdbool.h>
#include <sys/types.h>
#include <stdint.h>
#include <termios.h>

#include "config/config.h"
#include "runtime/console_ring.h"
#include "runtime/ttys.h"

#define ISO_CONSOLE_PENDING 4

/* A tty of lxc.tty.max's: its pty's two ends, and its one client. */
struct iso_console_tty {
	int master, slave;
	int client;		/* a socket, or -1 */
};

/*
 * A started container's console: a pty whose slave is its /dev/console.
 * The monitor keeps the master, copies everything init writes to the
 * console log, and lets one client at a time (isoctl console) talk to it
 * over DIR/console.sock; and the same for each of its ttys, whose output
 * nobody reads is dropped (isoctl console -t N).
 */
struct iso_console {
	/*
	 * The pty, made inside the container; the monitor keeps the slave
	 * open too, so that the master never reads EIO while no process in
	 * the container has the console open, as between two shells.
	 */
	int master, slave;
	int listen;		/* DIR/console.sock */
	int in, out;		/* the client: a socket, the -F terminal, @device */
	int log;		/* lxc.console.logfile, or -1 */
	const char *log_path;	/* for its rotation */
	uint64_t log_size;	/* lxc.console.size: 0, no limit */
	bool log_rotate;	/* lxc.console.rotate: to LOG.1, else truncated */
	struct iso_console_ring ring;	/* lxc.console.buffer.size */
	int device;		/* lxc.console.path's terminal, a client for good */
	struct termios device_mode;	/* what it was before raw */
	int n_ttys;
	struct iso_console_tty tty[ISO_TTY_MAX];
	/* clients greeted that have not asked for a terminal yet */
	int n_pending;
	int pending[ISO_CONSOLE_PENDING];
};

/*
 * The socket in @dir, the log file (lxc.console.logfile, .size and
 * .rotate), the ring buffer (lxc.console.buffer.size), and
 * lxc.console.path's terminal, in raw mode, if @cfg has one; with
 * lxc.console.path = none, clients are told there is no console.
 */
int iso_console_open(struct iso_console *c, const char *dir,
		     const struct iso_config *cfg);

/*
 * Serve @c->master until @pidfd, init's, says it has exited: 0; or until
 * @stopfd is readable: 1, @kernelfd: 2, or @notifyfd (a seccomp
 * listener): 3, to be called again (-1: none).
 */
int iso_console_serve(struct iso_console *c, int pidfd, int stopfd,
		      int kernelfd, int notifyfd);

/* A run's ptys closed, for the next run's after a reboot; the ring stays. */
void iso_console_drop_ptys(struct iso_console *c);

void iso_console_close(struct iso_console *c, const char *dir);

/*
 * The client: this terminal on the console of the container in @dir, or
 * on its tty @tty if not 0, until @escape then 'q', or end of input.
 */
int iso_console_attach(const char *dir, const char *name, int tty,
		       int escape);

/*
 * The client: what the ring buffer of the container in @dir holds that
 * was not read yet, to stdout, and then it is read; or with @clear,
 * forgotten unread.
 */
int iso_console_log(const char *dir, const char *name, bool clear);

/*
 * A pty of the devpts at dev/pts in the root @rootfd (a container's):
 * its master, checked to be ptmx, and its slave in @slave, both
 * close-on-exec; a negative errno after saying why.
 */
int iso_pty_open(int rootfd, int *slave);

/* Which of stdin, stdout and stderr are terminals: bit N for fd N. */
unsigned int iso_tty_stdio(void);

/*
 * The caller's terminals among its stdio (@stdio, from iso_tty_stdio()),
 * stdin in raw mode, to and from the pty @master of a container's, which
 * takes their size, until @pid has exited.
 */
int iso_console_relay(int master, pid_t pid, unsigned int stdio);

/* A terminal on stdin in raw mode, saving how it was; false if none. */
bool iso_tty_raw(struct termios *saved);
void iso_tty_restore(const struct termios *saved);

#endif /* ISO_CONSOLE_H */
