// SPDX-License-Identifier: GPL-2.0
/* What ISO_CMD_GET_INFO reports about the module and the running kernel. */
#include <linux/kconfig.h>
#include <linux/utsname.h>
#include <uapi/linux/iso.h>

#include "iso.h"

static u64 iso_kernel_features(void)
{
	u64 features = 0;

	if (IS_ENABLED(CONFIG_MEMCG))
		features |= ISO_FEATURE(MEMCG);
	/* cgroup namespaces have no option of their own */
	if (IS_ENABLED(CONFIG_CGROUPS) && IS_ENABLED(CONFIG_NAMESPACES))
		features |= ISO_FEATURE(CGROUP_NS);
	return features;
}

void iso_info_collect(struct iso_info *info)
{
	info->module_version = ISO_MODULE_VERSION;
	/* the release is the same in every UTS namespace: it cannot be set */
	info->kernel_release = init_utsname()->release;
	info->features = iso_kernel_features() | iso_tracepoints_features();
	info->containers = iso_registry_count();
	info->max_containers = iso_registry_max();
}
