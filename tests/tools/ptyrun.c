// SPDX-License-Identifier: GPL-2.0
/*
 * ptyrun CMD [ARG]...: run CMD on a new terminal, as a user at it would:
 * a pty in raw mode, CMD's controlling terminal and stdio in a session of
 * its own.  Copies what CMD writes to stdout; once CMD has exited, prints
 * what is left unread in the terminal's input, which is what somebody
 * typed into it (TIOCSTI) that the user's shell would run next:
 *
 *	input left: 'echo pwned'
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

static void copy_output(int master)
{
	char buf[4096];
	ssize_t n;

	while ((n = read(master, buf, sizeof(buf))) > 0)
		if (write(STDOUT_FILENO, buf, n) != n)
			break;
}

int main(int argc, char **argv)
{
	struct termios raw;
	int master, slave, status;
	struct pollfd p;
	char left[256];
	ssize_t n;
	pid_t pid;

	if (argc < 2) {
		fprintf(stderr, "usage: ptyrun CMD [ARG]...\n");
		return 2;
	}
	if (openpty(&master, &slave, NULL, NULL, NULL)) {
		perror("ptyrun: openpty");
		return 1;
	}
	/* raw: typed text is readable without a newline */
	tcgetattr(slave, &raw);
	cfmakeraw(&raw);
	tcsetattr(slave, TCSANOW, &raw);
	fflush(NULL);
	pid = fork();
	if (!pid) {
		close(master);
		if (setsid() < 0 || ioctl(slave, TIOCSCTTY, 0) ||
		    dup2(slave, 0) < 0 || dup2(slave, 1) < 0 || dup2(slave, 2) < 0)
			_exit(126);
		execvp(argv[1], argv + 1);
		_exit(127);
	}
	fcntl(master, F_SETFL, O_NONBLOCK);
	p = (struct pollfd){ .fd = master, .events = POLLIN };
	while (waitpid(pid, &status, WNOHANG) == 0) {
		poll(&p, 1, 100);
		copy_output(master);
	}
	copy_output(master);
	fcntl(slave, F_SETFL, O_NONBLOCK);
	n = read(slave, left, sizeof(left) - 1);
	left[n > 0 ? n : 0] = '\0';
	printf("\ninput left: '%s'\n", left);
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}
