// SPDX-License-Identifier: GPL-2.0
/* Typed allocation helpers, kzalloc_obj() and friends, are new in 7.0. */
#include <linux/slab.h>

void *iso_probe_check(void)
{
	int *p = kzalloc_obj(*p, GFP_KERNEL);

	return p;
}
