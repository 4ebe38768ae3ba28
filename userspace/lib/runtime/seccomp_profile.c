// SPDX-License-Identifier: GPL-2.0
/*
 * LXC's seccomp policy files, lxc.seccomp.profile, as LXC 5.0 reads them:
 *
 *   2
 *   denylist [ACTION]		(or allowlist): what unlisted calls get
 *   reject_force_umount	umount2(MNT_FORCE) says EACCES
 *   [x86_64]			the rules below, only on such a host
 *   CALL [ACTION] [ARG,VALUE,OP(,MASK)]...
 *
 * ACTION is kill, errno N, trap or allow.  A denylist's unlisted calls
 * are allowed and its listed ones killed, an allowlist's the other way
 * round, unless an ACTION says otherwise.  Version 1 is "1", "allowlist",
 * then a native call number a line.
 *
 * As in LXC, the rules of every section that applies to this host go to
 * every architecture the filter has (x86_64's has i386 and x32 too).
 */
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mount.h>
#include <sys/utsname.h>
#include <seccomp.h>

#include "error.h"
#include "runtime/seccomp_profile.h"

#define MAX_CONDS 6

struct iso_seccomp_profile {
	scmp_filter_ctx ctx;
};

struct reader {
	const char *path;
	int line;
	uint32_t unlisted;	/* what calls without a rule get */
	uint32_t listed;	/* what a rule without an action gives */
	bool applies;		/* the current section is this host's */
	scmp_filter_ctx ctx;
};

/* "reading lxc.seccomp.profile FILE:LINE: ERRNO (WHY)" */
static int refused(const struct reader *r, int err, const char *why)
{
	char where[PATH_MAX + 16];

	snprintf(where, sizeof(where), "%.4000s:%d", r->path, r->line);
	return iso_fail_why(err, "reading lxc.seccomp.profile", where, why);
}

static int bad(const struct reader *r, const char *why)
{
	return refused(r, -EINVAL, why);
}

static int badf(const struct reader *r, const char *fmt, const char *what)
{
	char why[160];

	snprintf(why, sizeof(why), fmt, what);
	return bad(r, why);
}

/* The sections LXC knows, and which of them apply on which host. */
static const char *const sections[] = {
	"all", "x86", "x32", "x86_64", "arm", "arm64", "ppc64le", "ppc64",
	"ppc", "mips64", "mips64n32", "mips", "mipsel64", "mipsel64n32",
	"mipsel", "s390x", "s390",
};

static const struct host {
	const char *machine;	/* uname's, or the start of it */
	const char *sections;	/* besides "all" */
	uint32_t compat[2];	/* architectures the filter takes too */
} hosts[] = {
	{ "x86_64", " x86 x32 x86_64 ", { SCMP_ARCH_X86, SCMP_ARCH_X32 } },
	{ "i686", " x86 ", { 0 } },
	{ "aarch64", " arm arm64 ", { SCMP_ARCH_ARM } },
	{ "armv7", " arm ", { 0 } },
	{ "ppc64le", " ppc64le ", { 0 } },
	{ "s390x", " s390x ", { 0 } },
};

/* This host, or NULL for one LXC does not know: [all] alone applies. */
static const struct host *this_host(void)
{
	struct utsname u;
	size_t i;

	if (uname(&u))
		return NULL;
	for (i = 0; i < sizeof(hosts) / sizeof(hosts[0]); i++)
		if (!strncmp(u.machine, hosts[i].machine,
			     strlen(hosts[i].machine)))
			return &hosts[i];
	return NULL;
}

/* "[x86_64]" (or "[X86_64]"): whether its rules apply here. */
static int section(struct reader *r, char *s)
{
	const struct host *host = this_host();
	char *end = strchr(s, ']'), spaced[32];
	size_t i;

	if (!end || end[1])
		return badf(r, "\"%.64s\" is not [ARCH]", s);
	*end = '\0';
	s++;
	for (i = 0; i < sizeof(sections) / sizeof(sections[0]); i++)
		if (!strcasecmp(s, sections[i]))
			break;
	if (i == sizeof(sections) / sizeof(sections[0]))
		return badf(r, "[%.64s]: no such architecture section", s);
	snprintf(spaced, sizeof(spaced), " %.16s ", sections[i]);
	r->applies = !i || (host && strstr(host->sections, spaced));
	return 0;
}

