// SPDX-License-Identifier: GPL-2.0
/* The KUnit module: its suites run when it is loaded after iso.ko. */
#include <linux/module.h>

#include "features.h"

#ifdef ISO_HAVE_MODULE_NS_IDENT
MODULE_IMPORT_NS(EXPORTED_FOR_KUNIT_TESTING);
#else
MODULE_IMPORT_NS("EXPORTED_FOR_KUNIT_TESTING");
#endif

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("KUnit suites for iso.ko");
