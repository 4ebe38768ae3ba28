// SPDX-License-Identifier: GPL-2.0
/* Publishing containers' state changes, and listening to them. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "runtime/monitord.h"
#include "runtime/state_events.h"

/*
 * How long a publisher waits for a swamped monitord to take its
 * connection, and then its change: twice this at most.
 */
#define PUBLISH_WAIT_US (100 * 1000)

/* How long a listener waits for monitord's answer to its hello. */
#define HELLO_WAIT_MS 2000

static int connect_monitord(const struct iso_monitord_addr *a)
{
	struct timeval tv = { .tv_usec = PUBLISH_WAIT_US };
	int fd, ret;

	ret = iso_monitord_dir_check();
	if (ret)
		return ret;
	fd = socket(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -errno;
	/* a full backlog makes connect wait: for this long at most */
	setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
	if (connect(fd, (const struct sockaddr *)&a->sa, sizeof(a->sa))) {
		ret = -errno;
		close(fd);
		return ret;
	}
	return fd;
}

void iso_state_publish(const char *base, const char *name, const char *state,
		       pid_t pid)
{
	struct iso_monitord_addr a;
	struct iso_state_msg msg;
	struct timespec now;
	int fd;

	if (iso_monitord_addr(&a, base))
		return;
	fd = connect_monitord(&a);
	if (fd < 0)
		return;		/* no monitord: nobody is listening */
	memset(&msg, 0, sizeof(msg));
	msg.magic = ISO_STATE_MAGIC;
	msg.pid = pid;
	clock_gettime(CLOCK_REALTIME, &now);
	msg.time_ns = now.tv_sec * 1000000000ULL + now.tv_nsec;
	snprintf(msg.name, sizeof(msg.name), "%.64s", name);
	snprintf(msg.state, sizeof(msg.state), "%.15s", state);
	send(fd, &msg, sizeof(msg), MSG_NOSIGNAL);
	close(fd);
}

/*
 * Say hello and wait for monitord's answer: -EPIPE if it closed instead,
 * as one on its way out does with what was still in its backlog.
 */
static int hello(int fd)
{
	struct pollfd pfd = { .fd = fd, .events = POLLIN };
	struct iso_state_msg msg;
	ssize_t n;

	memset(&msg, 0, sizeof(msg));
	msg.magic = ISO_STATE_HELLO;
	if (send(fd, &msg, sizeof(msg), MSG_NOSIGNAL) != sizeof(msg))
		return -EPIPE;
	if (poll(&pfd, 1, HELLO_WAIT_MS) != 1)
		return -ETIMEDOUT;	/* EINTR too: it is tried again */
	n = recv(fd, &msg, sizeof(msg), 0);
	return n == sizeof(msg) && msg.magic == ISO_STATE_HELLO ? 0 : -EPIPE;
}

int iso_state_subscribe(const char *base)
{
	struct timespec tick = { 0, 10 * 1000 * 1000 };
	struct iso_monitord_addr a;
	int fd, ret, tries;

	ret = iso_monitord_addr(&a, base);
	if (ret)
		return ret;
	/*
	 * One that was leaving may hold the store a moment longer: one is
	 * started again every tenth try, for two seconds.
	 */
	for (tries = 0; tries < 200; tries++) {
		fd = connect_monitord(&a);
		if (fd >= 0) {
			ret = hello(fd);
			if (!ret && fcntl(fd, F_SETFL, O_NONBLOCK))
				ret = -errno;
			if (!ret)
				return fd;
			close(fd);
			if (ret != -EPIPE && ret != -ETIMEDOUT)
				return ret;
		} else if (fd != -ENOENT && fd != -ECONNREFUSED &&
			   fd != -EAGAIN) {
			return fd;	/* a full backlog is tried again */
		}
		if (tries % 10 == 0) {
			ret = iso_monitord_spawn(&a);
			if (ret)
				return ret;
		}
		nanosleep(&tick, NULL);
	}
	return -ETIMEDOUT;
}

int iso_state_recv(int fd, struct iso_state_msg *msg)
{
	ssize_t n;

	for (;;) {
		n = recv(fd, msg, sizeof(*msg), MSG_DONTWAIT);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
			return 0;
		if (n < 0 && errno != ECONNRESET)
			return -errno;
		if (n <= 0)
			return -EPIPE;
		if (n == sizeof(*msg) && msg->magic == ISO_STATE_MAGIC)
			break;
	}
	msg->name[sizeof(msg->name) - 1] = '\0';
	msg->state[sizeof(msg->state) - 1] = '\0';
	return 1;
}
