// SPDX-License-Identifier: GPL-2.0
/*
 * Containers of LXC's own store that LXC itself runs: isoctl never
 * starts, stops or removes one of those, and says so.  LXC 5.0.2's
 * monitor listens on an abstract unix socket named after the lxcpath and
 * the container (commands_utils.c, lxc_make_abstract_socket_name()).
 */
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "error.h"
#include "runtime/lxc_peer.h"

/* FNV-1a, 64 bits: LXC's fnv_64a_buf() with FNV1A_64_INIT. */
static uint64_t fnv1a_64(const char *buf, size_t len)
{
	uint64_t h = 0xcbf29ce484222325ULL;
	size_t i;

	for (i = 0; i < len; i++) {
		h ^= (unsigned char)buf[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}

bool iso_lxc_running(const char *lxcpath, const char *name)
{
	struct sockaddr_un addr = { .sun_family = AF_UNIX };
	/* LXC leaves room for the leading and a trailing NUL */
	const size_t room = sizeof(addr.sun_path) - 2;
	char *sock = addr.sun_path + 1, both[PATH_MAX];
	int n, fd, ret;

	n = snprintf(sock, room, "%s/%s/command", lxcpath, name);
	if (n < 0)
		return false;
	if ((size_t)n >= room) {
		n = snprintf(both, sizeof(both), "%s/%s", lxcpath, name);
		if (n < 0 || (size_t)n >= sizeof(both))
			return false;
		n = snprintf(sock, room, "lxc/%016" PRIx64 "/command",
			     fnv1a_64(both, n));
	}
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return false;
	ret = connect(fd, (struct sockaddr *)&addr,
		      offsetof(struct sockaddr_un, sun_path) + 1 + n);
	close(fd);
	return !ret;
}

bool iso_lxc_running_dir(const char *dir)
{
	char base[PATH_MAX], real[PATH_MAX];
	const char *name = strrchr(dir, '/');

	if (!name || name == dir || !name[1])
		return false;
	snprintf(base, sizeof(base), "%.*s", (int)(name - dir), dir);
	name++;
	if (iso_lxc_running(base, name))
		return true;
	return realpath(base, real) && strcmp(real, base) &&
	       iso_lxc_running(real, name);
}

int iso_lxc_refuse(const char *cmd, const char *dir, const char *name)
{
	if (!iso_lxc_running_dir(dir))
		return 0;
	return iso_failf(-EBUSY, cmd, "%s: LXC runs it (lxc-stop it first)", name);
}
