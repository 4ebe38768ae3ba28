// SPDX-License-Identifier: GPL-2.0
/*
 * isoctl monitor [-n REGEX] [-P PATH] [--count N] [--timeout S] [--json]:
 * print container events as they happen, as lxc-monitor does.  iso.ko's:
 * added, removed, OOM kills, and what the enforcement controllers did;
 * and the store's: the containers' state changes, which their monitors
 * publish through the store's monitord (runtime/state_events.h).  Without
 * iso.ko, it prints the state changes alone.  isoctl events is the same
 * command, by its older name.
 *
 * When either source lost events (a full socket buffer, or monitord
 * letting a slow reader go), it says so on stderr, prints where things
 * stand then as "sync" lines, and goes on.
 */
#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <regex.h>
#include <inttypes.h>
#include <limits.h>
#include <poll.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>
#include <netlink/netlink.h>
#include <linux/iso.h>

#include "isoctl.h"
#include "config/config.h"
#include "error.h"
#include "kernel/container.h"
#include "kernel/genl.h"
#include "json.h"
#include "runtime/cgroup.h"
#include "runtime/state.h"
#include "runtime/state_events.h"
#include "runtime/store.h"

struct printer {
	struct iso_store store;
	bool json;
	long left;		/* events still to print; <0: no limit */
	bool filtered;
	regex_t names;		/* -n: whole names it matches */
};

static bool wanted(struct printer *p, const char *name)
{
	return !p->filtered || !regexec(&p->names, name, 0, NULL, 0);
}

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

/* The end of a line, out at once; 1 once --count lines are out. */
static int line_done(struct printer *p)
{
	printf("\n");
	fflush(stdout);
	return p->left > 0 && --p->left == 0 ? 1 : 0;
}

static int print_event(const struct iso_event_rec *ev, void *arg)
{
	struct printer *p = arg;
	int ret;

	if (!p->left)
		return 1;	/* --count was reached */
	if (!wanted(p, ev->name))
		return 0;
	if (p->json) {
		ret = print_json(ev);
		if (ret)
			return iso_fail(ret, "printing", "an event");
	} else {
		printf("%.8s %.64s cgroup_id=%" PRIu64, ev->type == ISO_EVENT_SYNC ?
		       "sync" : event_name(ev->type), ev->name, ev->cgroup_id);
		if (ev->pid)
			printf(" pid=%" PRIu32, ev->pid);
		if (ev->has_limit)
			print_limit(&ev->limit);
	}
	return line_done(p);
}

/* One line, "state c1 RUNNING pid=42", or its JSON; "sync" after a loss. */
static int print_state(const struct iso_state_msg *msg, const char *event,
		       struct printer *p)
{
	struct json_object *o;
	int ret;

