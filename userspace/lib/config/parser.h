/* SPDX-License-Identifier: GPL-2.0 */
#ifndef ISO_CONFIG_PARSER_H
#define ISO_CONFIG_PARSER_H

/*
 * Inside the config parser: where it is, and the helpers each key's
 * setter uses.  Not for the commands: config.h is theirs.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "config/config.h"

struct parser {
	struct iso_config *cfg;
	struct iso_cfg_error *err;
	int legacy_net;		/* lxc.network.* index; -1 before the first type */
	int depth;
	const char *file;	/* being read, for relative includes */
	int line;		/* of @file, 0 for iso_config_set() */
};

/* The message, into p->err; -EINVAL. */
int cfg_fail(struct parser *p, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* @value into @dst, or -EINVAL if it does not fit. */
int cfg_copy(struct parser *p, const char *key, char *dst, size_t size,
	     const char *value);

/* 0/1 (or false/true), and a number from 0 to @max. */
int cfg_bool(struct parser *p, const char *key, const char *value, bool *out);
int cfg_uint(struct parser *p, const char *key, const char *value,
	     unsigned long max, unsigned int *out);

/*
 * LXC's family keys with nothing after them (lxc.net, lxc.proc, ...)
 * take only an empty value, which clears the family: 0 for one, else
 * -EINVAL, said.
 */
int cfg_clear_only(struct parser *p, const char *key, const char *value);

/* A member of a family (lxc.proc.FILE, lxc.sysctl.NAME): no path out. */
bool cfg_plain_name(const char *name);

/*
 * lxc.console.size's: "auto" (128 KiB), or a size as LXC's
 * parse_byte_size_string() reads one: digits, blanks, then B, kB, MB or
 * GB in any case (a lone letter, as "1M", LXC takes as bytes).
 */
int cfg_size_auto(struct parser *p, const char *key, const char *value,
		  uint64_t *out);

/* A signal's name (SIGTERM, TERM, SIGRTMIN+3) or number, into @sig. */
int cfg_signal(struct parser *p, const char *key, const char *value, int *sig);

/* lxc.environment, lxc.init.*, lxc.prlimit.*: 0, -EINVAL, or -ENOENT. */
int cfg_set_init_key(struct parser *p, const char *key, const char *value);

/* lxc.namespace.*: 0, -EINVAL, or -ENOENT. */
int cfg_set_namespace_key(struct parser *p, const char *key, const char *value);

/* lxc.cgroup.dir* and .relative: 0, -EINVAL, or -ENOENT. */
int cfg_set_cgroup_place_key(struct parser *p, const char *key,
			     const char *value);

/* lxc.net.N.veth.* but .pair and the routes: 0, -EINVAL, or -ENOENT. */
int cfg_set_veth_key(struct parser *p, struct iso_cfg_net *n, const char *key,
		     const char *sub, const char *value);

/* lxc.net.N.KEY: 0, or -EINVAL, said. */
int cfg_set_net_key(struct parser *p, const char *key, const char *value);

/* lxc.hook, lxc.hook.TYPE, lxc.hook.version: 0, -EINVAL, or -ENOENT. */
int cfg_set_hook_key(struct parser *p, const char *key, const char *value);

/* Note @what (a key, and maybe its value) as read but not applied. */
void cfg_note_unapplied(struct parser *p, const char *what);

/* KEY = (nothing), as LXC's clear: what an earlier line noted goes. */
void cfg_unnote_unapplied(struct parser *p, const char *key);

#endif /* ISO_CONFIG_PARSER_H */
