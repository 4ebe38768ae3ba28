// SPDX-License-Identifier: GPL-2.0
/*
 * lxc.seccomp.notify.proxy and .cookie: start's monitor forwards each
 * call a notify rule stops to a proxy, as LXC 5.0.2's seccomp.c does, in
 * LXC's wire format, so that a proxy written for LXC (LXD's, say) serves
 * isoctl's containers too.  A message is struct notify_proxy_msg, the
 * kernel's seccomp_notif and seccomp_notif_resp (sized as the kernel
 * says), and the cookie; with it go the task's /proc/PID directory, its
 * memory, and the listener.  The proxy sends back the same but the
 * cookie, its answer in the response.
 */
#include <errno.h>
#include <stdbool.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <linux/seccomp.h>
#include <seccomp.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/un.h>

#include "config/config.h"
#include "error.h"
#include "runtime/seccomp_notify.h"

/* LXC's struct seccomp_notify_proxy_msg (lxcseccomp.h), its wire format */
struct notify_proxy_msg {
	uint64_t reserved;	/* 0 both ways */
	pid_t monitor_pid;
	pid_t init_pid;
	struct seccomp_notif_sizes sizes;
	uint64_t cookie_len;
	/* then seccomp_notif, seccomp_notif_resp and the cookie */
};

void iso_seccomp_notify_init(struct iso_seccomp_notify *n)
{
	n->listener = -1;
	n->proxy = -1;
	n->req = NULL;
	n->resp = NULL;
}

/* A SOCK_SEQPACKET connection to "/PATH" or "@NAME", 30 s timeouts. */
static int proxy_connect(const char *addr)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	struct timeval tv = { .tv_sec = 30 };
	socklen_t len = offsetof(struct sockaddr_un, sun_path) + strlen(addr);
	int fd;

	memcpy(sa.sun_path, addr, strlen(addr));
	if (addr[0] == '@')
		sa.sun_path[0] = '\0';	/* abstract */
	else
		len++;			/* and its NUL */
	fd = socket(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -errno;
	/* the send timeout first: a full backlog holds connect() too */
	if (setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv)) ||
	    setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv)) ||
	    connect(fd, (struct sockaddr *)&sa, len)) {
		int err = -errno;

		close(fd);
		return err;
	}
	return fd;
}

int iso_seccomp_notify_connect(const struct iso_config *cfg,
			       struct iso_seccomp_notify *n)
{
	/* libseccomp's buffers are of the kernel's sizes, which go with each */
	if (syscall(SYS_seccomp, SECCOMP_GET_NOTIF_SIZES, 0, &n->sizes))
		return iso_fail(-errno, "seccomp: notifications of",
				cfg->seccomp_profile);
	if (seccomp_notify_alloc(&n->req, &n->resp))
		return iso_fail(-ENOMEM, "seccomp: notifications of",
				cfg->seccomp_profile);
	if (!cfg->seccomp_notify_proxy[0])
		return 0;
	n->proxy = proxy_connect(cfg->seccomp_notify_proxy);
	if (n->proxy < 0)
		return iso_fail(n->proxy, "lxc.seccomp.notify.proxy: connecting to",
				cfg->seccomp_notify_proxy);
	return 0;
}

/*
 * 0, or -errno: libseccomp says -ECANCELED for any failure, the ioctl's
 * errno is in errno (ENOENT: the task is gone, or its call interrupted).
 */
static int respond(struct iso_seccomp_notify *n)
{
	return seccomp_notify_respond(n->listener, n->resp) ? -errno : 0;
}

static void answer(struct iso_seccomp_notify *n, uint64_t id, int error,
		   int64_t val)
{
	int ret;

	n->resp->id = id;
	n->resp->error = error;
	n->resp->val = val;
	n->resp->flags = 0;
	ret = respond(n);
	if (ret && ret != -ENOENT)
		iso_fail(ret, "seccomp: answering", "a notification");
}

/* The task's /proc/PID and its memory, for the proxy: 0, or -errno. */
static int task_fds(const struct iso_seccomp_notify *n, int fds[2])
{
	char path[32];

	snprintf(path, sizeof(path), "/proc/%u", n->req->pid);
	fds[0] = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	snprintf(path, sizeof(path), "/proc/%u/mem", n->req->pid);
	fds[1] = fds[0] < 0 ? -1 : open(path, O_RDWR | O_CLOEXEC);
	/* still the task that made the call, not one with its pid since */
	if (fds[1] >= 0 && !seccomp_notify_id_valid(n->listener, n->req->id))
		return 0;
	if (fds[0] >= 0)
		close(fds[0]);
	if (fds[1] >= 0)
		close(fds[1]);
	return -ESRCH;
}

