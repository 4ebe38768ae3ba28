// SPDX-License-Identifier: GPL-2.0
/* isoctl re-executed from a sealed memfd copy of itself. */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <sys/mman.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <unistd.h>

#include "error.h"
#include "runtime/sealed_self.h"

#ifndef MFD_EXEC
#define MFD_EXEC	0x0010U		/* Linux 6.3 */
#endif

#define SEALS	(F_SEAL_SEAL | F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE)

extern char **environ;

static bool sealed(int fd)
{
	int seals = fcntl(fd, F_GET_SEALS);

	return seals >= 0 && (seals & SEALS) == SEALS;
}

/*
 * Since 6.3 a memfd is created executable or not on purpose, and the
 * kernel warns about callers that do not say: say so where it asks.
 */
static int exec_memfd(void)
{
	int fd = memfd_create("isoctl", MFD_CLOEXEC | MFD_ALLOW_SEALING | MFD_EXEC);

	if (fd < 0 && errno == EINVAL)
		fd = memfd_create("isoctl", MFD_CLOEXEC | MFD_ALLOW_SEALING);
	return fd < 0 ? -errno : fd;
}

static int copy(int from, int to)
{
	struct stat st;
	off_t off = 0;
	ssize_t n;

	if (fstat(from, &st))
		return -errno;
	while (off < st.st_size) {
		n = sendfile(to, from, &off, st.st_size - off);
		if (n < 0 && errno != EINTR)
			return -errno;
		if (!n)
			return -EIO;
	}
	return 0;
}

int iso_run_sealed_copy(char **argv)
{
	int exe, mfd, ret;

	exe = open("/proc/self/exe", O_RDONLY | O_CLOEXEC);
	if (exe < 0)
		return iso_fail(-errno, "opening", "/proc/self/exe");
	if (sealed(exe)) {
		close(exe);
		return 0;
	}
	mfd = exec_memfd();
	ret = mfd < 0 ? mfd : copy(exe, mfd);
	close(exe);
	if (!ret && fcntl(mfd, F_ADD_SEALS, SEALS))
		ret = -errno;
	if (!ret) {
		fexecve(mfd, argv, environ);
		ret = -errno;
	}
	if (mfd >= 0)
		close(mfd);
	return iso_fail(ret, "re-executing from", "a sealed copy of isoctl");
}
