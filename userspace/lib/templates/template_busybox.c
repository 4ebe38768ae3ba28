// SPDX-License-Identifier: GPL-2.0
/*
 * The busybox template: the host's statically linked busybox, a link for
 * every applet, and the few files init, login and passwd read.  Offline.
 */
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "error.h"
#include "runtime/store.h"
#include "templates/template.h"

#define BUSYBOX "/bin/busybox"

static const char *const dirs[] = {
	"bin", "sbin", "etc", "dev", "proc", "sys", "tmp", "root", "run",
	"var", "var/log", "usr", "usr/bin", "usr/sbin", "lib", "mnt", "home",
};

static const struct {
	const char *path;
	const char *text;
	mode_t mode;
} files[] = {
	{ "etc/passwd", "root:x:0:0:root:/root:/bin/sh\n", 0644 },
	{ "etc/group", "root:x:0:\n", 0644 },
	/* locked until "isoctl chroot -n NAME -- passwd" sets one */
	{ "etc/shadow", "root:*:19000:0:99999:7:::\n", 0600 },
	{ "etc/fstab", "", 0644 },
	{ "etc/profile", "export PATH=/bin:/sbin:/usr/bin:/usr/sbin\nPS1='\\h:\\w\\$ '\n", 0644 },
	{ "etc/inittab",
	  "console::respawn:/bin/sh -l\n"
	  "::ctrlaltdel:/bin/umount -a -r\n"
	  "::shutdown:/bin/umount -a -r\n", 0644 },
};

/* A busybox with a PT_INTERP needs libraries the rootfs will not have. */
static int check_static(const char *path)
{
	Elf64_Ehdr eh;
	Elf64_Phdr ph;
	int fd, i, ret = 0;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (pread(fd, &eh, sizeof(eh), 0) != sizeof(eh) ||
	    memcmp(eh.e_ident, ELFMAG, SELFMAG) ||
	    eh.e_ident[EI_CLASS] != ELFCLASS64)
		ret = -ENOEXEC;
	for (i = 0; !ret && i < eh.e_phnum; i++) {
		if (pread(fd, &ph, sizeof(ph), eh.e_phoff + i * sizeof(ph)) !=
		    sizeof(ph))
			ret = -ENOEXEC;
		else if (ph.p_type == PT_INTERP)
			ret = -ELIBACC;
	}
	close(fd);
	return ret;
}

/* A symlink to /bin/busybox for each applet "busybox --list-full" names. */
static int link_applets(const char *rootfs)
{
	char line[256], path[PATH_MAX];
	FILE *list;
	int ret = 0;

	list = popen(BUSYBOX " --list-full", "re");
	if (!list)
		return iso_fail(-errno, "running", BUSYBOX " --list-full");
	while (!ret && fgets(line, sizeof(line), list)) {
		line[strcspn(line, "\n")] = '\0';
		if (!*line || !strcmp(line, "bin/busybox"))
			continue;
		snprintf(path, sizeof(path), "%s/%s", rootfs, line);
		if (symlink("/bin/busybox", path) && errno != EEXIST)
			ret = iso_fail(-errno, "linking applet", path);
	}
	if (pclose(list) && !ret)
		ret = iso_fail(-EIO, "running", BUSYBOX " --list-full");
	return ret;
}

static int write_files(const char *rootfs, const char *name)
{
	char path[PATH_MAX], hostname[80];
	size_t i;
	int ret;

	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		snprintf(path, sizeof(path), "%s/%s", rootfs, files[i].path);
		ret = iso_write_atomic(path, files[i].text, strlen(files[i].text));
		if (!ret && chmod(path, files[i].mode))
			ret = -errno;
		if (ret)
			return iso_fail(ret, "writing", path);
	}
	snprintf(path, sizeof(path), "%s/etc/hostname", rootfs);
	snprintf(hostname, sizeof(hostname), "%s\n", name);
	ret = iso_write_atomic(path, hostname, strlen(hostname));
	return ret ? iso_fail(ret, "writing", path) : 0;
}

int iso_template_busybox(const struct iso_template_call *call)
{
	char path[PATH_MAX];
	size_t i;
	int ret;

	if (call->args && call->args[0])
		return iso_fail(-EINVAL, "busybox template: unknown argument",
				call->args[0]);
	ret = check_static(BUSYBOX);
	if (ret)
		return iso_fail(ret, "busybox template: checking",
				BUSYBOX " (install busybox-static)");
	for (i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++) {
		snprintf(path, sizeof(path), "%s/%s", call->rootfs, dirs[i]);
		if (mkdir(path, 0755))
			return iso_fail(-errno, "creating", path);
	}
	snprintf(path, sizeof(path), "%s/bin/busybox", call->rootfs);
	ret = iso_copy_file(BUSYBOX, path, 0755);
	if (ret)
		return iso_fail(ret, "copying " BUSYBOX " to", path);
	ret = link_applets(call->rootfs);
	if (!ret)
		ret = write_files(call->rootfs, call->name);
	if (ret)
		return ret;
	snprintf(call->config, call->size, "# busybox template\n");
	/* busybox init halts on SIGUSR1 */
	iso_template_config(call, "/sbin/init", "SIGUSR1");
	return 0;
}
