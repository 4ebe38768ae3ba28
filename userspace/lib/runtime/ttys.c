// SPDX-License-Identifier: GPL-2.0
/*
 * The child's side of a container's terminals: its console and the ttys
 * of lxc.tty.max, ptys of the container's own devpts, so that root
 * inside owns them, user namespace or not; their slaves bound in its
 * /dev, where lxc.tty.dir says, and both ends sent to the parent, whose
 * monitor serves the masters (console.c).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "error.h"
#include "runtime/console.h"
#include "runtime/rootfs_path.h"
#include "runtime/fd_pass.h"
#include "runtime/ttys.h"

/* Both ends of pty @n, numbered in the one byte that carries them. */
static int send_pty(int sk, unsigned char n, int master, int slave)
{
	int fds[2] = { master, slave };

	return iso_send_fds(sk, n, fds, 2);
}

/* The slave @tty_fd bound over dev/@rel, a file made for it. */
static int bind_tty(int rootfd, const char *rel, int tty_fd)
{
	char path[NAME_MAX + 32];
	int fd, ret;

	snprintf(path, sizeof(path), "dev/%.*s", NAME_MAX + 20, rel);
	fd = iso_root_mkfile(rootfd, path, 0600);
	/* the image's own node (lxc.autodev = 0): bound over, as in LXC */
	if (fd == -EEXIST)
		fd = iso_root_open(rootfd, path, O_PATH);
	ret = fd < 0 ? fd : iso_bind_on(fd, tty_fd, "", false, 0);
	if (fd >= 0)
		close(fd);
	return ret ? iso_failf(ret, "binding a pty on", "/%.*s", NAME_MAX + 24, path) : 0;
}

/*
 * /dev/ttyN a link to DIR/ttyN, as LXC's lxc_setup_ttys() makes it: what
 * the image had there goes.
 */
static int link_tty(int rootfd, const char *dir, const char *tty)
{
	char target[NAME_MAX + 24];
	int dev = iso_root_open(rootfd, "dev", O_PATH | O_DIRECTORY), ret = 0;

	if (dev < 0)
		return iso_fail(dev, "opening", "the container's /dev");
	snprintf(target, sizeof(target), "%.*s/%.15s", NAME_MAX, dir, tty);
	if (unlinkat(dev, tty, 0) && errno != ENOENT)
		ret = iso_failf(-errno, "removing", "/dev/%.15s", tty);
	else if (symlinkat(target, dev, tty))
		ret = iso_failf(-errno, "linking", "/dev/%.15s", tty);
	close(dev);
	return ret;
}

/* Pty @n, bound where it goes: "console", or "ttyN". */
static int make_one(int rootfd, const struct iso_config *cfg, int n, int sk,
		    char *names, size_t size)
{
	char tty[16], rel[NAME_MAX + 24];
	const char *dir = cfg->tty_dir;
	int master, slave, ret;
	unsigned int pty;

	if (n)
		snprintf(tty, sizeof(tty), "tty%d", n);
	else
		snprintf(tty, sizeof(tty), "console");
	master = iso_pty_open(rootfd, &slave);
	if (master < 0)
		return master;
	if (*dir) {
		snprintf(rel, sizeof(rel), "%.*s/%.15s", NAME_MAX, dir, tty);
		ret = bind_tty(rootfd, rel, slave);
		/* the console is on both, a tty's name a link to it */
		if (!ret)
			ret = n ? link_tty(rootfd, dir, tty) :
				  bind_tty(rootfd, tty, slave);
	} else {
		snprintf(rel, sizeof(rel), "%.15s", tty);
		ret = bind_tty(rootfd, tty, slave);
	}
	/* LXC's names: the ptys' own, which systemd's getty-generator takes */
	if (!ret && n && !ioctl(master, TIOCGPTN, &pty))
		snprintf(names + strlen(names), size - strlen(names), "%.1spts/%u",
			 n > 1 ? " " : "", pty);
	if (!ret && send_pty(sk, n, master, slave))
		ret = iso_fail(-errno, "sending to the monitor", tty);
	close(slave);
	close(master);
	return ret;
}

static int cover_console(int rootfd)
{
	int fd = open("/dev/null", O_RDONLY | O_NOCTTY | O_CLOEXEC), ret;

	if (fd < 0)
		return iso_fail(-errno, "opening", "/dev/null");
	ret = bind_tty(rootfd, "console", fd);
	close(fd);
	return ret;
}

int iso_ttys_make(int rootfd, const struct iso_config *cfg, bool console,
		  bool ttys, int sk, char names[ISO_TTY_NAMES_MAX])
{
	int n, ret = 0;

	names[0] = '\0';
	if (console)
		ret = make_one(rootfd, cfg, 0, sk, names, ISO_TTY_NAMES_MAX);
	/*
	 * start without one (lxc.console.path = none): the host's /dev/null
	 * over /dev/console, not the image's node, which would be the host's
	 * console with lxc.autodev = 0
	 */
	else if (ttys)
		ret = cover_console(rootfd);
	for (n = 1; ttys && !ret && n <= (int)cfg->tty_max; n++)
		ret = make_one(rootfd, cfg, n, sk, names, ISO_TTY_NAMES_MAX);
	return ret;
}
