// SPDX-License-Identifier: GPL-2.0
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <syslog.h>
#include <time.h>

#include "error.h"

static const char *progname = "isoctl";
static char *kept;		/* iso_error_keep()'s buffer, or NULL */
static bool tee;		/* iso_error_tee(): kept, and said too */
static bool stamped;		/* iso_error_stamp() */
static size_t kept_size;
static bool to_syslog;		/* iso_error_syslog() */
static char syslog_prefix[80];

void iso_error_syslog(int facility, const char *name)
{
	snprintf(syslog_prefix, sizeof(syslog_prefix), "%.64s: ", name);
	openlog(progname, LOG_PID, facility);
	to_syslog = true;
}

void iso_error_syslog_off(void)
{
	to_syslog = false;
}

/* The line as syslog has it: the container's name first, once. */
void iso_error_syslog_line(const char *line)
{
	size_t len = strlen(progname);
	const char *name = syslog_prefix;

	if (!to_syslog)
		return;
	if (!strncmp(line, progname, len) && !strncmp(line + len, ": ", 2))
		line += len + 2;
	if (!strncmp(line, syslog_prefix, strlen(syslog_prefix)))
		name = "";
	syslog(LOG_ERR, "%.80s%.1000s", name, line);
}

void iso_error_stamp(void)
{
	stamped = true;
}

/* "2026-12-01T12:45:01Z " */
static void stamp(void)
{
	struct tm tm;
	char ts[32];
	time_t now = time(NULL);

	if (gmtime_r(&now, &tm) && strftime(ts, sizeof(ts), "%FT%TZ ", &tm))
		fputs(ts, stderr);
}

void iso_error_keep(char *buf, size_t size)
{
	kept = size ? buf : NULL;
	kept_size = size;
	tee = false;
	if (kept)
		kept[0] = '\0';
}

void iso_error_tee(char *buf, size_t size)
{
	iso_error_keep(buf, size);
	tee = kept;
}

/* "progname: " and the line, to stderr; or the first one into @kept. */
static void say(const char *fmt, va_list ap)
{
	char line[1024];
	va_list copy;
	int n;

	/* kept: for another process to say, and to log */
	if (to_syslog && !kept) {
		va_copy(copy, ap);
		vsnprintf(line, sizeof(line), fmt, copy);
		va_end(copy);
		iso_error_syslog_line(line);
	}
	fflush(stdout);		/* keep the error after what led to it */
	if (!kept || tee) {
		va_copy(copy, ap);
		if (stamped)
			stamp();
		fprintf(stderr, "%.32s: ", progname);
		vfprintf(stderr, fmt, copy);
		fputc('\n', stderr);
		va_end(copy);
	}
	if (kept && !kept[0]) {
		n = snprintf(kept, kept_size, "%.32s: ", progname);
		if (n > 0 && (size_t)n < kept_size)
			vsnprintf(kept + n, kept_size - n, fmt, ap);
	}
}

static void sayf(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));

static void sayf(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	say(fmt, ap);
	va_end(ap);
}

void iso_set_progname(const char *name)
{
	const char *slash = strrchr(name, '/');

	progname = slash ? slash + 1 : name;
}

int iso_fail_why(int err, const char *step, const char *object,
		 const char *why)
{
	if (err > 0)
		err = -err;
	if (why && *why)
		sayf("%.256s %.512s: %.128s (%.256s)", step, object,
		     strerror(-err), why);
	else
		sayf("%.256s %.512s: %.128s", step, object, strerror(-err));
	return err;
}

int iso_fail(int err, const char *step, const char *object)
{
	return iso_fail_why(err, step, object, NULL);
}

int iso_failf(int err, const char *step, const char *fmt, ...)
{
	char object[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(object, sizeof(object), fmt, ap);
	va_end(ap);
	return iso_fail(err, step, object);
}

int iso_errorf(int err, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	say(fmt, ap);
	va_end(ap);
	return err > 0 ? -err : err;
}