/* "kill", "errno N", "trap", "allow": the words at @w, 1 or 2 of them. */
static int action(struct reader *r, char **w, int n, uint32_t *act)
{
	char *end;
	long e;

	if (!strcmp(w[0], "kill")) {
		*act = SCMP_ACT_KILL;
	} else if (!strcmp(w[0], "trap")) {
		*act = SCMP_ACT_TRAP;
	} else if (!strcmp(w[0], "allow")) {
		*act = SCMP_ACT_ALLOW;
	} else if (!strcmp(w[0], "errno")) {
		if (n < 2)
			return bad(r, "errno: no number after it");
		errno = 0;
		e = strtol(w[1], &end, 0);
		if (errno || *end || e < 0 || e > 0xffff)
			return badf(r, "errno %.32s: not a number from 0 to 65535",
				    w[1]);
		*act = SCMP_ACT_ERRNO(e);
		return 2;
	} else if (!strcmp(w[0], "notify")) {
		return bad(r, "notify: isoctl has no seccomp notifier (lxc.seccomp.notify.proxy)");
	} else {
		return badf(r, "\"%.32s\" is not kill, errno N, trap or allow",
			    w[0]);
	}
	return 1;
}

static const struct {
	const char *name[2];
	enum scmp_compare op;
} ops[] = {
	{ { "SCMP_CMP_NE", "!=" }, SCMP_CMP_NE },
	{ { "SCMP_CMP_LT", "<" }, SCMP_CMP_LT },
	{ { "SCMP_CMP_LE", "<=" }, SCMP_CMP_LE },
	{ { "SCMP_CMP_EQ", "==" }, SCMP_CMP_EQ },
	{ { "SCMP_CMP_GE", ">=" }, SCMP_CMP_GE },
	{ { "SCMP_CMP_GT", ">" }, SCMP_CMP_GT },
	{ { "SCMP_CMP_MASKED_EQ", "&=" }, SCMP_CMP_MASKED_EQ },
};

static int number(const struct reader *r, const char *s, uint64_t *v)
{
	char *end;

	errno = 0;
	*v = strtoull(s, &end, 0);
	if (errno || end == s || *end || strchr(s, '-'))
		return badf(r, "\"%.32s\" is not a number", s);
	return 0;
}

/* "[ARG,VALUE,OP]" or "[ARG,VALUE,&=,MASK]", brackets stripped. */
static int condition(const struct reader *r, char *s, struct scmp_arg_cmp *c)
{
	char *f[5], *save = NULL;
	uint64_t arg, value, mask = 0;
	int n = 0, ret;
	size_t i;

	for (f[n] = strtok_r(s, ",", &save); f[n] && n < 4;
	     f[++n] = strtok_r(NULL, ",", &save))
		;
	if (n < 3 || f[n])
		return bad(r, "a condition is [ARG,VALUE,OP] or [ARG,VALUE,&=,MASK]");
	ret = number(r, f[0], &arg) ?: number(r, f[1], &value) ?:
	      (n == 4 ? number(r, f[3], &mask) : 0);
	if (ret)
		return ret;
	if (arg >= MAX_CONDS)
		return badf(r, "argument %.32s: there are 6, from 0", f[0]);
	for (i = 0; i < sizeof(ops) / sizeof(ops[0]); i++)
		if (!strcmp(f[2], ops[i].name[0]) || !strcmp(f[2], ops[i].name[1]))
			break;
	if (i == sizeof(ops) / sizeof(ops[0]))
		return badf(r, "\"%.32s\" is not a comparison (==, !=, <, <=, >, >=, &=)",
			    f[2]);
	/* LXC's [ARG,VALUE,&=,MASK] is (arg & MASK) == VALUE */
	if (ops[i].op == SCMP_CMP_MASKED_EQ)
		*c = (struct scmp_arg_cmp){ arg, SCMP_CMP_MASKED_EQ, mask, value };
	else
		*c = (struct scmp_arg_cmp){ arg, ops[i].op, value, 0 };
	return 0;
}

