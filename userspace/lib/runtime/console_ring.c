// SPDX-License-Identifier: GPL-2.0
/* The console's ring buffer (lxc.console.buffer.size). */
#include <errno.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "runtime/console_ring.h"

int iso_console_ring_init(struct iso_console_ring *ring, uint64_t size)
{
	*ring = (struct iso_console_ring){ 0 };
	if (!size)
		return 0;
	if (size & (size - 1) || size > SIZE_MAX)
		return -EINVAL;
	/* pages only where the console has written that far */
	ring->buf = mmap(NULL, size, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (ring->buf == MAP_FAILED) {
		ring->buf = NULL;
		return -errno;
	}
	ring->size = size;
	return 0;
}

void iso_console_ring_free(struct iso_console_ring *ring)
{
	if (ring->buf)
		munmap(ring->buf, ring->size);
	*ring = (struct iso_console_ring){ 0 };
}

void iso_console_ring_write(struct iso_console_ring *ring, const char *buf,
			    size_t n)
{
	uint64_t at, part;

	if (!ring->buf)
		return;
	/* of more than the ring holds, only the last bytes stay */
	if (n > ring->size) {
		ring->w += n - ring->size;
		buf += n - ring->size;
		n = ring->size;
	}
	while (n) {
		at = ring->w & (ring->size - 1);
		part = ring->size - at < n ? ring->size - at : n;
		memcpy(ring->buf + at, buf, part);
		ring->w += part;
		buf += part;
		n -= part;
	}
	if (ring->w - ring->r > ring->size)
		ring->r = ring->w - ring->size;
}

int iso_console_ring_read(struct iso_console_ring *ring, int fd, uint64_t max)
{
	uint64_t n = ring->w - ring->r, from, at, part;
	ssize_t done;

	if (max && max < n)
		n = max;
	from = ring->w - n;
	while (n) {
		at = from & (ring->size - 1);
		part = ring->size - at < n ? ring->size - at : n;
		done = write(fd, ring->buf + at, part);
		if (done < 0 && errno == EINTR)
			continue;
		if (done <= 0)
			return done < 0 ? -errno : -EIO;
		from += done;
		n -= done;
	}
	ring->r = ring->w;
	return 0;
}

void iso_console_ring_clear(struct iso_console_ring *ring)
{
	ring->r = ring->w;
}
