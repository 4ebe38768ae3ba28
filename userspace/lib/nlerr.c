// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <stddef.h>
#include <netlink/errno.h>

#include "nlerr.h"

int iso_nl_errno(int nlerr)
{
	static const int map[][2] = {
		{ NLE_INTR, EINTR }, { NLE_AGAIN, EAGAIN },
		{ NLE_NOMEM, ENOMEM }, { NLE_EXIST, EEXIST },
		{ NLE_INVAL, EINVAL }, { NLE_RANGE, ERANGE },
		{ NLE_MSGSIZE, EMSGSIZE }, { NLE_OPNOTSUPP, EOPNOTSUPP },
		{ NLE_AF_NOSUPPORT, EAFNOSUPPORT },
		{ NLE_OBJ_NOTFOUND, ENOENT }, { NLE_NOADDR, EADDRNOTAVAIL },
		{ NLE_BUSY, EBUSY }, { NLE_NOACCESS, EACCES },
		{ NLE_PERM, EPERM }, { NLE_NODEV, ENODEV },
	};
	size_t i;

	for (i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (-nlerr == map[i][0])
			return -map[i][1];
	return -EIO;
}
