// SPDX-License-Identifier: GPL-2.0
/*
 * nlfuzz SECONDS [SEED]: throw random and mutated requests at the iso
 * family for SECONDS, from two processes: one as root with every
 * capability, one as root with none.  An fd 3 it inherits, a cgroup
 * directory say, is among the fds the requests name.  Requests are built from what the
 * policies take, then broken: every command number and a few past the
 * last, attribute types past the max, wrong lengths and types, nests in
 * nests, huge, zero and negative numbers, strings too long, unterminated
 * or not printable, fds of anything, NLM_F_DUMP or not.
 *
 * Each request must be answered (ACK, error or a well-formed dump) within
 * two seconds, and at the end GET_INFO must still work.  Prints the
 * requests sent and the errors seen, and exits non-zero on a hang, a
 * malformed reply or a module that no longer answers; the guest's dmesg
 * check catches the rest.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/capability.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>
#include <linux/iso.h>

#include "kernel/genl.h"

#define BUF_SIZE	8192
#define MAX_DEPTH	4

static unsigned int seed;
static int family;
static int fds[4];			/* fds a request may name */

static unsigned int rnd(unsigned int n)
{
	return n ? (unsigned int)rand_r(&seed) % n : 0;
}

/* Numbers a policy's bounds and a u32 or u64 read get wrong. */
static uint64_t number(void)
{
	static const uint64_t edge[] = {
		0, 1, 2, 63, 64, 255, 4096, 0x7fffffff, 0x80000000,
		0xffffffff, 0x100000000ull, 0x7fffffffffffffffull,
		0xffffffffffffffffull, 0xfffffffffffffff0ull,
	};

	return rnd(3) ? edge[rnd(sizeof(edge) / sizeof(edge[0]))] :
			(uint64_t)rand_r(&seed) << 32 | rand_r(&seed);
}

/* A payload of @len bytes: a number, a string, an fd, or noise. */
static void payload(unsigned char *p, int len)
{
	static const char *const words[] = {
		"c1", "", "..", "/", "iso", "a\nb", "\x1b[2J", "c1 c2",
		"0123456789012345678901234567890123456789012345678901234567890123",
	};
	const char *w;
	uint64_t v;
	int i, fd;

	switch (rnd(4)) {
	case 0:
		v = number();
		memcpy(p, &v, len < 8 ? len : 8);
		break;
	case 1:
		w = words[rnd(sizeof(words) / sizeof(words[0]))];
		for (i = 0; i < len; i++)
			p[i] = w[0] ? w[i % (strlen(w) + 1)] : 0;
		if (rnd(2) && len)
			p[len - 1] = 0;
		break;
	case 2:
		fd = rnd(3) ? fds[rnd(4)] : (int)number();
		memcpy(p, &fd, len < 4 ? len : 4);
		break;
	default:
		for (i = 0; i < len; i++)
			p[i] = rnd(256);
	}
}

/*
 * One ISO_A_CONTAINER_* attribute as its policy wants it, mostly: the
 * requests that get past the first checks to the handlers.
 */
static int container_attr(unsigned char *p, int room)
{
	static const struct {
		int type, len;
	} typed[] = {
		{ ISO_A_CONTAINER_NAME, -1 }, { ISO_A_CONTAINER_CGROUP_ID, 8 },
		{ ISO_A_CONTAINER_CGROUP_FD, 4 }, { ISO_A_CONTAINER_INIT_PID, 4 },
		{ ISO_A_CONTAINER_CGROUP_PATH, -1 },
	};
	struct nlattr *a = (struct nlattr *)p;
	int i = rnd(sizeof(typed) / sizeof(typed[0])), len = typed[i].len;

	if (len < 0)
		len = 1 + rnd(ISO_NAME_MAX + 8);
	if (NLA_HDRLEN + len > room)
		return 0;
	a->nla_type = typed[i].type;
	a->nla_len = NLA_HDRLEN + len;
	payload(p + NLA_HDRLEN, len);
	return NLA_ALIGN(a->nla_len);
}

