// SPDX-License-Identifier: GPL-2.0
/*
 * nettraffic: known IPv4 and IPv6 traffic for the net controller's tests.
 *
 *   nettraffic tcp-serve ADDR PORT   accept one connection, read it to
 *				      its end; print "read N"
 *   nettraffic tcp-send ADDR PORT BYTES
 *				      connect, send BYTES, close; print
 *				      "sent N" or "connect: ERRNO-NAME"
 *   nettraffic udp-recv ADDR PORT COUNT SECONDS
 *				      receive up to COUNT datagrams within
 *				      SECONDS; print "received N"
 *   nettraffic udp-send ADDR PORT COUNT SIZE
 *				      send COUNT datagrams of SIZE bytes from
 *				      an unconnected socket; print "sent N
 *				      refused M ERRNO-NAME" for the last error
 *
 * ADDR is an IPv4 or an IPv6 address, numeric.
 * A server prints "listening" on stderr once it can be reached.  Every
 * wait is bounded: a send or receive that blocks for 3 s ends the run.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

static void die(const char *what)
{
	fprintf(stderr, "nettraffic: %s: %s\n", what, strerror(errno));
	exit(1);
}

static const char *errno_name(int err)
{
	switch (err) {
	case ECONNREFUSED: return "ECONNREFUSED";
	case EPERM: return "EPERM";
	case ETIMEDOUT: return "ETIMEDOUT";
	case EAGAIN: return "EAGAIN";
	case 0: return "none";
	default: return strerror(err);
	}
}

struct addr {
	struct sockaddr_storage ss;
	socklen_t len;
};

static struct addr addr_of(const char *ip, const char *port)
{
	struct sockaddr_in6 *sin6;
	struct sockaddr_in *sin;
	struct addr a = { 0 };

	sin = (struct sockaddr_in *)&a.ss;
	sin6 = (struct sockaddr_in6 *)&a.ss;
	if (inet_pton(AF_INET, ip, &sin->sin_addr) == 1) {
		sin->sin_family = AF_INET;
		sin->sin_port = htons(atoi(port));
		a.len = sizeof(*sin);
	} else if (inet_pton(AF_INET6, ip, &sin6->sin6_addr) == 1) {
		sin6->sin6_family = AF_INET6;
		sin6->sin6_port = htons(atoi(port));
		a.len = sizeof(*sin6);
	} else {
		fprintf(stderr, "nettraffic: %.64s: not an IP address\n", ip);
		exit(2);
	}
	return a;
}

static int socket_timed(const struct addr *a, int type)
{
	struct timeval tv = { .tv_sec = 3 };
	int fd = socket(a->ss.ss_family, type | SOCK_CLOEXEC, 0), on = 1;

	if (fd < 0)
		die("socket");
	if (setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv)) ||
	    setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv)) ||
	    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof(on)))
		die("setsockopt");
	return fd;
}

static int tcp_serve(struct addr a)
{
	int fd = socket_timed(&a, SOCK_STREAM), c;
	struct pollfd pfd = { .events = POLLIN };
	long long total = 0;
	char buf[65536];
	ssize_t n;

	if (bind(fd, (struct sockaddr *)&a.ss, a.len) || listen(fd, 1))
		die("listen");
	fprintf(stderr, "listening\n");
	pfd.fd = fd;
	if (poll(&pfd, 1, 10000) != 1)
		die("no connection in 10 s");
	c = accept(fd, NULL, NULL);
	if (c < 0)
		die("accept");
	while ((n = read(c, buf, sizeof(buf))) > 0)
		total += n;
	printf("read %lld\n", total);
	return 0;
}

static int tcp_send(struct addr a, long long bytes)
{
	int fd = socket_timed(&a, SOCK_STREAM);
	long long total = 0;
	char buf[16384];
	ssize_t n;

	if (connect(fd, (struct sockaddr *)&a.ss, a.len)) {
		printf("connect: %s\n", errno_name(errno));
		return 0;
	}
	memset(buf, 'x', sizeof(buf));
	while (total < bytes) {
		n = write(fd, buf, bytes - total < (long long)sizeof(buf) ?
			  bytes - total : (long long)sizeof(buf));
		if (n <= 0)
			break;
		total += n;
	}
	printf("sent %lld\n", total);
	return 0;
}

static int udp_recv(struct addr a, int count, int seconds)
{
	int fd = socket_timed(&a, SOCK_DGRAM), got = 0;
	struct pollfd pfd = { .events = POLLIN };
	char buf[65536];

	if (bind(fd, (struct sockaddr *)&a.ss, a.len))
		die("bind");
	fprintf(stderr, "listening\n");
	pfd.fd = fd;
	while (got < count && poll(&pfd, 1, seconds * 1000) == 1)
		if (recv(fd, buf, sizeof(buf), 0) >= 0)
			got++;
	printf("received %d\n", got);
	return 0;
}

static int udp_send(struct addr a, int count, int size)
{
	int fd = socket_timed(&a, SOCK_DGRAM), sent = 0, refused = 0, err = 0, i;
	char buf[65536];

	if (size < 0 || size > (int)sizeof(buf))
		return 2;
	memset(buf, 'u', size);
	for (i = 0; i < count; i++) {
		if (sendto(fd, buf, size, 0, (struct sockaddr *)&a.ss,
			   a.len) == size) {
			sent++;
		} else {
			refused++;
			err = errno;
		}
		/* one at a time: the receiver's buffer never overflows */
		usleep(2000);
	}
	printf("sent %d refused %d %s\n", sent, refused, errno_name(err));
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 4 && !strcmp(argv[1], "tcp-serve"))
		return tcp_serve(addr_of(argv[2], argv[3]));
	if (argc == 5 && !strcmp(argv[1], "tcp-send"))
		return tcp_send(addr_of(argv[2], argv[3]), atoll(argv[4]));
	if (argc == 6 && !strcmp(argv[1], "udp-recv"))
		return udp_recv(addr_of(argv[2], argv[3]), atoi(argv[4]),
				atoi(argv[5]));
	if (argc == 6 && !strcmp(argv[1], "udp-send"))
		return udp_send(addr_of(argv[2], argv[3]), atoi(argv[4]),
				atoi(argv[5]));
	fprintf(stderr, "usage: nettraffic tcp-serve|tcp-send|udp-recv|udp-send ...\n");
	return 2;
}
