// SPDX-License-Identifier: GPL-2.0
/* The device allowlist as the v1 devices controller keeps it. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config/config.h"
#include "runtime/device_rules.h"

/* A major or minor: "*" or a decimal number below ISO_DEV_ANY. */
static const char *parse_number(const char *s, uint32_t *n)
{
	unsigned long v;
	char *end;

	if (*s == '*') {
		*n = ISO_DEV_ANY;
		return s + 1;
	}
	if (*s < '0' || *s > '9')
		return NULL;
	errno = 0;
	v = strtoul(s, &end, 10);
	if (errno || v >= ISO_DEV_ANY)
		return NULL;
	*n = v;
	return end;
}

int iso_dev_rule_parse(const char *text, struct iso_dev_rule *rule)
{
	const char *s = text;

	rule->type = *s;
	rule->major = rule->minor = ISO_DEV_ANY;
	rule->access = ISO_DEV_MKNOD | ISO_DEV_READ | ISO_DEV_WRITE;
	if (*s != 'a' && *s != 'b' && *s != 'c')
		return -EINVAL;
	/* "a" alone is every device, as the kernel takes it */
	if (*s == 'a' && !s[1])
		return 0;
	if (*++s != ' ')
		return -EINVAL;
	s = parse_number(s + 1, &rule->major);
	if (!s || *s != ':')
		return -EINVAL;
	s = parse_number(s + 1, &rule->minor);
	if (!s || *s != ' ' || !s[1])
		return -EINVAL;
	/* r, w and m, in any order */
	rule->access = 0;
	for (s++; *s; s++) {
		unsigned int bit = *s == 'r' ? ISO_DEV_READ :
				   *s == 'w' ? ISO_DEV_WRITE :
				   *s == 'm' ? ISO_DEV_MKNOD : 0;

		if (!bit)
			return -EINVAL;
		rule->access |= bit;
	}
	return 0;
}

static int format_number(char *buf, unsigned int size, uint32_t n)
{
	return n == ISO_DEV_ANY ? snprintf(buf, size, "*") :
				  snprintf(buf, size, "%u", n);
}

void iso_dev_rule_format(const struct iso_dev_rule *rule, char *buf,
			 unsigned int size)
{
	char major[16], minor[16];

	format_number(major, sizeof(major), rule->major);
	format_number(minor, sizeof(minor), rule->minor);
	snprintf(buf, size, "%c %s:%s %s%s%s", rule->type, major, minor,
		 rule->access & ISO_DEV_READ ? "r" : "",
		 rule->access & ISO_DEV_WRITE ? "w" : "",
		 rule->access & ISO_DEV_MKNOD ? "m" : "");
}

void iso_dev_list_default(struct iso_dev_list *list)
{
	static const char *const lxc[] = {
		"c *:* m", "b *:* m",
		"c 1:3 rwm", "c 1:5 rwm", "c 1:7 rwm",	/* null zero full */
		"c 5:0 rwm", "c 5:1 rwm", "c 5:2 rwm",	/* tty console ptmx */
		"c 1:8 rwm", "c 1:9 rwm",		/* random urandom */
		"c 136:* rwm",				/* pts */
		"c 10:229 rwm",				/* fuse */
	};
	struct iso_dev_rule rule;
	size_t i;

	list->default_allow = false;
	list->n = 0;
	for (i = 0; i < sizeof(lxc) / sizeof(lxc[0]); i++)
		if (!iso_dev_rule_parse(lxc[i], &rule))
			iso_dev_list_update(list, true, &rule);
}

static int find(const struct iso_dev_list *list, const struct iso_dev_rule *r)
{
	int i;

	for (i = 0; i < list->n; i++)
		if (list->ex[i].type == r->type && list->ex[i].major == r->major &&
		    list->ex[i].minor == r->minor)
			return i;
	return -1;
}

/*
 * As the kernel's dev_exception_add() and dev_exception_rm(): an
 * exception for the same node gains or loses access bits, and goes when
 * it has none left.
 */
int iso_dev_list_update(struct iso_dev_list *list, bool allow,
			const struct iso_dev_rule *rule)
{
	int i;

	if (rule->type == 'a') {
		list->default_allow = allow;
		list->n = 0;
		return 0;
	}
	i = find(list, rule);
	if (allow != list->default_allow) {
		if (i < 0) {
			if (list->n == ISO_DEV_MAX_RULES)
				return -ENOSPC;
			i = list->n++;
			list->ex[i] = *rule;
			list->ex[i].access = 0;
		}
		list->ex[i].access |= rule->access;
		return 0;
	}
	if (i < 0)
		return 0;
	list->ex[i].access &= ~rule->access;
	if (!list->ex[i].access) {
		memmove(&list->ex[i], &list->ex[i + 1],
			(list->n - i - 1) * sizeof(list->ex[0]));
		list->n--;
	}
	return 0;
}

/*
 * As the kernel's match_exception() on a default-deny list, and
 * match_exception_partial() on a default-allow one.  The BPF program of
 * device_bpf.c makes the same decision.
 */
bool iso_dev_list_allows(const struct iso_dev_list *list, char type,
			 uint32_t major, uint32_t minor, unsigned int access)
{
	const struct iso_dev_rule *ex;
	int i;

	for (i = 0; i < list->n; i++) {
		ex = &list->ex[i];
		if (ex->type != type ||
		    (ex->major != ISO_DEV_ANY && ex->major != major) ||
		    (ex->minor != ISO_DEV_ANY && ex->minor != minor))
			continue;
		if (!list->default_allow && !(access & ~ex->access))
			return true;
		if (list->default_allow && (access & ex->access))
			return false;
	}
	return list->default_allow;
}

int iso_dev_list_from_keys(struct iso_dev_list *list,
			   const struct iso_cfg_pair *pairs, int n)
{
	struct iso_dev_rule rule;
	bool allow;
	int i;

	iso_dev_list_default(list);
	for (i = 0; i < n; i++) {
		allow = !strcmp(pairs[i].key, "devices.allow");
		if (!allow && strcmp(pairs[i].key, "devices.deny"))
			continue;
		/* the parser has checked the rule */
		if (iso_dev_rule_parse(pairs[i].value, &rule) ||
		    iso_dev_list_update(list, allow, &rule))
			return -ENOSPC;
	}
	return 0;
}

bool iso_dev_list_open(const struct iso_config *cfg)
{
	struct iso_dev_list v1, v2;

	if (cfg->privileged)
		return true;
	/* either kind's keys may be the ones in force on some host */
	return iso_dev_list_from_keys(&v1, cfg->cgroup1, cfg->n_cgroup1) ||
	       v1.default_allow ||
	       iso_dev_list_from_keys(&v2, cfg->cgroup2, cfg->n_cgroup2) ||
	       v2.default_allow;
}