	if (!p->left)
		return 1;	/* --count was reached */
	if (!wanted(p, msg->name))
		return 0;
	if (p->json) {
		o = json_object_new_object();
		if (!o)
			return iso_fail(-ENOMEM, "printing", "a state change");
		iso_json_str(o, "event", event);
		iso_json_u64(o, "time_ns", msg->time_ns);
		iso_json_str(o, "name", msg->name);
		iso_json_str(o, "state", msg->state);
		if (msg->pid)
			iso_json_u64(o, "pid", msg->pid);
		ret = iso_json_print_put(stdout, o);
		if (ret)
			return iso_fail(ret, "printing", "a state change");
	} else {
		printf("%.8s %.64s %.15s", event, msg->name, msg->state);
		if (msg->pid)
			printf(" pid=%" PRIu32, msg->pid);
	}
	return line_done(p);
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
	for (i = 0; !ret && p->left && i < n; i++) {
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

/*
 * The store's state changes: an fd, or -1 after saying why not, as
 * iso.ko's events may still come.
 */
static int subscribe_store(struct printer *p)
{
	int fd = iso_state_subscribe(p->store.base);

	if (fd >= 0)
		return fd;
	iso_fail(fd, "monitor: listening to the state changes of",
		 p->store.base);
	return -1;
}

/*
 * After monitord let us go: listen again, then print where each of the
 * store's containers stands as a "sync" line, so that a reader can start
 * over.
 */
static int resync_states(struct printer *p, int *fd)
{
	static struct iso_cgroup cg;	/* 270 KB: not on the stack */
	struct iso_state_msg msg = { 0 };
	char dir[PATH_MAX], cfg[PATH_MAX];
	struct dirent **names;
	pid_t pid;
	int n, i, ret = 0;

	fprintf(stderr, "isoctl: state changes were lost (monitord closed this connection): resyncing\n");
	close(*fd);
	*fd = subscribe_store(p);
	n = scandir(p->store.base, &names, NULL, alphasort);
	if (n < 0)
		return errno == ENOENT ? 0 : iso_fail(-errno, "listing",
						      p->store.base);
	for (i = 0; i < n; i++) {
		if (!ret && p->left &&
		    iso_store_container(&p->store, names[i]->d_name, dir, cfg)) {
			snprintf(msg.name, sizeof(msg.name), "%.64s",
				 names[i]->d_name);
			snprintf(msg.state, sizeof(msg.state), "%.15s",
				 iso_state_name(dir, msg.name, &pid, &cg));
			msg.pid = pid;
			ret = print_state(&msg, "sync", p);
			ret = ret > 0 ? 0 : ret;
		}
		free(names[i]);
	}
	free(names);
	return ret;
}

/* Whatever iso.ko sent: 0 when it is all read, <0 on a failure. */
static int kernel_events(struct iso_genl *g, struct printer *p)
{
	int ret;

	/* libnl says ENOBUFS, the overflow, as NLE_NOMEM */
	while ((ret = iso_genl_events(g, print_event, p)) == -ENOMEM &&
	       !(ret = resync(p)))
		;
	if (ret == -EAGAIN)
		return 0;
	return ret ? iso_fail(ret, "receiving", "events") : 0;
}

static int state_events(int *fd, struct printer *p)
{
	struct iso_state_msg msg;
	int ret = 0;

	while (p->left && (ret = iso_state_recv(*fd, &msg)) == 1) {
		ret = print_state(&msg, "state", p);
		if (ret)
			return ret < 0 ? ret : 0;
	}
	if (ret == -EPIPE)
		return resync_states(p, fd);
	return ret < 0 ? iso_fail(ret, "receiving", "state changes") : 0;
}

/* Milliseconds to @end, for poll(); -1 without one. */
static int time_left(const struct timespec *end)
{
	struct timespec now;
	long long ms;

	if (!end->tv_sec)
		return -1;
	clock_gettime(CLOCK_MONOTONIC, &now);
	ms = (end->tv_sec - now.tv_sec) * 1000LL +
	     (end->tv_nsec - now.tv_nsec) / 1000000;
	return ms < 0 ? 0 : ms > INT_MAX ? INT_MAX : (int)ms;
}

/* Both sources, as they come, until --count or --timeout says enough. */
static int listen_all(struct iso_genl *g, int *state_fd, struct printer *p,
		      long timeout)
{
	int kernel_fd = g->sk ? nl_socket_get_fd(g->sk) : -1;
	struct pollfd fds[2] = {
		{ .fd = *state_fd, .events = POLLIN },
		{ .fd = kernel_fd, .events = POLLIN },
	};
	struct timespec end = { 0 };
	int ret = 0;

	if (timeout > 0) {
		clock_gettime(CLOCK_MONOTONIC, &end);
		end.tv_sec += timeout;
	}
	while (!ret && p->left) {
		if (fds[0].fd < 0 && fds[1].fd < 0)
			return -EPIPE;	/* no source is left; each said why */
		ret = poll(fds, 2, time_left(&end));
		if (ret < 0 && errno == EINTR) {
			ret = 0;
			continue;
		}
		if (ret < 0)
			return iso_fail(-errno, "waiting for", "events");
		if (!ret)
			return 0;	/* --timeout */
		ret = 0;
		if (fds[1].revents)
			ret = kernel_events(g, p);
		if (!ret && fds[0].revents)
			ret = state_events(state_fd, p);
		fds[0].fd = *state_fd;
	}
	return ret;
}

/* -n REGEX, matched against the whole name, as lxc-monitor does. */
static int compile_names(struct printer *p, const char *regex)
{
	char whole[512], why[128];
	int err;

	if (snprintf(whole, sizeof(whole), "^(%.500s)$", regex) >=
	    (int)sizeof(whole))
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
		{ "lxcpath", required_argument, NULL, 'P' },
		{ "count", required_argument, NULL, 'c' },
		{ "timeout", required_argument, NULL, 't' },
		{ "json", no_argument, NULL, 'j' },
		{ 0 }
	};
	struct printer p = { .left = -1 };
	const char *base = NULL;
	struct iso_genl g = { 0 };
	int opt, ret, state_fd;
	long timeout = 0;

	while ((opt = getopt_long(argc, argv, "n:P:c:t:j", opts, NULL)) != -1) {
		switch (opt) {
		case 'n':
			ret = compile_names(&p, optarg);
			if (ret)
				return ret;
			break;
		case 'P':
			base = optarg;
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
			fprintf(stderr, "Usage: isoctl monitor [-n REGEX] [-P PATH] [--count N] [--timeout S] [--json]\n");
			return -EINVAL;
		}
	}
	iso_store_init(&p.store, base);
	/* first: monitord, if it is started here, inherits no socket of ours */
	state_fd = subscribe_store(&p);
	ret = iso_genl_open(&g);
	if (ret == -ENOENT && state_fd >= 0) {
		fprintf(stderr, "isoctl: " ISO_NOT_LOADED ": only state changes are shown\n");
		ret = 0;
	} else if (ret == -ENOENT) {
		fprintf(stderr, "isoctl: " ISO_NOT_LOADED "\n");
	} else if (ret) {
		iso_fail(ret, "connecting to", "generic netlink");
	} else {
		ret = iso_genl_subscribe(&g);
		if (ret)
			iso_fail(ret, "subscribing to", "the iso events group");
		else
			nl_socket_set_nonblocking(g.sk);
	}
	if (!ret) {
		/* ready: a test may start causing events now */
		fprintf(stderr, "isoctl: listening\n");
		ret = listen_all(&g, &state_fd, &p, timeout);
	}
	if (g.sk)
		iso_genl_close(&g);
	if (state_fd >= 0)
		close(state_fd);
	if (p.filtered)
		regfree(&p.names);
	return ret;
}
