// SPDX-License-Identifier: GPL-2.0
/*
 * isoctl stats [NAME...] [--json | --prometheus] [--watch SECS] [-P PATH]:
 * the containers the caller may see, from one iso.ko dump (else from
 * cgroupfs), as docker stats shows them.  The table's CPU % is the CPU
 * time between two samples, so it waits one interval (one second, or
 * SECS) for its first; --json and --prometheus print at once.
 */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "isoctl.h"
#include "error.h"
#include "stats/json_rows.h"
#include "stats/prometheus.h"
#include "stats/sample.h"
#include "stats/table.h"

enum stats_format { TABLE, JSON, PROMETHEUS };

struct stats_opts {
	enum stats_format format;
	struct timespec interval;
	bool watch;
	const char *store;
	char **names;
	int n_names;
};

static int stats_usage(void)
{
	fprintf(stderr, "Usage: isoctl stats [NAME...] [--json | --prometheus] [--watch SECS] [-P PATH]\n");
	return -EINVAL;
}

/* SECS: a positive number of seconds, 0.1 or more, fractions allowed. */
static int parse_interval(const char *arg, struct timespec *ts)
{
	char *end;
	double secs;

	errno = 0;
	secs = strtod(arg, &end);
	if (errno || end == arg || *end || !(secs >= 0.1) || secs > 86400)
		return iso_fail_why(-EINVAL, "parsing --watch", arg,
				    "not a number of seconds from 0.1 to 86400");
	ts->tv_sec = (time_t)secs;
	ts->tv_nsec = (long)((secs - ts->tv_sec) * 1e9);
	return 0;
}

static int parse(int argc, char **argv, struct stats_opts *o)
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "prometheus", no_argument, NULL, 'p' },
		{ "watch", required_argument, NULL, 'w' },
		{ "lxcpath", required_argument, NULL, 'P' },
		{ 0 }
	};
	int opt;

	memset(o, 0, sizeof(*o));
	o->interval.tv_sec = 1;
	while ((opt = getopt_long(argc, argv, "jpw:P:", opts, NULL)) != -1) {
		switch (opt) {
		case 'j':
		case 'p':
			if (o->format != TABLE)
				return stats_usage();
			o->format = opt == 'j' ? JSON : PROMETHEUS;
			break;
		case 'w':
			if (parse_interval(optarg, &o->interval))
				return -EINVAL;
			o->watch = true;
			break;
		case 'P':
			o->store = optarg;
			break;
		default:
			return stats_usage();
		}
	}
	o->names = argv + optind;
	o->n_names = argc - optind;
	return 0;
}

static int show(const struct stats_opts *o, const struct iso_stats_source *src,
		const struct iso_stats_sample *prev,
		struct iso_stats_sample *now)
{
	unsigned int cols[64], n;

	switch (o->format) {
	case JSON:
		return iso_stats_print_json(stdout, now, o->watch);
	case PROMETHEUS:
		return iso_stats_prometheus(stdout, now, src->module);
	default:
		break;
	}
	/* a terminal is redrawn in place, as docker stats does */
	if (o->watch && isatty(STDOUT_FILENO))
		fputs("\033[H\033[2J", stdout);
	iso_stats_rates(now, prev);
	n = iso_stats_default_columns(now, src->module, cols);
	return iso_stats_print_table(stdout, now, cols, n);
}

/*
 * One interval; false once SIGINT or SIGTERM came, which stay blocked
 * but here, so that one sent between two waits is not lost.
 */
static bool wait_interval(const struct stats_opts *o, const sigset_t *stop)
{
	struct timespec end, now, left;

	clock_gettime(CLOCK_MONOTONIC, &end);
	end.tv_sec += o->interval.tv_sec;
	end.tv_nsec += o->interval.tv_nsec;
	if (end.tv_nsec >= 1000000000) {
		end.tv_sec++;
		end.tv_nsec -= 1000000000;
	}
	for (;;) {
		clock_gettime(CLOCK_MONOTONIC, &now);
		left.tv_sec = end.tv_sec - now.tv_sec;
		left.tv_nsec = end.tv_nsec - now.tv_nsec;
		if (left.tv_nsec < 0) {
			left.tv_sec--;
			left.tv_nsec += 1000000000;
		}
		if (left.tv_sec < 0)
			return true;
		if (sigtimedwait(stop, NULL, &left) > 0)
			return false;
		if (errno == EAGAIN)
			return true;
	}
}

int cmd_stats(int argc, char **argv)
{
	struct iso_stats_sample prev = { 0 }, now;
	struct iso_stats_source src;
	struct stats_opts o;
	sigset_t stop;
	int ret;

	ret = parse(argc, argv, &o);
	if (ret)
		return ret;
	ret = iso_stats_open(&src, o.store, false);
	if (ret)
		return ret;
	sigemptyset(&stop);
	sigaddset(&stop, SIGINT);
	sigaddset(&stop, SIGTERM);
	sigprocmask(SIG_BLOCK, &stop, NULL);
	ret = iso_stats_take(&src, o.names, o.n_names, &now);
	/* the table's first CPU % needs a second sample */
	if (!ret && o.format == TABLE) {
		prev = now;
		ret = wait_interval(&o, &stop) ?
		      iso_stats_take(&src, o.names, o.n_names, &now) : -EINTR;
	}
	while (!ret) {
		ret = show(&o, &src, prev.rows ? &prev : NULL, &now);
		fflush(stdout);
		iso_stats_free(&prev);
		prev = now;
		if (ret || !o.watch || !wait_interval(&o, &stop))
			break;
		ret = iso_stats_take(&src, o.names, o.n_names, &now);
	}
	iso_stats_free(&prev);
	iso_stats_close(&src);
	return ret == -EINTR ? 0 : ret;
}
