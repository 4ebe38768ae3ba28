// SPDX-License-Identifier: GPL-2.0
/* Newer kernels define struct cgroup_namespace in a header of its own. */
#include <linux/cgroup_namespace.h>