/* "CALL [ACTION] [CONDITION]...", split into @n words. */
static int rule(struct reader *r, char **w, int n)
{
	struct scmp_arg_cmp conds[MAX_CONDS];
	uint32_t act = r->listed;
	int i = 1, nc = 0, nr, ret;
	size_t len;

	if (!strncmp(w[0], "reject_force_umount", 19)) {
		ret = seccomp_rule_add(r->ctx, SCMP_ACT_ERRNO(EACCES),
				       SCMP_SYS(umount2), 1,
				       SCMP_A1(SCMP_CMP_MASKED_EQ, MNT_FORCE,
					       MNT_FORCE));
		return ret ? refused(r, ret, "libseccomp refused the rule") : 0;
	}
	if (n > 1 && w[1][0] != '[') {
		ret = action(r, w + 1, n - 1, &act);
		if (ret < 0)
			return ret;
		i += ret;
	}
	for (; i < n; i++, nc++) {
		len = strlen(w[i]);
		if (w[i][0] != '[' || w[i][len - 1] != ']')
			return badf(r, "\"%.64s\" is not a condition in [ ]", w[i]);
		if (nc == MAX_CONDS)
			return bad(r, "more than 6 conditions");
		w[i][len - 1] = '\0';
		ret = condition(r, w[i] + 1, &conds[nc]);
		if (ret)
			return ret;
	}
	/* one this libseccomp does not know, the kernel lacks too: out */
	nr = seccomp_syscall_resolve_name(w[0]);
	if (nr == __NR_SCMP_ERROR || act == r->unlisted)
		return 0;
	ret = seccomp_rule_add_array(r->ctx, act, nr, nc, conds);
	return ret ? refused(r, ret, "libseccomp refused the rule") : 0;
}

/* Up to @max blank-separated words of @s, a # word ending them. */
static int words(char *s, char **w, int max)
{
	char *save = NULL, *t;
	int n = 0;

	for (t = strtok_r(s, " \t", &save); t && t[0] != '#';
	     t = strtok_r(NULL, " \t", &save)) {
		if (n == max)
			return -E2BIG;
		w[n++] = t;
	}
	return n;
}

/* "denylist [ACTION]" or "allowlist [ACTION]", and LXC's old names. */
static int policy(struct reader *r, char *line)
{
	char *w[4];
	int n = words(line, w, 4), ret;
	bool deny;

	if (n <= 0)
		return bad(r, "no policy: denylist or allowlist");
	if (!strcmp(w[0], "denylist") || !strcmp(w[0], "blacklist"))
		deny = true;
	else if (!strcmp(w[0], "allowlist") || !strcmp(w[0], "whitelist"))
		deny = false;
	else
		return badf(r, "\"%.32s\" is not denylist or allowlist", w[0]);
	r->unlisted = deny ? SCMP_ACT_ALLOW : SCMP_ACT_KILL;
	r->listed = deny ? SCMP_ACT_KILL : SCMP_ACT_ALLOW;
	if (n > 1) {
		ret = action(r, w + 1, n - 1, &r->unlisted);
		if (ret < 0)
			return ret;
		if (ret != n - 1)
			return badf(r, "\"%.32s\": more than an action", w[ret + 1]);
	}
	return 0;
}

/* The filter, once the header has said what unlisted calls get. */
static int new_filter(struct reader *r, bool compat)
{
	const struct host *host = this_host();
	int ret, i;

	r->ctx = seccomp_init(r->unlisted);
	if (!r->ctx)
		return iso_fail(-ENOMEM, "seccomp:", "creating the filter");
	/* root loads it without no_new_privs, which stays the config's call */
	ret = seccomp_attr_set(r->ctx, SCMP_FLTATR_CTL_NNP, 0);
	for (i = 0; !ret && compat && host && i < 2 && host->compat[i]; i++) {
		ret = seccomp_arch_add(r->ctx, host->compat[i]);
		ret = ret == -EEXIST ? 0 : ret;
	}
	return ret ? iso_fail(ret, "seccomp:", "creating the filter") : 0;
}

