// SPDX-License-Identifier: GPL-2.0
/*
 * Parsing the values config keys and options take: numbers, CPU lists,
 * sizes, MACs, CIDRs.
 */
#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/socket.h>

#include "config/config.h"

static int parse_uint(const char **p, unsigned long *out)
{
	char *end;

	if (!isdigit((unsigned char)**p))
		return -EINVAL;
	errno = 0;
	*out = strtoul(*p, &end, 10);
	if (errno)
		return -EINVAL;
	*p = end;
	return 0;
}

/*
 * A decimal number from @min to @max, the whole of @text: -EINVAL if it is
 * not one, -ERANGE if it is out of range (overflow included).
 */
int iso_parse_long(const char *text, long min, long max, long *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(text, &end, 10);
	if (!*text || *end || isspace((unsigned char)*text))
		return -EINVAL;
	if (errno || v < min || v > max)
		return -ERANGE;
	*out = v;
	return 0;
}

/*
 * A cpuset list as cpuset.cpus takes it, "0-2,4": ranges ascending, every
 * CPU below @ncpus (0: do not check).  -ERANGE names a CPU the host lacks.
 */
int iso_parse_cpuset(const char *list, unsigned int ncpus)
{
	const char *p = list;
	unsigned long lo, hi;

	if (!*p)
		return -EINVAL;
	for (;;) {
		if (parse_uint(&p, &lo))
			return -EINVAL;
		hi = lo;
		if (*p == '-') {
			p++;
			if (parse_uint(&p, &hi) || hi < lo)
				return -EINVAL;
		}
		if (ncpus && hi >= ncpus)
			return -ERANGE;
		if (!*p)
			return 0;
		if (*p++ != ',')
			return -EINVAL;
	}
}

/* "max", or bytes with an optional K, M, G or T suffix (powers of 1024). */
int iso_parse_size(const char *text, uint64_t *bytes)
{
	static const char units[] = "KMGT";
	const char *unit;
	unsigned long long v;
	char *end;
	int shift;

	if (!strcmp(text, "max")) {
		*bytes = UINT64_MAX;
		return 0;
	}
	if (!isdigit((unsigned char)*text))
		return -EINVAL;
	errno = 0;
	v = strtoull(text, &end, 10);
	if (errno)
		return -EINVAL;
	if (*end) {
		unit = strchr(units, toupper((unsigned char)*end));
		if (!unit || end[1])
			return -EINVAL;
		shift = 10 * (int)(unit - units + 1);
		if (v > (UINT64_MAX >> shift))
			return -ERANGE;
		v <<= shift;
	}
	*bytes = v;
	return 0;
}

/* "00:30:6E:08:EC:80"; LXC's "xx" placeholders are not supported. */
int iso_parse_mac(const char *text, uint8_t mac[6])
{
	unsigned int b[6];
	char tail;
	int i;

	if (strlen(text) != 17 ||
	    sscanf(text, "%2x:%2x:%2x:%2x:%2x:%2x%c", &b[0], &b[1], &b[2],
		   &b[3], &b[4], &b[5], &tail) != 6)
		return -EINVAL;
	for (i = 0; i < 6; i++) {
		if (!isxdigit((unsigned char)text[3 * i]) ||
		    !isxdigit((unsigned char)text[3 * i + 1]))
			return -EINVAL;
		mac[i] = b[i];
	}
	if (mac[0] & 1)		/* a multicast address is no interface's */
		return -EINVAL;
	return 0;
}

void iso_mac_fill(char *text)
{
	static const char hex[] = "0123456789abcdef";
	unsigned char rnd[17];
	size_t i, len = strlen(text);

	if (len > sizeof(rnd) || !strpbrk(text, "xX") ||
	    getrandom(rnd, sizeof(rnd), 0) != sizeof(rnd))
		return;
	for (i = 0; i < len; i++) {
		if (text[i] != 'x' && text[i] != 'X')
			continue;
		/* the first byte's low nibble: unicast (bit 0), local (bit 1) */
		text[i] = hex[i == 1 ? (rnd[i] & 0xc) | 2 : rnd[i] & 0xf];
	}
}

int iso_split_cmd(char *buf, char **argv, int max)
{
	char *p = buf, quote;
	int n = 0;

	for (;;) {
		while (*p == ' ' || *p == '\t')
			p++;
		if (!*p)
			break;
		if (n == max)
			return -E2BIG;
		/* as LXC's lxc_string_split_quoted(): quotes open a word only */
		quote = *p == '\'' || *p == '"' ? *p++ : '\0';
		argv[n++] = p;
		if (quote)
			p += strcspn(p, (char[]){ quote, '\0' });
		else
			p += strcspn(p, " \t");
		if (*p)
			*p++ = '\0';
	}
	argv[n] = NULL;
	return n ? n : -EINVAL;
}

/* "192.168.1.10/24" or "fd00::10/64"; without a prefix, a host route. */
int iso_parse_cidr(const char *text, struct iso_cfg_addr *addr)
{
	char buf[INET6_ADDRSTRLEN + 8], *slash;
	const char *p;
	unsigned long prefix;
	unsigned int max;

	if (strlen(text) >= sizeof(buf))
		return -EINVAL;
	strcpy(buf, text);
	slash = strchr(buf, '/');
	if (slash)
		*slash = '\0';
	memset(addr, 0, sizeof(*addr));
	if (inet_pton(AF_INET, buf, &addr->v4) == 1) {
		addr->family = AF_INET;
		max = 32;
	} else if (inet_pton(AF_INET6, buf, &addr->v6) == 1) {
		addr->family = AF_INET6;
		max = 128;
	} else {
		return -EINVAL;
	}
	addr->prefix = max;
	if (!slash)
		return 0;
	p = slash + 1;
	if (parse_uint(&p, &prefix) || *p || prefix > max)
		return -EINVAL;
	addr->prefix = prefix;
	return 0;
}
