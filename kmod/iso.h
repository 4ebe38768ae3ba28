/* SPDX-License-Identifier: GPL-2.0 */
/* Internal interfaces between the files of iso.ko. */
#ifndef _ISO_H
#define _ISO_H

#include <linux/types.h>
#include <net/netlink.h>

#define ISO_MODULE_VERSION "0.1.0"

/* Facts about the module and kernel, answered by ISO_CMD_GET_INFO. */
struct iso_info {
	const char *module_version;
	const char *kernel_release;
	u64 features;
	u32 containers;
	u32 max_containers;
};

/* info.c */
void iso_info_collect(struct iso_info *info);

/* msg.c: building and reading messages, free of module state for KUnit */
extern const struct nla_policy iso_info_policy[];
size_t iso_msg_info_size(const struct iso_info *info);
int iso_msg_fill_info(struct sk_buff *skb, const struct iso_info *info);

/* netlink.c */
extern const struct nla_policy iso_genl_policy[];
int iso_netlink_init(void);
void iso_netlink_exit(void);

/* registry.c */
int iso_registry_init(void);
void iso_registry_exit(void);
u32 iso_registry_count(void);
u32 iso_registry_max(void);

/* tracepoints.c */
void iso_tracepoints_find(void);
u64 iso_tracepoints_features(void);

#endif /* _ISO_H */
