// SPDX-License-Identifier: GPL-2.0
/*
 * Containers of LXC's own store that LXC itself runs: isoctl never
 * starts, stops or removes one of those, and says so.  LXC 5.0.2's
 * monitor listens on an abstract unix socket named after the lxcpath and
 * the container (commands_utils.c, lxc_make_abstract_socket_name()), as
 * root.  While isoctl holds a container's lock it binds those names too,
 * without listening: lxc-start then finds it "already running", and an
 * LXC that got there first makes the bind fail.  Abstract names have no
 * owner: one that a user other than root listens on is not LXC's.
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
#include "runtime/state.h"

/* The spellings of a store LXC's tools may have been given. */
#define SPELLINGS 3

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

/* LXC's command socket of @name in @lxcpath: the address's length, or 0. */
static socklen_t command_addr(const char *lxcpath, const char *name,
			      struct sockaddr_un *addr)
{
	/* LXC leaves room for the leading and a trailing NUL */
	const size_t room = sizeof(addr->sun_path) - 2;
	char *sock = addr->sun_path + 1, both[PATH_MAX];
	int n;

	memset(addr, 0, sizeof(*addr));
	addr->sun_family = AF_UNIX;
	n = snprintf(sock, room, "%s/%s/command", lxcpath, name);
	if (n < 0)
		return 0;
	if ((size_t)n >= room) {
		n = snprintf(both, sizeof(both), "%s/%s", lxcpath, name);
		if (n < 0 || (size_t)n >= sizeof(both))
			return 0;
		n = snprintf(sock, room, "lxc/%016" PRIx64 "/command",
			     fnv1a_64(both, n));
	}
	return offsetof(struct sockaddr_un, sun_path) + 1 + n;
}

/*
 * The store of container directory @dir, as it may have been spelled to
 * LXC: as given, without trailing slashes (LXC drops them), and for
 * real.  Its name in @name; the count, 0 if @dir names none.
 */
static int spellings(const char *dir, char base[SPELLINGS][PATH_MAX],
		     const char **name)
{
	const char *slash = strrchr(dir, '/');
	size_t len;
	int n = 1;

	if (!slash || slash == dir || !slash[1])
		return 0;
	*name = slash + 1;
	snprintf(base[0], PATH_MAX, "%.*s", (int)(slash - dir), dir);
	len = strlen(base[0]);
	while (len > 1 && base[0][len - 1] == '/')
		len--;
	if (len != strlen(base[0])) {
		memcpy(base[n], base[0], len);
		base[n++][len] = '\0';
	}
	if (realpath(base[0], base[n]) && strcmp(base[n], base[0]) &&
	    (n == 1 || strcmp(base[n], base[1])))
		n++;
	return n;
}

/*
 * 1 if LXC's monitor listens there, 0 if nobody does or a user other than
 * root does.  Without blocking: an LXC whose backlog is full is busy, and
 * running.
 */
static int lxc_listens(const struct sockaddr_un *addr, socklen_t len)
{
	struct ucred cred;
	socklen_t clen = sizeof(cred);
	int fd, ret;

	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
	if (fd < 0)
		return 0;
	ret = connect(fd, (const struct sockaddr *)addr, len);
	if (ret && errno == EAGAIN)
		ret = 1;
	else if (ret)
		ret = 0;
	else
		ret = !getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cred, &clen) &&
		      cred.uid == 0;
	close(fd);
	return ret;
}

bool iso_lxc_running_dir(const char *dir)
{
	char base[SPELLINGS][PATH_MAX];
	struct sockaddr_un addr;
	const char *name;
	socklen_t len;
	int i, n = spellings(dir, base, &name);

	for (i = 0; i < n; i++) {
		len = command_addr(base[i], name, &addr);
		if (len && lxc_listens(&addr, len))
			return true;
	}
	return false;
}

int iso_lxc_refuse(const char *cmd, const char *dir, const char *name)
{
	/* isoctl's own first: nobody's socket stands for one it runs */
	if (iso_state_running(dir) || !iso_lxc_running_dir(dir))
		return 0;
	return iso_failf(-EBUSY, cmd, "%s: LXC runs it (lxc-stop it first)", name);
}

int iso_lxc_claim(const char *dir)
{
	char base[SPELLINGS][PATH_MAX];
	struct sockaddr_un addr;
	int i, fd[SPELLINGS], n;
	const char *name;
	socklen_t len;

	n = spellings(dir, base, &name);
	for (i = 0; i < n; i++) {
		len = command_addr(base[i], name, &addr);
		fd[i] = len ? socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0) : -1;
		if (fd[i] < 0 || !bind(fd[i], (struct sockaddr *)&addr, len))
			continue;	/* kept until this process ends */
		close(fd[i]);
		fd[i] = -1;
		if (errno == EADDRINUSE && lxc_listens(&addr, len))
			break;
	}
	if (i == n)
		return 0;
	while (i--)
		if (fd[i] >= 0)
			close(fd[i]);
	return -EBUSY;
}
