// SPDX-License-Identifier: GPL-2.0
/* What ISO_CMD_GET_INFO reports about the module and the running kernel. */
#include <linux/cgroup.h>
#include <linux/kconfig.h>
#include <linux/memcontrol.h>
#include <linux/utsname.h>
#include <uapi/linux/iso.h>

#include "iso.h"

static u64 iso_kernel_features(void)
{
	u64 features = 0;

#ifdef CONFIG_MEMCG
	/* what the memory figures need now, not what the build had */
	if (!mem_cgroup_disabled() && cgroup_subsys_on_dfl(memory_cgrp_subsys))
		features |= ISO_FEATURE(MEMCG);
#endif
	/* cgroup namespaces have no option of their own */
	if (IS_ENABLED(CONFIG_CGROUPS) && IS_ENABLED(CONFIG_NAMESPACES))
		features |= ISO_FEATURE(CGROUP_NS);
	return features;
}

/* The facts, with the containers a caller whose cgroup ns is @ns_root sees. */
void iso_info_collect(struct iso_info *info, struct cgroup *ns_root)
{
	info->module_version = ISO_MODULE_VERSION;
	/* the release is the same in every UTS namespace: it cannot be set */
	info->kernel_release = init_utsname()->release;
	info->features = iso_kernel_features() | iso_tracepoints_features();
	info->containers = iso_registry_count_visible(ns_root);
	info->max_containers = iso_registry_max();
}
