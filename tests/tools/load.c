// SPDX-License-Identifier: GPL-2.0
/*
 * load: the workloads the accuracy tests measure iso.ko against.
 *
 *   load spin SECONDS [other|fifo|deadline]
 *	Burn CPU for SECONDS under that scheduling class: SCHED_OTHER,
 *	SCHED_FIFO (priority 10), or SCHED_DEADLINE (10 ms every 20 ms).
 *   load uring N
 *	Park N opens of FIFOs in io_uring's io-wq (an open of a FIFO blocks
 *	until a writer comes, and cannot be polled), so that N worker
 *	threads are created by create_io_thread(), then let them finish and
 *	tear the ring down.  Prints "workers W", the most seen at once.
 *   load leader-exits SECONDS
 *	A process whose main thread exits while a second thread sleeps on
 *	for SECONDS: one process, one live thread, no live leader.
 *   load switches CGROUP_DIR N
 *	clone3() a child straight into CGROUP_DIR that sleeps N times for
 *	1 ms, and print the child's whole-life counters as
 *	"nvcsw V nivcsw I", from wait4(): its exit included, all but perhaps
 *	the last switch, which may come after the parent has reaped it.
 *   load mem HOLD_MS STEP...
 *	Change memory use in steps HOLD_MS apart: "+N" maps and touches N
 *	MiB more, "-" unmaps the last mapping.  Prints "STEP START END", the
 *	CLOCK_REALTIME ns around each step, as iso.ko's events are stamped.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <liburing.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <linux/sched.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>

/* The uapi's struct sched_attr; its header clashes with glibc's sched.h. */
struct load_sched_attr {
	uint32_t size;
	uint32_t sched_policy;
	uint64_t sched_flags;
	int32_t sched_nice;
	uint32_t sched_priority;
	uint64_t sched_runtime;
	uint64_t sched_deadline;
	uint64_t sched_period;
};

#ifndef SCHED_DEADLINE
#define SCHED_DEADLINE 6
#endif

static void die(const char *what)
{
	fprintf(stderr, "load: %s: %s\n", what, strerror(errno));
	exit(1);
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int spin(double seconds, const char *class)
{
	struct load_sched_attr attr = { .size = sizeof(attr) };
	volatile unsigned long n = 0;
	double end;

	if (!strcmp(class, "fifo")) {
		attr.sched_policy = SCHED_FIFO;
		attr.sched_priority = 10;
	} else if (!strcmp(class, "deadline")) {
		attr.sched_policy = SCHED_DEADLINE;
		attr.sched_runtime = 10 * 1000 * 1000;
		attr.sched_deadline = 20 * 1000 * 1000;
		attr.sched_period = 20 * 1000 * 1000;
	} else if (strcmp(class, "other")) {
		fprintf(stderr, "load: no class '%s'\n", class);
		return 2;
	}
	if (attr.sched_policy && syscall(SYS_sched_setattr, 0, &attr, 0))
		die(class);
	for (end = now() + seconds; now() < end;)
		n++;
	return 0;
}

/* io-wq worker threads of this process now: they are named iou-wrk-PID. */
static int count_workers(void)
{
	char path[64], comm[32];
	struct dirent *de;
	int n = 0;
	FILE *f;
	DIR *d;

	d = opendir("/proc/self/task");
	if (!d)
		die("/proc/self/task");
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "/proc/self/task/%.16s/comm",
			 de->d_name);
		f = fopen(path, "r");
		if (!f)
			continue;
		if (fgets(comm, sizeof(comm), f) && !strncmp(comm, "iou-wrk-", 8))
			n++;
		fclose(f);
	}
	closedir(d);
	return n;
}

