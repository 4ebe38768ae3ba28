// SPDX-License-Identifier: GPL-2.0
/*
 * isoctl copy -n NAME -N NEWNAME [-P PATH] [-p NEWPATH] [-K] [-M] [-R]
 *		[-- CLONE HOOK ARGS]
 *
 * What lxc-copy does for a directory rootfs (LXC 5.0.2's
 * do_lxcapi_clone()): a stopped container's rootfs copied to
 * NEWPATH/NEWNAME/rootfs, and its config beside it with lxc.rootfs.path
 * there, lxc.uts.name the new name (not with -K), new MACs (not with -M),
 * its hooks that live in its directory and its lxc.mount.fstab copied
 * too.  Then the new config's lxc.hook.clone hooks run in a mount
 * namespace of their own, and the new name goes into the rootfs's
 * /etc/hostname, if it has one.  -R renames: the old container is then
 * destroyed, its destroy hooks run.  A failure leaves no NEWNAME.
 */
#include <errno.h>
#include <stdarg.h>
#include <fcntl.h>
#include <getopt.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "isoctl.h"
#include "config/config.h"
#include "error.h"
#include "runtime/hooks.h"
#include "runtime/rootfs_path.h"
#include "runtime/state.h"
#include "runtime/store.h"
#include "templates/template.h"

#define CONFIG_MAX (256 * 1024)

struct copy_args {
	struct iso_target src;
	const char *new_name;
	const char *new_path;
	char *const *hook_args;
	bool keep_name, keep_mac, rename;
};

static int parse_args(int argc, char **argv, struct copy_args *a)
{
	static const struct option opts[] = {
		{ "name", required_argument, NULL, 'n' },
		{ "lxcpath", required_argument, NULL, 'P' },
		{ "newname", required_argument, NULL, 'N' },
		{ "newpath", required_argument, NULL, 'p' },
		{ "keepname", no_argument, NULL, 'K' },
		{ "keepmac", no_argument, NULL, 'M' },
		{ "rename", no_argument, NULL, 'R' },
		{ 0 }
	};
	int opt, n;

	while ((opt = getopt_long(argc, argv, "n:P:N:p:KMR", opts, NULL)) != -1) {
		if (iso_target_option(&a->src, opt, optarg))
			continue;
		if (opt == 'N')
			a->new_name = optarg;
		else if (opt == 'p')
			a->new_path = optarg;
		else if (opt == 'K')
			a->keep_name = true;
		else if (opt == 'M')
			a->keep_mac = true;
		else if (opt == 'R')
			a->rename = true;
		else
			return 1;
	}
	/* after "--": the clone hooks' */
	if (optind < argc && strcmp(argv[optind - 1], "--"))
		return 1;
	a->hook_args = argv + optind;
	for (n = 0; a->hook_args[n]; n++)
		;
	if (n > ISO_HOOK_ARGS_MAX)
		return iso_failf(-E2BIG, "copy", "more than %d clone hook arguments",
				 ISO_HOOK_ARGS_MAX);
	if (!a->src.name || (!a->new_name && !a->new_path))
		return 1;
	if (!a->new_name)
		a->new_name = a->src.name;
	if (!a->new_path)
		a->new_path = a->src.base;
	/* lxc-copy -R: the MACs go with the name */
	a->keep_mac |= a->rename;
	return 0;
}

/* "KEY = VALUE" lines: the key's span, and where its value starts. */
static size_t line_key(const char *line, const char **key, const char **value)
{
	size_t len;

	*key = line + strspn(line, " \t");
	len = strcspn(*key, " \t=\n");
	*value = *key + len + strspn(*key + len, " \t");
	if (**value != '=')
		return 0;
	*value += 1 + strspn(*value + 1, " \t");
	return len;
}

static bool key_is(const char *key, size_t len, const char *name)
{
	return strlen(name) == len && !strncmp(key, name, len);
}

static bool hwaddr_key(const char *key, size_t len)
{
	return key_is(key, len, "lxc.network.hwaddr") ||
	       (len > 15 && !strncmp(key, "lxc.net.", 8) &&
		!strncmp(key + len - 7, ".hwaddr", 7));
}

