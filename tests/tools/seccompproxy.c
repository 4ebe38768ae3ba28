// SPDX-License-Identifier: GPL-2.0
/*
 * seccompproxy PATH VAL: a proxy for lxc.seccomp.notify.proxy, speaking
 * LXC's wire format (lxcseccomp.h's struct seccomp_notify_proxy_msg, the
 * kernel's seccomp_notif and seccomp_notif_resp, the cookie; the task's
 * /proc/PID, its memory and the listener as SCM_RIGHTS).  It listens on
 * the SOCK_SEQPACKET socket PATH, takes one connection, and answers each
 * call with VAL as its return value, printing a line for each:
 *
 *	nr=NR pid=PID init=PID monitor=PID cookie=COOKIE fds=3 procdir=1 mem=rw listener=1 sizes=1
 *
 * (the fds: /proc/PID a directory, its memory open for reading and
 * writing, the listener a seccomp notify one; the sizes the kernel's)
 * until the monitor hangs up.  "listening" first, once it listens.
 * Written from the protocol, for the tests.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <linux/seccomp.h>
#include <fcntl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/un.h>

struct proxy_msg {
	uint64_t reserved;
	pid_t monitor_pid;
	pid_t init_pid;
	struct seccomp_notif_sizes sizes;
	uint64_t cookie_len;
};

static int serve(int sk, long long val)
{
	char buf[4096], cookie[512];
	union {
		char b[CMSG_SPACE(3 * sizeof(int))];
		struct cmsghdr align;
	} u;
	struct iovec iov = { .iov_base = buf, .iov_len = sizeof(buf) };
	struct msghdr msg = {
		.msg_iov = &iov, .msg_iovlen = 1,
		.msg_control = u.b, .msg_controllen = sizeof(u.b),
	};
	struct proxy_msg *m = (struct proxy_msg *)buf;
	struct seccomp_notif_sizes sizes = { 0 };
	char path[64], link[64] = "";
	struct seccomp_notif *req;
	struct seccomp_notif_resp *resp;
	struct cmsghdr *cm;
	int fds[3] = { -1, -1, -1 }, nfds = 0, i;
	struct stat st;
	size_t base;
	ssize_t n = recvmsg(sk, &msg, MSG_CMSG_CLOEXEC);

	if (n <= 0)
		return n < 0 ? -errno : 1;
	if ((size_t)n < sizeof(*m))
		return -EPROTO;
	base = sizeof(*m) + m->sizes.seccomp_notif + m->sizes.seccomp_notif_resp;
	if ((size_t)n != base + m->cookie_len || m->cookie_len >= sizeof(cookie))
		return -EPROTO;
	cm = CMSG_FIRSTHDR(&msg);
	if (cm && cm->cmsg_type == SCM_RIGHTS) {
		nfds = (cm->cmsg_len - CMSG_LEN(0)) / sizeof(int);
		if (nfds > 3)
			return -EPROTO;
		memcpy(fds, CMSG_DATA(cm), nfds * sizeof(int));
	}
	req = (struct seccomp_notif *)(buf + sizeof(*m));
	resp = (struct seccomp_notif_resp *)(buf + sizeof(*m) + m->sizes.seccomp_notif);
	memcpy(cookie, buf + base, m->cookie_len);
	cookie[m->cookie_len] = '\0';
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fds[2]);
	if (nfds != 3 || readlink(path, link, sizeof(link) - 1) < 0)
		link[0] = '\0';
	syscall(SYS_seccomp, SECCOMP_GET_NOTIF_SIZES, 0, &sizes);
	printf("nr=%d pid=%u init=%d monitor=%d cookie=%s fds=%d procdir=%d mem=%s listener=%d sizes=%d\n",
	       req->data.nr, req->pid, m->init_pid, m->monitor_pid, cookie, nfds,
	       nfds == 3 && !fstat(fds[0], &st) && S_ISDIR(st.st_mode),
	       nfds == 3 && (fcntl(fds[1], F_GETFL) & O_ACCMODE) == O_RDWR ? "rw" : "-",
	       !strcmp(link, "anon_inode:seccomp notify"),
	       !m->reserved && !memcmp(&sizes, &m->sizes, sizeof(sizes)));
	fflush(stdout);
	for (i = 0; i < nfds; i++)
		close(fds[i]);
	resp->id = req->id;
	resp->val = val;
	resp->error = 0;
	resp->flags = 0;
	return send(sk, buf, base, 0) == (ssize_t)base ? 0 : -errno;
}

int main(int argc, char **argv)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	int lsk, sk, ret;

	if (argc != 3 || strlen(argv[1]) >= sizeof(sa.sun_path)) {
		fprintf(stderr, "usage: seccompproxy PATH VAL\n");
		return 2;
	}
	strcpy(sa.sun_path, argv[1]);
	lsk = socket(AF_UNIX, SOCK_SEQPACKET, 0);
	unlink(argv[1]);
	if (lsk < 0 || bind(lsk, (struct sockaddr *)&sa, sizeof(sa)) ||
	    listen(lsk, 1)) {
		perror("seccompproxy: listening");
		return 1;
	}
	printf("listening\n");
	fflush(stdout);
	sk = accept(lsk, NULL, NULL);
	if (sk < 0) {
		perror("seccompproxy: accepting");
		return 1;
	}
	while (!(ret = serve(sk, strtoll(argv[2], NULL, 10))))
		;
	if (ret < 0)
		fprintf(stderr, "seccompproxy: %s\n", strerror(-ret));
	return ret < 0;
}
