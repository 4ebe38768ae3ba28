// SPDX-License-Identifier: GPL-2.0
/*
 * lxc.apparmor.profile = generated: a profile of the container's own, as
 * LXC 5.0.2 makes one.  It is named "lxc-NAME_<STORE>", written to
 * DIR/apparmor/, loaded with apparmor_parser at start (its binary cache
 * under /var/cache/iso/apparmor) and unloaded at the end.  Where the
 * kernel stacks profiles, the container also gets a policy namespace of
 * its own, to load its own profiles in, and init runs under the stack of
 * the two.  The rules are LXC's in substance: everything but what is
 * dangerous to the host, and mounts only of what cannot reach /proc, /sys
 * or /dev.  lxc.apparmor.allow_nesting and lxc.apparmor.raw add to them.
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config/config.h"
#include "error.h"
#include "runtime/apparmor_profile.h"
#include "runtime/lsm.h"
#include "runtime/rootfs_path.h"
#include "runtime/store.h"
#include "templates/template.h"

#define AA_FS "/sys/kernel/security/apparmor"

/*
 * "lxc-NAME_<STORE>"; where that passes 246 bytes, its hash, as LXC's,
 * and a hash too where it has a byte that a profile's name, a label or a
 * glob would take for more than itself (quotes, ':', '*', "//"...).
 */
static void profile_name(const char *name, const char *store, char *buf,
			 size_t size)
{
	unsigned long long hash = 0xcbf29ce484222325ULL;	/* FNV-1a 64 */
	char full[PATH_MAX + 300];
	const char *c;
	bool plain;

	snprintf(full, sizeof(full), "lxc-%.255s_<%.4095s>", name, store);
	plain = strlen(full) + 7 <= 253 && !strstr(full, "//");
	for (c = full; plain && *c; c++)
		plain = isalnum((unsigned char)*c) || strchr("._-/<>", *c);
	if (plain) {
		snprintf(buf, size, "%.252s", full);
		return;
	}
	for (c = full; *c; c++)
		hash = (hash ^ (unsigned char)*c) * 0x100000001b3ULL;
	snprintf(buf, size, "%016llx", hash);
}

static bool file_says_yes(const char *path)
{
	char buf[4] = "";
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return false;
	if (read(fd, buf, sizeof(buf)) != sizeof(buf))
		buf[0] = '\0';
	close(fd);
	return !memcmp(buf, "yes\n", 4);
}

/* Profile stacking (policy version 1.2 on), and we are not stacked already. */
static bool can_stack(void)
{
	int major = 0, minor = 0;
	FILE *f;

	if (!file_says_yes(AA_FS "/features/domain/stack") ||
	    file_says_yes(AA_FS "/.ns_stacked"))
		return false;
	f = fopen(AA_FS "/features/domain/version", "re");
	if (!f)
		return false;
	if (fscanf(f, "%d.%d", &major, &minor) != 2)
		major = 0;
	fclose(f);
	return major > 1 || (major == 1 && minor >= 2);
}

/*
 * Rules "@head @dir GLOB @tail" that match every entry of @dir, and all
 * under it, but @names (NULL-ended; "NAME*" spares all names with that
 * start).  AppArmor's globs have no negation, so they go by the names'
 * common starts: for "proc" and "sys", "/[^ps]*", "/p[^r]*", ...,
 * "/proc?*".  @prefix: the start so far.
 */
static void rules_but(FILE *f, const char *head, const char *dir,
		      const char *const *names, const char *prefix,
		      const char *tail)
{
	size_t len = strlen(prefix), i;
	char next[64] = "", more[128];
	bool whole = false;

	for (i = 0; names[i]; i++) {
		const char *n = names[i];

		if (strncmp(n, prefix, len))
			continue;
		if (!strcmp(n + len, "*"))
			return;		/* all that starts so is kept */
		if (!n[len])
			whole = true;
		else if (!strchr(next, n[len]) && strlen(next) < sizeof(next) - 1)
			strncat(next, n + len, 1);
	}
	if (len && !whole)
		fprintf(f, "%s%s%s{,/**}%s", head, dir, prefix, tail);
	if (!next[0]) {
		fprintf(f, "%s%s%s?*{,/**}%s", head, dir, prefix, tail);
		return;
	}
	fprintf(f, "%s%s%s[^%s]*{,/**}%s", head, dir, prefix, next, tail);
	for (i = 0; next[i]; i++) {
		snprintf(more, sizeof(more), "%s%c", prefix, next[i]);
		rules_but(f, head, dir, names, more, tail);
	}
}

/*
 * What may be bound, moved, or remounted: not /proc, /sys, /dev/.lxc;
 * with @in_dev false, nothing in /dev either (rbind: its nodes).
 */
