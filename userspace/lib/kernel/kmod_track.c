// SPDX-License-Identifier: GPL-2.0
/* A container tracked by iso.ko from birth: ADD before clone, SET after. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <sys/socket.h>
#include <linux/netlink.h>
#include <netlink/socket.h>

#include "config/config.h"
#include "error.h"
#include "kernel/kmod_track.h"
#include "kernel/limit.h"

/*
 * A monitor's own connection, which only receives once the ADD it sends
 * is answered: what iso.ko sends it can never be taken for the answer to
 * a request.  It must not lose a message to a full buffer unseen, and is
 * read without waiting.  NULL with an iso.ko older than ABI 5, which
 * refuses ISO_A_CONTAINER_MONITOR.
 */
static struct iso_genl *iso_track_open_monitor(struct iso_track *t)
{
	struct iso_info info;
	int on = 1;

	if (!t->monitor || iso_genl_get_info(&t->g, &info) ||
	    info.abi_version < 5 || iso_genl_open(&t->mon))
		return NULL;
	t->has_mon = true;
	if (setsockopt(nl_socket_get_fd(t->mon.sk), SOL_NETLINK,
		       NETLINK_NO_ENOBUFS, &on, sizeof(on)))
		iso_fail(-errno, "setting NETLINK_NO_ENOBUFS for the monitor of",
			 t->name);
	return &t->mon;
}

/* a second, in steps: what iso.ko's deferred rmdir work takes, and more */
#define ADD_RETRIES 50
#define ADD_RETRY_US (20 * 1000)

void iso_track_begin(struct iso_track *t, const char *name, const char *v2_dir)
{
	struct iso_genl *adder;
	int fd, ret, tries;

	t->on = t->has_mon = false;
	t->name = name;
	t->err = v2_dir[0] ? iso_genl_open(&t->g) : -ENOTDIR;
	if (t->err)
		return;
	adder = iso_track_open_monitor(t) ?: &t->g;
	fd = open(v2_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	ret = fd < 0 ? -errno : iso_genl_container_add(adder, name, fd, 0,
						       t->has_mon);
	/*
	 * The name of a container that rebooted, whose cgroup iso.ko lets
	 * go in deferred work after the rmdir: a moment for it to go.
	 */
	for (tries = 0; ret == -EEXIST && tries < ADD_RETRIES; tries++) {
		usleep(ADD_RETRY_US);
		ret = iso_genl_container_add(adder, name, fd, 0, t->has_mon);
	}
	if (fd >= 0)
		close(fd);
	if (ret) {
		iso_fail_why(ret, "tracking in iso.ko", name, adder->extack);
		t->on = true;
		iso_track_close(t);
		t->err = ret;
		return;
	}
	if (t->has_mon)
		nl_socket_set_nonblocking(t->mon.sk);
	t->on = true;
}

/* Open the files @kind's limit names, inside the rootfs (*@rootfd). */
static int open_files(const struct iso_limit_kind *kind,
		      const struct iso_config *cfg, const char *value,
		      int *rootfd, struct iso_limit_rec *want,
		      const char *object)
{
	char why[128];
	int ret;

	if (!kind->open_files)
		return 0;
	if (*rootfd < 0) {
		*rootfd = open(cfg->rootfs, O_PATH | O_DIRECTORY | O_CLOEXEC);
		if (*rootfd < 0)
			return iso_fail(-errno, "opening the rootfs",
					cfg->rootfs);
	}
	ret = kind->open_files(value, *rootfd, want, why, sizeof(why));
	if (!ret)
		return 0;
	return iso_failf(ret, "applying", "%.160s: %.256s in its rootfs: %.128s",
			 object, value, why);
}

int iso_track_limits(struct iso_track *t, const struct iso_config *cfg)
{
	const struct iso_limit_kind *kind;
	struct iso_limit_rec want;
	char object[160], why[128];
	int i, ret = 0, rootfd = -1;

	for (i = 0; i < cfg->n_limits && !ret; i++) {
		snprintf(object, sizeof(object), "iso.limit.%.31s to %.64s",
			 cfg->limits[i].controller, t->name);
		if (!t->on) {
			ret = iso_fail_why(t->err, "applying", object,
					   t->err == -ENOENT ?
					   "iso.ko is not loaded" :
					   "iso.ko does not track the container");
			break;
		}
		kind = iso_limit_kind_find(cfg->limits[i].controller);
		memset(&want, 0, sizeof(want));
		/* the parser took it: this cannot fail */
		if (!kind || kind->parse(cfg->limits[i].value, &want, why,
					 sizeof(why))) {
			ret = iso_fail(-EINVAL, "applying", object);
			break;
		}
		ret = open_files(kind, cfg, cfg->limits[i].value, &rootfd,
				 &want, object);
		if (ret)
			break;
		ret = iso_genl_limit_set(&t->g, t->name, kind, &want);
		if (ret)
			iso_fail_why(ret, "applying", object, t->g.extack);
		iso_limit_close_files(kind, &want);
	}
	if (rootfd >= 0)
		close(rootfd);
	return ret;
}

void iso_track_set_init(struct iso_track *t, pid_t pid)
{
	int ret;

	if (!t->on)
		return;
	ret = iso_genl_container_set_init(&t->g, t->name, pid);
	if (ret)
		iso_fail_why(ret, "naming the init to iso.ko of", t->name,
			     t->g.extack);
}

int iso_track_fd(const struct iso_track *t)
{
	return t->has_mon ? nl_socket_get_fd(t->mon.sk) : -1;
}

/* What is there to read, without waiting for more. */
int iso_track_read(struct iso_track *t,
		   int (*fn)(const struct iso_event_rec *ev, void *arg),
		   void *arg)
{
	int ret;

	if (!t->has_mon)
		return 0;
	ret = iso_genl_events(&t->mon, fn, arg);
	return ret == -EAGAIN ? 0 : ret;
}

void iso_track_end(struct iso_track *t)
{
	if (t->on)
		iso_genl_close(&t->g);
	t->on = false;
}

void iso_track_close(struct iso_track *t)
{
	iso_track_end(t);
	if (t->has_mon)
		iso_genl_close(&t->mon);
	t->has_mon = false;
}
