// SPDX-License-Identifier: GPL-2.0
/* Finding the host's cgroup hierarchies in mountinfo. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "runtime/cgroup_layout.h"

/* mountinfo escapes space, tab, newline and backslash as \ooo. */
static void unescape(char *s)
{
	char *out = s;

	while (*s) {
		if (s[0] == '\\' && s[1] >= '0' && s[1] <= '3' &&
		    s[2] >= '0' && s[2] <= '7' && s[3] >= '0' && s[3] <= '7') {
			*out++ = (char)((s[1] - '0') << 6 | (s[2] - '0') << 3 |
					(s[3] - '0'));
			s += 4;
		} else {
			*out++ = *s++;
		}
	}
	*out = '\0';
}

/*
 * Super options of a v1 hierarchy that neither are controllers nor name
 * it: "name=systemd" is kept, as /proc/PID/cgroup lists it in their place.
 */
static int v1_mount_option(const char *tok)
{
	static const char *const flags[] = {
		"rw", "ro", "xattr", "noprefix", "clone_children",
		"cpuset_v2_mode", "favordynmods",
	};

	for (size_t i = 0; i < sizeof(flags) / sizeof(flags[0]); i++)
		if (!strcmp(tok, flags[i]))
			return 1;
	/* release_agent= */
	return strncmp(tok, "name=", 5) && strchr(tok, '=') != NULL;
}

/* Keep the controller names and the name of v1 super options. */
static void v1_controllers(char *dst, size_t size, const char *options)
{
	char buf[PATH_MAX + 256], *tok, *save = NULL;
	size_t used = 0;

	snprintf(buf, sizeof(buf), "%s", options);
	dst[0] = '\0';
	for (tok = strtok_r(buf, ",", &save); tok;
	     tok = strtok_r(NULL, ",", &save)) {
		if (v1_mount_option(tok))
			continue;
		used += snprintf(dst + used, size - used, "%s%s",
				 used ? "," : "", tok);
		if (used >= size)
			break;
	}
}

/*
 * Where systemd mounts named hierarchy @name, /sys/fs/cgroup/NAME, and
 * where LXC's cgfsng looks for it: one anywhere else is some tool's own.
 */
static bool systemd_place(const char *mnt, const char *name)
{
	const char *base = "/sys/fs/cgroup/";
	size_t len = strlen(base);

	return !strncmp(mnt, base, len) && !strcmp(mnt + len, name);
}

/*
 * One mountinfo line: "ID PARENT MAJ:MIN ROOT MOUNTPOINT OPTS [TAGS] - TYPE
 * SOURCE SUPEROPTS".
 */
static void parse_line(char *line, struct cgroup_layout *l)
{
	char *mnt, *sep, type[32], super[PATH_MAX + 256];
	struct cgroup_v1_mount *m;

	/* room for a release_agent= path before name= */
	sep = strstr(line, " - ");
	if (!sep || sscanf(sep + 3, "%31s %*s %4351s", type, super) != 2)
		return;
	mnt = line;
	for (int i = 0; i < 4 && mnt; i++) {
		mnt = strchr(mnt, ' ');
		if (mnt)
			mnt++;
	}
	if (!mnt)
		return;
	mnt[strcspn(mnt, " ")] = '\0';
	unescape(mnt);

	if (!strcmp(type, "cgroup2")) {
		if (l->v2_path[0])
			return;
		snprintf(l->v2_path, sizeof(l->v2_path), "%s", mnt);
		snprintf(l->v2_options, sizeof(l->v2_options), "%.255s", super);
	} else if (!strcmp(type, "cgroup") && l->n_v1 < CGROUP_V1_MAX) {
		m = &l->v1[l->n_v1];
		v1_controllers(m->options, sizeof(m->options), super);
		if (!m->options[0] || (!strncmp(m->options, "name=", 5) &&
				       !systemd_place(mnt, m->options + 5)))
			return;
		snprintf(m->path, sizeof(m->path), "%s", mnt);
		l->n_v1++;
	}
}

/*
 * A named hierarchy counts where controllers are on v1, as systemd's is
 * on hybrid and v1 hosts, for what runs systemd in a container needs it.
 * Beside v2 alone it is somebody's own, and not the containers' business.
 */
static void drop_lone_named(struct cgroup_layout *l)
{
	for (int i = 0; i < l->n_v1; i++)
		if (strncmp(l->v1[i].options, "name=", 5))
			return;
	l->n_v1 = 0;
}

int cgroup_layout_parse(FILE *mountinfo, struct cgroup_layout *l)
{
	char *line = NULL;
	size_t cap = 0;

	/* not memset: 136 KB of paths, of which a few hundred bytes are used */
	l->mode = CGROUP_NONE;
	l->v2_path[0] = '\0';
	l->v2_options[0] = '\0';
	l->n_v1 = 0;
	while (getline(&line, &cap, mountinfo) > 0) {
		line[strcspn(line, "\n")] = '\0';
		parse_line(line, l);
	}
	free(line);
	if (ferror(mountinfo))
		return -EIO;
	drop_lone_named(l);

	if (l->n_v1 && l->v2_path[0])
		l->mode = CGROUP_HYBRID;
	else if (l->n_v1)
		l->mode = CGROUP_V1;
	else if (l->v2_path[0])
		l->mode = CGROUP_V2;
	else
		l->mode = CGROUP_NONE;
	return 0;
}

/*
 * A named hierarchy this process may not write, as one mounted read-only
 * for a nested isoctl, is left out, as LXC's cgfsng leaves out what it
 * cannot delegate: a container that needs none of it starts without.
 */
static void drop_unwritable_named(struct cgroup_layout *l)
{
	int i, kept = 0;

	for (i = 0; i < l->n_v1; i++)
		if (strncmp(l->v1[i].options, "name=", 5) ||
		    !access(l->v1[i].path, W_OK))
			l->v1[kept++] = l->v1[i];
	l->n_v1 = kept;
}

int cgroup_layout_read(struct cgroup_layout *l)
{
	FILE *f = fopen("/proc/self/mountinfo", "re");
	int ret;

	if (!f)
		return -errno;
	ret = cgroup_layout_parse(f, l);
	fclose(f);
	if (!ret)
		drop_unwritable_named(l);
	return ret;
}

const char *cgroup_mode_name(enum cgroup_mode mode)
{
	switch (mode) {
	case CGROUP_V1:
		return "v1";
	case CGROUP_V2:
		return "v2";
	case CGROUP_HYBRID:
		return "hybrid";
	default:
		return "none";
	}
}

bool cgroup_option_listed(const char *options, const char *option)
{
	size_t len = strlen(option);
	const char *p;

	for (p = options; (p = strstr(p, option)); p += len)
		if ((p == options || p[-1] == ',') &&
		    (!p[len] || p[len] == ','))
			return true;
	return false;
}
