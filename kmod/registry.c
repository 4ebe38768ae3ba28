// SPDX-License-Identifier: GPL-2.0
/*
 * The container registry: every tracked container, keyed by the id of its
 * cgroup v2 directory so that probes find a task's container in O(1) under
 * RCU without holding a reference on any struct cgroup.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/moduleparam.h>
#include <linux/rhashtable.h>
#include <linux/slab.h>

#include "iso.h"

static unsigned int max_containers = 4096;
module_param(max_containers, uint, 0444);
MODULE_PARM_DESC(max_containers, "Most containers tracked at once (default 4096)");

struct iso_container {
	struct rhash_head node;
	u64 cgroup_id;
};

static const struct rhashtable_params iso_registry_params = {
	.key_len		= sizeof(u64),
	.key_offset		= offsetof(struct iso_container, cgroup_id),
	.head_offset		= offsetof(struct iso_container, node),
	.automatic_shrinking	= true,
};

static struct rhashtable iso_registry;

u32 iso_registry_count(void)
{
	return atomic_read(&iso_registry.nelems);
}

u32 iso_registry_max(void)
{
	return max_containers;
}

int __init iso_registry_init(void)
{
	if (!max_containers) {
		pr_err("max_containers must be at least 1\n");
		return -EINVAL;
	}
	return rhashtable_init(&iso_registry, &iso_registry_params);
}

static void iso_container_free(void *ptr, void *arg)
{
	kfree(ptr);
}

void iso_registry_exit(void)
{
	rhashtable_free_and_destroy(&iso_registry, iso_container_free, NULL);
}
