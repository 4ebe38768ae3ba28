// SPDX-License-Identifier: GPL-2.0
/* dir:PATH and tar:FILE: a rootfs that exists already, copied in. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <sys/stat.h>

#include "error.h"
#include "runtime/store.h"
#include "templates/template.h"

static int check_source(const char *tpl, const char *source, mode_t type)
{
	struct stat st;

	if (!source[0])
		return iso_failf(-EINVAL, "create", "-t %s: needs a path, as %s:/srv/root",
				 tpl, tpl);
	if (stat(source, &st))
		return iso_failf(-errno, "create", "-t %s:%s", tpl, source);
	if ((st.st_mode & S_IFMT) != type)
		return iso_failf(type == S_IFDIR ? -ENOTDIR : -EINVAL, "create",
				 "-t %s:%s: not a %s", tpl, source,
				 type == S_IFDIR ? "directory" : "file");
	return 0;
}

static int no_args(const struct iso_template_call *call, const char *tpl)
{
	if (call->args && call->args[0])
		return iso_failf(-EINVAL, "create", "-t %s: unknown argument %s",
				 tpl, call->args[0]);
	return 0;
}

/* cp -a keeps owners, modes, links, devices and times (GNU or busybox). */
int iso_template_dir(const struct iso_template_call *call)
{
	char from[PATH_MAX + 2];
	int ret = no_args(call, "dir") ?: check_source("dir", call->source, S_IFDIR);

	if (ret)
		return ret;
	snprintf(from, sizeof(from), "%s/.", call->source);
	ret = iso_template_run("dir template: copying", (char *const[]){
		"cp", "-a", from, (char *)call->rootfs, NULL });
	if (ret)
		return ret;
	snprintf(call->config, call->size, "# imported from dir:%s\n", call->source);
	iso_template_config(call, "/sbin/init", "SIGPWR");
	return 0;
}

/* tar finds the compression itself: gzip, xz, zstd, bzip2. */
int iso_template_tar(const struct iso_template_call *call)
{
	int ret = no_args(call, "tar") ?: check_source("tar", call->source, S_IFREG);

	if (ret)
		return ret;
	ret = iso_template_run("tar template: extracting", (char *const[]){
		"tar", "--numeric-owner", "-xpf", (char *)call->source,
		"-C", (char *)call->rootfs, NULL });
	if (ret)
		return ret;
	snprintf(call->config, call->size, "# imported from tar:%s\n", call->source);
	iso_template_config(call, "/sbin/init", "SIGPWR");
	return 0;
}
