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
 * /etc/hostname, if it is a file.  -R renames: the old container is then
 * destroyed, its destroy hooks run.  A failure leaves no NEWNAME.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <sched.h>
#include <stdarg.h>
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
#include "runtime/idmap.h"
#include "runtime/rootfs_path.h"
#include "runtime/state.h"
#include "runtime/store.h"
#include "runtime/lxc_peer.h"
#include "templates/template.h"

/* As much as the config parser takes. */
#define CONFIG_MAX (1 << 20)
/* Hooks and an fstab copied beside the config. */
#define MAX_BESIDE 32

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
	if (!a->src.name || !a->new_name)
		return 1;
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

/* What copying a config does. */
struct rewrite {
	const struct copy_args *a;
	/* the old directory as the config may spell it, and its real path */
	char old_given[PATH_MAX], old_dir[PATH_MAX], new_dir[PATH_MAX];
	char *out;
	size_t used;
	int n_beside;
	char beside_from[MAX_BESIDE][PATH_MAX];
	char beside_name[MAX_BESIDE][NAME_MAX + 1];
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

/* The length of @dir's spelling that @path starts with, then a '/'; or 0. */
static size_t below(const char *path, size_t len, const char *dir)
{
	size_t dlen = strlen(dir);

	return len > dlen + 1 && !strncmp(path, dir, dlen) && path[dlen] == '/' ?
	       dlen : 0;
}

/* Whether @path is in the old rootfs, under either spelling. */
static bool in_image(const struct rewrite *rw, const char *path)
{
	char rootfs[PATH_MAX + 8];
	int i;

	for (i = 0; i < 2; i++) {
		snprintf(rootfs, sizeof(rootfs), "%s/rootfs",
			 i ? rw->old_dir : rw->old_given);
		if (below(path, strlen(path), rootfs))
			return true;
	}
	return false;
}

/* What the container's directory holds of isoctl's own: never a hook. */
static bool reserved(const char *name)
{
	static const char *const names[] = {
		"config", "rootfs", "lock", "ops.lock", "init.pid", "cgroup",
		"console.sock",
	};
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (!strcmp(name, names[i]))
			return true;
	return name[0] == '.';
}

/*
 * @from into the new directory under its own name, once: two files of
 * one name, or one of isoctl's names, are refused, where LXC's copy
 * would fail or take one for the other.
 */
static int copy_one(struct rewrite *rw, const char *key, const char *from,
		    char *to)
{
	const char *name = strrchr(from, '/') + 1;
	struct stat st;
	int i, ret;

	for (i = 0; i < rw->n_beside; i++) {
		if (strcmp(rw->beside_name[i], name))
			continue;
		if (strcmp(rw->beside_from[i], from))
			return iso_failf(-EEXIST, "copy", "%.64s: %.1000s and %.1000s have one name",
					 key, rw->beside_from[i], from);
		break;
	}
	if (reserved(name))
		return iso_failf(-EINVAL, "copy", "%.64s: %.1000s: \"%.64s\" is isoctl's own name there",
				 key, from, name);
	if (snprintf(to, PATH_MAX, "%s/%s", rw->new_dir, name) >= PATH_MAX)
		return iso_fail(-ENAMETOOLONG, "copy:", from);
	if (i < rw->n_beside)
		return 0;
	if (rw->n_beside == MAX_BESIDE)
		return iso_failf(-E2BIG, "copy", "more than %d hooks in %.1000s",
				 MAX_BESIDE, rw->old_dir);
	ret = stat(from, &st) ? -errno : 0;
	if (!ret)
		ret = iso_copy_file(from, to, st.st_mode & 07777);
	if (ret)
		return iso_failf(ret, "copy", "%.64s: copying %.1000s", key, from);
	snprintf(rw->beside_from[rw->n_beside], PATH_MAX, "%s", from);
	snprintf(rw->beside_name[rw->n_beside++], NAME_MAX + 1, "%s", name);
	return 0;
}

/*
 * A hook whose command lives in the old container's directory, or the
 * fstab from wherever it is: copied into the new one, as LXC's
 * copyhooks() and copy_fstab() do.  One in the rootfs is the image's
 * file, which is not opened from the host: refused.
 */
static int copy_beside(struct rewrite *rw, const char *key, size_t klen,
		       const char *value, size_t vlen, bool always)
{
	char name[64], from[PATH_MAX], to[PATH_MAX];
	size_t plen, dlen;
	bool quoted = vlen > 1 && (value[0] == '"' || value[0] == '\'') &&
		      value[vlen - 1] == value[0];
	const char q[2] = { quoted ? value[0] : '\0', '\0' };
	int ret;

	/* as the parser: one pair of quotes is not part of it */
	if (quoted) {
		value++;
		vlen -= 2;
	}
	plen = strcspn(value, " \t");
	if (plen > vlen)
		plen = vlen;
	dlen = below(value, plen, rw->old_given) ?: below(value, plen, rw->old_dir);
	if (!always && !dlen)
		return emit(rw, "%.*s = %s%.*s%s\n", (int)klen, key, q,
			    (int)vlen, value, q);
	snprintf(name, sizeof(name), "%.*s", (int)klen, key);
	/* a relative fstab is the old directory's, as the parser reads it */
	if (snprintf(from, sizeof(from), "%s%s%.*s",
		     value[0] == '/' ? "" : rw->old_dir, value[0] == '/' ? "" : "/",
		     (int)plen, value) >= (int)sizeof(from))
		return iso_failf(-ENAMETOOLONG, "copy", "%.64s: %.1000s", name, from);
	if (in_image(rw, from))
		return iso_failf(-EINVAL, "copy", "%.64s: %.1000s is in the image",
				 name, from);
	ret = copy_one(rw, name, from, to);
	if (ret)
		return ret;
	return emit(rw, "%.*s = %s%s%.*s%s\n", (int)klen, key, q, to,
		    (int)(vlen - plen), value + plen, q);
}

/*
 * lxc.include = RELATIVE, which isoctl reads beside the including file:
 * the old directory's file, whose path the copy says in full.
 */
static int absolute_include(struct rewrite *rw, const char *key, size_t klen,
			    const char *value, size_t vlen)
{
	const char *v = value;
	size_t len = vlen;

	/* as the parser: one pair of quotes is not part of it */
	if (len > 1 && (v[0] == '"' || v[0] == '\'') && v[len - 1] == v[0]) {
		v++;
		len -= 2;
	}
	if (!len || v[0] == '/')
		return emit(rw, "%.*s = %.*s\n", (int)klen, key, (int)vlen, value);
	return emit(rw, "%.*s = %s/%.*s\n", (int)klen, key, rw->old_dir,
		    (int)len, v);
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
	if (!klen)
		return emit(rw, "%.*s\n", (int)len, line);
	if (key_is(key, klen, "lxc.rootfs.path") || key_is(key, klen, "lxc.rootfs"))
		return 0;	/* the new one's, at the end */
	if (!rw->a->keep_name && (key_is(key, klen, "lxc.uts.name") ||
				  key_is(key, klen, "lxc.utsname")))
		return 0;
	if (!rw->a->keep_mac && hwaddr_key(key, klen) && vlen == 17) {
		iso_mac_fill(mac);
		return emit(rw, "%.*s = %s\n", (int)klen, key, mac);
	}
	if (!strncmp(key, "lxc.hook.", 9) && !key_is(key, klen, "lxc.hook.version"))
		return copy_beside(rw, key, klen, value, vlen, false);
	if (key_is(key, klen, "lxc.mount.fstab") && vlen)
		return copy_beside(rw, key, klen, value, vlen, true);
	if (key_is(key, klen, "lxc.include"))
		return absolute_include(rw, key, klen, value, vlen);
	return emit(rw, "%.*s\n", (int)len, line);
}

static int read_text(const char *path, char *text)
{
	FILE *f = fopen(path, "re");
	size_t n;
	int ret;

	if (!f)
		return iso_fail(-errno, "copy: reading", path);
	n = fread(text, 1, CONFIG_MAX, f);
	ret = ferror(f) ? -EIO : n == CONFIG_MAX ? -EFBIG : 0;
	fclose(f);
	if (!ret && memchr(text, '\0', n))
		ret = -EINVAL;
	text[ret ? 0 : n] = '\0';
	return ret ? iso_fail(ret, "copy: reading", path) : 0;
}

/* -R leaves the old directory: nothing may point into it still. */
static int check_renamed(const struct rewrite *rw)
{
	char given[PATH_MAX + 1], real[PATH_MAX + 1];

	snprintf(given, sizeof(given), "%s/", rw->old_given);
	snprintf(real, sizeof(real), "%s/", rw->old_dir);
	if (!strstr(rw->out, given) && !strstr(rw->out, real))
		return 0;
	return iso_failf(-EINVAL, "copy -R", "%.1000s: its config still names a path in it",
			 rw->old_dir);
}

/* NEWDIR/config, from NAME's, as do_lxcapi_clone() writes it. */
static int write_config(struct rewrite *rw)
{
	char path[PATH_MAX], *text = malloc(CONFIG_MAX + 1), *line, *end;
	int ret;

	rw->out = malloc(CONFIG_MAX);
	rw->used = 0;
	ret = text && rw->out ? 0 : iso_fail(-ENOMEM, "copy:", "the config");
	if (!ret && iso_path_join(path, rw->old_dir, "config"))
		ret = iso_fail(-ENAMETOOLONG, "copy:", rw->old_dir);
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
	if (!ret && rw->a->rename)
		ret = check_renamed(rw);
	if (!ret && iso_path_join(path, rw->new_dir, "config"))
		ret = iso_fail(-ENAMETOOLONG, "copy:", rw->new_dir);
	if (!ret) {
		ret = iso_write_atomic(path, rw->out, rw->used);
		if (ret)
			iso_fail(ret, "copy: writing", path);
	}
	free(text);
	free(rw->out);
	rw->out = NULL;
	return ret;
}

/*
 * The image's /etc/hostname, resolved inside the rootfs, whose content is
 * not ours to trust, and written as LXC writes it (no newline) if it is
 * a regular file; anything else there is left, as LXC leaves what it
 * cannot open.
 */
static int write_hostname(const char *rootfs, const char *name)
{
	int root, fd, out = -1, ret;
	char proc[32];
	struct stat st;

	root = open(rootfs, O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (root < 0)
		return iso_fail(-errno, "copy: opening", rootfs);
	fd = iso_root_open(root, "etc/hostname", O_PATH);
	close(root);
	if (fd == -ENOENT || fd == -ENOTDIR || fd == -ELOOP)
		return 0;
	if (fd < 0)
		return iso_failf(fd, "copy", "opening %.1000s/etc/hostname", rootfs);
	ret = fstat(fd, &st) ? -errno : 0;
	if (!ret && !S_ISREG(st.st_mode)) {
		close(fd);
		return 0;
	}
	snprintf(proc, sizeof(proc), "/proc/self/fd/%d", fd);
	if (!ret) {
		out = open(proc, O_WRONLY | O_TRUNC | O_NOCTTY | O_CLOEXEC);
		ret = out < 0 ? -errno : 0;
	}
	if (!ret && write(out, name, strlen(name)) != (ssize_t)strlen(name))
		ret = -errno;
	if (out >= 0)
		close(out);
	close(fd);
	return ret ? iso_failf(ret, "copy", "writing %.1000s/etc/hostname", rootfs) : 0;
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
	struct iso_config *cfg = malloc(sizeof(*cfg));
	char config[PATH_MAX], line[1024];
	struct iso_cfg_error err;
	int status = 0, ret;
	pid_t pid;

	if (!cfg)
		return iso_fail(-ENOMEM, "copy: loading", dir);
	ret = iso_path_join(config, dir, "config") ?
	      iso_fail(-ENAMETOOLONG, "copy:", dir) : 0;
	if (!ret) {
		iso_config_init(cfg);
		ret = iso_config_load(config, cfg, &err);
		if (ret)
			fprintf(stderr, "isoctl: copy: %s\n",
				iso_cfg_error_str(&err, line, sizeof(line)));
	}
	/* clone_update_rootfs(): a directory rootfs is where it is */
	cfg->rootfs_mount[0] = '\0';
	ctx.cfg = cfg;
	ctx.config_file = config;
	if (!ret && iso_hooks_any(cfg, ISO_HOOK_CLONE)) {
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
		while (pid > 0 && waitpid(pid, &status, 0) < 0) {
			if (errno != EINTR) {
				ret = iso_fail(-errno, "copy: waiting for", "lxc.hook.clone");
				break;
			}
		}
		if (!ret && WIFSIGNALED(status))
			ret = iso_failf(-ECANCELED, "copy", "lxc.hook.clone: killed by signal %d",
					WTERMSIG(status));
		else if (!ret && !(WIFEXITED(status) && !WEXITSTATUS(status)))
			ret = -ECANCELED;	/* the hook said why */
	}
	if (!ret && !a->keep_name)
		ret = write_hostname(cfg->rootfs, a->new_name);
	free(cfg);
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
		"cp", "-a", "--", src, rootfs, NULL });
}

