// SPDX-License-Identifier: GPL-2.0
/*
 * The container's setup child hands fds to its monitor: ptys, a listener;
 * the monitor hands a console client the ring buffer's memfd.
 */
#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "runtime/fd_pass.h"

int iso_send_fds(int sk, unsigned char tag, const int *fds, int n)
{
	union {
		char buf[CMSG_SPACE(2 * sizeof(int))];
		struct cmsghdr align;
	} u;
	struct iovec iov = { .iov_base = &tag, .iov_len = 1 };
	struct msghdr msg = {
		.msg_iov = &iov, .msg_iovlen = 1,
		.msg_control = u.buf, .msg_controllen = CMSG_SPACE(n * sizeof(int)),
	};
	struct cmsghdr *cm = CMSG_FIRSTHDR(&msg);

	if (n < 1 || n > 2)
		return -EINVAL;
	cm->cmsg_level = SOL_SOCKET;
	cm->cmsg_type = SCM_RIGHTS;
	cm->cmsg_len = CMSG_LEN(n * sizeof(int));
	memcpy(CMSG_DATA(cm), fds, n * sizeof(int));
	return sendmsg(sk, &msg, 0) == 1 ? 0 : -errno;
}

ssize_t iso_recv_fds(int sk, void *buf, size_t len, int fds[2], int *n_fds)
{
	union {
		char buf[CMSG_SPACE(2 * sizeof(int))];
		struct cmsghdr align;
	} u;
	struct iovec iov = { .iov_base = buf, .iov_len = len };
	struct msghdr msg = {
		.msg_iov = &iov, .msg_iovlen = 1,
		.msg_control = u.buf, .msg_controllen = sizeof(u.buf),
	};
	struct cmsghdr *cm;
	ssize_t n = recvmsg(sk, &msg, MSG_CMSG_CLOEXEC);
	int got[2], i, k;

	*n_fds = 0;
	if (n < 0)
		return -errno;
	/* the kernel installs no more than the control buffer holds: two */
	for (cm = CMSG_FIRSTHDR(&msg); cm; cm = CMSG_NXTHDR(&msg, cm)) {
		if (cm->cmsg_level != SOL_SOCKET || cm->cmsg_type != SCM_RIGHTS)
			continue;
		k = (cm->cmsg_len - CMSG_LEN(0)) / sizeof(int);
		memcpy(got, CMSG_DATA(cm), k * sizeof(int));
		for (i = 0; i < k; i++) {
			if (*n_fds < 2)
				fds[(*n_fds)++] = got[i];
			else
				close(got[i]);
		}
	}
	return n;
}
