// SPDX-License-Identifier: GPL-2.0
/* The console of a started container, both its monitor's and client's ends. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/pidfd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/un.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "runtime/console.h"
#include "runtime/fd_pass.h"
#include "runtime/rootfs_path.h"
#include "error.h"

#define CONSOLE_SOCK "console.sock"
/*
 * A client is greeted, asks with one byte, the tty's number (0: the
 * console) or ASK_LOG*, and is answered: for ASK_LOG, with a memfd of
 * what the ring buffer held.  A monitor from before ttys answered
 * REPLY_OK at once: a client tells them apart by that first byte; one
 * from before the ring answers ASK_LOG* as a tty it does not have.
 */
#define GREET_ASK 'a'
#define ASK_LOG 0xfe
#define ASK_LOG_CLEAR 0xfd
#define REPLY_OK 'o'
#define REPLY_BUSY 'b'
#define REPLY_NO_TTY 'n'
#define REPLY_FAILED 'f'
#ifndef MFD_NOEXEC_SEAL
#define MFD_NOEXEC_SEAL	0x0008U		/* Linux 6.3 */
#endif
/* what a tty's or the console's master is read for, a round at most */
#define READ_ROUND (64 * 1024)

/*
 * DIR may be longer than sun_path; its fd's /proc/self/fd link is not.
 * Fills @sa for DIR/console.sock and returns the O_PATH fd to keep open
 * across bind or connect.
 */
static int sock_addr(const char *dir, struct sockaddr_un *sa)
{
	int fd = open(dir, O_PATH | O_DIRECTORY | O_CLOEXEC);

	if (fd < 0)
		return -errno;
	memset(sa, 0, sizeof(*sa));
	sa->sun_family = AF_UNIX;
	snprintf(sa->sun_path, sizeof(sa->sun_path), "/proc/self/fd/%d/%s",
		 fd, CONSOLE_SOCK);
	return fd;
}

static int open_listener(struct iso_console *c, const char *dir)
{
	struct sockaddr_un sa;
	int dfd = sock_addr(dir, &sa), ret = 0;

	if (dfd < 0)
		return iso_fail(dfd, "opening", dir);
	unlinkat(dfd, CONSOLE_SOCK, 0);	/* a dead monitor's; we hold the lock */
	c->listen = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (c->listen < 0 || bind(c->listen, (struct sockaddr *)&sa, sizeof(sa)) ||
	    fchmodat(dfd, CONSOLE_SOCK, 0600, 0) || listen(c->listen, 4))
		ret = iso_failf(-errno, "listening on", "%s/%s", dir, CONSOLE_SOCK);
	close(dfd);
	return ret;
}

static int open_log(struct iso_console *c)
{
	c->log = open(c->log_path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC,
		      0600);
	return c->log < 0 ? -errno : 0;
}

/*
 * lxc.console.path's terminal, raw as LXC's peer, opened as no
 * controlling terminal of ours.  Its mode is put back at the close.
 */
static int open_device(struct iso_console *c, const char *path)
{
	struct termios raw;

	c->device = open(path, O_RDWR | O_NOCTTY | O_CLOEXEC);
	if (c->device < 0)
		return iso_fail(-errno, "lxc.console.path: opening", path);
	if (tcgetattr(c->device, &c->device_mode)) {
		close(c->device);
		c->device = -1;
		return iso_failf(-ENOTTY, "lxc.console.path", "%.255s: not a terminal",
				 path);
	}
	raw = c->device_mode;
	cfmakeraw(&raw);
	tcsetattr(c->device, TCSANOW, &raw);
	c->in = c->out = c->device;
	return 0;
}

int iso_console_open(struct iso_console *c, const char *dir,
		     const struct iso_config *cfg)
{
	int i, ret;

	c->master = c->slave = c->listen = c->in = c->out = c->log = -1;
	c->device = -1;
	c->n_pending = 0;
	c->log_path = cfg->console_logfile;
	c->log_size = cfg->console_size;
	c->log_rotate = cfg->console_rotate;
	c->n_ttys = 0;
	for (i = 0; i < ISO_TTY_MAX; i++)
		c->tty[i].master = c->tty[i].slave = c->tty[i].client = -1;
	ret = iso_console_ring_init(&c->ring, cfg->console_buffer_size);
	if (ret)
		return iso_fail(ret, "lxc.console.buffer.size", "allocating the ring buffer");
	ret = open_listener(c, dir);
	if (!ret && c->log_path[0] && open_log(c))
		ret = iso_fail(-errno, "lxc.console.logfile: opening", c->log_path);
	if (!ret && cfg->console_path[0] && strcmp(cfg->console_path, "none"))
		ret = open_device(c, cfg->console_path);
	if (ret)
		iso_console_close(c, dir);
	return ret;
}

