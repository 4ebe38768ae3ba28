// SPDX-License-Identifier: GPL-2.0
/*
 * isoctl-serve: isoctl serve's HTTP side, a program of its own so that
 * libmicrohttpd and the TLS stack it links are loaded only here, not on
 * every isoctl command.
 *
 *	isoctl serve --listen ADDR:PORT [--max-connections N] [-P PATH]
 *
 * GET (or HEAD) /metrics answers with isoctl stats --prometheus, taken
 * anew for each scrape; any other path is 404, any other method 405.
 * One thread serves every connection, so scrapes never overlap; a
 * client address may hold half of them at most.  The
 * socket is bound before every capability is dropped; reading iso.ko's
 * dumps and cgroupfs needs none.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <getopt.h>
#include <grp.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pwd.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/capability.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include "error.h"
#include "stats/prometheus.h"
#include "runtime/store.h"
#include "stats/sample.h"

#define CONTENT_TYPE	"text/plain; version=0.0.4; charset=utf-8"

struct serve_opts {
	const char *listen;
	const char *store;
	const char *user;		/* to run as, once bound; NULL: stay */
	unsigned int max_connections;
	unsigned int idle_timeout;	/* seconds */
};

static int serve_usage(void)
{
	fprintf(stderr, "Usage: isoctl serve --listen ADDR:PORT [--max-connections N] [--idle-timeout SECS] [--user USER] [-P PATH]\n");
	return -EINVAL;
}

/* "127.0.0.1:9100" or "[::1]:9100": numeric, as a scrape target is. */
static int parse_listen(const char *arg, struct sockaddr_storage *ss,
			socklen_t *len)
{
	struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)ss;
	struct sockaddr_in *in = (struct sockaddr_in *)ss;
	char host[INET6_ADDRSTRLEN + 2], *colon, *end;
	unsigned long port;

	if (strlen(arg) >= sizeof(host))
		goto bad;
	strcpy(host, arg);
	colon = strrchr(host, ':');
	if (!colon)
		goto bad;
	*colon = '\0';
	errno = 0;
	port = strtoul(colon + 1, &end, 10);
	if (errno || end == colon + 1 || *end || !port || port > 65535 ||
	    colon[1] == '+' || colon[1] == '-')
		goto bad;
	memset(ss, 0, sizeof(*ss));
	if (host[0] == '[' && colon[-1] == ']') {
		colon[-1] = '\0';
		if (inet_pton(AF_INET6, host + 1, &in6->sin6_addr) != 1)
			goto bad;
		in6->sin6_family = AF_INET6;
		in6->sin6_port = htons(port);
		*len = sizeof(*in6);
		return 0;
	}
	if (inet_pton(AF_INET, host, &in->sin_addr) != 1)
		goto bad;
	in->sin_family = AF_INET;
	in->sin_port = htons(port);
	*len = sizeof(*in);
	return 0;
bad:
	return iso_fail_why(-EINVAL, "parsing --listen", arg,
			    "not ADDR:PORT, as 127.0.0.1:9100 or [::1]:9100");
}

static int open_listener(const char *arg)
{
	struct sockaddr_storage ss;
	socklen_t len = 0;
	int fd, one = 1, ret;

	ret = parse_listen(arg, &ss, &len);
	if (ret)
		return ret;
	fd = socket(ss.ss_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return iso_failf(-errno, "listening on", "%.64s", arg);
	if (setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) ||
	    (ss.ss_family == AF_INET6 &&
	     setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof(one))) ||
	    bind(fd, (struct sockaddr *)&ss, len) || listen(fd, 64)) {
		ret = iso_failf(-errno, "listening on", "%.64s", arg);
		close(fd);
		return ret;
	}
	return fd;
}

/*
 * Nothing this process does later needs a capability; with --user, it
 * needs no root either, but for the store's files root alone may read
 * (the figures of the containers iso.ko tracks do not need them).
 */
