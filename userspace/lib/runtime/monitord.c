// SPDX-License-Identifier: GPL-2.0
/*
 * The store's monitord: it passes state changes from the containers'
 * monitors on to every `isoctl monitor` listening, as lxc-monitord does.
 * It holds its lock in ISO_MONITORD_DIR while it lives, so that a store
 * has one.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "runtime/monitord.h"
#include "runtime/state_events.h"
#include "runtime/stop_signals.h"

#define MONITORD_CONNS_MAX 256
#define MONITORD_BACKLOG 128
/* What may wait for a listener: some 100 changes; past that it is let go */
#define MONITORD_QUEUE_BYTES (32 * 1024)
/* where it says whether it listens: 0, or -errno */
#define MONITORD_READY_FD 3

/* In accept order: a change is passed on in the order it came. */
struct conn {
	int fd;			/* -1 once closed, until swept */
	bool listener;		/* it said hello */
};

/* fds[]: the listening socket, the signalfd, then the connections */
#define MONITORD_FIXED_FDS 2

struct monitord {
	int n;
	int listeners;
	long long idle_since;	/* ms, when the last listener went */
	struct conn c[MONITORD_CONNS_MAX];
	struct pollfd fds[MONITORD_FIXED_FDS + MONITORD_CONNS_MAX];
};

/* @path, absolute, without ".", ".." and empty components. */
static int clean_path(const char *path, char *out)
{
	char abs[PATH_MAX], *save = NULL, *part;
	size_t len = 0;
	int n;

	if (path[0] == '/')
		n = snprintf(abs, sizeof(abs), "%.4095s", path);
	else if (getcwd(out, PATH_MAX))
		n = snprintf(abs, sizeof(abs), "%.4095s/%.4095s", out, path);
	else
		return -errno;
	if (n >= (int)sizeof(abs))
		return -ENAMETOOLONG;
	out[0] = '\0';
	for (part = strtok_r(abs, "/", &save); part;
	     part = strtok_r(NULL, "/", &save)) {
		if (!strcmp(part, "."))
			continue;
		if (!strcmp(part, "..")) {
			while (len && out[--len] != '/')
				;
			out[len] = '\0';
			continue;
		}
		/* abs is no longer than PATH_MAX, nor is what is left of it */
		len += snprintf(out + len, PATH_MAX - len, "/%.4095s", part);
	}
	if (!len)
		strcpy(out, "/");
	return 0;
}

/*
 * The store's real path, or for one not made yet the name it will have:
 * the real path of the part there is, and the rest.  A listener and the
 * containers' monitors find the same monitord either way.
 */
static int store_path(const char *base, char *out)
{
	char clean[PATH_MAX], real[PATH_MAX], save;
	const char *rest;
	size_t cut;
	int ret, err;
	bool found;

	if (!base[0])
		return -ENOENT;
	ret = clean_path(base, clean);
	if (ret)
		return ret;
	/* the longest leading part there is: "/" at least */
	for (cut = strlen(clean);; ) {
		save = clean[cut];
		clean[cut] = '\0';
		found = realpath(cut ? clean : "/", real);
		err = errno;
		clean[cut] = save;
		if (found)
			break;
		if (err != ENOENT)
			return -err;
		while (cut && clean[--cut] != '/')
			;
	}
	rest = clean + cut;	/* "", or "/a/b" */
	if (snprintf(out, PATH_MAX, "%.4095s%.4095s",
		     strcmp(real, "/") || !*rest ? real : "", rest) >= PATH_MAX)
		return -ENAMETOOLONG;
	return 0;
}

int iso_monitord_addr(struct iso_monitord_addr *a, const char *base)
{
	uint64_t hash = 0xcbf29ce484222325ULL;	/* FNV-1a */
	const char *c;
	int ret;

	ret = store_path(base, a->store);
	if (ret)
		return ret;
	for (c = a->store; *c; c++)
		hash = (hash ^ (unsigned char)*c) * 0x100000001b3ULL;
	a->sa.sun_family = AF_UNIX;
	snprintf(a->sa.sun_path, sizeof(a->sa.sun_path),
		 ISO_MONITORD_DIR "/%016" PRIx64 ".sock", hash);
	snprintf(a->lock, sizeof(a->lock),
		 ISO_MONITORD_DIR "/%016" PRIx64 ".lock", hash);
	return 0;
}