static void drop_client(struct iso_console *c)
{
	if (c->in >= 0 && c->in != STDIN_FILENO && c->in != c->device)
		close(c->in);
	c->in = c->out = -1;
}

/*
 * Only root, or whoever runs the monitor, may have a terminal.  It is
 * greeted, and asks for one in its own time (answer()), while the
 * monitor goes on: a client that never asks holds one of the few places
 * until the next takes it.
 */
static void accept_client(struct iso_console *c)
{
	struct ucred cred;
	socklen_t len = sizeof(cred);
	char greet = GREET_ASK;
	int fd;

	fd = accept4(c->listen, NULL, NULL, SOCK_CLOEXEC | SOCK_NONBLOCK);
	if (fd < 0)
		return;
	if (getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cred, &len) ||
	    (cred.uid != 0 && cred.uid != geteuid()) ||
	    send(fd, &greet, 1, MSG_NOSIGNAL) != 1) {
		close(fd);
		return;
	}
	if (c->n_pending == ISO_CONSOLE_PENDING) {
		close(c->pending[0]);
		memmove(c->pending, c->pending + 1,
			sizeof(c->pending) - sizeof(c->pending[0]));
		c->n_pending--;
	}
	c->pending[c->n_pending++] = fd;
}

/*
 * The ring's unread bytes in a memfd, for the client to copy at its own
 * pace, as the monitor waits for nobody; or, to clear, nothing.
 */
static int log_memfd(void)
{
	/* not executable: 6.3 to 6.6 warn of a memfd that says nothing */
	int fd = memfd_create("iso-console-log", MFD_CLOEXEC | MFD_NOEXEC_SEAL);

	if (fd < 0 && errno == EINVAL)
		fd = memfd_create("iso-console-log", MFD_CLOEXEC);
	return fd;
}

static void send_log(struct iso_console *c, int fd, bool clear)
{
	uint64_t was_read = c->ring.r;
	char reply = REPLY_OK;
	int log;

	if (!c->ring.buf) {
		reply = REPLY_NO_TTY;
	} else if (clear) {
		iso_console_ring_clear(&c->ring);
	} else {
		log = log_memfd();
		if (log >= 0 && !iso_console_ring_read(&c->ring, log, 0) &&
		    !lseek(log, 0, SEEK_SET) && !iso_send_fds(fd, reply, &log, 1)) {
			close(log);
			return;
		}
		if (log >= 0)
			close(log);
		/* what never reached the client is still unread */
		c->ring.r = was_read;
		reply = REPLY_FAILED;
	}
	send(fd, &reply, 1, MSG_NOSIGNAL);
}

/*
 * Pending client @i asked: 0 for the console, N for ttyN.  One client a
 * terminal; lxc.console.path = none has no console.
 */
static void answer(struct iso_console *c, int i)
{
	int fd = c->pending[i], *slot = NULL;
	char reply = REPLY_OK;
	unsigned char n;

	memmove(c->pending + i, c->pending + i + 1,
		(--c->n_pending - i) * sizeof(c->pending[0]));
	if (recv(fd, &n, 1, MSG_DONTWAIT) != 1) {
		close(fd);
		return;
	}
	if (n == ASK_LOG || n == ASK_LOG_CLEAR) {
		send_log(c, fd, n == ASK_LOG_CLEAR);
		close(fd);
		return;
	}
	/* lxc.console.path's terminal keeps the console */
	if (!n && c->master >= 0 && c->device < 0)
		slot = &c->in;
	else if (!n && c->device >= 0)
		reply = REPLY_BUSY;
	else if (n && n <= c->n_ttys)
		slot = &c->tty[n - 1].client;
	if (!slot && reply == REPLY_OK)
		reply = REPLY_NO_TTY;
	else if (slot && *slot >= 0)
		reply = REPLY_BUSY;
	if (send(fd, &reply, 1, MSG_NOSIGNAL) != 1 || reply != REPLY_OK) {
		close(fd);
		return;
	}
	/* its output is sent without waiting, its input read when there */
	fcntl(fd, F_SETFL, 0);
	*slot = fd;
	if (!n)
		c->out = fd;
}