/* NEWPATH/NEWNAME, not inside the old container, locked while it is made. */
static int make_new_dir(struct copy_args *a, struct rewrite *rw, int *lock)
{
	struct iso_store store;
	char path[PATH_MAX];
	int ret;

	iso_store_init(&store, a->new_path);
	ret = iso_store_path(&store, a->new_name, NULL, rw->new_dir);
	if (!ret)
		ret = iso_store_make(&store);
	if (ret)
		return iso_fail(ret, "copy: creating", store.base);
	ret = mkdir(rw->new_dir, 0700) ? -errno : 0;
	if (ret)
		return iso_fail(ret, "copy: creating", rw->new_dir);
	/* lxc.rootfs.path and the hooks' paths are absolute, as LXC's */
	if (!realpath(rw->new_dir, path)) {
		ret = iso_fail(-errno, "copy: finding", rw->new_dir);
	} else if (below(path, strlen(path), rw->old_dir)) {
		ret = iso_failf(-EINVAL, "copy", "%.1000s is inside %.1000s", path,
				rw->old_dir);
	} else {
		snprintf(rw->new_dir, sizeof(rw->new_dir), "%s", path);
		/* nothing starts it half made */
		*lock = iso_state_lock(rw->new_dir);
		if (*lock < 0)
			ret = iso_fail(*lock, "copy: locking", rw->new_dir);
	}
	if (ret)
		rmdir(rw->new_dir);
	return ret;
}

