// SPDX-License-Identifier: GPL-2.0
/* Reaching iso.ko, for the commands that talk to it. */
#include <errno.h>
#include <stdio.h>

#include "isoctl.h"
#include "error.h"
#include "kernel/genl.h"

int iso_connect(struct iso_genl *g)
{
	int ret = iso_genl_open(g);

	if (ret == -ENOENT) {
		fflush(stdout);
		fprintf(stderr, "isoctl: %s\n", ISO_NOT_LOADED);
		return ret;
	}
	if (ret)
		return iso_fail(ret, "connecting to", "generic netlink");
	return 0;
}

int iso_query_info(struct iso_info *info)
{
	struct iso_genl g;
	int ret;

	ret = iso_connect(&g);
	if (ret)
		return ret;
	ret = iso_genl_get_info(&g, info);
	if (ret)
		iso_fail_why(ret, "querying", "iso.ko (ISO_CMD_GET_INFO)",
			     g.extack);
	iso_genl_close(&g);
	return ret;
}