/*
 * At lxc.console.size, as LXC's lxc_terminal_write_log_file(): what fits
 * goes in, then the log goes to LOG.1 (lxc.console.rotate) or is
 * emptied, and the rest, at most the size, goes in anew.  A log that is
 * not a regular file has no size.
 */
static int write_log(struct iso_console *c, const char *buf, size_t n)
{
	char old[PATH_MAX + 2];
	struct stat st;
	size_t room;

	if (!c->log_size || fstat(c->log, &st) || !S_ISREG(st.st_mode))
		return write(c->log, buf, n) < 0 ? -errno : 0;
	room = (uint64_t)st.st_size < c->log_size ? c->log_size - st.st_size : 0;
	if (n <= room)
		return write(c->log, buf, n) < 0 ? -errno : 0;
	if (room && write(c->log, buf, room) != (ssize_t)room)
		return -EIO;
	buf += room;
	n -= room;
	if (c->log_rotate) {
		snprintf(old, sizeof(old), "%.*s.1", PATH_MAX - 1, c->log_path);
		close(c->log);
		c->log = -1;
		if (rename(c->log_path, old) || open_log(c))
			return -errno;
	} else if (ftruncate(c->log, 0)) {
		return -errno;
	}
	if (n > c->log_size)
		n = c->log_size;
	return write(c->log, buf, n) < 0 ? -errno : 0;
}

/*
 * What init wrote: to the log, and to the client if it keeps up.  False
 * once no process has the slave open (EIO), which the monitor's own
 * slave fd keeps from happening while a container runs.
 */
static bool from_master(struct iso_console *c)
{
	char buf[4096];
	size_t round = 0;
	ssize_t n;

	while (round < READ_ROUND && (n = read(c->master, buf, sizeof(buf))) > 0) {
		round += n;
		iso_console_ring_write(&c->ring, buf, n);
		if (c->log >= 0 && write_log(c, buf, n)) {
			if (c->log >= 0)
				close(c->log);
			c->log = -1;
		}
		if (c->out > STDERR_FILENO && c->out != c->device &&
		    send(c->out, buf, n, MSG_DONTWAIT | MSG_NOSIGNAL) < 0 &&
		    errno != EAGAIN)
			drop_client(c);
		else if (c->out >= 0 &&
			 (c->out <= STDERR_FILENO || c->out == c->device) &&
			 write(c->out, buf, n) < 0)
			c->out = -1;
	}
	/* a full round: there is more, and the master is open */
	return round >= READ_ROUND || (n < 0 && errno == EAGAIN);
}

/* To the non-blocking master: all of it, waiting while its queue is full. */
static bool to_master(int master, const char *buf, ssize_t n)
{
	struct pollfd p = { .fd = master, .events = POLLOUT };
	ssize_t done;

	while (n > 0) {
		done = write(master, buf, n);
		if (done < 0 && errno == EAGAIN) {
			if (poll(&p, 1, 1000) <= 0)
				return false;
			continue;
		}
		if (done < 0 && errno != EINTR)
			return false;
		if (done > 0) {
			buf += done;
			n -= done;
		}
	}
	return true;
}

static void from_client(struct iso_console *c)
{
	char buf[4096];
	ssize_t n = read(c->in, buf, sizeof(buf));

	if (n > 0 && to_master(c->master, buf, n))
		return;
	if (c->in == STDIN_FILENO || c->in == c->device)
		c->in = -1;	/* no more input; the output goes on */
	else
		drop_client(c);
}

/* What a tty wrote: to its client, or nowhere, so that it never blocks. */
static void from_tty(struct iso_console_tty *t)
{
	char buf[4096];
	size_t round = 0;
	ssize_t n;

	/* a round at most: a tty that never stops writing shares the monitor */
	while (round < READ_ROUND &&
	       (n = read(t->master, buf, sizeof(buf))) > 0) {
		round += n;
		if (t->client >= 0 &&
		    send(t->client, buf, n, MSG_DONTWAIT | MSG_NOSIGNAL) < 0 &&
		    errno != EAGAIN) {
			close(t->client);
			t->client = -1;
		}
	}
}