/* Ours alone: no one else may bind, replace or listen in there. */
static int private_dir(const char *path, mode_t group_other)
{
	struct stat st;

	if (lstat(path, &st))
		return -errno;
	if (!S_ISDIR(st.st_mode) || st.st_uid != geteuid() ||
	    (st.st_mode & group_other))
		return -EPERM;
	return 0;
}

int iso_monitord_dir_check(void)
{
	int ret = private_dir("/run/iso", 022);

	return ret ? ret : private_dir(ISO_MONITORD_DIR, 077);
}

static int make_dir(void)
{
	if ((mkdir("/run", 0755) && errno != EEXIST) ||
	    (mkdir("/run/iso", 0755) && errno != EEXIST) ||
	    (mkdir(ISO_MONITORD_DIR, 0700) && errno != EEXIST))
		return -errno;
	return iso_monitord_dir_check();
}

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

static void hang_up(struct monitord *d, struct conn *c)
{
	close(c->fd);
	c->fd = -1;
	if (c->listener && !--d->listeners)
		d->idle_since = now_ms();
	c->listener = false;
}

/* The closed ones out, the others kept in accept order. */
static void sweep(struct monitord *d)
{
	int i, kept = 0;

	for (i = 0; i < d->n; i++)
		if (d->c[i].fd >= 0)
			d->c[kept++] = d->c[i];
	d->n = kept;
}

/* Only our own user may publish or listen: root, as isoctl runs. */
static void take(struct monitord *d)
{
	struct ucred cred;
	socklen_t len;
	int fd;

	while ((fd = accept4(d->fds[0].fd, NULL, NULL,
			     SOCK_NONBLOCK | SOCK_CLOEXEC)) >= 0) {
		len = sizeof(cred);
		if (getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cred, &len) ||
		    cred.uid != geteuid() || d->n == MONITORD_CONNS_MAX) {
			close(fd);
			continue;
		}
		d->c[d->n++] = (struct conn){ .fd = fd };
	}
}

/*
 * Every listener gets the change; one that cannot take it now is let go,
 * and that it was tells it it lost one.
 */
static void pass_on(struct monitord *d, const struct iso_state_msg *msg)
{
	int i;

	for (i = 0; i < d->n; i++)
		if (d->c[i].listener &&
		    send(d->c[i].fd, msg, sizeof(*msg),
			 MSG_DONTWAIT | MSG_NOSIGNAL) != sizeof(*msg))
			hang_up(d, &d->c[i]);
}

static void listen_to(struct monitord *d, struct conn *c,
		      struct iso_state_msg *hello)
{
	int size = MONITORD_QUEUE_BYTES;

	c->listener = true;
	d->listeners++;
	setsockopt(c->fd, SOL_SOCKET, SO_SNDBUF, &size, sizeof(size));
	/* the answer: from now on, it is sent every change */
	if (send(c->fd, hello, sizeof(*hello), MSG_DONTWAIT | MSG_NOSIGNAL) !=
	    sizeof(*hello))
		hang_up(d, c);
}

/* What connection @c sent: a hello, or changes to pass on. */
static void read_conn(struct monitord *d, struct conn *c)
{
	struct iso_state_msg msg;
	ssize_t n = 0;

	while (c->fd >= 0 &&
	       (n = recv(c->fd, &msg, sizeof(msg), MSG_DONTWAIT)) > 0) {
		if (n != sizeof(msg))
			continue;
		if (msg.magic == ISO_STATE_HELLO && !c->listener)
			listen_to(d, c, &msg);
		else if (msg.magic == ISO_STATE_MAGIC)
			pass_on(d, &msg);
	}
	if (c->fd >= 0 && (!n || (errno != EAGAIN && errno != EINTR)))
		hang_up(d, c);
}

/*
 * Until nobody listened for ISO_MONITORD_LINGER seconds, or SIGTERM,
 * SIGINT or SIGHUP came.
 */
static void serve(struct monitord *d)
{
	struct pollfd *conns = d->fds + MONITORD_FIXED_FDS;
	long long left;
	int i, n, ret;

	d->idle_since = now_ms();
	for (;;) {
		n = d->n;
		for (i = 0; i < n; i++)
			conns[i] = (struct pollfd){ .fd = d->c[i].fd,
						    .events = POLLIN };
		left = d->idle_since + ISO_MONITORD_LINGER * 1000LL - now_ms();
		if (!d->listeners && left <= 0)
			return;
		ret = poll(d->fds, MONITORD_FIXED_FDS + n,
			   d->listeners ? -1 : (int)left);
		if (ret < 0 && errno != EINTR)
			return;
		if (ret > 0 && d->fds[1].revents)
			return;
		for (i = 0; ret > 0 && i < n; i++)
			if (conns[i].revents)
				read_conn(d, &d->c[i]);
		sweep(d);
		if (ret > 0 && (d->fds[0].revents & POLLIN))
			take(d);
	}
}