static ssize_t forward(const struct iso_config *cfg,
		       struct iso_seccomp_notify *n, struct notify_proxy_msg *m,
		       const int fds[3])
{
	union {
		char buf[CMSG_SPACE(3 * sizeof(int))];
		struct cmsghdr align;
	} u;
	struct iovec iov[4] = {
		{ .iov_base = m, .iov_len = sizeof(*m) },
		{ .iov_base = n->req, .iov_len = m->sizes.seccomp_notif },
		{ .iov_base = n->resp, .iov_len = m->sizes.seccomp_notif_resp },
		{ .iov_base = (char *)cfg->seccomp_notify_cookie,
		  .iov_len = m->cookie_len },
	};
	struct msghdr msg = {
		.msg_iov = iov, .msg_iovlen = m->cookie_len ? 4 : 3,
		.msg_control = u.buf, .msg_controllen = sizeof(u.buf),
	};
	struct cmsghdr *cm = CMSG_FIRSTHDR(&msg);

	cm->cmsg_level = SOL_SOCKET;
	cm->cmsg_type = SCM_RIGHTS;
	cm->cmsg_len = CMSG_LEN(3 * sizeof(int));
	memcpy(CMSG_DATA(cm), fds, 3 * sizeof(int));
	return sendmsg(n->proxy, &msg, MSG_NOSIGNAL);
}

/* The proxy's answer: the message, the call and the response, no more. */
static ssize_t reply(struct iso_seccomp_notify *n, struct notify_proxy_msg *m)
{
	struct iovec iov[3] = {
		{ .iov_base = m, .iov_len = sizeof(*m) },
		{ .iov_base = n->req, .iov_len = m->sizes.seccomp_notif },
		{ .iov_base = n->resp, .iov_len = m->sizes.seccomp_notif_resp },
	};
	struct msghdr msg = { .msg_iov = iov, .msg_iovlen = 3 };
	ssize_t got;

	do {
		got = recvmsg(n->proxy, &msg, MSG_TRUNC | MSG_CMSG_CLOEXEC);
	} while (got < 0 && errno == EINTR);
	return got;
}

/* The proxy again, where it went away (or was not there at the start). */
static bool reconnect(const struct iso_config *cfg, struct iso_seccomp_notify *n)
{
	if (!cfg->seccomp_notify_proxy[0])
		return false;
	if (n->proxy >= 0)
		close(n->proxy);
	n->proxy = proxy_connect(cfg->seccomp_notify_proxy);
	return n->proxy >= 0;
}

/* A proxy that answered out of step: its late answers are not the next call's. */
static void drop_proxy(const struct iso_config *cfg, struct iso_seccomp_notify *n)
{
	iso_fail(-EPROTO, "seccomp: no answer from", cfg->seccomp_notify_proxy);
	close(n->proxy);
	n->proxy = -1;
}

void iso_seccomp_notify_serve(const struct iso_config *cfg,
			      struct iso_seccomp_notify *n, pid_t init)
{
	struct notify_proxy_msg m;
	int fds[3] = { -1, -1, n->listener }, ret;
	size_t base;
	ssize_t sent;
	uint64_t id;

	memset(&m, 0, sizeof(m));	/* its padding too: it is sent */
	m.monitor_pid = getpid();
	m.init_pid = init;
	m.cookie_len = strlen(cfg->seccomp_notify_cookie);
	m.sizes = n->sizes;
	memset(n->req, 0, m.sizes.seccomp_notif);
	ret = seccomp_notify_receive(n->listener, n->req) ? -errno : 0;
	/* ENOENT: the task went, or its call was interrupted, meanwhile */
	if (ret == -ENOENT)
		return;
	if (ret) {
		/* not to be polled for ever: its calls get ENOSYS from now on */
		iso_fail(ret, "seccomp: reading", "a notification");
		close(n->listener);
		n->listener = -1;
		return;
	}
	id = n->req->id;
	if ((n->proxy < 0 && !reconnect(cfg, n)) || task_fds(n, fds)) {
		answer(n, id, -ENOSYS, 0);
		return;
	}
	base = sizeof(m) + m.sizes.seccomp_notif + m.sizes.seccomp_notif_resp;
	memset(n->resp, 0, m.sizes.seccomp_notif_resp);
	n->resp->id = id;
	sent = forward(cfg, n, &m, fds);
	/* a proxy that went away and came back gets it, as LXC retries once */
	if (sent != (ssize_t)(base + m.cookie_len) && reconnect(cfg, n))
		sent = forward(cfg, n, &m, fds);
	close(fds[0]);
	close(fds[1]);
	if (sent != (ssize_t)(base + m.cookie_len) || reply(n, &m) != (ssize_t)base ||
	    m.reserved || n->resp->id != id) {
		drop_proxy(cfg, n);
		answer(n, id, -ENOSYS, 0);
		return;
	}
	/* the proxy's answer, flags (CONTINUE) too; one the kernel refuses: ENOSYS */
	ret = respond(n);
	if (ret && ret != -ENOENT) {
		iso_fail(ret, "seccomp: taking the answer of", cfg->seccomp_notify_proxy);
		answer(n, id, -ENOSYS, 0);
	}
}

void iso_seccomp_notify_close(struct iso_seccomp_notify *n)
{
	if (n->listener >= 0)
		close(n->listener);
	if (n->proxy >= 0)
		close(n->proxy);
	seccomp_notify_free(n->req, n->resp);
	iso_seccomp_notify_init(n);
}
