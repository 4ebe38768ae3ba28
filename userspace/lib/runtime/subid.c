// SPDX-License-Identifier: GPL-2.0
/*
 * root's subordinate ids, for create --userns.  The first range of
 * root's (by name or by uid 0) in /etc/subuid and /etc/subgid, as
 * newuidmap reads them; where there is none, shadow's usermod adds one,
 * under the locks it keeps on those files, at the lowest start from
 * 100000, in steps of 65536, that no owner's range touches: where
 * useradd would put it.
 */
#include <errno.h>
#include <stdint.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "error.h"
#include "runtime/subid.h"
#include "templates/template.h"

#define SUBUID		"/etc/subuid"
#define SUBGID		"/etc/subgid"
#define FIRST_START	100000UL
#define LAST_ID		600100000UL	/* useradd's SUB_UID_MAX */

struct range {
	char owner[64];
	unsigned long start, count;
};

/* "owner:start:count"; false for anything else, which newuidmap skips. */
static bool parse_line(const char *line, struct range *r)
{
	char *end;
	size_t len = strcspn(line, ":");

	if (!len || len >= sizeof(r->owner) || line[len] != ':')
		return false;
	memcpy(r->owner, line, len);
	r->owner[len] = '\0';
	line += len + 1;
	errno = 0;
	if (*line < '0' || *line > '9')
		return false;
	r->start = strtoul(line, &end, 10);
	if (errno || *end != ':' || end[1] < '0' || end[1] > '9')
		return false;
	line = end + 1;
	r->count = strtoul(line, &end, 10);
	/* ids are 32 bits, and the range must end below 2^32 - 1 */
	return !errno && (!*end || *end == '\n') && r->count &&
	       r->start < UINT32_MAX && r->count < UINT32_MAX - r->start;
}

/*
 * Root's first range in @path into @root (count 0: none), and whether
 * [@start, @start + @count) touches anybody's.
 */
static int scan(const char *path, struct range *root, unsigned long start,
		unsigned long count, bool *taken)
{
	char line[256];
	struct range r;
	FILE *f;

	root->count = 0;
	*taken = false;
	f = fopen(path, "re");
	if (!f)
		return errno == ENOENT ? 0 : iso_fail(-errno, "reading", path);
	while (fgets(line, sizeof(line), f)) {
		if (!parse_line(line, &r))
			continue;
		if (!root->count && (!strcmp(r.owner, "root") || !strcmp(r.owner, "0")))
			*root = r;
		if (r.start < start + count && start < r.start + r.count)
			*taken = true;
	}
	fclose(f);
	return 0;
}

/* usermod adds to the files, and makes neither. */
static int make_file(const char *path)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0644);

	if (fd < 0)
		return iso_fail(-errno, "creating", path);
	close(fd);
	return 0;
}

static int add_ranges(unsigned long start, bool uid, bool gid)
{
	char span[64], *argv[7];
	int n = 0, ret;

	ret = uid ? make_file(SUBUID) : 0;
	if (!ret && gid)
		ret = make_file(SUBGID);
	if (ret)
		return ret;

	snprintf(span, sizeof(span), "%lu-%lu", start, start + ISO_SUBID_COUNT - 1);
	argv[n++] = "usermod";
	if (uid) {
		argv[n++] = "--add-subuids";
		argv[n++] = span;
	}
	if (gid) {
		argv[n++] = "--add-subgids";
		argv[n++] = span;
	}
	argv[n++] = "root";
	argv[n] = NULL;
	return iso_template_run(!gid ? "adding root's range to " SUBUID " with" :
				!uid ? "adding root's range to " SUBGID " with" :
				"adding root's ranges to " SUBUID " and " SUBGID " with",
				argv);
}

/* The lowest free start in both files, for the ones root lacks. */
static int free_start(bool uid, bool gid, unsigned long *start)
{
	bool taken_u = false, taken_g = false;
	struct range root;
	int ret;

	for (*start = FIRST_START; *start + ISO_SUBID_COUNT <= LAST_ID;
	     *start += ISO_SUBID_COUNT) {
		ret = uid ? scan(SUBUID, &root, *start, ISO_SUBID_COUNT, &taken_u) : 0;
		if (!ret && gid)
			ret = scan(SUBGID, &root, *start, ISO_SUBID_COUNT, &taken_g);
		if (ret)
			return ret;
		if (!taken_u && !taken_g)
			return 0;
	}
	return iso_failf(-ENOSPC, "giving root subordinate ids",
			 "no free range of %lu below %lu in " SUBUID " and " SUBGID,
			 ISO_SUBID_COUNT, LAST_ID);
}

int iso_subid_root(struct iso_subid *ids)
{
	struct range u, g;
	unsigned long start;
	bool taken;
	int ret;

	ret = scan(SUBUID, &u, 0, 0, &taken);
	if (!ret)
		ret = scan(SUBGID, &g, 0, 0, &taken);
	if (ret)
		return ret;
	ids->added = !u.count || !g.count;
	if (ids->added) {
		ret = free_start(!u.count, !g.count, &start);
		if (!ret)
			ret = add_ranges(start, !u.count, !g.count);
		if (!ret)
			ret = scan(SUBUID, &u, 0, 0, &taken);
		if (!ret)
			ret = scan(SUBGID, &g, 0, 0, &taken);
		if (ret)
			return ret;
		if (!u.count || !g.count)
			return iso_failf(-ENOENT, "giving root subordinate ids",
					 "usermod ran, and root still has none in %s",
					 u.count ? SUBGID : SUBUID);
	}
	ids->uid = u.start;
	ids->gid = g.start;
	ids->count = u.count < g.count ? u.count : g.count;
	if (ids->count > ISO_SUBID_COUNT)
		ids->count = ISO_SUBID_COUNT;
	return 0;
}
