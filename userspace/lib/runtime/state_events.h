/* SPDX-License-Identifier: GPL-2.0 */
#ifndef ISO_STATE_EVENTS_H
#define ISO_STATE_EVENTS_H

#include <assert.h>
#include <stdint.h>
#include <sys/types.h>

/*
 * Containers' state changes, passed around as LXC's lxc-monitord does.
 *
 * Each store has at most one monitord, a daemon listening on a
 * SOCK_SEQPACKET socket in /run/iso/monitor (runtime/monitord.h).  The
 * containers' monitors (isoctl start) and freeze connect, send what
 * changed and go; `isoctl monitor` connects, says hello, and is sent
 * every change from then on.  The first listener starts monitord; it
 * leaves ISO_MONITORD_LINGER seconds after the last one went.  With no
 * monitord, a change is not published at all.
 *
 * A listener too slow to take a change is let go: the end of its
 * connection tells it that it lost some.
 */
#define ISO_MONITORD_LINGER 5

#define ISO_STATE_MAGIC 0x69736f31	/* "iso1": a change */
#define ISO_STATE_HELLO 0x69736f68	/* "isoh": a listener, and its ack */

/* lxc-monitor's states: STARTING, RUNNING, STOPPING, STOPPED, ABORTING... */
struct iso_state_msg {
	uint32_t magic;
	uint32_t pid;			/* init's, when it has one */
	uint64_t time_ns;		/* CLOCK_REALTIME, as iso.ko's events */
	char name[65];
	char state[16];
	char pad[7];			/* sent as zeroes */
};
static_assert(sizeof(struct iso_state_msg) == 104, "iso_state_msg's size");

/* Tell the listeners of store @base, if any, that @name is now @state. */
void iso_state_publish(const char *base, const char *name, const char *state,
		       pid_t pid);

/*
 * A connection to store @base's monitord, started here if none runs: a
 * non-blocking fd to read changes from, or -errno.
 */
int iso_state_subscribe(const char *base);

/* 1: a change; 0: none waiting; -EPIPE: monitord let go of us. */
int iso_state_recv(int fd, struct iso_state_msg *msg);

#endif /* ISO_STATE_EVENTS_H */
