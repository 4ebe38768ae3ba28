// SPDX-License-Identifier: GPL-2.0
/* isoctl version: this tool's version and, when loaded, the module's. */
#include <errno.h>
#include <stdio.h>
#include <linux/iso.h>

#include "isoctl.h"
#include "error.h"
#include "kernel/genl.h"

int cmd_version(int argc, char **argv)
{
	struct iso_info info;
	int ret;

	(void)argv;
	if (argc > 1) {
		fprintf(stderr, "Usage: isoctl version\n");
		return -EINVAL;
	}
	printf("isoctl %s (ABI %d)\n", ISOCTL_VERSION, ISO_ABI_VERSION);
	ret = iso_query_info(&info);
	if (ret)
		return ret;
	printf("iso.ko %s (ABI %u) on Linux %s\n", info.module_version,
	       info.abi_version, info.kernel_release);
	if (info.abi_version < ISO_ABI_VERSION)
		fprintf(stderr, "isoctl: iso.ko was built for ABI %u, this isoctl for ABI %d: what came since is refused\n",
			info.abi_version, ISO_ABI_VERSION);
	return 0;
}