/* Version 1: "allowlist", then a native call number a line. */
static int read_v1(struct reader *r, FILE *f, char **line, size_t *size)
{
	char *end;
	long nr;
	int ret;

	if (getline(line, size, f) < 0)
		return bad(r, "no policy: allowlist");
	r->line++;
	if (!strstr(*line, "allowlist"))
		return bad(r, "version 1 is an allowlist");
	r->unlisted = SCMP_ACT_KILL;
	ret = new_filter(r, false);
	while (!ret && getline(line, size, f) >= 0) {
		r->line++;
		errno = 0;
		nr = strtol(*line, &end, 10);
		if (errno || end == *line || nr < 0 || nr > INT32_MAX)
			return bad(r, "version 1 has a call number a line");
		ret = seccomp_rule_add(r->ctx, SCMP_ACT_ALLOW, nr, 0);
		if (ret)
			return refused(r, ret, "libseccomp refused the rule");
	}
	return ret;
}

static int read_v2(struct reader *r, FILE *f, char **line, size_t *size)
{
	char *w[2 + 2 + MAX_CONDS + 1], *s;
	ssize_t len;
	int n, ret = 0;
	bool header = true;

	r->applies = true;	/* before any section, as in [all] */
	while (!ret && (len = getline(line, size, f)) >= 0) {
		r->line++;
		while (len && strchr("\r\n \t", (*line)[len - 1]))
			(*line)[--len] = '\0';
		s = *line + strspn(*line, " \t");
		if (!*s || *s == '#')
			continue;
		if (header) {
			header = false;
			ret = policy(r, s) ?: new_filter(r, true);
		} else if (*s == '[') {
			ret = section(r, s);
		} else if (r->applies) {
			n = words(s, w, sizeof(w) / sizeof(w[0]));
			ret = n == -E2BIG ? bad(r, "more than 6 conditions") :
			      rule(r, w, n);
		}
	}
	return !ret && header ? bad(r, "no policy: denylist or allowlist") : ret;
}

/* Confined already: the Seccomp: of /proc/self/status is not 0. */
static bool confined(void)
{
	FILE *f = fopen("/proc/self/status", "re");
	char line[128];
	bool ret = false;

	if (!f)
		return false;
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, "Seccomp:", 8))
			ret = strtol(line + 8, NULL, 10) != 0;
	fclose(f);
	return ret;
}

int iso_seccomp_profile_read(const char *path, bool allow_nesting,
			     struct iso_seccomp_profile **out)
{
	struct reader r = { .path = path };
	char *line = NULL;
	size_t size = 0;
	int ret, version;
	FILE *f;

	*out = NULL;
	if (!allow_nesting && confined())
		return 0;
	f = fopen(path, "re");
	if (!f)
		return iso_fail(-errno, "opening lxc.seccomp.profile", path);
	r.line = 1;
	if (getline(&line, &size, f) < 0 || sscanf(line, "%d", &version) != 1 ||
	    (version != 1 && version != 2))
		ret = bad(&r, "the first line is its version, 1 or 2");
	else if (version == 1)
		ret = read_v1(&r, f, &line, &size);
	else
		ret = read_v2(&r, f, &line, &size);
	if (!ret && ferror(f))
		ret = iso_fail(-EIO, "reading lxc.seccomp.profile", path);
	free(line);
	fclose(f);
	if (!ret) {
		*out = malloc(sizeof(**out));
		if (!*out)
			ret = iso_fail(-ENOMEM, "reading lxc.seccomp.profile", path);
	}
	if (ret) {
		if (r.ctx)
			seccomp_release(r.ctx);
		return ret;
	}
	(*out)->ctx = r.ctx;
	return 0;
}

int iso_seccomp_profile_load(const struct iso_seccomp_profile *prof)
{
	int ret = prof ? seccomp_load(prof->ctx) : 0;

	return ret ? iso_fail(ret, "seccomp:", "loading lxc.seccomp.profile") : 0;
}

void iso_seccomp_profile_free(struct iso_seccomp_profile *prof)
{
	if (!prof)
		return;
	seccomp_release(prof->ctx);
	free(prof);
}