static void mount_rules_but_kernel_fs(FILE *f, const char *head,
				      const char *tail, bool in_dev)
{
	static const char *const top[] = { "dev", "proc", "sys", NULL };
	static const char *const dev[] = { ".lxc", NULL };

	rules_but(f, head, "/", top, "", tail);
	if (in_dev)
		rules_but(f, head, "/dev/", dev, "", tail);
}

/* Read-only bind remounts with any of nodev, nosuid, noexec and an atime. */
static void remount_rules(FILE *f)
{
	static const char *const atime[] = { "", ",noatime", ",strictatime" };
	char head[128];
	unsigned int bits, a;

	for (bits = 0; bits < 8; bits++)
		for (a = 0; a < 3; a++) {
			snprintf(head, sizeof(head),
				 "  mount options=(ro,remount,bind%s%s%s%s) -> ",
				 bits & 1 ? ",nodev" : "",
				 bits & 2 ? ",nosuid" : "",
				 bits & 4 ? ",noexec" : "", atime[a]);
			mount_rules_but_kernel_fs(f, head, ",\n", true);
		}
}

static const char base_rules[] =
	"  capability,\n  dbus,\n  file,\n  network,\n  umount,\n"
	"  unix (receive),\n  unix peer=(label=@{profile_name}),\n"
	"  signal (receive),\n  signal peer=@{profile_name},\n"
	"  ptrace (readby),\n  ptrace (tracedby),\n  ptrace peer=@{profile_name},\n"
	/* a read-only remount of / is denied quietly */
	"  deny mount options=(ro, remount) -> /,\n"
	"  deny mount options=(ro, remount, silent) -> /,\n"
	"  mount fstype=tmpfs,\n  mount fstype=hugetlbfs,\n"
	"  mount fstype=mqueue,\n  mount fstype=fuse,\n  mount fstype=fuse.*,\n"
	"  mount fstype=binfmt_misc -> /proc/sys/fs/binfmt_misc/,\n"
	"  mount fstype=efivarfs -> /sys/firmware/efi/efivars/,\n"
	"  mount fstype=fusectl -> /sys/fs/fuse/connections/,\n"
	"  mount fstype=securityfs -> /sys/kernel/security/,\n"
	"  mount fstype=debugfs -> /sys/kernel/debug/,\n"
	"  deny mount fstype=debugfs -> /var/lib/ureadahead/debugfs/,\n"
	"  mount fstype=proc -> /proc/,\n  mount fstype=sysfs -> /sys/,\n"
	"  mount options=(rw, nosuid, nodev, noexec, remount) -> /sys/,\n"
	"  mount options=(ro, nosuid, nodev, noexec, remount, strictatime) -> /sys/fs/cgroup/,\n"
	"  mount options=(rw,make-slave) -> /,\n  mount options=(rw,make-rslave) -> /,\n"
	"  mount options=(rw,make-shared) -> /,\n  mount options=(rw,make-rshared) -> /,\n"
	"  mount options=(rw,make-private) -> /,\n  mount options=(rw,make-rprivate) -> /,\n"
	"  mount options=(rw,make-unbindable) -> /,\n  mount options=(rw,make-runbindable) -> /,\n"
	/* what reaches the host's devices and kernel */
	"  deny @{PROC}/bus/** wklx,\n  deny @{PROC}/sys/fs/** wklx,\n"
	"  deny @{PROC}/kcore rwklx,\n  deny @{PROC}/sysrq-trigger rwklx,\n"
	"  deny @{PROC}/acpi/** rwklx,\n"
	"  deny /sys/firmware/efi/efivars/** rwklx,\n"
	"  deny /sys/kernel/debug/{,**} rwklx,\n";

static const char nesting_rules[] =
	"  pivot_root,\n  ptrace,\n  signal,\n"
	/* the proc and sys that nesting mounts at /dev/.lxc, for lxc-start's */
	"  deny /dev/.lxc/proc/** rw,\n  deny /dev/.lxc/sys/** rw,\n"
	"  mount fstype=proc -> /usr/lib/*/lxc/**,\n"
	"  mount fstype=sysfs -> /usr/lib/*/lxc/**,\n"
	"  mount none -> /var/lib/lxd/shmounts/,\n"
	"  mount /var/lib/lxd/shmounts/ -> /var/lib/lxd/shmounts/,\n"
	"  mount options=bind /var/lib/lxd/shmounts/** -> /var/lib/lxd/**,\n"
	/* a nested container's /proc/sys remounts take any mount */
	"  mount,\n";

static const char idmapped_rules[] =
	"  pivot_root,\n"
	"  mount options=(rw,make-slave) -> **,\n  mount options=(rw,make-rslave) -> **,\n"
	"  mount options=(rw,make-shared) -> **,\n  mount options=(rw,make-rshared) -> **,\n"
	"  mount options=(rw,make-private) -> **,\n  mount options=(rw,make-rprivate) -> **,\n"
	"  mount options=(rw,make-unbindable) -> **,\n  mount options=(rw,make-runbindable) -> **,\n"
	"  mount options=(rw,bind),\n  mount options=(rw,rbind),\n"
	"  mount options=(ro,remount),\n";

