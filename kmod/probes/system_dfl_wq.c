// SPDX-License-Identifier: GPL-2.0
/* system_dfl_wq, new in 6.17, replaces system_unbound_wq, since deprecated. */
#include <linux/workqueue.h>

struct workqueue_struct *iso_probe_check(void)
{
	return system_dfl_wq;
}
