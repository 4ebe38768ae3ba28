/* SPDX-License-Identifier: GPL-2.0 */
#ifndef ISO_ERROR_H
#define ISO_ERROR_H

#include <stddef.h>

/*
 * Every failure is reported once, where it happens, as one line naming the
 * step, the object and the errno text:
 *
 *	isoctl: opening /sys/fs/cgroup/x/cgroup.procs: No such file or directory
 *
 * and the negative errno travels up the stack for the exit status.
 */
int iso_fail(int err, const char *step, const char *object);
int iso_failf(int err, const char *step, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* From now on, each line begins with the time, UTC: for a log file. */
void iso_error_stamp(void);

/*
 * From now on, each line goes to syslog(3) too, with @facility, as
 * "isoctl[PID]: NAME: ...": lxc.log.syslog, for the container @name.
 */
void iso_error_syslog(int facility, const char *name);

/* In a child whose lines its parent says: none to syslog from it. */
void iso_error_syslog_off(void);

/* @line, as said elsewhere ("isoctl: ..."), to syslog where it is on. */
void iso_error_syslog_line(const char *line);

/* The same, with the kernel's extack text, if any, after the errno text. */
int iso_fail_why(int err, const char *step, const char *object,
		 const char *why);

/* A line of its own, "isoctl: no such container "x"", returning @err. */
int iso_errorf(int err, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

void iso_set_progname(const char *name);

/*
 * From now on, the first error line goes into @buf (@size bytes) instead
 * of stderr, for someone else to say: a container's setup once its
 * stderr is no longer the caller's.  NULL goes back to stderr.
 */
void iso_error_keep(char *buf, size_t size);

/* The same, the lines said on stderr as well: for the parent to log. */
void iso_error_tee(char *buf, size_t size);

#endif /* ISO_ERROR_H */
