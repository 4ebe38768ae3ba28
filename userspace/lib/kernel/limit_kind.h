/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What isoctl knows of iso.ko's enforcement controllers, without netlink:
 * the config parser checks iso.limit.* values with it too.
 */
#ifndef ISO_LIMIT_KIND_H
#define ISO_LIMIT_KIND_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <linux/iso.h>

/* Attribute numbers a controller's own enum may use. */
#define ISO_LIMIT_ATTRS 32

/* An egress rule of the net controller (ISO_A_NET_RULES_RULE). */
struct iso_limit_rule {
	uint32_t verdict;		/* enum iso_net_verdict */
	uint16_t port_min;		/* 0 with port_max 0: every port */
	uint16_t port_max;
	uint8_t proto;			/* IPPROTO_* */
};

/*
 * One limit as the kernel reports it: its controller and its numbers, and
 * the rules of a controller that has a list of them.
 */
struct iso_limit_rec {
	char controller[ISO_CONTROLLER_NAME_MAX + 1];
	uint64_t params[ISO_LIMIT_ATTRS];	/* by the controller's attr */
	bool has_param[ISO_LIMIT_ATTRS];
	uint64_t state[ISO_LIMIT_ATTRS];
	bool has_state[ISO_LIMIT_ATTRS];
	struct iso_limit_rule rules[ISO_NET_RULES_MAX];
	unsigned int n_rules;
};

struct json_object;
struct nl_msg;
struct nlattr;

/* An option that stands for one term of a kind's argument. */
struct iso_limit_alias {
	const char *option;		/* "net-deny" */
	const char *arg_help;		/* "PROTO[:PORT[-PORT]]"; NULL: none */
	const char *term;		/* "deny=", before the argument */
};

/*
 * What isoctl knows of a controller: the option that sets it, and how to
 * turn the option's argument into ISO_A_LIMIT_PARAMS and a record back
 * into words.  limit_kinds.c lists them.
 */
struct iso_limit_kind {
	const char *controller;		/* the kernel's name: "fork_rate" */
	const char *option;		/* isoctl's: "fork-rate" */
	const char *arg_help;		/* "N/s[,burst=B]" */
	uint32_t u64_params;		/* bit N: param attr N is a u64 */
	/* fill @want's params from @arg; -EINVAL after writing why in @why */
	int (*parse)(const char *arg, struct iso_limit_rec *want, char *why,
		     size_t len);
	/* one line of text */
	void (*print)(FILE *f, const struct iso_limit_rec *r);
	/* its params and state as members of @o, through json-c */
	void (*to_json)(struct json_object *o, const struct iso_limit_rec *r);
	/* a few words of what it did, for a table cell: "killed 3" */
	void (*brief)(char *buf, size_t len, const struct iso_limit_rec *r);
	/* optional: a second option that qualifies the first */
	const char *extra_option;	/* "on-exceed" */
	const char *extra_help;		/* "notify|kill|signal:SIG" */
	int (*parse_extra)(const char *arg, struct iso_limit_rec *want,
			   char *why, size_t len);
	/*
	 * Optional: options that each add a term to the one limit, given
	 * as often as they are needed, up to one with a NULL option.
	 */
	const struct iso_limit_alias *aliases;
	/* Optional: params that are nests, which these two put and read. */
	uint32_t nested_params;		/* bit N: param attr N is a nest */
	int (*put_nested)(struct nl_msg *msg, const struct iso_limit_rec *want);
	int (*parse_nested)(struct nlattr *a, struct iso_limit_rec *rec);
	/*
	 * Optional: params that are fds of files the argument names, which
	 * open_files() opens just before the limit is sent: inside @rootfd
	 * (openat2 RESOLVE_IN_ROOT), or as isoctl sees them when @rootfd is
	 * -1.  A negative errno after writing what failed in @why.  The
	 * sender closes them with iso_limit_close_files().
	 */
	uint32_t fd_params;		/* bit N: param attr N is an fd */
	int (*open_files)(const char *arg, int rootfd,
			  struct iso_limit_rec *want, char *why, size_t len);
};

/* Close the fds open_files() put in @want's params. */
void iso_limit_close_files(const struct iso_limit_kind *kind,
			   struct iso_limit_rec *want);

/*
 * A limit's params and state as a JSON object, its kind's members; empty
 * for a controller this isoctl does not know, NULL if json-c failed.
 */
struct json_object *iso_limit_json(const struct iso_limit_rec *l);

/* The kind whose controller or option is @name, or NULL. */
const struct iso_limit_kind *iso_limit_kind_find(const char *name);
extern const struct iso_limit_kind *const iso_limit_kinds[];
extern const unsigned int iso_nr_limit_kinds;

#endif /* ISO_LIMIT_KIND_H */