static int drop_privileges(const char *user)
{
	struct passwd *pw = NULL;
	cap_t none;
	int ret = 0;

	if (user) {
		errno = 0;
		pw = getpwnam(user);
		if (!pw)
			return iso_fail(errno ? -errno : -ENOENT, "finding user", user);
		if (setgroups(0, NULL) ||
		    setresgid(pw->pw_gid, pw->pw_gid, pw->pw_gid) ||
		    setresuid(pw->pw_uid, pw->pw_uid, pw->pw_uid))
			return iso_fail(-errno, "becoming user", user);
	}
	none = cap_init();
	if (!none || cap_set_proc(none) ||
	    prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0))
		ret = iso_fail(-errno, "dropping", "capabilities");
	cap_free(none);
	return ret;
}

/* libmicrohttpd's own complaints, on stderr as isoctl's. */
static void mhd_log(void *cls, const char *fmt, va_list ap)
{
	(void)cls;
	fputs("isoctl serve: ", stderr);
	vfprintf(stderr, fmt, ap);
}

static enum MHD_Result respond(struct MHD_Connection *c, unsigned int status,
			       char *body, size_t len, enum MHD_ResponseMemoryMode mode,
			       const char *type)
{
	struct MHD_Response *r;
	enum MHD_Result ret;

	r = MHD_create_response_from_buffer(len, body, mode);
	if (!r) {
		if (mode == MHD_RESPMEM_MUST_FREE)
			free(body);
		return MHD_NO;
	}
	MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, type);
	if (status == MHD_HTTP_METHOD_NOT_ALLOWED)
		MHD_add_response_header(r, MHD_HTTP_HEADER_ALLOW, "GET, HEAD");
	ret = MHD_queue_response(c, status, r);
	MHD_destroy_response(r);
	return ret;
}

static enum MHD_Result text(struct MHD_Connection *c, unsigned int status,
			    const char *msg)
{
	return respond(c, status, (char *)msg, strlen(msg),
		       MHD_RESPMEM_PERSISTENT, "text/plain; charset=utf-8");
}

/* A new sample, so that a scrape sees iso.ko loaded or unloaded since. */
static int scrape(const char *store, char **body, size_t *len)
{
	struct iso_stats_source src;
	struct iso_stats_sample s;
	FILE *f;
	int ret;

	ret = iso_stats_open(&src, store, true);
	if (ret)
		return ret;
	ret = iso_stats_take(&src, NULL, 0, &s);
	if (!ret) {
		f = open_memstream(body, len);
		if (!f) {
			ret = -errno;
		} else {
			ret = iso_stats_prometheus(f, &s, src.module);
			if (fclose(f) && !ret)
				ret = -errno;
			if (ret)
				free(*body);
		}
		iso_stats_free(&s);
	}
	iso_stats_close(&src);
	return ret;
}

static enum MHD_Result answer(void *cls, struct MHD_Connection *c,
			      const char *url, const char *method,
			      const char *version, const char *upload,
			      size_t *upload_len, void **state)
{
	const struct serve_opts *o = cls;
	char *body = NULL;
	size_t len = 0;

	(void)version;
	(void)upload;
	(void)upload_len;
	(void)state;
	if (strcmp(method, MHD_HTTP_METHOD_GET) &&
	    strcmp(method, MHD_HTTP_METHOD_HEAD))
		return text(c, MHD_HTTP_METHOD_NOT_ALLOWED,
			    "only GET and HEAD are served\n");
	if (strcmp(url, "/metrics"))
		return text(c, MHD_HTTP_NOT_FOUND, "not found: try /metrics\n");
	if (scrape(o->store, &body, &len))
		return text(c, MHD_HTTP_INTERNAL_SERVER_ERROR,
			    "the scrape failed: isoctl serve's stderr says why\n");
	return respond(c, MHD_HTTP_OK, body, len, MHD_RESPMEM_MUST_FREE,
		       CONTENT_TYPE);
}

