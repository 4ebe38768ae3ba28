// SPDX-License-Identifier: GPL-2.0
/* lxc.mount.entry lines, parsed once and the same way at load and mount. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>

#include "config/mount_entry.h"

/*
 * Copy the field at *@pos into @dst, decoding \ooo escapes; advance past
 * it.  -ENAMETOOLONG if it does not fit, -ENOENT if there is none.
 */
static int next_field(const char **pos, char *dst, size_t size)
{
	const char *s = *pos + strspn(*pos, " \t");
	size_t n = 0;

	if (!*s)
		return -ENOENT;
	for (; *s && *s != ' ' && *s != '\t'; s++) {
		char c = *s;

		if (c == '\\' && s[1] >= '0' && s[1] <= '3' &&
		    s[2] >= '0' && s[2] <= '7' && s[3] >= '0' && s[3] <= '7') {
			c = (s[1] - '0') << 6 | (s[2] - '0') << 3 | (s[3] - '0');
			s += 3;
		}
		if (n + 1 >= size || !c)
			return -ENAMETOOLONG;
		dst[n++] = c;
	}
	dst[n] = '\0';
	*pos = s;
	return 0;
}

static const struct {
	const char *name;
	unsigned long set, clear;
} flag_names[] = {
	{ "bind", MS_BIND, 0 }, { "rbind", MS_BIND | MS_REC, 0 },
	{ "ro", MS_RDONLY, 0 }, { "rw", 0, MS_RDONLY },
	{ "nosuid", MS_NOSUID, 0 }, { "suid", 0, MS_NOSUID },
	{ "nodev", MS_NODEV, 0 }, { "dev", 0, MS_NODEV },
	{ "noexec", MS_NOEXEC, 0 }, { "exec", 0, MS_NOEXEC },
	{ "noatime", MS_NOATIME, 0 }, { "nodiratime", MS_NODIRATIME, 0 },
	{ "relatime", MS_RELATIME, 0 }, { "strictatime", MS_STRICTATIME, 0 },
	{ "sync", MS_SYNCHRONOUS, 0 }, { "dirsync", MS_DIRSYNC, 0 },
	{ "defaults", 0, 0 },
};

int iso_mount_entry_options(struct iso_mount_entry *e, const char *opts)
{
	const char *o = opts, *end;
	size_t used = 0, len, i;

	for (; *o; o = *end ? end + 1 : end) {
		end = strchrnul(o, ',');
		len = end - o;
		for (i = 0; i < sizeof(flag_names) / sizeof(flag_names[0]); i++)
			if (strlen(flag_names[i].name) == len &&
			    !strncmp(o, flag_names[i].name, len))
				break;
		if (i < sizeof(flag_names) / sizeof(flag_names[0])) {
			e->flags = (e->flags & ~flag_names[i].clear) |
				   flag_names[i].set;
		} else if (len == 10 && !strncmp(o, "create=dir", len)) {
			e->create_dir = true;
		} else if (len == 11 && !strncmp(o, "create=file", len)) {
			e->create_file = true;
		} else if (len == 8 && !strncmp(o, "optional", len)) {
			e->optional = true;
		} else if (len) {
			/* for the filesystem itself */
			if (used + !!used + len >= sizeof(e->data))
				return -ENAMETOOLONG;
			if (used)
				e->data[used++] = ',';
			memcpy(e->data + used, o, len);
			used += len;
			e->data[used] = '\0';
		}
	}
	return 0;
}

static int too_long(char *why, size_t why_size, const char *field,
		    size_t size)
{
	snprintf(why, why_size, "%s longer than %zu bytes", field, size - 1);
	return -ENAMETOOLONG;
}

int iso_mount_entry_parse(const char *line, struct iso_mount_entry *e,
			  char *why, size_t why_size)
{
	static const char *const names[] = {
		"source", "target", "type", "options", "dump", "pass",
	};
	char opts[sizeof(e->data)], dump[16], pass[16];
	struct {
		char *dst;
		size_t size;
	} fields[] = {
		{ e->src, sizeof(e->src) }, { e->dst, sizeof(e->dst) },
		{ e->type, sizeof(e->type) }, { opts, sizeof(opts) },
		{ dump, sizeof(dump) }, { pass, sizeof(pass) },
	};
	const char *pos = line;
	int i, ret = 0;

	memset(e, 0, sizeof(*e));
	for (i = 0; i < 6; i++) {
		ret = next_field(&pos, fields[i].dst, fields[i].size);
		if (ret == -ENOENT && i >= 4)	/* dump and pass are optional */
			break;
		if (ret == -ENOENT) {
			snprintf(why, why_size,
				 "no %s: not \"source target type options\"",
				 names[i]);
			return -EINVAL;
		}
		if (ret)
			return too_long(why, why_size, names[i], fields[i].size);
		if (i >= 4 && fields[i].dst[strspn(fields[i].dst, "0123456789")]) {
			snprintf(why, why_size, "%s is not a number", names[i]);
			return -EINVAL;
		}
	}
	if (i == 6 && pos[strspn(pos, " \t")]) {
		snprintf(why, why_size, "more than six fields");
		return -EINVAL;
	}
	return iso_mount_entry_options(e, opts) ?
	       too_long(why, why_size, "options", sizeof(opts)) : 0;
}
