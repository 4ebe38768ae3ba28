// SPDX-License-Identifier: GPL-2.0
/*
 * nlsend: send one hand-made request to the iso family, so guest tests can
 * feed iso.ko the malformed input isoctl never sends.
 *
 *   nlsend CMD [TYPE:KIND:VALUE]... [junk:N]
 *
 * KIND is u8, u16, u32, u64, s32, str (NUL-terminated), bin (hex bytes),
 * flag, fd (opens VALUE, a path, and sends the fd as s32) or nest (VALUE
 * ignored: the attributes up to the word "end" go inside).  junk:N appends
 * N zero bytes that are no attribute.  Prints "ok" or "error ERRNO (text):
 * extack", and exits 0 when the kernel acked.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <netlink/msg.h>
#include <netlink/attr.h>

#include "kernel/genl.h"

static int put_hex(struct nl_msg *msg, int type, const char *hex)
{
	unsigned char buf[512];
	size_t n = strlen(hex) / 2, i;

	if (n > sizeof(buf))
		return -EINVAL;
	for (i = 0; i < n; i++)
		if (sscanf(hex + 2 * i, "%2hhx", &buf[i]) != 1)
			return -EINVAL;
	return nla_put(msg, type, n, buf);
}

#define MAX_DEPTH 4
static struct nlattr *nests[MAX_DEPTH];
static int depth;

static int put_attr(struct nl_msg *msg, const char *spec)
{
	char kind[8];
	int type, off = 0;
	const char *val;

	if (!strcmp(spec, "end")) {
		if (!depth)
			return -EINVAL;
		nla_nest_end(msg, nests[--depth]);
		return 0;
	}
	if (!strncmp(spec, "junk:", 5)) {
		int n = atoi(spec + 5);
		void *p = nlmsg_reserve(msg, n, 1);

		if (!p)
			return -ENOMEM;
		memset(p, 0, n);
		return 0;
	}
	if (sscanf(spec, "%d:%7[a-z0-9]%n", &type, kind, &off) != 2)
		return -EINVAL;
	val = spec + off;
	if (*val == ':')
		val++;
	if (!strcmp(kind, "u8"))
		return nla_put_u8(msg, type, strtoul(val, NULL, 0));
	if (!strcmp(kind, "u16"))
		return nla_put_u16(msg, type, strtoul(val, NULL, 0));
	if (!strcmp(kind, "u32"))
		return nla_put_u32(msg, type, strtoul(val, NULL, 0));
	if (!strcmp(kind, "u64"))
		return nla_put_u64(msg, type, strtoull(val, NULL, 0));
	if (!strcmp(kind, "s32"))
		return nla_put_s32(msg, type, strtol(val, NULL, 0));
	if (!strcmp(kind, "fd")) {
		int fd = open(val, O_RDONLY);

		return fd < 0 ? -errno : nla_put_s32(msg, type, fd);
	}
	if (!strcmp(kind, "nest")) {
		if (depth == MAX_DEPTH)
			return -EINVAL;
		nests[depth] = nla_nest_start(msg, type);
		return nests[depth++] ? 0 : -ENOMEM;
	}
	if (!strcmp(kind, "str"))
		return nla_put_string(msg, type, val);
	if (!strcmp(kind, "bin"))
		return put_hex(msg, type, val);
	if (!strcmp(kind, "flag"))
		return nla_put_flag(msg, type);
	return -EINVAL;
}

int main(int argc, char **argv)
{
	struct iso_genl g;
	struct nl_msg *msg;
	int ret, i;

	if (argc < 2) {
		fprintf(stderr, "usage: nlsend CMD [TYPE:KIND:VALUE]... [junk:N]\n");
		return 2;
	}
	ret = iso_genl_open(&g);
	if (ret) {
		fprintf(stderr, "nlsend: iso family: %s\n", strerror(-ret));
		return 2;
	}
	msg = iso_genl_msg(&g, atoi(argv[1]), 0);
	if (!msg)
		return 2;
	for (i = 2; i < argc; i++) {
		if (put_attr(msg, argv[i])) {
			fprintf(stderr, "nlsend: bad attribute '%s'\n", argv[i]);
			return 2;
		}
	}
	if (depth) {
		fprintf(stderr, "nlsend: a nest is not closed with \"end\"\n");
		return 2;
	}
	ret = iso_genl_send(&g, msg, NULL, NULL);
	if (ret)
		printf("error %d (%s): %s\n", -ret, strerror(-ret), g.extack);
	else
		printf("ok\n");
	nlmsg_free(msg);
	iso_genl_close(&g);
	return ret ? 1 : 0;
}