static void tty_client(struct iso_console_tty *t)
{
	char buf[4096];
	ssize_t n = read(t->client, buf, sizeof(buf));

	if (n > 0 && to_master(t->master, buf, n))
		return;
	close(t->client);
	t->client = -1;
}

int iso_console_serve(struct iso_console *c, int pidfd, int stopfd,
		      int kernelfd, int notifyfd)
{
	struct pollfd p[7 + ISO_CONSOLE_PENDING + 2 * ISO_TTY_MAX];
	int i, n, pending, ttys;
	bool master_open = true;

	fcntl(c->master, F_SETFL, O_NONBLOCK);
	for (i = 0; i < c->n_ttys; i++)
		fcntl(c->tty[i].master, F_SETFL, O_NONBLOCK);
	for (;;) {
		p[0] = (struct pollfd){ .fd = pidfd, .events = POLLIN };
		/* a hung-up master polls ready for ever: not that one */
		p[1] = (struct pollfd){ .fd = master_open ? c->master : -1,
					.events = POLLIN };
		p[2] = (struct pollfd){ .fd = c->listen, .events = POLLIN };
		p[3] = (struct pollfd){ .fd = c->in, .events = POLLIN };
		p[4] = (struct pollfd){ .fd = stopfd, .events = POLLIN };
		p[5] = (struct pollfd){ .fd = kernelfd, .events = POLLIN };
		p[6] = (struct pollfd){ .fd = notifyfd, .events = POLLIN };
		pending = 7;
		for (i = 0; i < c->n_pending; i++)
			p[pending + i] = (struct pollfd){ .fd = c->pending[i],
							  .events = POLLIN };
		/* a tty's slave is held open too: its master never hangs up */
		ttys = pending + c->n_pending;
		for (i = 0; i < c->n_ttys; i++) {
			p[ttys + 2 * i] = (struct pollfd){ .fd = c->tty[i].master,
							   .events = POLLIN };
			p[ttys + 2 * i + 1] = (struct pollfd){
				.fd = c->tty[i].client, .events = POLLIN };
		}
		n = ttys + 2 * c->n_ttys;
		if (poll(p, n, -1) < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		for (i = 0; i < c->n_ttys; i++) {
			if (p[ttys + 2 * i].revents)
				from_tty(&c->tty[i]);
			if (p[ttys + 2 * i + 1].revents && c->tty[i].client >= 0)
				tty_client(&c->tty[i]);
		}
		/* last first: answer() takes each out of the list */
		for (i = n - 1 - 2 * c->n_ttys - pending; i >= 0; i--)
			if (p[pending + i].revents)
				answer(c, i);
		if (p[1].revents)
			master_open = from_master(c);
		if (p[0].revents)
			return 0;	/* init is gone; its last words are read */
		if (p[2].revents & POLLIN)
			accept_client(c);
		if (p[3].revents)
			from_client(c);
		if (p[4].revents)
			return 1;
		if (p[5].revents)
			return 2;
		if (p[6].revents & POLLIN)
			return 3;
	}
}

void iso_console_drop_ptys(struct iso_console *c)
{
	int i;

	if (c->slave >= 0)
		close(c->slave);
	if (c->master >= 0)
		close(c->master);
	c->master = c->slave = -1;
	for (i = 0; i < c->n_ttys; i++) {
		if (c->tty[i].client >= 0)
			close(c->tty[i].client);
		close(c->tty[i].master);
		close(c->tty[i].slave);
		c->tty[i].master = c->tty[i].slave = c->tty[i].client = -1;
	}
	c->n_ttys = 0;
}

void iso_console_close(struct iso_console *c, const char *dir)
{
	struct sockaddr_un sa;
	int dfd;

	drop_client(c);
	if (c->listen >= 0) {
		dfd = sock_addr(dir, &sa);
		if (dfd >= 0) {
			unlinkat(dfd, CONSOLE_SOCK, 0);
			close(dfd);
		}
		close(c->listen);
	}
	/*
	 * As LXC's lxc_terminal_write_ringbuffer(), the log ends as the
	 * ring did, "mirrored on disk" where lxc.console.size is the ring's
	 * size.  LXC empties it where the log has no size; isoctl leaves it.
	 */
	if (c->log >= 0 && c->log_size && c->ring.w != c->ring.r &&
	    !ftruncate(c->log, 0))
		iso_console_ring_read(&c->ring, c->log, c->log_size);
	iso_console_ring_free(&c->ring);
	if (c->log >= 0)
		close(c->log);
	if (c->device >= 0) {
		tcsetattr(c->device, TCSANOW, &c->device_mode);
		close(c->device);
	}
	while (c->n_pending > 0)
		close(c->pending[--c->n_pending]);
	c->listen = c->log = c->device = -1;
	iso_console_drop_ptys(c);
}

/*
 * Connected to the monitor of the container in @dir, and greeted: the
 * socket, with the greeting in @greet.
 */
static int dial(const char *dir, const char *name, char *greet)
{
	struct sockaddr_un sa;
	int dfd, fd, ret = 0;

	dfd = sock_addr(dir, &sa);
	if (dfd < 0)
		return iso_fail(dfd, "console: finding container", name);
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0 || connect(fd, (struct sockaddr *)&sa, sizeof(sa)))
		ret = iso_failf(errno == ENOENT || errno == ECONNREFUSED ?
				-ENOTCONN : -errno, "console", "%s: no console (not started, or started with -F)",
				name);
	else if (read(fd, greet, 1) != 1)
		ret = iso_failf(-ECONNRESET, "console", "%.64s: no answer from its monitor",
				name);
	close(dfd);
	if (ret && fd >= 0)
		close(fd);
	return ret ? ret : fd;
}

