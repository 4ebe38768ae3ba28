// SPDX-License-Identifier: GPL-2.0
/* isoctl re-executed from a sealed memfd copy of itself. */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <unistd.h>

#include "error.h"
#include "runtime/sealed_self.h"

#ifndef MFD_EXEC
#define MFD_EXEC	0x0010U		/* Linux 6.3 */
#endif

#define SEALS	(F_SEAL_SEAL | F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE)

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
		/* fexecve() named it after the fd */
		prctl(PR_SET_NAME, "isoctl");
		return 0;
	}
	mfd = exec_memfd();
	if (mfd == -EACCES) {
		/* vm.memfd_noexec = 2: no executable memfd on this host */
		close(exe);
		fprintf(stderr, "isoctl: warning: vm.memfd_noexec forbids a sealed copy of isoctl: a container can reach its binary (CVE-2019-5736)\n");
		return 0;
	}
	if (mfd < 0) {
		close(exe);
		return iso_fail(mfd, "creating", "a memfd for a sealed copy of isoctl");
	}
	ret = copy(exe, mfd);
	close(exe);
	if (ret) {
		iso_fail(ret, "copying /proc/self/exe to", "a memfd");
	} else if (fcntl(mfd, F_ADD_SEALS, SEALS)) {
		ret = iso_fail(-errno, "sealing", "the memfd copy of isoctl");
	} else {
		fexecve(mfd, argv, environ);
		ret = iso_fail(-errno, "executing", "the sealed copy of isoctl");
	}
	close(mfd);
	return ret;
}
