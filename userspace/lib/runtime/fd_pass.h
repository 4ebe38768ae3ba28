/* SPDX-License-Identifier: GPL-2.0 */
#ifndef ISO_FD_PASS_H
#define ISO_FD_PASS_H

/*
 * The child's fds to its monitor over @sk: @n (1 or 2) of them, with the
 * one byte @tag that says what they are.  0 or -errno.
 */
int iso_send_fds(int sk, unsigned char tag, const int *fds, int n);

/*
 * One byte from @sk into @tag, and the one fd that came with it in @fd
 * (-1: none; any more are closed).  0 or -errno; -ECONNRESET at the end.
 */
int iso_recv_fd(int sk, unsigned char *tag, int *fd);

/* The tag of the seccomp listener's fd; ptys' are their numbers. */
#define ISO_FD_TAG_LISTENER 0xff

#endif /* ISO_FD_PASS_H */
