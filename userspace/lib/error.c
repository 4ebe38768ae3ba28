// SPDX-License-Identifier: GPL-2.0
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "error.h"

static const char *progname = "isoctl";

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
	fflush(stdout);		/* keep the error after what led to it */
	if (why && *why)
		fprintf(stderr, "%s: %s %s: %s (%s)\n", progname, step, object,
			strerror(-err), why);
	else
		fprintf(stderr, "%s: %s %s: %s\n", progname, step, object,
			strerror(-err));
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

	fflush(stdout);
	fprintf(stderr, "%s: ", progname);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return err > 0 ? -err : err;
}
