// SPDX-License-Identifier: GPL-2.0
/*
 * --exec-count PATH: iso.ko's exec_count controller, which counts the
 * container's execs of one file.  The kernel takes the file as an fd,
 * opened when the limit is sent, inside the root the sender gives: the
 * container's init's for `isoctl limit`, the rootfs directory for the
 * iso.limit.exec_count config key (before the container's mounts), or
 * isoctl's own.  Symlinks are followed, as exec follows them.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "json.h"
#include "kernel/limit_kind.h"
#include "runtime/rootfs_path.h"

/* Only the words here: the file is looked for when the limit is sent. */
static int exec_count_parse(const char *arg, struct iso_limit_rec *want,
			    char *why, size_t len)
{
	(void)want;
	if (arg[0] != '/') {
		snprintf(why, len, "not an absolute path");
		return -EINVAL;
	}
	if (strlen(arg) >= PATH_MAX) {
		snprintf(why, len, "longer than PATH_MAX");
		return -EINVAL;
	}
	return 0;
}

static int exec_count_open(const char *arg, int rootfd,
			   struct iso_limit_rec *want, char *why, size_t len)
{
	struct stat st;
	int fd, ret;

	if (rootfd >= 0) {
		fd = iso_root_open(rootfd, arg, O_PATH);
	} else {
		fd = open(arg, O_PATH | O_CLOEXEC);
		if (fd < 0)
			fd = -errno;
	}
	if (fd < 0) {
		snprintf(why, len, "opening it");
		return fd;
	}
	if (fstat(fd, &st)) {
		ret = -errno;
		snprintf(why, len, "stat");
		goto err;
	}
	if (!S_ISREG(st.st_mode)) {
		ret = -EINVAL;
		snprintf(why, len, "not a regular file, which exec needs");
		goto err;
	}
	want->params[ISO_A_EXEC_COUNT_FD] = fd;
	want->has_param[ISO_A_EXEC_COUNT_FD] = true;
	return 0;
err:
	close(fd);
	return ret;
}

static void exec_count_to_json(struct json_object *o,
			       const struct iso_limit_rec *r)
{
	const uint64_t *p = r->params;
	char dev[24];

	snprintf(dev, sizeof(dev), "%u:%u", major(p[ISO_A_EXEC_COUNT_DEV]),
		 minor(p[ISO_A_EXEC_COUNT_DEV]));
	iso_json_str(o, "dev", dev);
	iso_json_u64(o, "ino", p[ISO_A_EXEC_COUNT_INO]);
	iso_json_u64(o, "execs", r->state[ISO_A_EXEC_COUNT_EXECS]);
}

static void exec_count_print(FILE *f, const struct iso_limit_rec *r)
{
	const uint64_t *p = r->params;
	uint64_t execs = r->state[ISO_A_EXEC_COUNT_EXECS];
	unsigned int maj = major(p[ISO_A_EXEC_COUNT_DEV]);
	unsigned int min = minor(p[ISO_A_EXEC_COUNT_DEV]);

	fprintf(f, "the file of inode %" PRIu64 " on %u:%u, exec'd %" PRIu64
		" time%.1s", p[ISO_A_EXEC_COUNT_INO], maj, min, execs,
		execs == 1 ? "" : "s");
}

static void exec_count_brief(char *buf, size_t len, const struct iso_limit_rec *r)
{
	uint64_t execs = r->state[ISO_A_EXEC_COUNT_EXECS];

	snprintf(buf, len, "%" PRIu64 " exec%.1s", execs, execs == 1 ? "" : "s");
}

const struct iso_limit_kind iso_limit_exec_count = {
	.controller	= "exec_count",
	.option		= "exec-count",
	.arg_help	= "PATH",
	.fd_params	= 1u << ISO_A_EXEC_COUNT_FD,
	.parse		= exec_count_parse,
	.open_files	= exec_count_open,
	.print		= exec_count_print,
	.to_json	= exec_count_to_json,
	.brief		= exec_count_brief,
};
