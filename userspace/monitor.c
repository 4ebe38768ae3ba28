// SPDX-License-Identifier: GPL-2.0
/*
 * isoctl monitor [-n REGEX] [--count N] [--timeout S] [--json]: print
 * container events as they happen, as lxc-monitor does: added, removed,
 * OOM kills, and what the enforcement controllers did.  isoctl events is
 * the same command, by its older name.
 *
 * When the socket's buffer overflowed (ENOBUFS), events were lost: it
 * says so on stderr, prints every container there is then as a "sync"
 * line from a dump, and goes on.
 */
#include <errno.h>
#include <getopt.h>
#include <regex.h>
#include <inttypes.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <netlink/netlink.h>
#include <linux/iso.h>

#include "isoctl.h"
#include "config/config.h"
#include "error.h"
#include "kernel/container.h"
#include "kernel/genl.h"
#include "json.h"

struct printer {
	bool json;
	long left;		/* events still to print; <0: no limit */
	bool filtered;
	regex_t names;		/* -n: whole names it matches */
};

static const char *event_name(uint32_t type)
{
	switch (type) {
	case ISO_EVENT_ADDED:
		return "added";
	case ISO_EVENT_REMOVED:
		return "removed";
	case ISO_EVENT_OOM_KILL:
		return "oom-kill";
	case ISO_EVENT_LIMIT:
		return "limit";
	default:
		return "unknown";
	}
}

/* A limit event's controller and state, as `isoctl limit` shows them. */
static void print_limit(const struct iso_limit_rec *l)
{
	const struct iso_limit_kind *kind = iso_limit_kind_find(l->controller);

	printf(" %.31s: ", l->controller);
	if (kind)
		kind->print(stdout, l);
}

static int print_json(const struct iso_event_rec *ev)
{
	struct json_object *o = json_object_new_object();

	if (!o)
		return -ENOMEM;
	iso_json_str(o, "event", ev->type == ISO_EVENT_SYNC ? "sync" :
		     event_name(ev->type));
	iso_json_u64(o, "time_ns", ev->time_ns);
	iso_json_str(o, "name", ev->name);
	iso_json_u64(o, "cgroup_id", ev->cgroup_id);
	iso_json_u64(o, "pid", ev->pid);
	if (ev->has_limit) {
		iso_json_str(o, "controller", ev->limit.controller);
		json_object_object_add(o, "limit", iso_limit_json(&ev->limit));
	}
	return iso_json_print_put(stdout, o);
}

static int print_event(const struct iso_event_rec *ev, void *arg)
{
	struct printer *p = arg;
	int ret;

	if (p->filtered && regexec(&p->names, ev->name, 0, NULL, 0))
		return 0;
	if (p->json) {
		ret = print_json(ev);
		if (ret)
			return iso_fail(ret, "printing", "an event");
	} else {
		printf("%s %.64s cgroup_id=%" PRIu64, ev->type == ISO_EVENT_SYNC ?
		       "sync" : event_name(ev->type), ev->name, ev->cgroup_id);
		if (ev->pid)
			printf(" pid=%" PRIu32, ev->pid);
		if (ev->has_limit)
			print_limit(&ev->limit);
	}
	printf("\n");
	fflush(stdout);
	return p->left > 0 && --p->left == 0 ? 1 : 0;
}

/*
 * After a loss: every container there is now, from a dump on a socket of
 * its own, as a "sync" event each, so that a reader can start over.
 */
