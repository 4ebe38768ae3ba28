// SPDX-License-Identifier: GPL-2.0
/* Publishing containers' state changes, and listening to them. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "runtime/monitord.h"
#include "runtime/state_events.h"

/*
 * Connect to BASE/.monitor.  The path goes through a descriptor of BASE,
 * so that a store of any length fits in sun_path.
 */
static int connect_store(const char *base, int flags)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	int dirfd, fd, ret = 0;

	dirfd = open(base, O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (dirfd < 0)
		return -errno;
	fd = socket(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC | flags, 0);
	if (fd < 0) {
		ret = -errno;
	} else {
		iso_monitord_path(&sa, dirfd);
		if (connect(fd, (struct sockaddr *)&sa, sizeof(sa))) {
			ret = -errno;
			close(fd);
		}
	}
	close(dirfd);
	return ret ? ret : fd;
}

/* BASE of BASE/NAME; NAME/.. would follow NAME, were it a symlink. */
static void store_of(const char *dir, char *base)
{
	const char *slash = strrchr(dir, '/');

	if (!slash)
		strcpy(base, ".");
	else if (slash == dir)
		strcpy(base, "/");
	else
		snprintf(base, PATH_MAX, "%.*s", (int)(slash - dir), dir);
}

void iso_state_publish(const char *dir, const char *name, const char *state,
		       pid_t pid)
{
	struct iso_state_msg msg = { .magic = ISO_STATE_MAGIC, .pid = pid };
	char base[PATH_MAX];
	struct timespec now;
	int fd;

	store_of(dir, base);
	/* never wait on a listener: a container does not stop for one */
	fd = connect_store(base, SOCK_NONBLOCK);
	if (fd < 0)
		return;		/* no monitord: nobody is listening */
	clock_gettime(CLOCK_REALTIME, &now);
	msg.time_ns = now.tv_sec * 1000000000ULL + now.tv_nsec;
	snprintf(msg.name, sizeof(msg.name), "%.64s", name);
	snprintf(msg.state, sizeof(msg.state), "%.15s", state);
	send(fd, &msg, sizeof(msg), MSG_DONTWAIT | MSG_NOSIGNAL);
	close(fd);
}

int iso_state_subscribe(const char *base)
{
	struct timespec tick = { 0, 10 * 1000 * 1000 };
	int fd, ret, tries;

	/*
	 * A monitord that was leaving may hold the store a moment longer:
	 * one is started again every tenth try, for two seconds.
	 */
	for (tries = 0; tries < 200; tries++) {
		fd = connect_store(base, SOCK_NONBLOCK);
		if (fd != -ENOENT && fd != -ECONNREFUSED)
			return fd;
		if (tries % 10 == 0) {
			ret = iso_monitord_spawn(base);
			if (ret)
				return ret;
		}
		nanosleep(&tick, NULL);
	}
	return fd;
}

int iso_state_recv(int fd, struct iso_state_msg *msg)
{
	ssize_t n;

	do {
		n = recv(fd, msg, sizeof(*msg), MSG_DONTWAIT);
		if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
			return 0;
		if (n < 0 && errno != EINTR)
			return errno == ECONNRESET ? -EPIPE : -errno;
		if (n == 0)
			return -EPIPE;
	} while (n != sizeof(*msg) || msg->magic != ISO_STATE_MAGIC);
	msg->name[sizeof(msg->name) - 1] = '\0';
	msg->state[sizeof(msg->state) - 1] = '\0';
	return 1;
}
