// SPDX-License-Identifier: GPL-2.0
/*
 * rootout FILE: the two ways out of a container's root for a process
 * with the capabilities, each tried in a child, and whether FILE, which
 * only the host has, comes in sight.  Built static, to be copied into a
 * container's rootfs.  Prints a line for each:
 *
 *   chroot: chroot into a subdirectory while the working directory stays
 *           outside it, walk up with "..", and chroot there;
 *   setns:  unmount "/" and setns(2) into the mount namespace, which makes
 *           its root the namespace's own root mount.
 */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static const char *file;

static int say(const char *route, const char *failed)
{
	if (failed)
		printf("%s: %s: %s\n", route, failed, strerror(errno));
	else
		printf("%s: %s %s\n", route, file,
		       access(file, F_OK) ? "out of sight" : "in sight");
	fflush(stdout);	/* the child ends with _exit() */
	return 0;
}

static int by_chroot(void)
{
	int i;

	mkdir("/rootout.d", 0700);
	if (chdir("/") || chroot("/rootout.d"))
		return say("chroot", "chroot");
	for (i = 0; i < 64; i++)
		if (chdir(".."))
			break;
	return say("chroot", chroot(".") ? "chroot ." : NULL);
}

static int by_setns(void)
{
	int ns = open("/proc/self/ns/mnt", O_RDONLY | O_CLOEXEC);

	if (ns < 0)
		return say("setns", "open");
	/* what is beneath the rootfs; refused without CAP_SYS_ADMIN */
	umount2("/", MNT_DETACH);
	return say("setns", setns(ns, CLONE_NEWNS) ? "setns" : NULL);
}

static void in_child(int (*route)(void))
{
	pid_t pid;

	fflush(stdout);
	pid = fork();
	if (!pid)
		_exit(route());
	if (pid > 0)
		waitpid(pid, NULL, 0);
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: rootout FILE\n");
		return 2;
	}
	file = argv[1];
	in_child(by_chroot);
	in_child(by_setns);
	rmdir("/rootout.d");
	return 0;
}
