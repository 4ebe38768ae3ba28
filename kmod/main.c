// SPDX-License-Identifier: GPL-2.0
/*
 * iso: per-container accounting and enforcement for cgroup v2 containers,
 * served over the "iso" generic netlink family.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/cgroup.h>
#include <linux/module.h>
#include <linux/init.h>
#include <net/genetlink.h>
#include <uapi/linux/iso.h>

#include "iso.h"

/*
 * The probes go in before the family, so that no container can be added
 * while its cgroup's removal would go unseen.
 */
static int __init iso_init(void)
{
	struct iso_info info;
	int ret;

	iso_tracepoints_find();

	ret = iso_limits_init();
	if (ret)
		return ret;
	ret = iso_registry_init();
	if (ret)
		return ret;

	iso_events_start();
	ret = iso_tracepoints_register();
	if (ret)
		goto err_events;

	ret = iso_monitor_init();
	if (ret)
		goto err_tracepoints;
	ret = iso_netlink_init();
	if (ret)
		goto err_monitor;

	iso_info_collect(&info, &cgrp_dfl_root.cgrp);
	pr_info("version %s, ABI %d, features %#llx\n", info.module_version,
		ISO_ABI_VERSION, info.features);
	return 0;

err_monitor:
	iso_monitor_exit();
err_tracepoints:
	iso_tracepoints_unregister();
	iso_registry_quiesce();
	iso_signal_quiesce();
err_events:
	iso_events_stop();
	iso_registry_exit();
	return ret;
}

/*
 * Probes first, the core's and the controllers', and wait until none runs;
 * then finish what they deferred; then let queued events go out while the
 * family still exists, and forget the monitors; then the family, after which no handler runs and
 * no limit can be set; only then is the registry freed, and every limit
 * with its container.
 */
static void __exit iso_exit(void)
{
	iso_limits_quiesce();
	iso_tracepoints_unregister();
	iso_registry_quiesce();
	iso_signal_quiesce();
	iso_events_stop();
	iso_monitor_exit();
	iso_netlink_exit();
	iso_registry_exit();
}

module_init(iso_init);
module_exit(iso_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Per-container accounting and enforcement over generic netlink");
MODULE_VERSION(ISO_MODULE_VERSION);
MODULE_ALIAS_GENL_FAMILY(ISO_GENL_NAME);
