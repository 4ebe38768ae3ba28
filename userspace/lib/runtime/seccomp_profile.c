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
 * every architecture the filter has (x86_64's has i386 and x32 too),
 * each where the call is one of its own, exactly as written.
 */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
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
#define MAX_COMPAT 2

struct iso_seccomp_profile {
	scmp_filter_ctx ctx;
	bool notify;		/* a rule notifies: its listener to serve */
	char path[PATH_MAX];
};

/* Where LXC's sections apply, and the other architectures of a host. */
struct host {
	const char *machine;	/* uname's, or the start of it */
	bool prefix;
	const char *sections;	/* besides "all" */
	uint32_t compat[MAX_COMPAT];
};

struct reader {
	const char *path;
	int line;
	const struct host *host;	/* NULL: one LXC does not know */
	uint32_t unlisted;	/* what calls without a rule get */
	uint32_t listed;	/* what a rule without an action gives */
	bool applies;		/* the current section is this host's */
	bool notify;		/* a rule says notify */
	scmp_filter_ctx ctx;	/* the native architecture's */
	scmp_filter_ctx compat[MAX_COMPAT];	/* merged into it at the end */
};

/* "reading lxc.seccomp.profile FILE:LINE: ERRNO (WHY)" */
static int refused(const struct reader *r, int err, const char *why)
{
	char where[512];

	snprintf(where, sizeof(where), "%.400s:%d", r->path, r->line);
	return iso_fail_why(err, "reading lxc.seccomp.profile", where, why);
}

static int bad(const struct reader *r, const char *why)
{
	return refused(r, -EINVAL, why);
}

static int badf(const struct reader *r, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static int badf(const struct reader *r, const char *fmt, ...)
{
	char why[160];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	return bad(r, why);
}

/* The sections LXC knows. */
static const char *const sections[] = {
	"all", "x86", "x32", "x86_64", "arm", "arm64", "ppc64le", "ppc64",
	"ppc", "mips64", "mips64n32", "mips", "mipsel64", "mipsel64n32",
	"mipsel", "s390x", "s390",
};

/* LXC's get_hostarch(), first match. */
static const struct host hosts[] = {
	{ "i686", false, " x86 ", { 0 } },
	{ "x86_64", false, " x86 x32 x86_64 ", { SCMP_ARCH_X86, SCMP_ARCH_X32 } },
	{ "armv7", true, " arm ", { 0 } },
	{ "aarch64", true, " arm arm64 ", { SCMP_ARCH_ARM } },
	{ "ppc64le", true, " ppc64le ", { 0 } },
	{ "ppc64", true, " ppc64 ppc ", { SCMP_ARCH_PPC } },
	{ "ppc", true, " ppc ", { 0 } },
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	{ "mips64", true, " mipsel64 mipsel64n32 mipsel ",
	  { SCMP_ARCH_MIPSEL, SCMP_ARCH_MIPSEL64N32 } },
	{ "mips", true, " mipsel ", { 0 } },
#else
	{ "mips64", true, " mips64 mips64n32 mips ",
	  { SCMP_ARCH_MIPS, SCMP_ARCH_MIPS64N32 } },
	{ "mips", true, " mips ", { 0 } },
#endif
	{ "s390x", true, " s390x ", { 0 } },
	{ "s390", true, " s390 ", { 0 } },
};

static const struct host *this_host(void)
{
	struct utsname u;
	size_t i, len;

	if (uname(&u))
		return NULL;
	for (i = 0; i < sizeof(hosts) / sizeof(hosts[0]); i++) {
		len = strlen(hosts[i].machine);
		if (!strncmp(u.machine, hosts[i].machine, len) &&
		    (hosts[i].prefix || !u.machine[len]))
			return &hosts[i];
	}
	return NULL;
}

/* "[x86_64]" (or "[X86_64]"): whether its rules apply here. */
static int section(struct reader *r, char *s)
{
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
	/* on a host LXC does not know, [all] alone */
	r->applies = !i || (r->host && strstr(r->host->sections, spaced));
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
		/* decimal, as LXC's %d reads it */
		errno = 0;
		e = strtol(w[1], &end, 10);
		if (errno || *end || e < 0 || e > 0xffff)
			return badf(r, "errno %.32s: not a number from 0 to 65535",
				    w[1]);
		*act = SCMP_ACT_ERRNO(e);
		return 2;
	} else if (!strcmp(w[0], "notify")) {
		/* start's monitor answers it, through lxc.seccomp.notify.proxy */
		*act = SCMP_ACT_NOTIFY;
	} else {
		return badf(r, "\"%.32s\" is not kill, errno N, trap, allow or notify",
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
	uint64_t arg, value, mask = 0;
	char *f[5];
	int n = 0, ret;
	size_t i;

	/* strsep: an empty field is one, and no number */
	while (n < 5 && (f[n] = strsep(&s, ",")))
		n++;
	if (n < 3 || n > 4)
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

static int add_refused(const struct reader *r, int err)
{
	return refused(r, err, err == -EEXIST ?
		       "it conflicts with an earlier rule for the call" :
		       "libseccomp refused the rule");
}

/*
 * As LXC adds a rule: exactly as written, to the native filter where the
 * call is one, and to each other architecture's where it is one there
 * too.  Never rewritten: on i386 socket(2) with conditions would become
 * a socketcall(2) rule whose conditions test other arguments.
 */
static int add(struct reader *r, const char *name, uint32_t act, int nc,
	       const struct scmp_arg_cmp *conds)
{
	int nr = seccomp_syscall_resolve_name(name), ret = 0, i;

	/* one this libseccomp does not know, the kernel lacks too: out */
	if (nr == __NR_SCMP_ERROR || act == r->unlisted)
		return 0;
	if (nr >= 0)
		ret = seccomp_rule_add_exact_array(r->ctx, act, nr, nc, conds);
	/* the native filter's rule makes the listener; a compat one alone not */
	if (!ret && nr >= 0 && act == SCMP_ACT_NOTIFY)
		r->notify = true;
	for (i = 0; !ret && r->host && i < MAX_COMPAT && r->compat[i]; i++)
		if (seccomp_syscall_resolve_name_arch(r->host->compat[i],
						      name) >= 0)
			ret = seccomp_rule_add_exact_array(r->compat[i], act, nr,
							   nc, conds);
	return ret ? add_refused(r, ret) : 0;
}

/* "CALL [ACTION] [CONDITION]...", split into @n words. */
static int rule(struct reader *r, char **w, int n)
{
	struct scmp_arg_cmp conds[MAX_CONDS];
	uint32_t act = r->listed;
	int i = 1, nc = 0, ret;
	size_t len;

	/* whatever follows it, as in LXC */
	if (!strncmp(w[0], "reject_force_umount", 19)) {
		conds[0] = (struct scmp_arg_cmp)SCMP_A1(SCMP_CMP_MASKED_EQ,
							MNT_FORCE, MNT_FORCE);
		return add(r, "umount2", SCMP_ACT_ERRNO(EACCES), 1, conds);
	}
	if (n > 1 && w[1][0] == '[')
		return bad(r, "a condition needs an action before it");
	if (n > 1) {
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
	return add(r, w[0], act, nc, conds);
}

/*
 * Up to @max blank-separated words of @s, -E2BIG past them; with
 * @comments, a word that starts with # ends them.
 */
static int words(char *s, char **w, int max, bool comments)
{
	char *save = NULL, *t;
	int n = 0;

	for (t = strtok_r(s, " \t", &save); t && !(comments && t[0] == '#');
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
	/* no comment here: LXC reads all of the line after it as an action */
	char *w[3] = { "" };
	int n = words(line, w, 3, false), ret;
	bool deny;

	if (!strcmp(w[0], "denylist") || !strcmp(w[0], "blacklist"))
		deny = true;
	else if (!strcmp(w[0], "allowlist") || !strcmp(w[0], "whitelist"))
		deny = false;
	else
		return badf(r, "\"%.32s\" is not denylist or allowlist", w[0]);
	r->unlisted = deny ? SCMP_ACT_ALLOW : SCMP_ACT_KILL;
	r->listed = deny ? SCMP_ACT_KILL : SCMP_ACT_ALLOW;
	if (n == -E2BIG)
		return bad(r, "more than an action after the policy");
	if (n > 1) {
		ret = action(r, w + 1, n - 1, &r->unlisted);
		if (ret < 0)
			return ret;
		if (ret != n - 1)
			return bad(r, "more than an action after the policy");
		/*
		 * every call the container's setup makes after the load would
		 * wait on a monitor that has no listener yet
		 */
		if (r->unlisted == SCMP_ACT_NOTIFY)
			return bad(r, "notify: a rule's action, not the policy's");
	}
	return 0;
}

/* A filter of one architecture's, saying what unlisted calls get. */
static scmp_filter_ctx arch_filter(const struct reader *r, uint32_t arch)
{
	scmp_filter_ctx ctx = seccomp_init(r->unlisted);

	if (!ctx)
		return NULL;
	/* root loads it without no_new_privs, which stays the config's call */
	if (seccomp_attr_set(ctx, SCMP_FLTATR_CTL_NNP, 0) ||
	    (arch && (seccomp_arch_remove(ctx, SCMP_ARCH_NATIVE) ||
		      seccomp_arch_add(ctx, arch)))) {
		seccomp_release(ctx);
		return NULL;
	}
	return ctx;
}

/* The filters, once the header has said what unlisted calls get. */
static int new_filters(struct reader *r, bool compat)
{
	int i;

	r->ctx = arch_filter(r, 0);
	if (!r->ctx)
		return iso_fail(-ENOMEM, "seccomp:", "creating the filter");
	for (i = 0; compat && r->host && i < MAX_COMPAT && r->host->compat[i];
	     i++) {
		r->compat[i] = arch_filter(r, r->host->compat[i]);
		if (!r->compat[i])
			return iso_fail(-ENOMEM, "seccomp:", "creating the filter");
	}
	return 0;
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
	ret = new_filters(r, false);
	while (!ret && getline(line, size, f) >= 0) {
		r->line++;
		errno = 0;
		nr = strtol(*line, &end, 10);
		if (errno || end == *line || nr < 0 || nr > INT32_MAX)
			return bad(r, "version 1 has a call number a line");
		ret = seccomp_rule_add(r->ctx, SCMP_ACT_ALLOW, nr, 0);
		if (ret)
			return add_refused(r, ret);
	}
	return ret;
}

static int read_v2(struct reader *r, FILE *f, char **line, size_t *size)
{
	char *w[2 + 2 + MAX_CONDS + 1], *s;
	ssize_t len;
	int n, ret = 0;
	bool header = true;

	/* before any section, as in [all], on a host LXC knows */
	r->applies = r->host != NULL;
	while (!ret && (len = getline(line, size, f)) >= 0) {
		r->line++;
		while (len && strchr("\r\n \t", (*line)[len - 1]))
			(*line)[--len] = '\0';
		s = *line + strspn(*line, " \t");
		if (!*s || *s == '#')
			continue;
		if (header) {
			header = false;
			ret = policy(r, s) ?: new_filters(r, true);
		} else if (*s == '[') {
			ret = section(r, s);
		} else if (r->applies) {
			n = words(s, w, sizeof(w) / sizeof(w[0]), true);
			ret = n == -E2BIG ? bad(r, "more than 6 conditions") :
			      rule(r, w, n);
		}
	}
	if (!ret && header)
		return bad(r, "no policy: denylist or allowlist");
	/* the other architectures' rules into the native filter */
	for (n = 0; !ret && n < MAX_COMPAT && r->compat[n]; n++) {
		ret = seccomp_merge(r->ctx, r->compat[n]);
		if (ret)
			return iso_fail(ret, "seccomp: merging the filters of",
					r->path);
		r->compat[n] = NULL;	/* merged: the native one has it */
	}
	return ret;
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

static void release(struct reader *r)
{
	int i;

	for (i = 0; i < MAX_COMPAT; i++)
		if (r->compat[i])
			seccomp_release(r->compat[i]);
	if (r->ctx)
		seccomp_release(r->ctx);
}

int iso_seccomp_profile_read(const char *path, bool allow_nesting,
			     struct iso_seccomp_profile **out)
{
	struct reader r = { .path = path, .line = 1, .host = this_host() };
	char *line = NULL;
	size_t size = 0;
	ssize_t len;
	int ret, version;
	FILE *f;

	*out = NULL;
	if (!allow_nesting && confined())
		return 0;
	f = fopen(path, "re");
	if (!f)
		return iso_fail(-errno, "opening lxc.seccomp.profile", path);
	errno = 0;
	len = getline(&line, &size, f);
	if (len < 0 && ferror(f))
		ret = iso_fail(errno ? -errno : -EIO, "reading lxc.seccomp.profile",
			       path);
	else if (len < 0 || sscanf(line, "%d", &version) != 1 ||
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
		release(&r);
		return ret;
	}
	(*out)->ctx = r.ctx;
	(*out)->notify = r.notify;
	snprintf((*out)->path, sizeof((*out)->path), "%.4095s", path);
	return 0;
}

int iso_seccomp_profile_load(const struct iso_seccomp_profile *prof)
{
	int ret = prof ? seccomp_load(prof->ctx) : 0;

	return ret ? iso_fail(ret, "seccomp: loading lxc.seccomp.profile",
			      prof->path) : 0;
}

bool iso_seccomp_profile_notifies(const struct iso_seccomp_profile *prof)
{
	return prof && prof->notify;
}

int iso_seccomp_profile_listener(const struct iso_seccomp_profile *prof)
{
	int fd = seccomp_notify_fd(prof->ctx);

	return fd < 0 ? iso_fail(fd, "seccomp: the listener of", prof->path) : fd;
}

int iso_seccomp_profile_export(const struct iso_seccomp_profile *prof, int fd)
{
	return seccomp_export_pfc(prof->ctx, fd);
}

void iso_seccomp_profile_free(struct iso_seccomp_profile *prof)
{
	if (!prof)
		return;
	seccomp_release(prof->ctx);
	free(prof);
}
