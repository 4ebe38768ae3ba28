// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/pidfd.h>
#include <time.h>
#include <unistd.h>

#include "runtime/cgroup.h"
#include "runtime/state.h"
#include "runtime/store.h"
#include "runtime/lxc_peer.h"

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
	/* LXC's lxc-start is kept out too, and one that got in keeps us out */
	if (iso_lxc_claim(dir)) {
		close(fd);
		return -EBUSY;
	}
	return fd;
}

int iso_state_ops_lock(const char *dir, bool wait)
{
	struct flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_SET };
	int fd = open_file(dir, "ops.lock", O_RDWR | O_CREAT);
	int ret;

	if (fd < 0)
		return fd;
	do
		ret = fcntl(fd, wait ? F_OFD_SETLKW : F_OFD_SETLK, &fl);
	while (ret && errno == EINTR);
	if (ret) {
		ret = errno == EAGAIN || errno == EACCES ? -EBUSY : -errno;
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

/* When @pid started, in clock ticks since boot; 0 if it is gone. */
static unsigned long long start_time(pid_t pid)
{
	unsigned long long start = 0;
	char path[64], buf[1024], *p;
	int fd, i;
	ssize_t n;

	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return 0;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return 0;
	buf[n] = '\0';
	/* after the comm, which may hold anything: field 3 on, 22 is it */
	p = strrchr(buf, ')');
	for (i = 3; p && i <= 22; i++)
		p = strchr(p + 1, ' ');
	if (p)
		start = strtoull(p + 1, NULL, 10);
	return start;
}

/*
 * init.pid says "PID STARTTIME": a pid alone could be another process's
 * by now, and stop would signal it.
 */
static pid_t recorded_init(const char *dir, unsigned long long *start)
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
	if (fscanf(f, "%ld %llu", &pid, start) != 2 || pid <= 0 ||
	    pid > INT_MAX || !*start)
		pid = 0;
	fclose(f);
	return pid;
}

pid_t iso_state_running(const char *dir)
{
	unsigned long long start;
	pid_t pid = recorded_init(dir, &start);

	return pid && start_time(pid) == start ? pid : 0;
}

/*
 * The start time is compared once the pidfd is open: a pid recycled
 * before pidfd_open() shows another, and the pidfd names one process for
 * good.
 */
int iso_state_pidfd(const char *dir, pid_t *pid)
{
	unsigned long long start;
	int pidfd;

	*pid = recorded_init(dir, &start);
	if (!*pid)
		return -ESRCH;
	pidfd = pidfd_open(*pid, 0);
	if (pidfd < 0)
		return -errno;
	if (start_time(*pid) != start) {
		close(pidfd);
		return -ESRCH;
	}
	return pidfd;
}

bool iso_state_pidfd_alive(int pidfd)
{
	return !pidfd_send_signal(pidfd, 0, NULL, 0);
}

int iso_state_save(const char *dir, pid_t init)
{
	unsigned long long start = start_time(init);
	char path[PATH_MAX], text[48];
	int len, ret = iso_path_join(path, dir, "init.pid");

	if (!start)
		return -ESRCH;
	len = snprintf(text, sizeof(text), "%d %llu\n", (int)init, start);
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
		return iso_lxc_running_dir(dir) ? "RUNNING (lxc)" : "STOPPED";
	if (!iso_cgroup_find_quiet(cg, dir, name) && iso_cgroup_frozen(cg))
		return "FROZEN";
	return "RUNNING";
}
