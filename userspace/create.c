// SPDX-License-Identifier: GPL-2.0
/*
 * isoctl create -n NAME -t TEMPLATE [-f CONFIG] [-P PATH] [--userns]
 *		[-- TEMPLATE ARGS]
 *
 * As lxc-create: BASE/NAME/rootfs from the template, BASE/NAME/config from
 * the template's lines and then the user's file.  On any failure nothing
 * is left: the directory goes, whatever step failed.  --userns (also
 * taken among the template's arguments) makes an unprivileged container:
 * an lxc.idmap of root's subordinate ids.
 */
#include <errno.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "isoctl.h"
#include "config/config.h"
#include "error.h"
#include "runtime/idmap.h"
#include "runtime/store.h"
#include "runtime/subid.h"
#include "templates/template.h"

#define CONFIG_MAX (256 * 1024)

struct create_args {
	const char *name;
	const char *template;
	const char *config;
	const char *path;
	char **template_args;
	bool userns;
};

static int parse_args(int argc, char **argv, struct create_args *a)
{
	static const struct option opts[] = {
		{ "name", required_argument, NULL, 'n' },
		{ "template", required_argument, NULL, 't' },
		{ "config", required_argument, NULL, 'f' },
		{ "lxcpath", required_argument, NULL, 'P' },
		{ "userns", no_argument, NULL, 'U' },
		{ 0 }
	};
	int opt, i, n;

	memset(a, 0, sizeof(*a));
	a->template = "busybox";
	while ((opt = getopt_long(argc, argv, "+n:t:f:P:", opts, NULL)) != -1) {
		switch (opt) {
		case 'n': a->name = optarg; break;
		case 't': a->template = optarg; break;
		case 'f': a->config = optarg; break;
		case 'P': a->path = optarg; break;
		case 'U': a->userns = true; break;
		default: goto usage;
		}
	}
	if (!a->name && optind < argc && strcmp(argv[optind - 1], "--"))
		a->name = argv[optind++];
	/* -t debian -- --userns: create's, not the template's */
	a->template_args = argv + optind;
	for (i = n = 0; a->template_args[i]; i++) {
		if (!strcmp(a->template_args[i], "--userns"))
			a->userns = true;
		else
			a->template_args[n++] = a->template_args[i];
	}
	a->template_args[n] = NULL;
	if (a->name)
		return 0;
usage:
	fprintf(stderr, "Usage: isoctl create -n NAME [-t TEMPLATE] [-f CONFIG] [-P PATH] [--userns] [-- TEMPLATE ARGS]\n");
	return -EINVAL;
}

/* Whether the line at @line sets an interface's MAC: lxc.net.N.hwaddr. */
static bool hwaddr_key(const char *line, const char **value)
{
	const char *key = line + strspn(line, " \t");
	size_t len = strcspn(key, " \t=\n");
	const char *eq = key + len + strspn(key + len, " \t");

	if (*eq != '=' ||
	    !((len > 15 && !strncmp(key, "lxc.net.", 8) &&
	       !strncmp(key + len - 7, ".hwaddr", 7)) ||
	      (len == 18 && !strncmp(key, "lxc.network.hwaddr", 18))))
		return false;
	*value = eq + 1 + strspn(eq + 1, " \t");
	return true;
}

/*
 * As lxc-create: the x's of a MAC template (00:16:3e:xx:xx:xx) drawn
 * once, in the stored config, so that the container keeps its MAC.
 */
static void draw_macs(char *text)
{
	const char *value;
	char mac[18], *line;
	size_t len;

	for (line = text; *line; line += strcspn(line, "\n") + !!line[strcspn(line, "\n")]) {
		if (!hwaddr_key(line, &value))
			continue;
		len = strcspn(value, " \t\r\n");
		if (len >= sizeof(mac))
			continue;
		memcpy(mac, value, len);
		mac[len] = '\0';
		iso_mac_fill(mac);
		memcpy((char *)value, mac, len);
	}
}

/* The user's file must load on its own before anything is created. */
static int check_user_config(const char *path, char **text, bool userns)
{
	struct iso_config *cfg = malloc(sizeof(*cfg));
	struct iso_cfg_error err;
	char line[1024];
	FILE *f;
	size_t n;
	int ret;

	*text = calloc(1, CONFIG_MAX);
	if (!cfg || !*text) {
		free(cfg);
		return iso_fail(-ENOMEM, "reading", path);
	}
	iso_config_init(cfg);
	ret = iso_config_load(path, cfg, &err);
	if (!ret && userns && cfg->n_idmaps)
		ret = iso_failf(-EINVAL, "create", "--userns: %s has an lxc.idmap already",
				path);
	else if (ret)
		fprintf(stderr, "isoctl: %s\n",
			iso_cfg_error_str(&err, line, sizeof(line)));
	free(cfg);
	if (ret)
		return ret;
	f = fopen(path, "re");
	if (!f)
		return iso_fail(-errno, "reading", path);
	n = fread(*text, 1, CONFIG_MAX - 1, f);
	ret = ferror(f) ? -EIO : n == CONFIG_MAX - 1 ? -EFBIG : 0;
	fclose(f);
	if (!ret)
		draw_macs(*text);
	return ret ? iso_fail(ret, "reading", path) : 0;
}

