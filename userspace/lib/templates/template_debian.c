// SPDX-License-Identifier: GPL-2.0
/*
 * debian: debootstrap from the mirror the host's apt uses, into a cache
 * shared by every create of the same suite, architecture, variant and
 * packages, so that only the first create downloads anything:
 *
 *	isoctl create -n d1 -t debian [-- -r SUITE -a ARCH --mirror URL
 *					   --variant V --packages P,Q]
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "error.h"
#include "runtime/store.h"
#include "templates/template.h"


#define ARG_MAX_LEN 256

struct debian {
	char suite[ARG_MAX_LEN], arch[ARG_MAX_LEN], variant[ARG_MAX_LEN];
	char packages[ARG_MAX_LEN], mirror[ARG_MAX_LEN];
	char cache[PATH_MAX];	/* CACHE/debian/KEY: the cached rootfs */
};

/* VERSION_CODENAME from os-release: the host's own suite. */
static void host_suite(char *out, size_t size)
{
	char line[256];
	FILE *f = fopen("/etc/os-release", "re");

	snprintf(out, size, "bookworm");
	while (f && fgets(line, sizeof(line), f))
		if (!strncmp(line, "VERSION_CODENAME=", 17) && line[17] != '\n')
			snprintf(out, size, "%.*s", (int)strcspn(line + 17, "\"\n"),
				 line + 17);
	if (f)
		fclose(f);
}

static int uri_ok(const char *uri)
{
	size_t len = strlen(uri);

	return !strncmp(uri, "http", 4) &&
	       !(len > 9 && !strcmp(uri + len - 9, "-security"));
}

/* The first Debian URI, not a security one, of a .list or .sources file. */
static void scan_sources(const char *path, char *mirror, size_t size)
{
	char line[1024], word[ARG_MAX_LEN], *p;
	FILE *f = fopen(path, "re");

	while (f && !mirror[0] && fgets(line, sizeof(line), f)) {
		p = line + strspn(line, " \t");
		if (!strncmp(p, "URIs:", 5))
			p += 5;
		else if (!strncmp(p, "deb ", 4))
			p += 4;
		else
			continue;
		while (sscanf(p, " %255s", word) == 1 && word[0] == '[')
			p = strchr(p, ']') ? strchr(p, ']') + 1 : p + strlen(p);
		if (sscanf(p, " %255s", word) == 1 && uri_ok(word))
			snprintf(mirror, size, "%s", word);
	}
	if (f)
		fclose(f);
}

static void host_mirror(char *mirror, size_t size)
{
	static const char *const dir = "/etc/apt/sources.list.d";
	struct dirent **names;
	char path[PATH_MAX];
	int i, n;

	mirror[0] = '\0';
	scan_sources("/etc/apt/sources.list", mirror, size);
	n = scandir(dir, &names, NULL, alphasort);
	for (i = 0; i < n; i++) {
		const char *dot = strrchr(names[i]->d_name, '.');

		if (dot && (!strcmp(dot, ".list") || !strcmp(dot, ".sources"))) {
			snprintf(path, sizeof(path), "%s/%s", dir, names[i]->d_name);
			scan_sources(path, mirror, size);
		}
		free(names[i]);
	}
	if (n >= 0)
		free(names);
}

static int parse_args(char **args, struct debian *d)
{
	struct utsname u;
	int i;

	host_suite(d->suite, sizeof(d->suite));
	uname(&u);
	snprintf(d->arch, sizeof(d->arch), "%s",
		 !strcmp(u.machine, "x86_64") ? "amd64" :
		 !strcmp(u.machine, "aarch64") ? "arm64" : u.machine);
	snprintf(d->variant, sizeof(d->variant), "minbase");
	host_mirror(d->mirror, sizeof(d->mirror));
	for (i = 0; args && args[i]; i += 2) {
		const char *o = args[i], *v = args[i + 1];
		char *dst = !strcmp(o, "-r") || !strcmp(o, "--release") ? d->suite :
			    !strcmp(o, "-a") || !strcmp(o, "--arch") ? d->arch :
			    !strcmp(o, "--variant") ? d->variant :
			    !strcmp(o, "--packages") ? d->packages :
			    !strcmp(o, "--mirror") ? d->mirror : NULL;

		/* all but the mirror end up in a cache directory's name */
		if (!dst || !v || strlen(v) >= ARG_MAX_LEN ||
		    (dst != d->mirror && strpbrk(v, "/ ")))
			return iso_failf(-EINVAL, "debian template", "%s%s%s: usage: -r SUITE -a ARCH --mirror URL --variant V --packages P,Q",
					 o, v ? " " : "", v ? v : "");
		memcpy(dst, v, strlen(v) + 1);
	}
	/* no mirror of our own: the host's apt sources, or --mirror */
	if (!d->mirror[0])
		return iso_failf(-ENOENT, "debian template",
				 "no Debian mirror in /etc/apt/sources.list{,.d}: give --mirror URL");
	return 0;
}

