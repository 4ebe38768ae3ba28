// SPDX-License-Identifier: GPL-2.0
/* A container's root where "/" is the initramfs: chroot, made safe. */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "error.h"
#include "runtime/initramfs_root.h"

#define MAX_MOUNTS 4096

struct mnt {
	int id, parent;
	bool keep;
	char point[512];
};

/* "\040" and the like, as mountinfo escapes them. */
static void unescape(char *s)
{
	char *out = s;

	while (*s) {
		if (s[0] == '\\' && s[1] >= '0' && s[1] <= '3' &&
		    s[2] >= '0' && s[2] <= '7' && s[3] >= '0' && s[3] <= '7') {
			*out++ = (s[1] - '0') << 6 | (s[2] - '0') << 3 | (s[3] - '0');
			s += 4;
		} else {
			*out++ = *s++;
		}
	}
	*out = '\0';
}

/*
 * The mounts in mountinfo @f, read from its start.  A line not parsed,
 * or a mount point too long for struct mnt, is an error, not a mount
 * skipped.
 */
static int read_mounts(FILE *f, struct mnt *m, int max)
{
	size_t size = 0;
	char *line = NULL;
	int n = 0, ret = 0;

	rewind(f);
	while (!ret && getline(&line, &size, f) > 0) {
		if (n == max)
			ret = -E2BIG;
		else if (sscanf(line, "%d %d %*s %*s %511s", &m[n].id,
				&m[n].parent, m[n].point) != 3)
			ret = -EINVAL;
		else if (strlen(m[n].point) == sizeof(m[n].point) - 1)
			ret = -ENAMETOOLONG;
		else
			unescape(m[n++].point);
	}
	free(line);
	if (!ret && ferror(f))
		ret = -EIO;
	return ret ? ret : n;
}

bool iso_root_is_initramfs(void)
{
	char line[4096], point[3], type[8];
	FILE *f = fopen("/proc/self/mountinfo", "re");
	const char *sep;
	bool ret;

	if (!f)
		return false;
	/* the first line is the namespace's root */
	ret = fgets(line, sizeof(line), f) && (sep = strstr(line, " - ")) &&
	      sscanf(line, "%*d %*d %*s %*s %2s", point) == 1 &&
	      sscanf(sep + 3, "%7s", type) == 1 &&
	      !strcmp(point, "/") && !strcmp(type, "rootfs");
	fclose(f);
	return ret;
}

int iso_pivot_root_probe(void)
{
	int status;
	pid_t pid;

	pid = fork();
	if (pid < 0)
		return -errno;
	if (!pid) {
		/*
		 * A mount to pivot to, seen only in this namespace.  Exits
		 * 0: it works; 1: EINVAL; 2 + errno: it could not be tried.
		 */
		if (unshare(CLONE_NEWNS) ||
		    mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) ||
		    mount("probe", "/proc", "tmpfs", 0, NULL) || chdir("/proc"))
			_exit(2 + errno);
		if (!syscall(SYS_pivot_root, ".", "."))
			_exit(0);
		_exit(errno == EINVAL ? 1 : 2 + errno);
	}
	if (waitpid(pid, &status, 0) < 0)
		return -errno;
	if (!WIFEXITED(status))
		return -ECHILD;
	if (WEXITSTATUS(status) >= 2)
		return -(WEXITSTATUS(status) - 2);
	return !WEXITSTATUS(status);
}

/* The namespace's root mount, whose parent is itself. */
static bool ns_root(const struct mnt *m)
{
	return m->parent == m->id;
}

/*
 * Keep the namespace's root, and @root_id with everything below it.
 * mountinfo lists a moved mount where it was first made, so parents may
 * come after children: mark until nothing changes.
 */
static void mark_kept(struct mnt *m, int n, int root_id)
{
	bool changed = true;
	int i, j;

	for (i = 0; i < n; i++)
		m[i].keep = m[i].id == root_id || ns_root(&m[i]);
	while (changed) {
		changed = false;
		for (i = 0; i < n; i++)
			for (j = 0; !m[i].keep && j < n; j++)
				if (m[j].keep && !ns_root(&m[j]) &&
				    m[j].id == m[i].parent)
					m[i].keep = changed = true;
	}
}

int iso_detach_outside_root(bool userns)
{
	static struct mnt m[MAX_MOUNTS];
	struct statx stx;
	FILE *f;
	int n, i, ret = 0;

	/* the rootfs, moved over "/", is still the working directory */
	if (statx(AT_FDCWD, ".", 0, STATX_MNT_ID, &stx))
		return iso_fail(-errno, "finding", "the rootfs's mount id");
	if (!(stx.stx_mask & STATX_MNT_ID))
		return iso_fail(-EOPNOTSUPP, "finding", "the rootfs's mount id");
	/* open once: the host's /proc is among what goes */
	f = fopen("/proc/self/mountinfo", "re");
	if (!f)
		return iso_fail(-errno, "reading", "/proc/self/mountinfo");
	n = read_mounts(f, m, MAX_MOUNTS);
	if (n < 0) {
		ret = iso_fail(n, "reading", "/proc/self/mountinfo");
		goto out;
	}
	mark_kept(m, n, (int)stx.stx_mnt_id);
	/*
	 * Last made first; a lazy detach takes a mount's children with it.
	 * Never "/" by path, which names the rootfs now: one of the host's
	 * there is left, and the check below says so.
	 */
	for (i = n - 1; i >= 0; i--)
		if (!m[i].keep && strcmp(m[i].point, "/"))
			umount2(m[i].point, MNT_DETACH);
	if (userns)
		goto out;
	/* a path that named another mount detached nothing: look again */
	n = read_mounts(f, m, MAX_MOUNTS);
	if (n < 0) {
		ret = iso_fail(n, "reading", "/proc/self/mountinfo");
		goto out;
	}
	mark_kept(m, n, (int)stx.stx_mnt_id);
	for (i = 0; i < n && !ret; i++)
		if (!m[i].keep)
			ret = iso_failf(-EBUSY, "detaching", "the host's %.512s",
					m[i].point);
out:
	fclose(f);
	return ret;
}