/* ISO_A_CONTAINER with a few of its attributes, as isoctl sends it. */
static int container_nest(unsigned char *p, int room)
{
	struct nlattr *a = (struct nlattr *)p;
	int used = NLA_HDRLEN, n = 1 + rnd(3), i;

	for (i = 0; i < n; i++)
		used += container_attr(p + used, room - used);
	a->nla_type = ISO_A_CONTAINER | (rnd(4) ? NLA_F_NESTED : 0);
	a->nla_len = used;
	return used;
}

/* Attributes into @p, at most @room bytes; returns the bytes used. */
static int attrs(unsigned char *p, int room, int depth)
{
	static const int lens[] = { 0, 1, 2, 3, 4, 5, 8, 9, 16, 63, 64, 65, 300 };
	int used = 0, n = rnd(6), i, len, total;
	struct nlattr *a;

	for (i = 0; i < n && room - used >= NLA_HDRLEN + 8; i++) {
		a = (struct nlattr *)(p + used);
		a->nla_type = rnd(4) ? rnd(ISO_A_CONTAINER_MAX + 3) : rnd(0x10000);
		if (depth < MAX_DEPTH && !rnd(3)) {
			if (rnd(2))
				a->nla_type |= NLA_F_NESTED;
			len = attrs(p + used + NLA_HDRLEN,
				    room - used - NLA_HDRLEN, depth + 1);
		} else {
			len = lens[rnd(sizeof(lens) / sizeof(lens[0]))];
			if (len > room - used - NLA_HDRLEN)
				len = room - used - NLA_HDRLEN;
			payload(p + used + NLA_HDRLEN, len);
		}
		a->nla_len = NLA_HDRLEN + len;
		total = NLA_ALIGN(a->nla_len);
		/* a length that lies: short of its header, or past the end */
		if (!rnd(12))
			a->nla_len = rnd(2) ? rnd(NLA_HDRLEN) : a->nla_len + 1 + rnd(64);
		used += total;
	}
	return used;
}

static int send_request(int sk, unsigned char *buf, unsigned int *n)
{
	struct nlmsghdr *nh = (struct nlmsghdr *)buf;
	struct genlmsghdr *gh = NLMSG_DATA(nh);
	unsigned char *p = (unsigned char *)(gh + 1);
	int room = BUF_SIZE - NLMSG_HDRLEN - GENL_HDRLEN;
	int len = rnd(3) ? container_nest(p, room) : attrs(p, room, 0);

	nh->nlmsg_len = NLMSG_HDRLEN + GENL_HDRLEN + len;
	nh->nlmsg_type = family;
	/* mostly the family's own commands, and dumps where there is one */
	gh->cmd = rnd(5) ? 1 + rnd(ISO_CMD_MAX) : rnd(ISO_CMD_MAX + 4);
	nh->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	if (gh->cmd == ISO_CMD_CONTAINER_GET ? rnd(2) : !rnd(10))
		nh->nlmsg_flags |= NLM_F_DUMP;
	nh->nlmsg_seq = ++*n;
	nh->nlmsg_pid = 0;
	gh->version = rnd(4) ? ISO_GENL_VERSION : rnd(256);
	gh->reserved = rnd(8) ? 0 : rnd(0x10000);
	/*
	 * Now and then a message cut short; not short of its netlink
	 * header, which the kernel drops without a word.
	 */
	if (!rnd(20))
		nh->nlmsg_len = NLMSG_HDRLEN + rnd(nh->nlmsg_len - NLMSG_HDRLEN);
	return send(sk, buf, nh->nlmsg_len, 0) < 0 ? -errno : 0;
}

/*
 * Read until the request is answered: its ACK or error, or a dump's end.
 * The errno seen goes to @err (0: acked).  -1 on a hang or a malformed
 * reply.
 */