static int resync(struct printer *p)
{
	struct iso_container_rec *recs = NULL;
	struct iso_event_rec ev;
	struct iso_genl g;
	size_t n = 0, i;
	int ret;

	fprintf(stderr, "isoctl: events were lost (the socket's buffer overflowed): resyncing\n");
	ret = iso_genl_open(&g);
	if (!ret) {
		ret = iso_genl_container_dump(&g, &recs, &n);
		if (ret)
			iso_fail_why(ret, "dumping", "containers", g.extack);
		iso_genl_close(&g);
	} else {
		iso_fail(ret, "resyncing", "the containers");
	}
	for (i = 0; !ret && i < n; i++) {
		memset(&ev, 0, sizeof(ev));
		ev.type = ISO_EVENT_SYNC;
		ev.cgroup_id = recs[i].cgroup_id;
		snprintf(ev.name, sizeof(ev.name), "%.64s", recs[i].name);
		ret = print_event(&ev, p);
		ret = ret > 0 ? 0 : ret;
	}
	free(recs);
	return ret;
}

static int set_timeout(struct iso_genl *g, long seconds)
{
	struct timeval tv = { .tv_sec = seconds };

	if (setsockopt(nl_socket_get_fd(g->sk), SOL_SOCKET, SO_RCVTIMEO, &tv,
		       sizeof(tv)))
		return iso_fail(-errno, "setting", "the receive timeout");
	return 0;
}

/* -n REGEX, matched against the whole name, as lxc-monitor does. */
static int compile_names(struct printer *p, const char *regex)
{
	char whole[512], why[128];
	int err;

	if (snprintf(whole, sizeof(whole), "^(%s)$", regex) >= (int)sizeof(whole))
		return iso_fail_why(-EINVAL, "parsing -n", "REGEX", "too long");
	if (p->filtered)
		regfree(&p->names);
	err = regcomp(&p->names, whole, REG_EXTENDED | REG_NOSUB);
	if (err) {
		regerror(err, &p->names, why, sizeof(why));
		return iso_fail_why(-EINVAL, "parsing -n", regex, why);
	}
	p->filtered = true;
	return 0;
}

int cmd_monitor(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "name", required_argument, NULL, 'n' },
		{ "count", required_argument, NULL, 'c' },
		{ "timeout", required_argument, NULL, 't' },
		{ "json", no_argument, NULL, 'j' },
		{ 0 }
	};
	struct printer p = { .left = -1 };
	long timeout = 0;
	struct iso_genl g;
	int opt, ret;

	while ((opt = getopt_long(argc, argv, "n:c:t:j", opts, NULL)) != -1) {
		switch (opt) {
		case 'n':
			ret = compile_names(&p, optarg);
			if (ret)
				return ret;
			break;
		case 'c':
			if (iso_parse_long(optarg, 1, LONG_MAX, &p.left))
				return iso_failf(-EINVAL, "events", "--count %.64s: not a number from 1",
						 optarg);
			break;
		case 't':
			if (iso_parse_long(optarg, 0, INT_MAX, &timeout))
				return iso_failf(-EINVAL, "events", "--timeout %.64s: not a number of seconds from 0 to %d",
						 optarg, INT_MAX);
			break;
		case 'j':
			p.json = true;
			break;
		default:
			fprintf(stderr, "Usage: isoctl monitor [-n REGEX] [--count N] [--timeout S] [--json]\n");
			return -EINVAL;
		}
	}
	ret = iso_connect(&g);
	if (ret)
		return ret;
	ret = iso_genl_subscribe(&g);
	if (ret)
		iso_fail(ret, "subscribing to", "the iso events group");
	else if (timeout > 0)
		ret = set_timeout(&g, timeout);
	if (!ret) {
		/* ready: a test may start causing events now */
		fprintf(stderr, "isoctl: listening\n");
		/* libnl says ENOBUFS, the overflow, as NLE_NOMEM */
		while ((ret = iso_genl_events(&g, print_event, &p)) == -ENOMEM &&
		       !(ret = resync(&p)))
			;
		if (ret == -EAGAIN)
			ret = 0;	/* the timeout ran out */
		else if (ret)
			iso_fail(ret, "receiving", "events");
	}
	iso_genl_close(&g);
	if (p.filtered)
		regfree(&p.names);
	return ret;
}
