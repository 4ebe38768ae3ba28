// SPDX-License-Identifier: GPL-2.0
/*
 * iso: per-container accounting and enforcement for cgroup v2 containers,
 * served over the "iso" generic netlink family.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/init.h>
#include <net/genetlink.h>
#include <uapi/linux/iso.h>

#include "iso.h"

static int __init iso_init(void)
{
	struct iso_info info;
	int ret;

	iso_tracepoints_find();

	ret = iso_registry_init();
	if (ret)
		return ret;

	ret = iso_netlink_init();
	if (ret)
		goto err_registry;

	iso_info_collect(&info);
	pr_info("version %s, ABI %d, features %#llx\n", info.module_version,
		ISO_ABI_VERSION, info.features);
	return 0;

err_registry:
	iso_registry_exit();
	return ret;
}

/*
 * The family goes first: once genl_unregister_family() returns, no handler
 * runs, so nothing can reach the registry while it is torn down.
 */
static void __exit iso_exit(void)
{
	iso_netlink_exit();
	iso_registry_exit();
}

module_init(iso_init);
module_exit(iso_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Per-container accounting and enforcement over generic netlink");
MODULE_VERSION(ISO_MODULE_VERSION);
MODULE_ALIAS_GENL_FAMILY(ISO_GENL_NAME);