static int read_reply(int sk, unsigned int seq, int *err)
{
	static unsigned char buf[65536];
	struct nlmsghdr *nh;
	ssize_t n;
	int left;

	for (;;) {
		n = recv(sk, buf, sizeof(buf), 0);
		if (n < 0) {
			fprintf(stderr, "nlfuzz: request %u: %s\n", seq,
				errno == EAGAIN ? "no answer in 2 s" : strerror(errno));
			return -1;
		}
		left = n;
		for (nh = (struct nlmsghdr *)buf; NLMSG_OK(nh, left);
		     nh = NLMSG_NEXT(nh, left)) {
			if (nh->nlmsg_seq != seq)
				continue;	/* an earlier dump's rest */
			if (nh->nlmsg_type == NLMSG_ERROR) {
				*err = -((struct nlmsgerr *)NLMSG_DATA(nh))->error;
				if (*err < 0 || *err > 4095) {
					fprintf(stderr, "nlfuzz: request %u: error %d\n",
						seq, -*err);
					return -1;
				}
				return 0;
			}
			if (nh->nlmsg_type == NLMSG_DONE) {
				*err = 0;
				return 0;
			}
			if (nh->nlmsg_type != family) {
				fprintf(stderr, "nlfuzz: request %u: reply of type %u\n",
					seq, nh->nlmsg_type);
				return -1;
			}
		}
		if (left) {
			fprintf(stderr, "nlfuzz: request %u: %d bytes of a broken reply\n",
				seq, left);
			return -1;
		}
	}
}

static int drop_caps(void)
{
	cap_t none = cap_init();
	int ret = none ? cap_set_proc(none) : -1;

	cap_free(none);
	return ret;
}

/* One sender's loop: its counts, or exit 1 on a hang or a bad reply. */
static int run(int seconds, bool privileged)
{
	static unsigned char buf[BUF_SIZE];
	struct timeval tv = { .tv_sec = 2 };
	unsigned int n = 0, by_errno[4096] = { 0 };
	time_t end = time(NULL) + seconds;
	int sk, err, i;

	if (!privileged && drop_caps()) {
		perror("nlfuzz: dropping capabilities");
		return 1;
	}
	sk = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_GENERIC);
	if (sk < 0 || setsockopt(sk, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv))) {
		perror("nlfuzz: socket");
		return 1;
	}
	while (time(NULL) < end) {
		memset(buf, 0, NLMSG_HDRLEN + GENL_HDRLEN);
		if (send_request(sk, buf, &n))
			continue;	/* too short to send: the kernel said so */
		if (read_reply(sk, n, &err))
			return 1;
		by_errno[err]++;
	}
	printf("nlfuzz: %u requests %s capabilities:", n,
	       privileged ? "with all" : "without");
	for (i = 0; i < 4096; i++)
		if (by_errno[i])
			printf(" %s %u;", i ? strerrorname_np(i) : "ok", by_errno[i]);
	printf("\n");
	return 0;
}

int main(int argc, char **argv)
{
	struct iso_info info;
	struct iso_genl g;
	int seconds, status, bad = 0, i;
	pid_t pid[2];

	if (argc < 2 || argc > 3 || (seconds = atoi(argv[1])) <= 0) {
		fprintf(stderr, "usage: nlfuzz SECONDS [SEED]\n");
		return 2;
	}
	seed = argc == 3 ? strtoul(argv[2], NULL, 0) : (unsigned int)time(NULL);
	printf("nlfuzz: seed %u\n", seed);
	if (iso_genl_open(&g))
		return 1;
	family = g.family;
	fds[0] = open("/sys/fs/cgroup", O_RDONLY | O_DIRECTORY);
	fds[1] = open("/", O_RDONLY | O_DIRECTORY);
	fds[2] = open("/dev/null", O_RDWR);
	fds[3] = fcntl(3, F_GETFD) < 0 ? 0 : 3;
	fflush(NULL);
	for (i = 0; i < 2; i++) {
		pid[i] = fork();
		if (!pid[i]) {
			seed += i;
			status = run(seconds, i == 0);
			fflush(stdout);
			_exit(status);
		}
	}
	for (i = 0; i < 2; i++)
		if (waitpid(pid[i], &status, 0) < 0 || !WIFEXITED(status) ||
		    WEXITSTATUS(status))
			bad++;
	if (iso_genl_get_info(&g, &info)) {
		fprintf(stderr, "nlfuzz: GET_INFO failed after fuzzing\n");
		bad++;
	} else {
		printf("nlfuzz: the module still answers: ABI %u, %u containers\n",
		       info.abi_version, info.containers);
	}
	iso_genl_close(&g);
	return bad ? 1 : 0;
}
