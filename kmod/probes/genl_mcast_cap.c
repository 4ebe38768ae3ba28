// SPDX-License-Identifier: GPL-2.0
/* Multicast groups can require a capability since 6.6 (and later 6.1.y). */
#include <net/genetlink.h>

static const struct genl_multicast_group grp = {
	.name = "probe",
	.flags = GENL_MCAST_CAP_NET_ADMIN,
};

const void *iso_probe_check(void)
{
	return &grp;
}