static int connect_console(const char *dir, const char *name, int tty)
{
	unsigned char ask = tty;
	char reply = 0;
	int fd, ret = 0;

	fd = dial(dir, name, &reply);
	if (fd < 0)
		return fd;
	/* a monitor from before ttys answers at once, and asks nothing */
	if (reply == REPLY_OK && tty)
		ret = iso_failf(-EOPNOTSUPP, "console", "%.64s: its monitor has no ttys: restart it",
				name);
	else if (reply == GREET_ASK &&
		 (send(fd, &ask, 1, MSG_NOSIGNAL) != 1 || read(fd, &reply, 1) != 1))
		ret = iso_failf(-ECONNRESET, "console", "%.64s: no answer from its monitor",
				name);
	else if (reply == REPLY_NO_TTY && !tty)
		ret = iso_failf(-ENODEV, "console", "%.64s: no console (lxc.console.path = none)",
				name);
	else if (reply == REPLY_NO_TTY)
		ret = iso_failf(-ENODEV, "console", "%.64s: no tty %d (lxc.tty.max)",
				name, tty);
	else if (reply != REPLY_OK && tty)
		ret = iso_failf(-EBUSY, "console", "%.64s: another client has tty %d",
				name, tty);
	else if (reply != REPLY_OK)
		ret = iso_failf(-EBUSY, "console", "%.64s: another client has the console",
				name);
	if (ret) {
		close(fd);
		return ret;
	}
	return fd;
}

/*
 * For a terminal: no C0 control but a line's, no DEL, and no C1 control
 * as UTF-8 spells it (C2 80 to C2 9F, of which C2 9B is a CSI to some
 * terminals), each byte shown as '?'.  @n ends on no C2.
 */
static void make_shown(char *buf, ssize_t n)
{
	unsigned char c;
	ssize_t i;

	for (i = 0; i < n; i++) {
		c = buf[i];
		if ((c < 0x20 && c != '\n' && c != '\r' && c != '\t') || c == 0x7f)
			buf[i] = '?';
		else if (c == 0xc2 && i + 1 < n &&
			 (unsigned char)buf[i + 1] >= 0x80 &&
			 (unsigned char)buf[i + 1] <= 0x9f)
			buf[i] = buf[i + 1] = '?';
	}
}

/*
 * All of @fd, from its start, to stdout: as it is, but for a terminal,
 * which is shown no control character of the container's but a line's.
 */
