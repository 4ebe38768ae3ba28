// SPDX-License-Identifier: GPL-2.0
/*
 * mountsleft DIR: what isoctl does to a container's rootfs where "/" is
 * the initramfs, in a mount namespace of its own: a tmpfs at DIR, with a
 * proc in it, moved over "/", then iso_detach_outside_root().  Prints the
 * mounts left in the namespace, "FSTYPE POINT" a line.  Unlike a
 * container it does not chroot: every mount left is in sight.
 */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include "runtime/initramfs_root.h"

static int die(const char *what)
{
	fprintf(stderr, "mountsleft: %s: %s\n", what, strerror(errno));
	return 1;
}

int main(int argc, char **argv)
{
	char line[4096], point[512], type[64], proc[4096];
	FILE *f;

	if (argc != 2) {
		fprintf(stderr, "usage: mountsleft DIR\n");
		return 2;
	}
	if (unshare(CLONE_NEWNS) ||
	    mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL))
		return die("a mount namespace");
	snprintf(proc, sizeof(proc), "%s/proc", argv[1]);
	if (mkdir(argv[1], 0755) && errno != EEXIST)
		return die(argv[1]);
	if (mount("t", argv[1], "tmpfs", 0, NULL) || mkdir(proc, 0555) ||
	    mount("proc", proc, "proc", 0, NULL))
		return die("mounting a tmpfs and a proc");
	/* opened before the host's /proc goes */
	f = fopen("/proc/self/mountinfo", "re");
	if (!f)
		return die("/proc/self/mountinfo");
	if (chdir(argv[1]) || mount(argv[1], "/", NULL, MS_MOVE, NULL))
		return die("moving it over /");
	if (iso_detach_outside_root(false))
		return 1;
	rewind(f);
	while (fgets(line, sizeof(line), f)) {
		const char *sep = strstr(line, " - ");

		if (sep && sscanf(line, "%*d %*d %*s %*s %511s", point) == 1 &&
		    sscanf(sep + 3, "%63s", type) == 1)
			printf("%s %s\n", type, point);
	}
	return 0;
}
