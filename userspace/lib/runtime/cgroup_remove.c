// SPDX-License-Identifier: GPL-2.0
/*
 * Removing a container's cgroup with every cgroup made inside it.  The
 * container's root may have made them, as deep and as many as it likes:
 * the walk goes by fd, one directory open at a time, so that no depth
 * makes a path too long or runs out of fds.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "error.h"
#include "runtime/cgroup.h"

/* How long the walk, and the reaping of the tasks it kills, may take. */
#define REMOVE_TIMEOUT_MS 5000

static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/*
 * In @name, a subdirectory of @fd, in readdir order (kernfs keeps it):
 * the one whose inode is @ino; else the one after the one whose inode is
 * @after, or the first if that is gone (removed, or renamed on v1); else
 * the first.  1 if found, 0 if not, or a negative errno.
 */
static int scan_subdirs(int fd, ino_t ino, ino_t after, char name[NAME_MAX + 1])
{
	bool passed = !after;
	struct dirent *e;
	int dup_fd, ret = 0;
	DIR *d;

	dup_fd = openat(fd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dup_fd < 0)
		return -errno;
	d = fdopendir(dup_fd);
	if (!d) {
		close(dup_fd);
		return -errno;
	}
	errno = 0;
	while (!ret && (e = readdir(d))) {
		if (e->d_type != DT_DIR || !strcmp(e->d_name, ".") ||
		    !strcmp(e->d_name, ".."))
			continue;
		if (ino && e->d_ino != ino)
			continue;
		if (!passed) {
			passed = e->d_ino == after;
			continue;
		}
		snprintf(name, NAME_MAX + 1, "%s", e->d_name);
		ret = 1;
	}
	if (!ret && errno)
		ret = -errno;
	closedir(d);
	if (!ret && !passed)
		return scan_subdirs(fd, 0, 0, name);
	return ret;
}

static int find_subdir(int fd, ino_t ino, char name[NAME_MAX + 1])
{
	return scan_subdirs(fd, ino, 0, name);
}

static int next_subdir(int fd, ino_t after, char name[NAME_MAX + 1])
{
	return scan_subdirs(fd, 0, after, name);
}

/* THAWED into @fd's freezer.state; a cgroup gone since is no failure. */
static int thaw_at(int fd)
{
	int ret = iso_cgroup_write_at(fd, "freezer.state", "THAWED");

	return ret == -ENOENT || ret == -ENODEV ? 0 : ret;
}

/*
 * SIGKILL every task in the cgroup @fd, for v1, which has no cgroup.kill.
 * A task v1's freezer holds does not die until thawed, and the container
 * may have frozen a cgroup of its own: thaw it first.
 */
static void kill_tasks(int fd)
{
	int procs = openat(fd, "cgroup.procs", O_RDONLY | O_CLOEXEC);
	FILE *f = procs < 0 ? NULL : fdopen(procs, "r");
	long pid;

	/* if it fails, the rmdir's EBUSY says so */
	thaw_at(fd);
	if (!f) {
		if (procs >= 0)
			close(procs);
		return;
	}
	while (fscanf(f, "%ld", &pid) == 1)
		kill(pid, SIGKILL);
	fclose(f);
}

/*
 * rmdir the childless cgroup @fd, @name in @parent: EBUSY until its last
 * task is reaped, so kill them and wait, until @deadline.  -EAGAIN if a
 * task not yet killed made it a child since: the walk goes down again.
 */
static int remove_leaf(int parent, const char *name, int fd, long deadline)
{
	struct timespec ts = { 0, 10 * 1000 * 1000 };
	char child[NAME_MAX + 1];

	while (unlinkat(parent, name, AT_REMOVEDIR)) {
		if (errno == ENOENT)
			return 0;
		if (errno != EBUSY || now_ms() > deadline)
			return -errno;
		if (find_subdir(fd, 0, child) > 0)
			return -EAGAIN;
		kill_tasks(fd);
		nanosleep(&ts, NULL);
	}
	return 0;
}

int iso_cgroup_remove_tree(const char *dir)
{
	long deadline = now_ms() + REMOVE_TIMEOUT_MS;
	char name[NAME_MAX + 1];
	int cur, next, depth = 0, ret;
	bool killed;
	struct stat st;

	/*
	 * v2 kills the whole tree at once; on v1 each cgroup's tasks are
	 * killed before the walk goes below it, so that none is left
	 * making cgroups faster than they go.
	 */
	killed = !iso_cgroup_write(dir, "cgroup.kill", "1");
	cur = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (cur < 0)
		return errno == ENOENT ? 0 : iso_fail(-errno, "removing cgroup", dir);
	for (;;) {
		if (now_ms() > deadline) {
			ret = -ETIMEDOUT;
			break;
		}
		if (!killed)
			kill_tasks(cur);
		/* down to a cgroup with no children */
		ret = find_subdir(cur, 0, name);
		if (ret > 0) {
			next = openat(cur, name, O_RDONLY | O_DIRECTORY |
				      O_NOFOLLOW | O_CLOEXEC);
			if (next < 0 && errno == ENOENT)
				continue;	/* gone since */
			if (next < 0) {
				ret = -errno;
				break;
			}
			close(cur);
			cur = next;
			depth++;
			continue;
		}
		if (ret < 0)
			break;
		if (!depth) {
			ret = remove_leaf(AT_FDCWD, dir, cur, deadline);
			if (ret == -EAGAIN)
				continue;
			break;
		}
		/* then remove it from its parent, and look there again */
		next = openat(cur, "..", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		if (next < 0 || fstat(cur, &st)) {
			ret = -errno;
		} else {
			/* 0 if renamed (v1) or removed since: look again */
			ret = find_subdir(next, st.st_ino, name);
			if (ret > 0)
				ret = remove_leaf(next, name, cur, deadline);
		}
		if (ret == -EAGAIN) {
			close(next);
			continue;
		}
		close(cur);
		cur = next;
		depth--;
		if (ret || cur < 0)
			break;
	}
	if (cur >= 0)
		close(cur);
	return ret ? iso_fail(ret, "removing cgroup", dir) : 0;
}

int iso_cgroup_thaw_tree(const char *dir)
{
	long deadline = now_ms() + REMOVE_TIMEOUT_MS;
	char name[NAME_MAX + 1];
	int cur, next, depth = 0, ret = 0;
	ino_t after = 0;
	struct stat st;

	cur = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (cur < 0)
		return errno == ENOENT ? 0 : -errno;
	ret = thaw_at(cur);
	/* every cgroup once, parents first, one directory open at a time */
	while (!ret) {
		if (now_ms() > deadline) {
			ret = -ETIMEDOUT;
			break;
		}
		ret = next_subdir(cur, after, name);
		if (ret > 0) {
			next = openat(cur, name, O_RDONLY | O_DIRECTORY |
				      O_NOFOLLOW | O_CLOEXEC);
			if (next < 0) {
				ret = errno == ENOENT ? 0 : -errno;
				if (ret)
					break;
				continue;	/* gone: the next one, again */
			}
			ret = thaw_at(next);
			close(cur);
			cur = next;
			depth++;
			after = 0;
			continue;
		}
		if (ret < 0 || !depth)
			break;
		/* done here: on to its next sibling */
		if (fstat(cur, &st)) {
			ret = -errno;
			break;
		}
		next = openat(cur, "..", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		ret = next < 0 ? -errno : 0;
		close(cur);
		cur = next;
		if (ret)
			break;
		after = st.st_ino;
		depth--;
	}
	if (cur >= 0)
		close(cur);
	return ret;
}