static int uring(int n)
{
	struct io_uring_sqe *sqe;
	struct io_uring_cqe *cqe;
	struct io_uring ring;
	int i, ret, fd, most = 0, tries;
	char (*fifos)[64];

	fifos = calloc(n, sizeof(*fifos));
	if (!fifos)
		die("calloc");
	ret = io_uring_queue_init(n, &ring, 0);
	if (ret) {
		errno = -ret;
		die("io_uring_queue_init");
	}
	for (i = 0; i < n; i++) {
		snprintf(fifos[i], sizeof(fifos[i]), "/tmp/load-uring.%d.%d",
			 getpid(), i);
		if (mkfifo(fifos[i], 0600))
			die("mkfifo");
		sqe = io_uring_get_sqe(&ring);
		io_uring_prep_openat(sqe, AT_FDCWD, fifos[i], O_RDONLY, 0);
		sqe->flags |= IOSQE_ASYNC;	/* to an io-wq worker, which blocks */
	}
	ret = io_uring_submit(&ring);
	if (ret != n) {
		errno = ret < 0 ? -ret : EIO;
		die("io_uring_submit");
	}
	for (tries = 0; tries < 200 && most < n; tries++) {
		ret = count_workers();
		most = ret > most ? ret : most;
		usleep(10000);
	}
	for (i = 0; i < n; i++) {
		fd = open(fifos[i], O_WRONLY);	/* the parked open returns */
		if (fd < 0)
			die(fifos[i]);
		close(fd);
		unlink(fifos[i]);
	}
	for (i = 0; i < n; i++) {
		ret = io_uring_wait_cqe(&ring, &cqe);
		if (ret) {
			errno = -ret;
			die("io_uring_wait_cqe");
		}
		if (cqe->res >= 0)
			close(cqe->res);
		io_uring_cqe_seen(&ring, cqe);
	}
	io_uring_queue_exit(&ring);
	printf("workers %d\n", most);
	return 0;
}

static void *sleep_on(void *arg)
{
	sleep(*(int *)arg);
	exit(0);
}

static int leader_exits(int seconds)
{
	static int s;
	pthread_t t;

	s = seconds;
	if (pthread_create(&t, NULL, sleep_on, &s))
		die("pthread_create");
	/* exit(2) of this thread alone; pthread_exit() would need libgcc_s */
	syscall(SYS_exit, 0);
	return 1;
}

static int switches(const char *dir, int n)
{
	struct clone_args args = { .flags = CLONE_INTO_CGROUP,
				   .exit_signal = SIGCHLD };
	struct rusage ru;
	int fd, status, i;
	pid_t pid;

	fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		die(dir);
	args.cgroup = fd;
	fflush(stdout);
	pid = syscall(SYS_clone3, &args, sizeof(args));
	if (pid < 0)
		die("clone3");
	if (!pid) {
		for (i = 0; i < n; i++)
			usleep(1000);
		_exit(0);
	}
	if (wait4(pid, &status, 0, &ru) != pid || !WIFEXITED(status) ||
	    WEXITSTATUS(status))
		die("the child");
	printf("nvcsw %ld nivcsw %ld\n", ru.ru_nvcsw, ru.ru_nivcsw);
	return 0;
}

static long long realtime_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static int mem(int hold_ms, int nsteps, char **steps)
{
	void *map[64];
	size_t len[64];
	int n = 0, i;
	long long start;

	for (i = 0; i < nsteps; i++) {
		if (i)
			usleep(hold_ms * 1000);
		start = realtime_ns();
		if (steps[i][0] == '+' && n < 64) {
			len[n] = (size_t)atoi(steps[i] + 1) << 20;
			map[n] = mmap(NULL, len[n], PROT_READ | PROT_WRITE,
				      MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE,
				      -1, 0);
			if (map[n] == MAP_FAILED)
				die("mmap");
			n++;
		} else if (!strcmp(steps[i], "-") && n) {
			n--;
			if (munmap(map[n], len[n]))
				die("munmap");
		} else {
			fprintf(stderr, "load mem: bad step %.16s\n", steps[i]);
			return 2;
		}
		printf("%s %lld %lld\n", steps[i], start, realtime_ns());
		fflush(stdout);
	}
	usleep(hold_ms * 1000);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc >= 3 && !strcmp(argv[1], "spin"))
		return spin(atof(argv[2]), argc > 3 ? argv[3] : "other");
	if (argc == 3 && !strcmp(argv[1], "uring"))
		return uring(atoi(argv[2]));
	if (argc == 3 && !strcmp(argv[1], "leader-exits"))
		return leader_exits(atoi(argv[2]));
	if (argc == 4 && !strcmp(argv[1], "switches"))
		return switches(argv[2], atoi(argv[3]));
	if (argc >= 4 && !strcmp(argv[1], "mem"))
		return mem(atoi(argv[2]), argc - 3, argv + 3);
	fprintf(stderr, "usage: load spin SECONDS [other|fifo|deadline]\n"
			"       load uring N\n"
			"       load leader-exits SECONDS\n"
			"       load switches CGROUP_DIR N\n"
			"       load mem HOLD_MS +MIB|-...\n");
	return 2;
}
