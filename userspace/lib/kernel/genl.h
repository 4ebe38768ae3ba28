/* SPDX-License-Identifier: GPL-2.0 */
#ifndef ISO_GENL_H
#define ISO_GENL_H

#include <stdbool.h>
#include <stdint.h>
#include <netlink/attr.h>

#include "kernel/limit.h"

/* A connection to the kernel's "iso" family. */
struct iso_genl {
	struct nl_sock *sk;
	int family;
	int error;		/* errno of the last NLMSG_ERROR, or 0 */
	int dump_intr;		/* the last dump saw NLM_F_DUMP_INTR */
	bool asking_abi;	/* in the GET_INFO of abi_note() */
	char extack[256];	/* the kernel's message with it, or a warning */
};

/* What ISO_CMD_GET_INFO answers. */
struct iso_info {
	char module_version[32];
	char kernel_release[65];
	uint32_t abi_version;
	uint64_t features;
	uint32_t containers;
	uint32_t max_containers;
};

/* -ENOENT: the family is not registered, that is iso.ko is not loaded. */
int iso_genl_open(struct iso_genl *g);
void iso_genl_close(struct iso_genl *g);

/* A request for @cmd, to which the caller may add attributes. */
struct nl_msg *iso_genl_msg(struct iso_genl *g, uint8_t cmd, int flags);

/*
 * Send @msg and feed each reply's top-level attributes to @parse.  Returns
 * 0, the kernel's negative errno (g->extack then holds its message, if it
 * gave one), or the first error @parse returned.  When a module of
 * another ABI refused a command or attribute it may not know, g->extack
 * names both ABI versions too.
 */
int iso_genl_send(struct iso_genl *g, struct nl_msg *msg,
		  int (*parse)(struct nlattr **tb, void *out), void *out);

/* iso_genl_send(), then nlmsg_free(@msg). */
int iso_genl_send_free(struct iso_genl *g, struct nl_msg *msg,
		       int (*parse)(struct nlattr **tb, void *out), void *out);

int iso_genl_get_info(struct iso_genl *g, struct iso_info *info);

struct iso_container_rec;

/*
 * With @monitor, this socket is the container's monitor while it is open:
 * iso.ko sends it what a controller asks the monitor to do.
 */
int iso_genl_container_add(struct iso_genl *g, const char *name, int cgroup_fd,
			   uint32_t init_pid, bool monitor);
int iso_genl_container_del(struct iso_genl *g, const char *name);
/* Name the container's init, once, after it was added without one. */
int iso_genl_container_set_init(struct iso_genl *g, const char *name,
				uint32_t init_pid);
int iso_genl_container_get(struct iso_genl *g, const char *name,
			   struct iso_container_rec *rec);
/*
 * Every container the caller may see, in a malloc'ed array; the dump is
 * taken again when the set changed under it (NLM_F_DUMP_INTR).
 */
int iso_genl_container_dump(struct iso_genl *g, struct iso_container_rec **recs,
			    size_t *n);

/* Copy a NUL-terminated string attribute; -EINVAL if not one or too long. */
int iso_nla_string(char *dst, size_t size, struct nlattr *attr);

/* Fill @info from an ISO_A_INFO nest; -EINVAL if it is malformed. */
int iso_info_parse(struct nlattr *nest, struct iso_info *info);

/* The name of feature bit @bit, or NULL for a bit this isoctl predates. */
const char *iso_feature_name(unsigned int bit);

/*
 * Not iso.ko's: the type monitor gives each container it found in the
 * dump it took after events were lost.
 */
#define ISO_EVENT_SYNC UINT32_MAX

/* One ISO_CMD_EVENT notification. */
struct iso_event_rec {
	uint32_t type;			/* ISO_EVENT_* */
	uint32_t pid;			/* the OOM victim, or 0 */
	uint64_t time_ns;
	uint64_t cgroup_id;
	char name[65];
	bool has_limit;			/* ISO_EVENT_LIMIT: which, and state */
	struct iso_limit_rec limit;
};

/* Join the "events" multicast group. */
int iso_genl_subscribe(struct iso_genl *g);

/*
 * Feed each event to @fn until it returns non-zero: a positive value ends
 * the loop with 0, a negative one is returned.  A receive timeout set on
 * the socket ends it with -EAGAIN.
 */
int iso_genl_events(struct iso_genl *g,
		    int (*fn)(const struct iso_event_rec *ev, void *arg),
		    void *arg);

#endif /* ISO_GENL_H */