/* Writes to /proc/sys and /sys, but the container's own parts of them. */
static void write_denials(FILE *f, bool stack)
{
	static const char *const proc_sys[] = { "kernel", "net", NULL };
	static const char *const proc_kernel[] = {
		"domainname", "hostname", "msg*", "sem*", "shm*", NULL,
	};
	static const char *const sys[] = { "class", "devices", "fs", "kernel", NULL };
	static const char *const net[] = { "net", NULL };
	static const char *const devices[] = { "virtual", NULL };
	static const char *const fs[] = { "cgroup", NULL };
	static const char *const kernel[] = { "security", NULL };
	static const char *const security[] = { "apparmor", NULL };

	rules_but(f, "  deny ", "/proc/sys/", proc_sys, "", " wklx,\n");
	rules_but(f, "  deny ", "/proc/sys/kernel/", proc_kernel, "", " wklx,\n");
	rules_but(f, "  deny ", "/sys/", sys, "", " wklx,\n");
	rules_but(f, "  deny ", "/sys/class/", net, "", " wklx,\n");
	rules_but(f, "  deny ", "/sys/devices/", devices, "", " wklx,\n");
	rules_but(f, "  deny ", "/sys/devices/virtual/", net, "", " wklx,\n");
	rules_but(f, "  deny ", "/sys/fs/", fs, "", " wklx,\n");
	if (!stack) {
		fputs("  deny /sys/kernel{,/**} rwklx,\n", f);
		return;
	}
	/* its own policy namespace's files, and no others */
	rules_but(f, "  deny ", "/sys/kernel/", kernel, "", " wklx,\n");
	rules_but(f, "  deny ", "/sys/kernel/security/", security, "", " wklx,\n");
}

static char *profile_text(const struct iso_config *cfg, const char *profile,
			  const char *ns, bool stack, size_t *len)
{
	char *text = NULL;
	FILE *f = open_memstream(&text, len);
	int i;

	if (!f)
		return NULL;
	fprintf(f, "#include <tunables/global>\n"
		"profile \"%.255s\" flags=(attach_disconnected,mediate_deleted) {\n",
		profile);
	fputs(base_rules, f);
	mount_rules_but_kernel_fs(f, "  mount options=(rw,bind) ", ",\n", true);
	mount_rules_but_kernel_fs(f, "  mount options=(rw,rbind) ", ",\n", false);
	mount_rules_but_kernel_fs(f, "  mount options=(rw,move) ", ",\n", true);
	remount_rules(f);
	if (!access("/proc/self/ns/cgroup", F_OK))
		fputs("  mount fstype=cgroup -> /sys/fs/cgroup/**,\n"
		      "  mount fstype=cgroup2 -> /sys/fs/cgroup/**,\n", f);
	write_denials(f, stack);
	if (stack)
		fprintf(f, "  change_profile -> \":%.255s:*\",\n"
			"  change_profile -> \":%.255s://*\",\n", ns, ns);
	if (cfg->apparmor_allow_nesting) {
		fputs(nesting_rules, f);
		if (!stack)
			fprintf(f, "  change_profile -> \"%.255s\",\n", profile);
	}
	if (cfg->n_idmaps)
		fputs(idmapped_rules, f);
	for (i = 0; i < cfg->apparmor_raw.n; i++)
		fprintf(f, "%.511s\n", cfg->apparmor_raw.item[i]);
	fputs("}\n", f);
	if (fclose(f)) {
		free(text);
		return NULL;
	}
	return text;
}

/* $ISO_CACHE_DIR/apparmor where that is absolute, else /var/cache/iso's */
static const char *cache_dir(char *buf, size_t size)
{
	const char *base = getenv("ISO_CACHE_DIR");

	if (!base || base[0] != '/')
		base = "/var/cache/iso";
	snprintf(buf, size, "%.4000s/apparmor", base);
	return buf;
}

/*
 * Made with its parents, as a fresh system may lack /var/cache too; and
 * root's alone: the parser loads what it finds there newer than the file.
 */
static int make_cache_dir(char *buf, size_t size)
{
	int root = open("/", O_PATH | O_DIRECTORY | O_CLOEXEC), fd;
	struct stat st;

	cache_dir(buf, size);
	fd = root < 0 ? -errno : iso_root_mkdirs(root, buf, 0755);
	if (root >= 0)
		close(root);
	if (fd < 0)
		return fd;
	if (fstat(fd, &st))
		st.st_uid = -1;
	close(fd);
	return st.st_uid || st.st_mode & 022 ? -EPERM : 0;
}

