// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

#include "runtime/cgroup.h"
#include "runtime/state.h"
#include "runtime/store.h"

static int open_file(const char *dir, const char *file, int flags)
{
	char path[PATH_MAX];
	int ret = iso_path_join(path, dir, file);
	int fd;

	if (ret)
		return ret;
	fd = open(path, flags | O_CLOEXEC, 0600);
	return fd < 0 ? -errno : fd;
}

int iso_state_lock(const char *dir)
{
	struct flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_SET };
	int fd = open_file(dir, "lock", O_RDWR | O_CREAT);

	if (fd < 0)
		return fd;
	if (fcntl(fd, F_OFD_SETLK, &fl)) {
		int ret = errno == EAGAIN || errno == EACCES ? -EBUSY : -errno;

		close(fd);
		return ret;
	}
	return fd;
}

bool iso_state_locked(const char *dir)
{
	struct flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_SET };
	int fd = open_file(dir, "lock", O_RDONLY);
	bool held;

	if (fd < 0)
		return false;
	held = !fcntl(fd, F_OFD_GETLK, &fl) && fl.l_type != F_UNLCK;
	close(fd);
	return held;
}

pid_t iso_state_running(const char *dir)
{
	long pid = 0;
	FILE *f;
	int fd;

	if (!iso_state_locked(dir))
		return 0;
	fd = open_file(dir, "init.pid", O_RDONLY);
	if (fd < 0)
		return 0;
	f = fdopen(fd, "r");
	if (!f) {
		close(fd);
		return 0;
	}
	if (fscanf(f, "%ld", &pid) != 1 || pid <= 0)
		pid = 0;
	fclose(f);
	if (pid && kill(pid, 0) && errno == ESRCH)
		pid = 0;
	return pid;
}

int iso_state_save(const char *dir, pid_t init)
{
	char path[PATH_MAX], text[32];
	int len = snprintf(text, sizeof(text), "%d\n", (int)init);
	int ret = iso_path_join(path, dir, "init.pid");

	return ret ? ret : iso_write_atomic(path, text, len);
}

void iso_state_clear(const char *dir)
{
	char path[PATH_MAX];

	if (!iso_path_join(path, dir, "init.pid"))
		unlink(path);
}

int iso_state_wait_stopped(const char *dir, unsigned int ms)
{
	struct timespec tick = { 0, 10 * 1000 * 1000 };
	unsigned int waited;

	for (waited = 0; iso_state_locked(dir); waited += 10) {
		if (waited >= ms)
			return -ETIMEDOUT;
		nanosleep(&tick, NULL);
	}
	return 0;
}

const char *iso_state_name(const char *dir, const char *name, pid_t *pid,
			   struct iso_cgroup *cg)
{
	cg->v2[0] = '\0';
	cg->n_v1 = 0;
	*pid = iso_state_running(dir);
	if (!*pid)
		return "STOPPED";
	if (!iso_cgroup_find_quiet(cg, name) && iso_cgroup_frozen(cg))
		return "FROZEN";
	return "RUNNING";
}
