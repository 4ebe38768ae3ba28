/* SPDX-License-Identifier: GPL-2.0 */
#ifndef ISO_CONTAINER_H
#define ISO_CONTAINER_H

#include <stdbool.h>
#include <stdint.h>
#include <netlink/attr.h>
#include <linux/iso.h>

#include "kernel/limit_kind.h"

/* Limits one record keeps: more than iso.ko has controllers. */
#define ISO_CONTAINER_LIMITS_MAX 8

/* One ISO_CMD_CONTAINER_GET record, as the kernel sent it. */
struct iso_container_rec {
	char name[ISO_NAME_MAX + 1];
	uint64_t cgroup_id;
	char cgroup_path[1024];		/* empty if the kernel left it out */
	uint32_t init_pid;		/* 0 if none or not visible */
	uint64_t registered_ns;
	uint64_t stats[ISO_A_STATS_MAX + 1];	/* by ISO_A_STATS_* */
	bool has_stat[ISO_A_STATS_MAX + 1];
	uint32_t ns[ISO_A_NS_MAX + 1];		/* by ISO_A_NS_*, 0 if unknown */
	unsigned int n_limits;
	struct iso_limit_rec limits[ISO_CONTAINER_LIMITS_MAX];
};

/* Fill @rec from an ISO_A_CONTAINER nest; -EINVAL if it is malformed. */
int iso_container_parse(struct nlattr *nest, struct iso_container_rec *rec);

/* Its limit of @controller, or NULL. */
const struct iso_limit_rec *iso_container_limit(const struct iso_container_rec *rec,
						const char *controller);

/* The JSON name of a stats or namespace attribute. */
const char *iso_stat_name(int type);
const char *iso_ns_name(int type);

#endif /* ISO_CONTAINER_H */