static int copy_out(int fd)
{
	bool tty = isatty(STDOUT_FILENO);
	char buf[65536];
	ssize_t n, done;

	while ((n = read(fd, buf, sizeof(buf))) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		/* a C2 last is read again with what follows it */
		if (tty && n > 1 && (unsigned char)buf[n - 1] == 0xc2 &&
		    lseek(fd, -1, SEEK_CUR) >= 0)
			n--;
		if (tty)
			make_shown(buf, n);
		for (char *p = buf; n > 0; p += done, n -= done) {
			done = write(STDOUT_FILENO, p, n);
			if (done < 0 && errno == EINTR)
				done = 0;
			else if (done < 0)
				return -errno;
		}
	}
	return 0;
}

/* @ask of the monitor on @sk: its reply, and the memfd with it (or -1). */
static int ask_ring(int sk, unsigned char ask, unsigned char *reply, int *log)
{
	int fds[2], n_fds;

	*log = -1;
	if (send(sk, &ask, 1, MSG_NOSIGNAL) != 1 ||
	    iso_recv_fds(sk, reply, 1, fds, &n_fds) <= 0)
		return -ECONNRESET;
	if (n_fds)
		*log = fds[0];
	if (n_fds == 2)
		close(fds[1]);
	return 0;
}

int iso_console_log(const char *dir, const char *name, bool clear)
{
	unsigned char ask = clear ? ASK_LOG_CLEAR : ASK_LOG, reply = 0;
	int sk, log = -1, ret = 0;
	char greet = 0;

	sk = dial(dir, name, &greet);
	if (sk < 0)
		return sk;
	if (greet != GREET_ASK)
		ret = iso_failf(-EOPNOTSUPP, "console", "%.64s: its monitor has no ring buffer: restart it",
				name);
	else if (ask_ring(sk, ask, &reply, &log))
		ret = iso_failf(-ECONNRESET, "console", "%.64s: no answer from its monitor",
				name);
	else if (reply == REPLY_NO_TTY)
		ret = iso_failf(-ENODATA, "console", "%.64s: no console ring buffer (lxc.console.buffer.size, or a monitor from before it)",
				name);
	else if (reply != REPLY_OK || (!clear && log < 0))
		ret = iso_failf(-EIO, "console", "%.64s: its monitor could not read the ring buffer",
				name);
	else if (!clear && (ret = copy_out(log)))
		iso_fail(ret, "console: writing the ring buffer of", name);
	if (log >= 0)
		close(log);
	close(sk);
	return ret;
}

/* Send what was typed, acting on ESC q and sending ESC ESC as one ESC. */
static int typed(int sk, const char *buf, ssize_t n, int escape, bool *armed)
{
	char out[2 * 4096];
	ssize_t i, used = 0;

	for (i = 0; i < n; i++) {
		if (*armed) {
			*armed = false;
			if (buf[i] == 'q')
				return write(sk, out, used) < 0 ? -errno : 1;
			if (buf[i] != escape)
				out[used++] = escape;
			out[used++] = buf[i];
		} else if (buf[i] == escape) {
			*armed = true;
		} else {
			out[used++] = buf[i];
		}
	}
	return used && write(sk, out, used) < 0 ? -errno : 0;
}

