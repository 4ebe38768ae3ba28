/* SPDX-License-Identifier: GPL-2.0 */
#ifndef ISO_DEVICE_RULES_H
#define ISO_DEVICE_RULES_H

#include <stdbool.h>
#include <stdint.h>

/*
 * A container's device allowlist, with the v1 devices controller's
 * meaning (Documentation/admin-guide/cgroup-v1/devices.rst): a default,
 * allow or deny, and the exceptions to it.  The same list is written to
 * a v1 devices cgroup or compiled into a v2 BPF_CGROUP_DEVICE program.
 */
#define ISO_DEV_ANY		UINT32_MAX
#define ISO_DEV_MAX_RULES	128

/* The access bits, as BPF_DEVCG_ACC_* */
#define ISO_DEV_MKNOD	1u
#define ISO_DEV_READ	2u
#define ISO_DEV_WRITE	4u

struct iso_dev_rule {
	char type;			/* 'a' (every device), 'b' or 'c' */
	uint32_t major, minor;		/* ISO_DEV_ANY: "*" */
	unsigned int access;		/* ISO_DEV_* */
};

struct iso_dev_list {
	bool default_allow;
	int n;
	struct iso_dev_rule ex[ISO_DEV_MAX_RULES];
};

/* "c 1:3 rwm", "b *:* m" or "a"; -EINVAL if it is none of those. */
int iso_dev_rule_parse(const char *text, struct iso_dev_rule *rule);

/* "c 1:3 rwm": what a v1 devices.allow or devices.deny file takes. */
void iso_dev_rule_format(const struct iso_dev_rule *rule, char *buf,
			 unsigned int size);

/* LXC's list (its common.conf): mknod of any node, a few devices to use. */
void iso_dev_list_default(struct iso_dev_list *list);

/* A write of @rule to devices.allow (@allow) or devices.deny. */
int iso_dev_list_update(struct iso_dev_list *list, bool allow,
			const struct iso_dev_rule *rule);

/* What the kernel decides for an access of @access bits to a device. */
bool iso_dev_list_allows(const struct iso_dev_list *list, char type,
			 uint32_t major, uint32_t minor, unsigned int access);

struct iso_cfg_pair;
struct iso_config;

/*
 * LXC's list changed by the devices.allow and devices.deny among @pairs
 * (a config's lxc.cgroup.* or its lxc.cgroup2.*), in order.
 */
int iso_dev_list_from_keys(struct iso_dev_list *list,
			   const struct iso_cfg_pair *pairs, int n);

/* Whether @cfg lets every device be used: no list, or "allow a". */
bool iso_dev_list_open(const struct iso_config *cfg);

#endif /* ISO_DEVICE_RULES_H */
