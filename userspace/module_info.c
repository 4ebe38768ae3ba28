// SPDX-License-Identifier: GPL-2.0
/* Asking iso.ko for its facts, for the commands that show them. */
#include <errno.h>
#include <stdio.h>

#include "isoctl.h"
#include "lib/error.h"
#include "lib/genl.h"

/* Ask the module for its facts; say so plainly when it is not there. */
int iso_query_info(struct iso_info *info)
{
	struct iso_genl g;
	int ret;

	ret = iso_genl_open(&g);
	if (ret == -ENOENT) {
		fflush(stdout);
		fprintf(stderr, "isoctl: %s\n", ISO_NOT_LOADED);
		return ret;
	}
	if (ret)
		return iso_fail(ret, "connecting to", "generic netlink");

	ret = iso_genl_get_info(&g, info);
	if (ret)
		iso_fail(ret, "querying", "iso.ko (ISO_CMD_GET_INFO)");
	iso_genl_close(&g);
	return ret;
}
