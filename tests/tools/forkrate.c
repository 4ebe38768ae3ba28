// SPDX-License-Identifier: GPL-2.0
/*
 * forkrate: what a process sees of iso.ko's fork_rate limit.
 *
 *   forkrate serial SECONDS  fork and reap children, one at a time, for
 *			      SECONDS; print "born N killed M ran R": N
 *			      exited, M died of SIGKILL, R wrote a byte
 *			      (a child killed at birth runs nothing)
 *   forkrate threads N       start N threads and join them; print
 *			      "threads N"
 *   forkrate bomb SECONDS    every process forks as fast as it can, the
 *			      children too, until SECONDS have passed
 *   forkrate answer SECONDS  every 0.2 s, run /bin/true and time it until
 *			      it has exited; print "worst N ms"
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static void die(const char *what)
{
	fprintf(stderr, "forkrate: %s: %s\n", what, strerror(errno));
	exit(1);
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int serial(double seconds)
{
	long born = 0, killed = 0, ran = 0;
	double end = now() + seconds;
	int fds[2], status;
	char buf[4096];
	ssize_t n;
	pid_t pid;

	if (pipe2(fds, O_CLOEXEC))
		die("pipe");
	while (now() < end) {
		pid = fork();
		if (pid < 0)
			die("fork");
		if (pid == 0) {
			if (write(fds[1], "x", 1) != 1)
				_exit(2);
			_exit(0);
		}
		if (waitpid(pid, &status, 0) != pid)
			die("waitpid");
		if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
			born++;
		else if (WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL)
			killed++;
		else
			die("a child failed otherwise");
		/* drain as we go: the pipe must never fill */
		if (fcntl(fds[0], F_SETFL, O_NONBLOCK))
			die("fcntl");
		while ((n = read(fds[0], buf, sizeof(buf))) > 0)
			ran += n;
	}
	printf("born %ld killed %ld ran %ld\n", born, killed, ran);
	return 0;
}

static void *thread_fn(void *arg)
{
	return arg;
}

static int threads(int n)
{
	pthread_t t[256];
	int i, err;

	if (n < 1 || n > 256)
		return 2;
	for (i = 0; i < n; i++) {
		err = pthread_create(&t[i], NULL, thread_fn, NULL);
		if (err) {
			errno = err;
			die("pthread_create");
		}
	}
	for (i = 0; i < n; i++)
		pthread_join(t[i], NULL);
	printf("threads %d\n", n);
	return 0;
}

static int bomb(double seconds)
{
	double end = now() + seconds;

	signal(SIGCHLD, SIG_IGN);	/* no zombies: nobody waits */
	while (now() < end)
		fork();		/* parent and child both go on */
	return 0;
}

static int answer(double seconds)
{
	double end = now() + seconds, t0, worst = 0;
	int status;
	pid_t pid;

	while (now() < end) {
		t0 = now();
		pid = fork();
		if (pid < 0)
			die("fork");
		if (pid == 0) {
			execl("/bin/true", "true", (char *)NULL);
			_exit(127);
		}
		if (waitpid(pid, &status, 0) != pid || status)
			die("/bin/true");
		if (now() - t0 > worst)
			worst = now() - t0;
		usleep(200000);
	}
	printf("worst %.0f ms\n", worst * 1000);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 3 && !strcmp(argv[1], "serial"))
		return serial(atof(argv[2]));
	if (argc == 3 && !strcmp(argv[1], "threads"))
		return threads(atoi(argv[2]));
	if (argc == 3 && !strcmp(argv[1], "bomb"))
		return bomb(atof(argv[2]));
	if (argc == 3 && !strcmp(argv[1], "answer"))
		return answer(atof(argv[2]));
	fprintf(stderr, "usage: forkrate serial|bomb|answer SECONDS | threads N\n");
	return 2;
}
