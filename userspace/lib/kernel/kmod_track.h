/* SPDX-License-Identifier: GPL-2.0 */
#ifndef ISO_KMOD_TRACK_H
#define ISO_KMOD_TRACK_H

#include <stdbool.h>
#include <sys/types.h>

#include "kernel/genl.h"

/* A container's registration with iso.ko, from before its init exists. */
struct iso_track {
	struct iso_genl g;	/* requests, until iso_track_end() */
	const char *name;
	/*
	 * Set by the caller: the process will wait on the container as its
	 * monitor, on a second connection, @mon, that only receives what
	 * iso.ko asks of it (iso_track_read()) until iso_track_close().
	 */
	bool monitor;
	struct iso_genl mon;
	bool has_mon;
	bool on;
	int err;		/* why not: -ENOENT when iso.ko is not loaded */
};

struct iso_config;

/*
 * Have iso.ko track the cgroup v2 directory @v2_dir as container @name,
 * before anything runs in it, so that its counters cover the container's
 * own set-up.  Without the module, or without a v2 directory, nothing
 * happens; a refusal (the cap, a name taken) is said in one line and does
 * not stop the container.
 */
void iso_track_begin(struct iso_track *t, const char *name, const char *v2_dir);

/*
 * Set the config's iso.limit.* limits, before anything runs in the
 * container.  A limit is never skipped: without iso.ko, or when a limit is
 * refused, this says why in one line and fails.
 */
int iso_track_limits(struct iso_track *t, const struct iso_config *cfg);

/* Name the container's init, once it is cloned into the cgroup. */
void iso_track_set_init(struct iso_track *t, pid_t pid);

/*
 * A monitor's connection: its fd to poll, or -1.  iso_track_read() then
 * feeds each event iso.ko sent the monitor to @fn; an error is the one
 * message's, and the connection stays.
 */
int iso_track_fd(const struct iso_track *t);
int iso_track_read(struct iso_track *t,
		   int (*fn)(const struct iso_event_rec *ev, void *arg),
		   void *arg);

/*
 * The requests are done: close their connection.  A monitor's stays open;
 * iso_track_close() closes both.  The cgroup's removal ends the tracking.
 */
void iso_track_end(struct iso_track *t);
void iso_track_close(struct iso_track *t);

#endif /* ISO_KMOD_TRACK_H */
