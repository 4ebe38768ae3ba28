/* SPDX-License-Identifier: GPL-2.0 */
#ifndef ISO_CONSOLE_RING_H
#define ISO_CONSOLE_RING_H

#include <stdint.h>
#include <stddef.h>

/*
 * lxc.console.buffer.size: the last bytes the console wrote, in the
 * monitor's memory, for isoctl console --log to read, as LXC's ringbuffer
 * and its console_log() API.  @w and @r count every byte ever written
 * and read; a byte that was overwritten before it was read is lost.
 */
struct iso_console_ring {
	char *buf;		/* NULL: no buffer */
	uint64_t size;		/* a power of 2 */
	uint64_t w, r;
};

/* An empty ring of @size bytes (a power of 2, or 0 for none). */
int iso_console_ring_init(struct iso_console_ring *ring, uint64_t size);
void iso_console_ring_free(struct iso_console_ring *ring);

void iso_console_ring_write(struct iso_console_ring *ring, const char *buf,
			    size_t n);

/*
 * Write to @fd what is unread, oldest first, or only its last @max bytes
 * (0: all of it), and mark it all read; 0 or -errno.
 */
int iso_console_ring_read(struct iso_console_ring *ring, int fd, uint64_t max);

/* Forget what is unread. */
void iso_console_ring_clear(struct iso_console_ring *ring);

#endif /* ISO_CONSOLE_RING_H */
