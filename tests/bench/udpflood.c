// SPDX-License-Identifier: GPL-2.0
/*
 * udpflood: IPv4 UDP packets as fast as one CPU sends them.
 *
 *   udpflood sink ADDR PORT          bind, say "listening" on stderr, and
 *				      never read: what arrives is delivered
 *				      and, once the buffer is full, dropped
 *   udpflood send ADDR PORT N SIZE   send N datagrams of SIZE bytes on a
 *				      connected socket, pinned to CPU 0, and
 *				      print the mean ns per packet
 *
 * Over a veth the receiving side runs in the sender's own softirq, on the
 * same CPU: the time per packet covers both ends' netfilter hooks.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static void die(const char *what)
{
	fprintf(stderr, "udpflood: %s: %s\n", what, strerror(errno));
	exit(1);
}

static long long now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

int main(int argc, char **argv)
{
	struct sockaddr_in sa = { .sin_family = AF_INET };
	long long t0, n, i, failed = 0;
	char buf[1500];
	cpu_set_t set;
	int fd, size;

	if (argc < 4 || inet_pton(AF_INET, argv[2], &sa.sin_addr) != 1) {
		fprintf(stderr, "usage: udpflood sink|send ADDR PORT [N SIZE]\n");
		return 2;
	}
	sa.sin_port = htons(atoi(argv[3]));
	fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		die("socket");
	if (argc == 4 && !strcmp(argv[1], "sink")) {
		if (bind(fd, (struct sockaddr *)&sa, sizeof(sa)))
			die("bind");
		fprintf(stderr, "listening\n");
		for (;;)
			pause();
	}
	if (argc != 6 || strcmp(argv[1], "send"))
		return 2;
	n = atoll(argv[4]);
	size = atoi(argv[5]);
	if (n <= 0 || size < 0 || size > (int)sizeof(buf))
		return 2;
	CPU_ZERO(&set);
	CPU_SET(0, &set);
	if (sched_setaffinity(0, sizeof(set), &set))
		die("sched_setaffinity");
	if (connect(fd, (struct sockaddr *)&sa, sizeof(sa)))
		die("connect");
	memset(buf, 'f', size);
	t0 = now_ns();
	for (i = 0; i < n; i++)
		if (send(fd, buf, size, 0) != size)
			failed++;
	printf("%lld\n", (now_ns() - t0) / n);
	if (failed)
		fprintf(stderr, "udpflood: %lld of %lld sends failed\n", failed, n);
	return failed ? 1 : 0;
}