static int parse(int argc, char **argv, struct serve_opts *o)
{
	static const struct option opts[] = {
		{ "listen", required_argument, NULL, 'l' },
		{ "max-connections", required_argument, NULL, 'm' },
		{ "idle-timeout", required_argument, NULL, 't' },
		{ "user", required_argument, NULL, 'u' },
		{ "lxcpath", required_argument, NULL, 'P' },
		{ 0 }
	};
	char *end;
	long n;
	int opt;

	memset(o, 0, sizeof(*o));
	o->max_connections = 16;
	o->idle_timeout = 10;
	while ((opt = getopt_long(argc, argv, "l:m:t:u:P:", opts, NULL)) != -1) {
		switch (opt) {
		case 'l':
			o->listen = optarg;
			break;
		case 'm':
		case 't':
			n = strtol(optarg, &end, 10);
			if (end == optarg || *end || n < 1 || n > 1024)
				return iso_fail_why(-EINVAL, opt == 'm' ?
						    "parsing --max-connections" :
						    "parsing --idle-timeout",
						    optarg, "not a number from 1 to 1024");
			if (opt == 'm')
				o->max_connections = n;
			else
				o->idle_timeout = n;
			break;
		case 'u':
			o->user = optarg;
			break;
		case 'P':
			o->store = optarg;
			break;
		default:
			return serve_usage();
		}
	}
	if (!o->listen || optind < argc)
		return serve_usage();
	return 0;
}

int main(int argc, char **argv)
{
	struct iso_stats_source src;
	struct iso_store store;
	struct MHD_Daemon *d;
	struct serve_opts o;
	sigset_t stop;
	int fd, sig;

	iso_set_progname("isoctl");
	if (parse(argc, argv, &o))
		return 1;
	fd = open_listener(o.listen);
	if (fd < 0 || drop_privileges(o.user))
		return 1;
	/* the daemon's thread inherits the mask: SIGTERM comes to sigwait() */
	sigemptyset(&stop);
	sigaddset(&stop, SIGTERM);
	sigaddset(&stop, SIGINT);
	sigprocmask(SIG_BLOCK, &stop, NULL);
	d = MHD_start_daemon(MHD_USE_AUTO | MHD_USE_INTERNAL_POLLING_THREAD |
			     MHD_USE_ERROR_LOG,
			     0, NULL, NULL, answer, &o,
			     MHD_OPTION_EXTERNAL_LOGGER, mhd_log, NULL,
			     /* it is the daemon's now: it closes it at the stop */
			     MHD_OPTION_LISTEN_SOCKET, fd,
			     MHD_OPTION_CONNECTION_LIMIT, o.max_connections,
			     /* no one client address takes every connection */
			     MHD_OPTION_PER_IP_CONNECTION_LIMIT,
			     (o.max_connections + 1) / 2,
			     /* a client silent this long is dropped */
			     MHD_OPTION_CONNECTION_TIMEOUT, o.idle_timeout,
			     /* request line and headers: 8 KiB is plenty */
			     MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)8192,
			     MHD_OPTION_END);
	if (!d) {
		/* its reason is in the log line above */
		fprintf(stderr, "isoctl: serving on %.64s: libmicrohttpd did not start\n",
			o.listen);
		return 1;
	}
	if (!iso_stats_open(&src, o.store, true)) {
		fprintf(stderr, "isoctl serve: /metrics on %.64s, figures from %s\n",
			o.listen, src.module ? "iso.ko" : "cgroupfs");
		iso_stats_close(&src);
	}
	iso_store_init(&store, o.store);
	if (access(store.base, R_OK | X_OK) && errno != ENOENT)
		fprintf(stderr, "isoctl serve: reading %.4095s: %s: the containers iso.ko does not track are left out\n",
			store.base, strerror(errno));
	sigwait(&stop, &sig);
	MHD_stop_daemon(d);
	return 0;
}
