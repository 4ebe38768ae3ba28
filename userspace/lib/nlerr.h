/* SPDX-License-Identifier: GPL-2.0 */
#ifndef ISO_NLERR_H
#define ISO_NLERR_H

/* libnl's -NLE_* back to the -errno the kernel most likely sent. */
int iso_nl_errno(int nlerr);

#endif /* ISO_NLERR_H */
