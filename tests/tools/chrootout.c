// SPDX-License-Identifier: GPL-2.0
/*
 * chrootout FILE: the classic way out of a chroot, for a process that
 * holds CAP_SYS_CHROOT: chroot into a subdirectory while the working
 * directory stays outside it, walk up with "..", and chroot there.  Then
 * say whether FILE, which only the host has, is in sight.  Built static,
 * to be copied into a container's rootfs.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	int i;

	if (argc != 2) {
		fprintf(stderr, "usage: chrootout FILE\n");
		return 2;
	}
	mkdir("/chrootout.d", 0700);
	if (chdir("/") || chroot("/chrootout.d")) {
		printf("chroot: %s\n", strerror(errno));
		return 0;
	}
	for (i = 0; i < 64; i++)
		if (chdir(".."))
			break;
	if (chroot(".")) {
		printf("chroot .: %s\n", strerror(errno));
		return 0;
	}
	printf("%s %s\n", argv[1], access(argv[1], F_OK) ? "out of sight" : "in sight");
	return 0;
}
