// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <string.h>
#include <netlink/attr.h>

#include "kernel/genl.h"

int iso_nla_string(char *dst, size_t size, struct nlattr *attr)
{
	const char *src = nla_data(attr);
	int len = nla_len(attr);

	if (len < 1 || (size_t)len > size || src[len - 1] != '\0')
		return -EINVAL;
	memcpy(dst, src, len);
	return 0;
}
