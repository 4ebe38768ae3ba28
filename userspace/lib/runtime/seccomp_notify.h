/* SPDX-License-Identifier: GPL-2.0 */
#ifndef ISO_SECCOMP_NOTIFY_H
#define ISO_SECCOMP_NOTIFY_H

#include <stdbool.h>
#include <sys/types.h>

#include <linux/seccomp.h>

struct iso_config;

/*
 * What start's monitor holds to answer the calls a notify rule of
 * lxc.seccomp.profile stops: the filter's listener, from the container,
 * and the connection to lxc.seccomp.notify.proxy, which answers them.
 * Without a proxy, each call fails with ENOSYS, as in LXC.
 */
struct iso_seccomp_notify {
	int listener;		/* -1 until the child sends it */
	int proxy;		/* -1: none, or gone */
	struct seccomp_notif_sizes sizes;	/* the kernel's */
	struct seccomp_notif *req;
	struct seccomp_notif_resp *resp;
};

/* Nothing held: before anything else. */
void iso_seccomp_notify_init(struct iso_seccomp_notify *n);

/*
 * Before the container is cloned: connect to lxc.seccomp.notify.proxy,
 * if there is one, as LXC does before init runs.  0, or said.
 */
int iso_seccomp_notify_connect(const struct iso_config *cfg,
			       struct iso_seccomp_notify *n);

/*
 * The listener is readable: take the one call it has, hand it to the
 * proxy with LXC's message (the task's /proc dir and memory, and the
 * listener), and answer it with what the proxy says, or ENOSYS.
 */
void iso_seccomp_notify_serve(const struct iso_config *cfg,
			      struct iso_seccomp_notify *n, pid_t init);

void iso_seccomp_notify_close(struct iso_seccomp_notify *n);

#endif /* ISO_SECCOMP_NOTIFY_H */
