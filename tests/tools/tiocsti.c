// SPDX-License-Identifier: GPL-2.0
/*
 * tiocsti TEXT: type TEXT into this process's controlling terminal with
 * TIOCSTI, as a container escaping through its caller's terminal would.
 * Built static, to be copied into a container's rootfs.  Says which
 * terminal it typed into, or why it could not.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	const char *p;
	char name[64];
	int fd;

	if (argc != 2) {
		fprintf(stderr, "usage: tiocsti TEXT\n");
		return 2;
	}
	fd = open("/dev/tty", O_RDWR | O_NOCTTY);
	if (fd < 0) {
		printf("no terminal: %s\n", strerror(errno));
		return 0;
	}
	for (p = argv[1]; *p; p++) {
		if (ioctl(fd, TIOCSTI, p)) {
			printf("TIOCSTI: %s\n", strerror(errno));
			return 0;
		}
	}
	if (ttyname_r(fd, name, sizeof(name)))
		snprintf(name, sizeof(name), "?");
	printf("typed into %s\n", name);
	return 0;
}
