// SPDX-License-Identifier: GPL-2.0
/*
 * isoctl exec -n NAME [-P PATH] -- CMD [ARG]...: run one command in a new
 * instance of the container and exit with its status, as lxc-execute.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "isoctl.h"
#include "lib/config.h"
#include "lib/error.h"
#include "lib/runtime.h"
#include "lib/store.h"

/* Load BASE/NAME/config; prints why it could not. */
int iso_load_container(const char *base, const char *name,
		       struct iso_config **cfg)
{
	struct iso_cfg_error err;
	struct iso_store store;
	char path[PATH_MAX], line[1024];
	const char *why;
	int ret;

	if (iso_name_check(name, &why))
		return iso_failf(-EINVAL, "container", "%s: %s", name, why);
	iso_store_init(&store, base);
	ret = iso_store_path(&store, name, "config", path);
	if (ret)
		return iso_fail(ret, "finding container", name);
	*cfg = malloc(sizeof(**cfg));
	if (!*cfg)
		return iso_fail(-ENOMEM, "loading", path);
	iso_config_init(*cfg);
	ret = iso_config_load(path, *cfg, &err);
	if (ret == -EINVAL && err.line)
		fprintf(stderr, "isoctl: %s\n",
			iso_cfg_error_str(&err, line, sizeof(line)));
	else if (ret)
		iso_failf(-ENOENT, "finding container", "%s (no %s)", name, path);
	if (!ret && !(*cfg)->rootfs[0])
		ret = iso_failf(-EINVAL, "container", "%s: no lxc.rootfs.path in %s",
				name, path);
	if (ret) {
		free(*cfg);
		*cfg = NULL;
	}
	return ret;
}

int cmd_exec(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "name", required_argument, NULL, 'n' },
		{ "lxcpath", required_argument, NULL, 'P' },
		{ 0 }
	};
	const char *name = NULL, *base = NULL;
	struct iso_config *cfg;
	struct iso_run run = { 0 };
	int opt, ret, status;

	while ((opt = getopt_long(argc, argv, "+n:P:", opts, NULL)) != -1) {
		switch (opt) {
		case 'n': name = optarg; break;
		case 'P': base = optarg; break;
		default: goto usage;
		}
	}
	if (!name || optind >= argc)
		goto usage;
	ret = iso_load_container(base, name, &cfg);
	if (ret)
		return ret;
	run.cfg = cfg;
	run.name = name;
	run.argv = argv + optind;
	ret = iso_run(&run, &status);
	free(cfg);
	if (ret)
		return ret;
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return WEXITSTATUS(status);
usage:
	fprintf(stderr, "Usage: isoctl exec -n NAME [-P PATH] -- CMD [ARG]...\n");
	return -EINVAL;
}
