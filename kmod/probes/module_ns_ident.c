// SPDX-License-Identifier: GPL-2.0
/* Before 6.13 a symbol namespace was a bare identifier, later a string. */
#include <linux/module.h>

MODULE_IMPORT_NS(ISO_PROBE_NAMESPACE);