/* With the old container locked, so that nothing starts it meanwhile. */
static int copy_container(struct copy_args *a, struct rewrite *rw)
{
	struct iso_config *cfg;
	int ret, lock = -1;

	ret = iso_load_container(a->src.base, a->src.name, &cfg);
	if (ret)
		return ret;
	ret = make_new_dir(a, rw, &lock);
	if (ret) {
		free(cfg);
		return ret;
	}
	/* an idmapped root gets through to its rootfs, whose owners cp keeps */
	ret = iso_idmap_open_dir(cfg, rw->new_dir);
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

/* The old directory, as a config names it, and for real. */
static int old_dir(struct copy_args *a, struct rewrite *rw)
{
	char cwd[PATH_MAX];

	if (!realpath(a->src.dir, rw->old_dir))
		return iso_fail(-errno, "copy: finding", a->src.dir);
	if (a->src.dir[0] == '/')
		snprintf(rw->old_given, sizeof(rw->old_given), "%s", a->src.dir);
	else if (getcwd(cwd, sizeof(cwd)))
		snprintf(rw->old_given, sizeof(rw->old_given), "%.2000s/%.2000s",
			 cwd, a->src.dir);
	else
		snprintf(rw->old_given, sizeof(rw->old_given), "%s", rw->old_dir);
	return 0;
}

int cmd_copy(int argc, char **argv)
{
	struct copy_args a = { 0 };
	struct rewrite *rw;
	int ret, lock;
	const char *why;

	ret = parse_args(argc, argv, &a);
	if (ret > 0)
		goto usage;
	if (ret)
		return ret;
	ret = iso_container_dir(a.src.base, a.src.name, a.src.dir);
	if (!ret)
		ret = iso_lxc_refuse("copy", a.src.dir, a.src.name);
	if (ret)
		return ret;
	if (iso_name_check(a.new_name, &why))
		return iso_failf(-EINVAL, "copy", "%.64s: %s", a.new_name, why);
	/* calloc: 130 KB of paths, most of them never used */
	rw = calloc(1, sizeof(*rw));
	if (!rw)
		return iso_fail(-ENOMEM, "copy", a.src.name);
	rw->a = &a;
	ret = old_dir(&a, rw);
	lock = ret ? ret : iso_state_lock(a.src.dir);
	if (lock == -EBUSY)
		ret = iso_failf(-EBUSY, "copy", "%s: running, or in an exec or a copy",
				a.src.name);
	else if (lock < 0 && !ret)
		ret = iso_fail(lock, "copy: locking", a.src.dir);
	if (!ret)
		ret = copy_container(&a, rw);
	/* a destroy hook that fails keeps the old one, and so not the copy */
	if (!ret && a.rename) {
		ret = iso_container_remove(&a.src);
		if (ret == -ECANCELED)
			iso_remove_tree(rw->new_dir);
		else if (ret)
			iso_failf(ret, "copy -R", "%s: both are left", a.new_name);
	}
	if (lock >= 0)
		close(lock);
	if (!ret)
		printf("%s container %s as %s in %s\n", a.rename ? "Renamed" : "Copied",
		       a.src.name, a.new_name, rw->new_dir);
	free(rw);
	return ret;
usage:
	fprintf(stderr, "Usage: isoctl copy -n NAME -N NEWNAME [-P PATH] [-p NEWPATH] [-K] [-M] [-R] [-- CLONE HOOK ARGS]\n");
	return -EINVAL;
}