static int relay(int sk, int escape)
{
	struct pollfd p[2] = {
		{ .fd = STDIN_FILENO, .events = POLLIN },
		{ .fd = sk, .events = POLLIN },
	};
	bool armed = false;
	char buf[4096];
	ssize_t n;
	int ret;

	for (;;) {
		if (poll(p, 2, -1) < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		if (p[1].revents) {
			n = read(sk, buf, sizeof(buf));
			if (n <= 0)
				return 0;	/* the container stopped */
			if (write(STDOUT_FILENO, buf, n) < 0)
				return -errno;
		}
		if (p[0].revents) {
			n = read(STDIN_FILENO, buf, sizeof(buf));
			if (n <= 0)
				return 0;
			ret = typed(sk, buf, n, escape, &armed);
			if (ret)
				return ret < 0 ? ret : 0;
		}
	}
}

bool iso_tty_raw(struct termios *saved)
{
	struct termios raw;

	if (!isatty(STDIN_FILENO) || tcgetattr(STDIN_FILENO, saved))
		return false;
	raw = *saved;
	cfmakeraw(&raw);
	return !tcsetattr(STDIN_FILENO, TCSAFLUSH, &raw);
}

void iso_tty_restore(const struct termios *saved)
{
	tcsetattr(STDIN_FILENO, TCSAFLUSH, saved);
}

int iso_pty_open(int rootfd, int *slave)
{
	struct stat st;
	int master;

	*slave = -1;
	master = iso_root_open(rootfd, "dev/pts/ptmx", O_RDWR | O_NOCTTY);
	if (master < 0)
		return iso_fail(master, "opening", "the container's /dev/pts/ptmx");
	/* the container's own files could have put anything there */
	if (fstat(master, &st) || !S_ISCHR(st.st_mode) ||
	    st.st_rdev != makedev(5, 2)) {
		close(master);
		return iso_fail(-ENOTTY, "opening", "the container's /dev/pts/ptmx");
	}
	/* TIOCGPTPEER: the slave of this master, with no path to resolve */
	if (unlockpt(master) ||
	    (*slave = ioctl(master, TIOCGPTPEER, O_RDWR | O_NOCTTY | O_CLOEXEC)) < 0) {
		close(master);
		return iso_fail(-errno, "opening", "a pty of the container's");
	}
	return master;
}

/*
 * The command has exited, and the pty may still be passing on what it
 * wrote last: read on until every slave is closed (EIO), or 100 ms pass
 * with nothing, and for half a second at most, since a process left in
 * the container may hold a slave and write for ever.
 */
static void drain(struct iso_console *c)
{
	struct pollfd p = { .fd = c->master, .events = POLLIN };
	struct timespec start, now;

	clock_gettime(CLOCK_MONOTONIC, &start);
	while (poll(&p, 1, 100) > 0 && from_master(c)) {
		clock_gettime(CLOCK_MONOTONIC, &now);
		if ((now.tv_sec - start.tv_sec) * 1000 +
		    (now.tv_nsec - start.tv_nsec) / 1000000 >= 500)
			break;
	}
}

unsigned int iso_tty_stdio(void)
{
	unsigned int stdio = 0;
	int fd;

	for (fd = 0; fd < 3; fd++)
		if (isatty(fd))
			stdio |= 1u << fd;
	return stdio;
}

int iso_console_relay(int master, pid_t pid, unsigned int stdio)
{
	struct iso_console c = {
		.master = master, .slave = -1, .listen = -1, .log = -1,
		.device = -1,
		.in = stdio & 1 ? STDIN_FILENO : -1,
		.out = stdio & 2 ? STDOUT_FILENO : stdio & 4 ? STDERR_FILENO : -1,
	};
	struct termios saved;
	struct winsize ws;
	bool raw = false;
	int pidfd, ret;

	pidfd = pidfd_open(pid, 0);
	if (pidfd < 0)
		return iso_fail(-errno, "watching", "the container's command");
	if (!ioctl(c.out >= 0 ? c.out : STDIN_FILENO, TIOCGWINSZ, &ws))
		ioctl(master, TIOCSWINSZ, &ws);
	if (c.in >= 0)
		raw = iso_tty_raw(&saved);
	ret = iso_console_serve(&c, pidfd, -1, -1, -1);
	drain(&c);
	if (raw)
		iso_tty_restore(&saved);
	close(pidfd);
	return ret;
}

int iso_console_attach(const char *dir, const char *name, int tty_n,
		       int escape)
{
	struct termios saved;
	bool tty = isatty(STDIN_FILENO);
	int sk, ret;

	sk = connect_console(dir, name, tty_n);
	if (sk < 0)
		return sk;
	if (tty) {
		if (tty_n)
			fprintf(stderr, "\nConnected to tty %d of %s\n", tty_n, name);
		else
			fprintf(stderr, "\nConnected to tty console of %s\n", name);
		fprintf(stderr, "Type <Ctrl %c q> to exit the console, <Ctrl %c Ctrl %c> to enter Ctrl %c itself\n\n",
			escape + 'a' - 1, escape + 'a' - 1, escape + 'a' - 1,
			escape + 'a' - 1);
		tty = iso_tty_raw(&saved);
	}
	ret = relay(sk, escape);
	if (tty)
		iso_tty_restore(&saved);
	close(sk);
	return ret;
}
