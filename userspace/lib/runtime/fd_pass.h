/* SPDX-License-Identifier: GPL-2.0 */
#ifndef ISO_FD_PASS_H
#define ISO_FD_PASS_H

#include <sys/types.h>

/*
 * Fds over @sk, the child's to its monitor, or the ring buffer's to a
 * console client: @n (1 or 2) of them, with the one byte @tag that says
 * what they are.  0 or -errno.
 */
int iso_send_fds(int sk, unsigned char tag, const int *fds, int n);

/*
 * A message from @sk into @buf, @len bytes at most, with the fds that
 * came with it, two at most, in @fds and their number in @n_fds: its
 * length (0 at the end), or -errno.
 */
ssize_t iso_recv_fds(int sk, void *buf, size_t len, int fds[2], int *n_fds);

/* The tag of the seccomp listener's fd; ptys' are their numbers. */
#define ISO_FD_TAG_LISTENER 0xff

#endif /* ISO_FD_PASS_H */
