// SPDX-License-Identifier: GPL-2.0
/*
 * The store's monitord: it passes state changes from the containers'
 * monitors on to every `isoctl monitor` listening, as lxc-monitord does.
 * It holds BASE/.monitor.lock while it lives, so that a store has one.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "runtime/monitord.h"
#include "runtime/state_events.h"

#define MONITORD_SOCKET	".monitor"
#define MONITORD_LOCK	".monitor.lock"
#define MONITORD_CLIENTS_MAX 256
/* where it says whether it listens: 0, or -errno */
#define MONITORD_READY_FD 3

struct monitord {
	int n;			/* connections, fds[1..n] */
	struct pollfd fds[1 + MONITORD_CLIENTS_MAX];	/* [0]: listening */
};

void iso_monitord_path(struct sockaddr_un *sa, int dirfd)
{
	snprintf(sa->sun_path, sizeof(sa->sun_path),
		 "/proc/self/fd/%d/" MONITORD_SOCKET, dirfd);
}

static void drop(struct monitord *d, int i)
{
	close(d->fds[i].fd);
	d->fds[i] = d->fds[d->n--];
}

/* Only our own user may publish or listen: root, as isoctl runs. */
static void take(struct monitord *d)
{
	struct ucred cred;
	socklen_t len = sizeof(cred);
	int fd;

	fd = accept4(d->fds[0].fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
	if (fd < 0)
		return;
	if (getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cred, &len) ||
	    cred.uid != geteuid() || d->n == MONITORD_CLIENTS_MAX) {
		close(fd);
		return;
	}
	d->fds[++d->n] = (struct pollfd){ .fd = fd, .events = POLLIN };
}

/*
 * A message from connection @from goes to every other one.  One that
 * cannot take it now is let go: that it was ended tells it it lost one.
 */
static void pass_on(struct monitord *d, int from)
{
	int sender = d->fds[from].fd, i;
	struct iso_state_msg msg;
	ssize_t n;

	n = recv(sender, &msg, sizeof(msg), MSG_DONTWAIT);
	if (n < 0 && (errno == EAGAIN || errno == EINTR))
		return;
	if (n <= 0) {
		drop(d, from);
		return;
	}
	if (n != sizeof(msg) || msg.magic != ISO_STATE_MAGIC)
		return;
	for (i = d->n; i >= 1; i--) {
		if (d->fds[i].fd != sender &&
		    send(d->fds[i].fd, &msg, sizeof(msg),
			 MSG_DONTWAIT | MSG_NOSIGNAL) != sizeof(msg))
			drop(d, i);
	}
}

/* Until nobody was connected for ISO_MONITORD_LINGER seconds. */
static void serve(struct monitord *d)
{
	int i, ret;

	for (;;) {
		ret = poll(d->fds, d->n + 1,
			   d->n ? -1 : ISO_MONITORD_LINGER * 1000);
		if (ret < 0 && errno == EINTR)
			continue;
		if (ret <= 0)
			return;
		/* downwards: drop() moves the last one into the hole */
		for (i = d->n; i >= 1; i--) {
			if (i <= d->n && d->fds[i].revents) {
				d->fds[i].revents = 0;
				pass_on(d, i);
			}
		}
		if (d->fds[0].revents & POLLIN)
			take(d);
	}
}

/* Tell the one who started us whether we listen: 0, or -errno. */
static int tell(int ready, int err)
{
	if (write(ready, &err, sizeof(err)) != sizeof(err))
		return 1;
	close(ready);
	return err ? 1 : 0;
}

/*
 * Listen on BASE/.monitor, unless another monitord holds the store, and
 * serve.  The socket of one that was killed is replaced under the lock.
 */
static int run(int dirfd, int ready)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	static struct monitord d;
	int lock, fd;

	lock = openat(dirfd, MONITORD_LOCK, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	if (lock < 0 || flock(lock, LOCK_EX | LOCK_NB))
		return tell(ready, lock >= 0 && errno == EWOULDBLOCK ? 0 : -errno);
	unlinkat(dirfd, MONITORD_SOCKET, 0);
	umask(0077);
	iso_monitord_path(&sa, dirfd);
	fd = socket(AF_UNIX, SOCK_SEQPACKET | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (fd < 0 || bind(fd, (struct sockaddr *)&sa, sizeof(sa)) ||
	    listen(fd, 64))
		return tell(ready, -errno);
	if (tell(ready, 0))
		return 1;
	signal(SIGPIPE, SIG_IGN);
	d.fds[0] = (struct pollfd){ .fd = fd, .events = POLLIN };
	serve(&d);
	/* gone from the path first: no new connection finds a closing one */
	unlinkat(dirfd, MONITORD_SOCKET, 0);
	return 0;
}

int iso_monitord_main(const char *base)
{
	int dirfd = open(base, O_PATH | O_DIRECTORY | O_CLOEXEC);

	if (dirfd < 0)
		return tell(MONITORD_READY_FD, -errno);
	return run(dirfd, MONITORD_READY_FD);
}

/*
 * In the daemon, before it runs isoctl again as ISO_MONITORD_ARGV0: a
 * title that says which store it serves, stdio on /dev/null, no other
 * descriptor of ours but @ready, as MONITORD_READY_FD.
 */
static void exec_monitord(const char *base, int ready)
{
	char *argv[] = { ISO_MONITORD_ARGV0, (char *)base, NULL };
	sigset_t none;
	int null;

	if (dup2(ready, MONITORD_READY_FD) < 0)
		_exit(1);
	close_range(MONITORD_READY_FD + 1, ~0U, 0);
	null = open("/dev/null", O_RDWR);
	if (null < 0 || dup2(null, STDIN_FILENO) < 0 ||
	    dup2(null, STDOUT_FILENO) < 0 || dup2(null, STDERR_FILENO) < 0 ||
	    chdir("/"))
		_exit(1);
	close(null);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	execv("/proc/self/exe", argv);
	_exit(1);
}

int iso_monitord_spawn(const char *base)
{
	char abs[PATH_MAX];
	int pipefd[2], status, err = 0;
	pid_t pid;

	/* it runs in /, and its title names the store */
	if (!realpath(base, abs))
		return -errno;
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
		exec_monitord(abs, pipefd[1]);
	}
	close(pipefd[1]);
	if (pid < 0)
		err = -errno;
	else
		waitpid(pid, &status, 0);
	/* nothing said: it could not run, or another one holds the store */
	if (!err && read(pipefd[0], &err, sizeof(err)) != sizeof(err))
		err = 0;
	close(pipefd[0]);
	return err;
}
