// SPDX-License-Identifier: GPL-2.0
/* A container tracked by iso.ko from birth: ADD before clone, SET after. */
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include "error.h"
#include "kernel/kmod_track.h"

void iso_track_begin(struct iso_track *t, const char *name, const char *v2_dir)
{
	int fd, ret;

	t->on = false;
	t->name = name;
	if (!v2_dir[0] || iso_genl_open(&t->g))
		return;
	fd = open(v2_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	ret = fd < 0 ? -errno : iso_genl_container_add(&t->g, name, fd, 0);
	if (fd >= 0)
		close(fd);
	if (ret) {
		iso_fail_why(ret, "tracking in iso.ko", name, t->g.extack);
		iso_genl_close(&t->g);
		return;
	}
	t->on = true;
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

void iso_track_end(struct iso_track *t)
{
	if (t->on)
		iso_genl_close(&t->g);
	t->on = false;
}