/* Tell the one who started us whether we listen: 0, or -errno. */
static int tell(int ready, int err)
{
	struct stat st;

	/* by hand, fd 3 may be anything: only a pipe is written to */
	if (fstat(ready, &st) || !S_ISFIFO(st.st_mode) ||
	    write(ready, &err, sizeof(err)) != sizeof(err))
		return 1;
	close(ready);
	return err ? 1 : 0;
}

/*
 * Listen, unless another monitord holds the store, and serve.  The
 * socket of one that was killed is replaced under the lock.
 */
int iso_monitord_main(const char *store)
{
	static struct monitord d;
	struct iso_monitord_addr a;
	int ret, lock, fd, sigfd;

	ret = iso_monitord_addr(&a, store);
	if (!ret)
		ret = make_dir();
	sigfd = ret ? -1 : iso_stop_signalfd();
	if (sigfd < 0 && !ret)
		ret = sigfd;
	if (ret)
		return tell(MONITORD_READY_FD, ret);
	lock = open(a.lock, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (lock < 0 || flock(lock, LOCK_EX | LOCK_NB))
		return tell(MONITORD_READY_FD,
			    lock >= 0 && errno == EWOULDBLOCK ? 0 : -errno);
	/* its starter may be gone by the time it is told */
	signal(SIGPIPE, SIG_IGN);
	unlink(a.sa.sun_path);
	fd = socket(AF_UNIX, SOCK_SEQPACKET | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (fd < 0 || bind(fd, (struct sockaddr *)&a.sa, sizeof(a.sa)) ||
	    listen(fd, MONITORD_BACKLOG))
		return tell(MONITORD_READY_FD, -errno);
	if (tell(MONITORD_READY_FD, 0)) {
		unlink(a.sa.sun_path);
		return 1;
	}
	d.fds[0] = (struct pollfd){ .fd = fd, .events = POLLIN };
	d.fds[1] = (struct pollfd){ .fd = sigfd, .events = POLLIN };
	serve(&d);
	/* gone from the path first: no new connection finds a closing one */
	unlink(a.sa.sun_path);
	return 0;
}

/*
 * In the daemon, before it runs isoctl again as ISO_MONITORD_ARGV0: a
 * title that says which store it serves, stdio on /dev/null, no other
 * descriptor of ours but @ready, as MONITORD_READY_FD.
 */
static void exec_monitord(const char *store, int ready)
{
	char *argv[] = { ISO_MONITORD_ARGV0, (char *)store, NULL };
	sigset_t none;
	int null;

	if (ready == MONITORD_READY_FD) {
		if (fcntl(ready, F_SETFD, 0))
			_exit(1);
	} else if (dup2(ready, MONITORD_READY_FD) < 0) {
		_exit(1);
	}
	if (close_range(MONITORD_READY_FD + 1, ~0U, 0))
		_exit(1);
	null = open("/dev/null", O_RDWR);
	if (null < 0 || dup2(null, STDIN_FILENO) < 0 ||
	    dup2(null, STDOUT_FILENO) < 0 || dup2(null, STDERR_FILENO) < 0 ||
	    chdir("/"))
		_exit(1);
	if (null > STDERR_FILENO)
		close(null);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	execv("/proc/self/exe", argv);
	_exit(1);
}

int iso_monitord_spawn(const struct iso_monitord_addr *a)
{
	int pipefd[2], err = 0;
	pid_t pid;

	if (pipe2(pipefd, O_CLOEXEC))
		return -errno;
	fflush(NULL);
	pid = fork();
	if (!pid) {
		/* a session of its own, and not its session's leader */
		if (setsid() < 0)
			_exit(1);
		pid = fork();
		if (pid)
			_exit(pid < 0);
		exec_monitord(a->store, pipefd[1]);
	}
	if (pid < 0)
		err = -errno;
	close(pipefd[1]);
	if (!err)
		while (waitpid(pid, NULL, 0) < 0 && errno == EINTR)
			;
	/* nothing said: it could not run, or another one holds the store */
	if (!err && read(pipefd[0], &err, sizeof(err)) != sizeof(err))
		err = 0;
	close(pipefd[0]);
	return err;
}