/* apparmor_parser -r (load, or replace), with its binary cache: 0, or said. */
static int run_parser(const char *file)
{
	char opt[] = "-rWL", cache[PATH_MAX];
	char *argv[] = {
		"apparmor_parser", opt, (char *)cache_dir(cache, sizeof(cache)),
		(char *)file, NULL,
	};

	return iso_template_run("lxc.apparmor.profile = generated: running", argv);
}

/* The file as it was, kept where it is the same, for the parser's cache. */
static int write_profile(const char *path, const char *text, size_t len)
{
	char *old = malloc(len + 1);
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	bool same = false;

	if (fd >= 0 && old)
		same = read(fd, old, len + 1) == (ssize_t)len && !memcmp(old, text, len);
	if (fd >= 0)
		close(fd);
	free(old);
	return same ? 0 : iso_write_atomic(path, text, len);
}

int iso_aa_generated_load(const struct iso_config *cfg, const char *name,
			  const char *store, const char *dir,
			  struct iso_lsm *lsm)
{
	char ns[256], cache[PATH_MAX], adir[PATH_MAX], path[PATH_MAX], *c;
	const char *step = "lxc.apparmor.profile = generated: making";
	bool stack = can_stack();
	char *text = NULL;
	size_t len;
	int ret;

	if (!store || (size_t)snprintf(adir, sizeof(adir), "%.4095s/apparmor", dir) >= sizeof(adir))
		return iso_fail(-ENAMETOOLONG, "lxc.apparmor.profile = generated:", dir);
	profile_name(name, store, lsm->profile, sizeof(lsm->profile));
	/* its file's name and its namespace's: the name with no '/' */
	snprintf(ns, sizeof(ns), "%.255s", lsm->profile);
	for (c = ns; *c; c++)
		if (*c == '/')
			*c = '-';
	if ((size_t)snprintf(path, sizeof(path), "%.4095s/%.255s", adir, ns) >= sizeof(path))
		return iso_fail(-ENAMETOOLONG, "lxc.apparmor.profile = generated:", dir);
	text = profile_text(cfg, lsm->profile, ns, stack, &len);
	if (!text)
		return iso_fail(-ENOMEM, "lxc.apparmor.profile = generated:", "writing it");
	ret = make_cache_dir(cache, sizeof(cache));
	if (ret) {
		iso_fail(ret, step, cache);
		goto out;
	}
	if (mkdir(adir, 0700) && errno != EEXIST) {
		ret = iso_fail(-errno, step, adir);
		goto out;
	}
	/* from here on, unload removes it */
	snprintf(lsm->file, sizeof(lsm->file), "%.4095s", path);
	ret = write_profile(lsm->file, text, len);
	if (ret) {
		iso_fail(ret, "lxc.apparmor.profile = generated: writing", lsm->file);
		goto fail;
	}
	if (stack) {
		snprintf(path, sizeof(path), AA_FS "/policy/namespaces/%.255s", ns);
		if (mkdir(path, 0755) && errno != EEXIST) {
			ret = iso_fail(-errno, step, path);
			goto fail;
		}
		snprintf(lsm->ns, sizeof(lsm->ns), "%.4095s", path);
	}
	ret = run_parser(lsm->file);
	if (ret)
		goto fail;
	lsm->loaded = true;
	/* stacked with its namespace's, where its own profiles go */
	if (stack)
		snprintf(lsm->label, sizeof(lsm->label), "%.255s//&:%.255s:",
			 lsm->profile, ns);
	else
		snprintf(lsm->label, sizeof(lsm->label), "%.255s", lsm->profile);
	goto out;
fail:
	iso_aa_generated_unload(lsm);
out:
	free(text);
	return ret;
}

/* The kernel's own unload, which needs no parser: the name to .remove. */
static void unload_profile(const char *profile)
{
	int fd = open(AA_FS "/.remove", O_WRONLY | O_CLOEXEC);

	if (fd < 0 || write(fd, profile, strlen(profile)) < 0)
		iso_fail(-errno, "unloading the AppArmor profile", profile);
	if (fd >= 0)
		close(fd);
}

void iso_aa_generated_unload(struct iso_lsm *lsm)
{
	char *slash;

	if (lsm->ns[0] && rmdir(lsm->ns) && errno != ENOENT)
		iso_fail(-errno, "removing the AppArmor namespace", lsm->ns);
	if (lsm->loaded)
		unload_profile(lsm->profile);
	if (lsm->file[0]) {
		unlink(lsm->file);
		slash = strrchr(lsm->file, '/');
		if (slash) {
			*slash = '\0';
			rmdir(lsm->file);	/* DIR/apparmor, where it is empty */
		}
	}
	lsm->ns[0] = '\0';
	lsm->file[0] = '\0';
	lsm->loaded = false;
}