static int write_config(const char *dir, const char *tpl, const char *user,
			const char *user_path)
{
	char path[PATH_MAX], *text;
	int ret;

	text = malloc(2 * CONFIG_MAX);
	if (!text)
		return iso_fail(-ENOMEM, "writing", "the config");
	snprintf(text, 2 * CONFIG_MAX, "%s%s%s%s", tpl,
		 user ? "\n# from " : "", user ? user_path : "",
		 user ? "\n" : "");
	if (user)
		strncat(text, user, 2 * CONFIG_MAX - strlen(text) - 1);
	ret = iso_path_join(path, dir, "config");
	if (!ret)
		ret = iso_write_atomic(path, text, strlen(text));
	free(text);
	return ret ? iso_fail(ret, "writing", path) : 0;
}

/* --userns: root's subordinate ids, after the template's lines. */
static int add_idmap(char *config, size_t size)
{
	size_t used = strlen(config);
	struct iso_subid ids;
	int ret;

	ret = iso_subid_root(&ids);
	if (ret)
		return ret;
	if (ids.added)
		printf("Gave root the subordinate ids %lu-%lu in /etc/subuid and /etc/subgid\n",
		       ids.uid, ids.uid + ids.count - 1);
	if ((size_t)snprintf(config + used, size - used,
			     "# --userns: root's subordinate ids (/etc/subuid, /etc/subgid)\n"
			     "lxc.idmap = u 0 %lu %lu\nlxc.idmap = g 0 %lu %lu\n",
			     ids.uid, ids.count, ids.gid, ids.count) >= size - used)
		return iso_fail(-E2BIG, "create --userns: adding", "the idmap to the config");
	return 0;
}

/* With lxc.idmap, the rootfs belongs to the container's root. */
static int shift_ids(const char *name, const char *base, const char *dir,
		     const char *rootfs)
{
	struct iso_config *cfg;
	int ret = iso_load_container(base, name, &cfg);

	if (!ret)
		ret = iso_idmap_shift(cfg, dir, rootfs);
	free(cfg);
	return ret;
}

static int build(const struct create_args *a, const struct iso_template *t,
		 const char *source, const char *dir, const char *user)
{
	struct iso_template_call call = {
		.name = a->name, .source = source, .args = a->template_args,
		.size = CONFIG_MAX,
	};
	char rootfs[PATH_MAX];
	int ret;

	if (iso_path_join(rootfs, dir, "rootfs"))
		return iso_fail(-ENAMETOOLONG, "creating", dir);
	if (mkdir(rootfs, 0755))
		return iso_fail(-errno, "creating", rootfs);
	call.rootfs = rootfs;
	call.config = calloc(1, CONFIG_MAX);
	if (!call.config)
		return iso_fail(-ENOMEM, "running template", t->name);
	ret = t->build(&call);
	if (!ret && a->userns)
		ret = add_idmap(call.config, CONFIG_MAX);
	if (!ret)
		ret = write_config(dir, call.config, user, a->config);
	free(call.config);
	return ret ? ret : shift_ids(a->name, a->path, dir, rootfs);
}

int cmd_create(int argc, char **argv)
{
	const struct iso_template *t;
	const char *source;
	struct create_args a;
	struct iso_store store;
	char dir[PATH_MAX], *user = NULL;
	const char *why;
	int ret;

	ret = parse_args(argc, argv, &a);
	if (ret)
		return ret;
	if (iso_name_check(a.name, &why))
		return iso_failf(-EINVAL, "create", "%s: %s", a.name, why);
	t = iso_template_find(a.template, &source);
	if (!t)
		return iso_failf(-ENOENT, "create", "%s: no template \"%s\" (busybox, debian, dir:PATH, tar:FILE)",
				 a.name, a.template);
	if (a.config) {
		ret = check_user_config(a.config, &user, a.userns);
		if (ret)
			goto out;
	}
	iso_store_init(&store, a.path);
	ret = iso_store_path(&store, a.name, NULL, dir);
	if (!ret)
		ret = iso_store_make(&store);
	if (ret) {
		iso_fail(ret, "creating", store.base);
		goto out;
	}
	if (mkdir(dir, 0700)) {
		ret = iso_fail(-errno, "creating container", dir);
		goto out;
	}
	ret = build(&a, t, source, dir, user);
	if (ret)
		iso_remove_tree(dir);
	else
		printf("Created container %s in %s\n", a.name, dir);
out:
	free(user);
	return ret;
}
