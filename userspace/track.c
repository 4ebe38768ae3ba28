// SPDX-License-Identifier: GPL-2.0
/*
 * isoctl track PATH --name NAME [--pid PID]: account any cgroup v2 directory
 * as a container, for experiments on cgroups isoctl did not make.
 * isoctl untrack NAME: stop.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "isoctl.h"
#include "error.h"
#include "kernel/genl.h"

static int track_usage(void)
{
	fprintf(stderr, "Usage: isoctl track PATH --name NAME [--pid PID]\n");
	return -EINVAL;
}

int cmd_track(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "name", required_argument, NULL, 'n' },
		{ "pid", required_argument, NULL, 'p' },
		{ 0 }
	};
	const char *name = NULL, *path;
	unsigned long pid = 0;
	struct iso_genl g;
	char *end, object[512];
	int opt, fd, ret;

	while ((opt = getopt_long(argc, argv, "n:p:", opts, NULL)) != -1) {
		switch (opt) {
		case 'n':
			name = optarg;
			break;
		case 'p':
			pid = strtoul(optarg, &end, 10);
			if (*end || !pid || pid > UINT32_MAX)
				return iso_fail(-EINVAL, "parsing --pid", optarg);
			break;
		default:
			return track_usage();
		}
	}
	if (!name || optind != argc - 1)
		return track_usage();
	path = argv[optind];
	snprintf(object, sizeof(object), "%s as %s", path, name);

	fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return iso_fail(-errno, "opening", path);
	ret = iso_connect(&g);
	if (!ret) {
		ret = iso_genl_container_add(&g, name, fd, pid, false);
		if (ret)
			iso_fail_why(ret, "tracking", object, g.extack);
		iso_genl_close(&g);
	}
	close(fd);
	return ret;
}

int cmd_untrack(int argc, char **argv)
{
	struct iso_genl g;
	int ret;

	if (argc != 2) {
		fprintf(stderr, "Usage: isoctl untrack NAME\n");
		return -EINVAL;
	}
	ret = iso_connect(&g);
	if (ret)
		return ret;
	ret = iso_genl_container_del(&g, argv[1]);
	if (ret)
		iso_fail_why(ret, "untracking", argv[1], g.extack);
	iso_genl_close(&g);
	return ret;
}
