/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * iso: per-container accounting and enforcement over generic netlink.
 *
 * The one header shared by iso.ko and isoctl.  Commands and attributes are
 * only ever appended; a value, once released, is never renumbered.
 * Documentation/iso-netlink.rst describes each of them.
 */
#ifndef _UAPI_LINUX_ISO_H
#define _UAPI_LINUX_ISO_H

#define ISO_GENL_NAME		"iso"
#define ISO_GENL_VERSION	1

/* Bumped when a command or attribute is added; never for a fix. */
#define ISO_ABI_VERSION		1

enum iso_cmd {
	ISO_CMD_UNSPEC,
	ISO_CMD_GET_INFO,	/* doit: module, ABI and kernel facts */

	__ISO_CMD_MAX,
};

#define ISO_CMD_MAX (__ISO_CMD_MAX - 1)

enum iso_attr {
	ISO_A_UNSPEC,
	ISO_A_PAD,		/* alignment for 64-bit attributes */
	ISO_A_INFO,		/* nest: ISO_A_INFO_*, replies only */

	__ISO_A_MAX,
};

#define ISO_A_MAX (__ISO_A_MAX - 1)

enum iso_info_attr {
	ISO_A_INFO_UNSPEC,
	ISO_A_INFO_PAD,
	ISO_A_INFO_MODULE_VERSION,	/* string: iso.ko's version */
	ISO_A_INFO_ABI_VERSION,		/* u32: ISO_ABI_VERSION */
	ISO_A_INFO_KERNEL_RELEASE,	/* string: uname -r of the kernel */
	ISO_A_INFO_FEATURES,		/* u64: ISO_FEATURE_* bitmap */
	ISO_A_INFO_CONTAINERS,		/* u32: containers now tracked */
	ISO_A_INFO_MAX_CONTAINERS,	/* u32: the max_containers cap */

	__ISO_A_INFO_MAX,
};

#define ISO_A_INFO_MAX (__ISO_A_INFO_MAX - 1)

/*
 * What the running module can do on this kernel, as found at load time.
 * A bit is set only when the facility is there and working.
 */
enum iso_feature_bit {
	ISO_FEATURE_BIT_SCHED_TRACEPOINTS,	/* sched_* tracepoints found */
	ISO_FEATURE_BIT_CGROUP_TRACEPOINTS,	/* cgroup_* tracepoints found */
	ISO_FEATURE_BIT_OOM_TRACEPOINTS,	/* oom tracepoints found */
	ISO_FEATURE_BIT_MEMCG,			/* memory controller built in */
	ISO_FEATURE_BIT_CGROUP_NS,		/* cgroup namespaces built in */

	__ISO_FEATURE_BIT_MAX,
};

#define ISO_FEATURE(bit)	(1ULL << ISO_FEATURE_BIT_##bit)

#endif /* _UAPI_LINUX_ISO_H */
