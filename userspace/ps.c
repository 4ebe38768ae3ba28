// SPDX-License-Identifier: GPL-2.0
/*
 * isoctl ps -n NAME [-P PATH]: a running container's processes as the host
 * sees them, with the pid each has inside: every task in its cgroup tree.
 */
#include <errno.h>
#include <ftw.h>
#include <stdio.h>
#include <string.h>

#include "isoctl.h"
#include "runtime/cgroup.h"
#include "error.h"
#include "runtime/state.h"
#include "runtime/store.h"

/* The innermost pid of /proc/PID/status's NSpid line. */
static long inner_pid(long pid)
{
	char path[64], line[256], *last;
	long inner = -1;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%ld/status", pid);
	f = fopen(path, "re");
	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f)) {
		if (strncmp(line, "NSpid:", 6))
			continue;
		last = strrchr(line, '\t');
		if (last)
			sscanf(last, "%ld", &inner);
	}
	fclose(f);
	return inner;
}

/*
 * A command line is the container's to write: control characters go out
 * as '?', as ps(1) shows them, not as escapes to the caller's terminal.
 */
static void printable(char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			*s = '?';
}

static void command_of(long pid, char *buf, size_t size)
{
	char path[64];
	size_t n = 0, i;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%ld/cmdline", pid);
	f = fopen(path, "re");
	if (f) {
		n = fread(buf, 1, size - 1, f);
		fclose(f);
	}
	for (i = 0; n && i < n - 1; i++)
		if (!buf[i])
			buf[i] = ' ';
	buf[n] = '\0';
	while (n && (buf[n - 1] == ' ' || !buf[n - 1]))
		buf[--n] = '\0';	/* argv rewritten in place, as init does */
	if (n) {
		printable(buf);
		return;
	}
	snprintf(path, sizeof(path), "/proc/%ld/comm", pid);
	f = fopen(path, "re");
	if (f && fgets(buf + 1, size - 2, f)) {
		buf[0] = '[';
		buf[strcspn(buf, "\n")] = ']';
		printable(buf);
	}
	if (f)
		fclose(f);
}

static int list_dir(const char *dir, const struct stat *st, int type,
		    struct FTW *ftw)
{
	char path[PATH_MAX], cmd[256];
	long pid;
	FILE *f;

	(void)st;
	(void)ftw;
	if (type != FTW_D || iso_path_join(path, dir, "cgroup.procs"))
		return 0;
	f = fopen(path, "re");
	if (!f)
		return 0;
	while (fscanf(f, "%ld", &pid) == 1) {
		command_of(pid, cmd, sizeof(cmd));
		printf("%-8ld %-8ld %.255s\n", pid, inner_pid(pid), cmd);
	}
	fclose(f);
	return 0;
}

int cmd_ps(int argc, char **argv)
{
	static struct iso_cgroup cg;
	struct iso_target t = { 0 };
	int ret;

	ret = iso_target_parse(&t, argc, argv);
	if (ret > 0)
		goto usage;
	if (ret)
		return ret;
	ret = iso_target_running(&t, "ps");
	if (ret < 0)
		return ret;
	ret = iso_cgroup_find(&cg, t.dir, t.name);
	if (ret)
		return ret;
	printf("%-8s %-8s %s\n", "PID", "CPID", "CMD");
	/* one tree has every task: v2's, or any v1 hierarchy's */
	nftw(cg.v2[0] ? cg.v2 : cg.v1[0], list_dir, 16, FTW_PHYS);
	return 0;
usage:
	fprintf(stderr, "Usage: isoctl ps -n NAME [-P PATH]\n");
	return -EINVAL;
}
