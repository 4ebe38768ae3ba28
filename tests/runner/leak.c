// SPDX-License-Identifier: GPL-2.0
/*
 * A module that leaks on purpose, so make check can prove that the VM
 * runner fails a run when kmemleak finds a leak.  Never part of iso.
 */
#include <linux/module.h>
#include <linux/slab.h>

static noinline void iso_leak_one(void)
{
	char *p = kmalloc(3000, GFP_KERNEL);

	/* no pointer left in the object, nothing else refers to it */
	if (p)
		memset(p, 0x5a, 3000);
}

static int __init iso_leak_init(void)
{
	int i;

	for (i = 0; i < 16; i++)
		iso_leak_one();
	return 0;
}
module_init(iso_leak_init);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Leaks memory on purpose to test the test runner");