/* What copying a config does, in a buffer of CONFIG_MAX. */
struct rewrite {
	const struct copy_args *a;
	char old_dir[PATH_MAX], new_dir[PATH_MAX];
	char *out;
	size_t used;
};

static int emit(struct rewrite *rw, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static int emit(struct rewrite *rw, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(rw->out + rw->used, CONFIG_MAX - rw->used, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= CONFIG_MAX - rw->used)
		return iso_fail(-EFBIG, "copy: writing", "the new config");
	rw->used += n;
	return 0;
}

/*
 * A hook's command, or the fstab, that lives in the old container's
 * directory: copied into the new one, under the same name, as LXC's
 * copyhooks() and copy_fstab().  The fstab is copied from wherever it is.
 */
static int copy_beside(struct rewrite *rw, const char *key, size_t klen,
		       const char *value, size_t vlen, bool always)
{
	size_t dlen = strlen(rw->old_dir), plen = strcspn(value, " \t");
	char from[PATH_MAX], to[PATH_MAX];
	const char *base;
	struct stat st;

	if (plen > vlen)
		plen = vlen;
	if (!always && (plen <= dlen + 1 || strncmp(value, rw->old_dir, dlen) ||
			value[dlen] != '/'))
		return emit(rw, "%.*s = %.*s\n", (int)klen, key, (int)vlen, value);
	snprintf(from, sizeof(from), "%.*s", (int)plen, value);
	base = strrchr(from, '/');
	if (!base || stat(from, &st))
		return iso_failf(base ? -errno : -EINVAL, "copy", "%.*s: %s", (int)klen,
				 key, from);
	if (snprintf(to, sizeof(to), "%s%s", rw->new_dir, base) >= (int)sizeof(to))
		return iso_fail(-ENAMETOOLONG, "copy:", from);
	if (iso_copy_file(from, to, st.st_mode & 07777) && errno != EEXIST)
		return iso_failf(-errno, "copy", "copying %s to %s", from, to);
	return emit(rw, "%.*s = %s%.*s\n", (int)klen, key, to,
		    (int)(vlen - plen), value + plen);
}

/* One line of the old config into the new one. */
static int rewrite_line(struct rewrite *rw, const char *line, size_t len)
{
	const char *key, *value;
	size_t klen = line_key(line, &key, &value);
	size_t vlen = klen ? len - (value - line) : 0;
	char mac[18] = "00:16:3e:xx:xx:xx";

	while (vlen && (value[vlen - 1] == ' ' || value[vlen - 1] == '\t' ||
			value[vlen - 1] == '\r'))
		vlen--;
	if (klen && (key_is(key, klen, "lxc.rootfs.path") ||
		     key_is(key, klen, "lxc.rootfs")))
		return 0;	/* the new one's, at the end */
	if (klen && !rw->a->keep_name && (key_is(key, klen, "lxc.uts.name") ||
					  key_is(key, klen, "lxc.utsname")))
		return 0;
	if (klen && !rw->a->keep_mac && hwaddr_key(key, klen) && vlen == 17) {
		iso_mac_fill(mac);
		return emit(rw, "%.*s = %s\n", (int)klen, key, mac);
	}
	if (klen && !strncmp(key, "lxc.hook.", 9) &&
	    !key_is(key, klen, "lxc.hook.version"))
		return copy_beside(rw, key, klen, value, vlen, false);
	if (klen && key_is(key, klen, "lxc.mount.fstab") && vlen)
		return copy_beside(rw, key, klen, value, vlen, true);
	return emit(rw, "%.*s\n", (int)len, line);
}

static int read_text(const char *path, char *text)
{
	FILE *f = fopen(path, "re");
	size_t n;
	int ret;

	if (!f)
		return iso_fail(-errno, "copy: reading", path);
	n = fread(text, 1, CONFIG_MAX - 1, f);
	ret = ferror(f) ? -EIO : n == CONFIG_MAX - 1 ? -EFBIG : 0;
	fclose(f);
	text[n] = '\0';
	return ret ? iso_fail(ret, "copy: reading", path) : 0;
}

/* NEWDIR/config, from NAME's, as do_lxcapi_clone() writes it. */
static int write_config(struct rewrite *rw)
{
	char path[PATH_MAX], *text = malloc(CONFIG_MAX), *line, *end;
	int ret;

	rw->out = malloc(CONFIG_MAX);
	rw->used = 0;
	ret = text && rw->out ? 0 : iso_fail(-ENOMEM, "copy:", "the config");
	if (!ret)
		ret = iso_path_join(path, rw->old_dir, "config");
	if (!ret)
		ret = read_text(path, text);
	for (line = text; !ret && *line; line = *end ? end + 1 : end) {
		end = line + strcspn(line, "\n");
		ret = rewrite_line(rw, line, end - line);
	}
	if (!ret && !rw->a->keep_name)
		ret = emit(rw, "lxc.uts.name = %s\n", rw->a->new_name);
	if (!ret)
		ret = emit(rw, "lxc.rootfs.path = dir:%s/rootfs\n", rw->new_dir);
	if (!ret)
		ret = iso_path_join(path, rw->new_dir, "config");
	if (!ret && iso_write_atomic(path, rw->out, rw->used))
		ret = iso_fail(-errno, "copy: writing", path);
	free(text);
	free(rw->out);
	return ret;
}

/*
 * The image's /etc/hostname, if it is a file: resolved inside the rootfs,
 * whose content is not ours to trust, and written only if regular.
 */
static int write_hostname(const char *rootfs, const char *name)
{
	char proc[32], text[NAME_MAX + 2];
	int root, fd, out = -1, ret;
	struct stat st;

	root = open(rootfs, O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (root < 0)
		return iso_fail(-errno, "copy: opening", rootfs);
	fd = iso_root_open(root, "etc/hostname", O_PATH);
	close(root);
	if (fd == -ENOENT)
		return 0;
	if (fd < 0)
		return iso_failf(fd, "copy", "opening %s/etc/hostname", rootfs);
	ret = fstat(fd, &st) ? -errno : S_ISREG(st.st_mode) ? 0 : -EINVAL;
	snprintf(proc, sizeof(proc), "/proc/self/fd/%d", fd);
	if (!ret) {
		out = open(proc, O_WRONLY | O_TRUNC | O_NOCTTY | O_CLOEXEC);
		ret = out < 0 ? -errno : 0;
	}
	snprintf(text, sizeof(text), "%s\n", name);
	if (!ret && write(out, text, strlen(text)) != (ssize_t)strlen(text))
		ret = -errno;
	if (out >= 0)
		close(out);
	close(fd);
	return ret ? iso_failf(ret, "copy", "writing %s/etc/hostname", rootfs) : 0;
}

/*
 * lxc.hook.clone, as clone_update_rootfs() runs it: in a mount namespace
 * of its own, whatever the hook mounts going with it, told the source's
 * name and copy's arguments.
 */
static int clone_hooks(const struct copy_args *a, const char *dir)
{
	struct iso_hook_ctx ctx = {
		.name = a->new_name, .src_name = a->src.name,
		.args = a->hook_args, .null_fd = -1,
	};
	char config[PATH_MAX];
	int status, ret;
	pid_t pid;

	if (iso_path_join(config, dir, "config"))
		return iso_fail(-ENAMETOOLONG, "copy:", dir);
	ctx.cfg = iso_config_read(config);
	if (!ctx.cfg)
		return -EINVAL;
	ctx.config_file = config;
	ret = 0;
	if (iso_hooks_any(ctx.cfg, ISO_HOOK_CLONE)) {
		fflush(NULL);
		pid = fork();
		if (!pid) {
			if (unshare(CLONE_NEWNS) ||
			    mount(NULL, "/", NULL, MS_REC | MS_SLAVE, NULL))
				_exit(iso_fail(-errno, "copy: unsharing",
					       "the mount namespace") ? 1 : 0);
			_exit(iso_hooks_run(&ctx, ISO_HOOK_CLONE) ? 1 : 0);
		}
		if (pid < 0)
			ret = iso_fail(-errno, "copy: running", "lxc.hook.clone");
		while (pid > 0 && waitpid(pid, &status, 0) < 0 && errno == EINTR)
			;
		if (pid > 0 && !(WIFEXITED(status) && !WEXITSTATUS(status)))
			ret = -ECANCELED;	/* the hook said why */
	}
	if (!ret && !a->keep_name)
		ret = write_hostname(ctx.cfg->rootfs, a->new_name);
	free((void *)ctx.cfg);
	return ret;
}

static int copy_rootfs(const char *from, const char *dir)
{
	char src[PATH_MAX + 2], rootfs[PATH_MAX];

	if (iso_path_join(rootfs, dir, "rootfs"))
		return iso_fail(-ENAMETOOLONG, "copy:", dir);
	if (mkdir(rootfs, 0755))
		return iso_fail(-errno, "copy: creating", rootfs);
	snprintf(src, sizeof(src), "%s/.", from);
	/* as the dir template: owners, modes, links, devices, times, xattrs */
	return iso_template_run("copy: copying the rootfs", (char *const[]){
		"cp", "-a", src, rootfs, NULL });
}

/* With the old container locked, so that nothing starts it meanwhile. */
static int copy_container(struct copy_args *a, struct rewrite *rw)
{
	struct iso_config *cfg;
	struct iso_store store;
	char path[PATH_MAX];
	int ret, lock;

	ret = iso_load_container(a->src.base, a->src.name, &cfg);
	if (ret)
		return ret;
	iso_store_init(&store, a->new_path);
	ret = iso_store_path(&store, a->new_name, NULL, rw->new_dir);
	if (!ret)
		ret = iso_store_make(&store);
	if (ret) {
		free(cfg);
		return iso_fail(ret, "copy: creating", store.base);
	}
	ret = mkdir(rw->new_dir, 0700) ? -errno : 0;
	if (ret) {
		free(cfg);
		return iso_fail(ret, "copy: creating", rw->new_dir);
	}
	/* nothing starts it half made */
	lock = iso_state_lock(rw->new_dir);
	if (lock < 0)
		ret = iso_fail(lock, "copy: locking", rw->new_dir);
	/* lxc.rootfs.path and the hooks' paths are absolute, as LXC's */
	if (!ret && !realpath(rw->new_dir, path))
		ret = iso_fail(-errno, "copy: finding", rw->new_dir);
	else if (!ret)
		snprintf(rw->new_dir, sizeof(rw->new_dir), "%s", path);
	if (!ret)
		ret = copy_rootfs(cfg->rootfs, rw->new_dir);
	free(cfg);
	if (!ret)
		ret = write_config(rw);
	if (!ret)
		ret = clone_hooks(a, rw->new_dir);
	if (ret)
		iso_remove_tree(rw->new_dir);
	if (lock >= 0)
		close(lock);
	return ret;
}

int cmd_copy(int argc, char **argv)
{
	struct copy_args a = { 0 };
	struct rewrite rw = { .a = &a };
	int ret, lock;
	const char *why;

	ret = parse_args(argc, argv, &a);
	if (ret > 0)
		goto usage;
	if (ret)
		return ret;
	ret = iso_container_dir(a.src.base, a.src.name, a.src.dir);
	if (ret)
		return ret;
	if (iso_name_check(a.new_name, &why))
		return iso_failf(-EINVAL, "copy", "%s: %s", a.new_name, why);
	if (!realpath(a.src.dir, rw.old_dir))
		return iso_fail(-errno, "copy: finding", a.src.dir);
	lock = iso_state_lock(a.src.dir);
	if (lock == -EBUSY)
		return iso_failf(-EBUSY, "copy", "%s: running (stop it first)",
				 a.src.name);
	if (lock < 0)
		return iso_fail(lock, "copy: locking", a.src.dir);
	ret = copy_container(&a, &rw);
	if (!ret && a.rename)
		ret = iso_container_remove(&a.src);
	close(lock);
	if (!ret)
		printf("%s container %s as %s in %s\n", a.rename ? "Renamed" : "Copied",
		       a.src.name, a.new_name, rw.new_dir);
	return ret;
usage:
	fprintf(stderr, "Usage: isoctl copy -n NAME -N NEWNAME [-P PATH] [-p NEWPATH] [-K] [-M] [-R] [-- CLONE HOOK ARGS]\n");
	return -EINVAL;
}