static int cache_path(struct debian *d)
{
	const char *base = getenv("ISO_CACHE_DIR") ?: "/var/cache/iso";
	char dir[PATH_MAX];

	/* either may exist; any other failure shows when the lock is made */
	mkdir(base, 0755);
	snprintf(dir, sizeof(dir), "%s/debian", base);
	mkdir(dir, 0755);
	if (snprintf(d->cache, sizeof(d->cache), "%s/%s_%s_%s%s%s", dir,
		     d->suite, d->arch, d->variant, d->packages[0] ? "+" : "",
		     d->packages) >= (int)sizeof(d->cache))
		return iso_fail(-ENAMETOOLONG, "debian template: caching in", dir);
	return 0;
}

/* Bootstrap into KEY.partial, then rename: a cache entry is whole or absent. */
static int bootstrap(const struct debian *d)
{
	char partial[PATH_MAX + 16], variant[300], arch[300], include[300];
	char *argv[10];
	int n = 0, ret;

	snprintf(partial, sizeof(partial), "%s.partial", d->cache);
	iso_remove_tree(partial);
	snprintf(variant, sizeof(variant), "--variant=%s", d->variant);
	snprintf(arch, sizeof(arch), "--arch=%s", d->arch);
	argv[n++] = "debootstrap";
	argv[n++] = variant;
	argv[n++] = arch;
	if (d->packages[0]) {
		snprintf(include, sizeof(include), "--include=%s", d->packages);
		argv[n++] = include;
	}
	argv[n++] = (char *)d->suite;
	argv[n++] = partial;
	argv[n++] = (char *)d->mirror;
	argv[n] = NULL;
	fprintf(stderr, "debian template: debootstrap %s (%s, %s) from %s\n",
		d->suite, d->arch, d->variant, d->mirror);
	ret = iso_template_run("debian template: running", argv);
	if (!ret && rename(partial, d->cache))
		ret = iso_fail(-errno, "debian template: caching", d->cache);
	if (ret)
		iso_remove_tree(partial);
	return ret;
}

static int fill_cache(const struct debian *d)
{
	char lock[PATH_MAX + 8];
	struct stat st;
	int fd, ret = 0;

	snprintf(lock, sizeof(lock), "%s.lock", d->cache);
	fd = open(lock, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	if (fd < 0 || flock(fd, LOCK_EX))
		return iso_fail(-errno, "debian template: locking", lock);
	if (stat(d->cache, &st))
		ret = bootstrap(d);
	else
		fprintf(stderr, "debian template: using the cached %s\n", d->cache);
	close(fd);
	return ret;
}

static int finish(const struct iso_template_call *call)
{
	char path[PATH_MAX], text[80];
	struct stat st;
	int ret, has_init;

	snprintf(path, sizeof(path), "%s/etc/hostname", call->rootfs);
	snprintf(text, sizeof(text), "%s\n", call->name);
	ret = iso_write_atomic(path, text, strlen(text));
	if (ret)
		return iso_fail(ret, "writing", path);
	snprintf(path, sizeof(path), "%s/sbin/init", call->rootfs);
	has_init = !lstat(path, &st);
	snprintf(call->config, call->size, "# debian template\n");
	/*
	 * minbase has no init: a shell on the console instead, which as pid
	 * 1 only SIGKILL stops; systemd halts on SIGRTMIN+3.
	 */
	iso_template_config(call, has_init ? "/sbin/init" : "/bin/sh",
			    has_init ? "SIGRTMIN+3" : "SIGKILL");
	if (has_init)
		snprintf(call->config + strlen(call->config),
			 call->size - strlen(call->config),
			 "# systemd as init mounts /run, /tmp and its cgroups and gives its\n"
			 "# services namespaces: it needs CAP_SYS_ADMIN, which LXC's debian\n"
			 "# template leaves it too.  The container is then not root-safe.\n"
			 "lxc.cap.drop = sys_module mac_admin mac_override sys_time\n");
	return 0;
}

int iso_template_debian(const struct iso_template_call *call)
{
	char from[PATH_MAX + 2];
	struct debian d = { 0 };
	int ret;

	ret = parse_args(call->args, &d);
	if (!ret)
		ret = cache_path(&d);
	if (!ret)
		ret = fill_cache(&d);
	if (ret)
		return ret;
	snprintf(from, sizeof(from), "%s/.", d.cache);
	ret = iso_template_run("debian template: copying", (char *const[]){
		"cp", "-a", from, (char *)call->rootfs, NULL });
	return ret ? ret : finish(call);
}
