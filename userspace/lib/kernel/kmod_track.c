// SPDX-License-Identifier: GPL-2.0
/* A container tracked by iso.ko from birth: ADD before clone, SET after. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <netlink/socket.h>

#include "config/config.h"
#include "error.h"
#include "kernel/kmod_track.h"
#include "kernel/limit.h"

/* An iso.ko older than ABI 5 refuses ISO_A_CONTAINER_MONITOR. */
static bool iso_track_can_monitor(struct iso_track *t)
{
	struct iso_info info;

	return !iso_genl_get_info(&t->g, &info) && info.abi_version >= 5;
}

void iso_track_begin(struct iso_track *t, const char *name, const char *v2_dir)
{
	bool monitor;
	int fd, ret;

	t->on = false;
	t->name = name;
	t->err = v2_dir[0] ? iso_genl_open(&t->g) : -ENOTDIR;
	if (t->err)
		return;
	monitor = t->monitor && iso_track_can_monitor(t);
	fd = open(v2_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	ret = fd < 0 ? -errno : iso_genl_container_add(&t->g, name, fd, 0,
						       monitor);
	if (fd >= 0)
		close(fd);
	if (ret) {
		iso_fail_why(ret, "tracking in iso.ko", name, t->g.extack);
		iso_genl_close(&t->g);
		t->err = ret;
		return;
	}
	t->on = true;
}

int iso_track_limits(struct iso_track *t, const struct iso_config *cfg)
{
	const struct iso_limit_kind *kind;
	struct iso_limit_rec want;
	char object[160], why[128];
	int i, ret;

	for (i = 0; i < cfg->n_limits; i++) {
		snprintf(object, sizeof(object), "iso.limit.%.31s to %.64s",
			 cfg->limits[i].controller, t->name);
		if (!t->on)
			return iso_fail_why(t->err, "applying", object,
					    t->err == -ENOENT ?
					    "iso.ko is not loaded" :
					    "iso.ko does not track the container");
		kind = iso_limit_kind_find(cfg->limits[i].controller);
		memset(&want, 0, sizeof(want));
		/* the parser took it: this cannot fail */
		if (!kind || kind->parse(cfg->limits[i].value, &want, why,
					 sizeof(why)))
			return iso_fail(-EINVAL, "applying", object);
		ret = iso_genl_limit_set(&t->g, t->name, kind, &want);
		if (ret)
			return iso_fail_why(ret, "applying", object,
					    t->g.extack);
	}
	return 0;
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
	return t->on ? nl_socket_get_fd(t->g.sk) : -1;
}

/* What is there to read, without waiting for more. */
int iso_track_read(struct iso_track *t,
		   int (*fn)(const struct iso_event_rec *ev, void *arg),
		   void *arg)
{
	int ret;

	if (!t->on)
		return 0;
	nl_socket_set_nonblocking(t->g.sk);
	ret = iso_genl_events(&t->g, fn, arg);
	return ret == -EAGAIN ? 0 : ret;
}

void iso_track_end(struct iso_track *t)
{
	if (t->on)
		iso_genl_close(&t->g);
	t->on = false;
}
