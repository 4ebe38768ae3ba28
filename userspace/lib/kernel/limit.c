// SPDX-License-Identifier: GPL-2.0
/* ISO_CMD_LIMIT_*: setting, clearing and reading a container's limits. */
#include <errno.h>
#include <string.h>
#include <netlink/attr.h>
#include <netlink/genl/genl.h>

#include "kernel/genl.h"
#include "kernel/limit.h"

/* A LIMIT request on container @name, with its ISO_A_LIMIT nest open. */
static struct nl_msg *limit_msg(struct iso_genl *g, uint8_t cmd,
				const char *name, const char *controller,
				struct nlattr **limit)
{
	struct nl_msg *msg = iso_genl_msg(g, cmd, 0);
	struct nlattr *c;

	if (!msg)
		return NULL;
	c = nla_nest_start(msg, ISO_A_CONTAINER);
	if (!c || nla_put_string(msg, ISO_A_CONTAINER_NAME, name))
		goto err;
	nla_nest_end(msg, c);
	*limit = NULL;
	if (!controller)
		return msg;
	*limit = nla_nest_start(msg, ISO_A_LIMIT);
	if (!*limit ||
	    nla_put_string(msg, ISO_A_LIMIT_CONTROLLER, controller))
		goto err;
	return msg;
err:
	nlmsg_free(msg);
	return NULL;
}

static int put_params(struct nl_msg *msg, const struct iso_limit_kind *kind,
		      const struct iso_limit_rec *want)
{
	struct nlattr *params = nla_nest_start(msg, ISO_A_LIMIT_PARAMS);
	int type, ret = 0;

	if (!params)
		return -ENOMEM;
	for (type = 1; type < ISO_LIMIT_ATTRS && !ret; type++) {
		if (!want->has_param[type] || kind->nested_params & (1u << type))
			continue;
		if (kind->u64_params & (1u << type))
			ret = nla_put_u64(msg, type, want->params[type]);
		else
			ret = nla_put_u32(msg, type, want->params[type]);
	}
	if (!ret && kind->put_nested)
		ret = kind->put_nested(msg, want);
	nla_nest_end(msg, params);
	return ret ? -ENOMEM : 0;
}

int iso_genl_limit_set(struct iso_genl *g, const char *name,
		       const struct iso_limit_kind *kind,
		       const struct iso_limit_rec *want)
{
	struct nlattr *limit;
	struct nl_msg *msg;

	msg = limit_msg(g, ISO_CMD_LIMIT_SET, name, kind->controller, &limit);
	if (!msg || put_params(msg, kind, want)) {
		nlmsg_free(msg);
		return -ENOMEM;
	}
	nla_nest_end(msg, limit);
	return iso_genl_send_free(g, msg, NULL, NULL);
}

int iso_genl_limit_clear(struct iso_genl *g, const char *name,
			 const char *controller, bool *cleared)
{
	struct nlattr *limit;
	struct nl_msg *msg;
	int ret;

	msg = limit_msg(g, ISO_CMD_LIMIT_CLEAR, name, controller, &limit);
	if (!msg)
		return -ENOMEM;
	if (limit)
		nla_nest_end(msg, limit);
	ret = iso_genl_send_free(g, msg, NULL, NULL);
	/* the kernel's only warning: there was nothing to clear */
	*cleared = !ret && !g->extack[0];
	return ret;
}

/*
 * Numbers by attribute: every controller attribute is a u32 or a u64,
 * but for the nests @kind reads itself.
 */
static int parse_numbers(struct nlattr *nest, const struct iso_limit_kind *kind,
			 uint64_t *v, bool *has, struct iso_limit_rec *rec)
{
	struct nlattr *a;
	int rem, type;

	nla_for_each_nested(a, nest, rem) {
		type = nla_type(a);
		if (type <= 0 || type >= ISO_LIMIT_ATTRS || nla_len(a) == 0)
			continue;	/* a pad, or newer than this isoctl */
		if (kind && kind->nested_params & (1u << type)) {
			if (kind->parse_nested(a, rec))
				return -EINVAL;
			has[type] = true;
			continue;
		}
		if (nla_len(a) == 4)
			v[type] = nla_get_u32(a);
		else if (nla_len(a) == 8)
			v[type] = nla_get_u64(a);
		else
			continue;	/* not a number: a newer attribute */
		has[type] = true;
	}
	return 0;
}

int iso_limit_parse(struct nlattr *nest, struct iso_limit_rec *rec)
{
	static struct nla_policy policy[ISO_A_LIMIT_MAX + 1] = {
		[ISO_A_LIMIT_CONTROLLER]	= { .type = NLA_NUL_STRING },
		[ISO_A_LIMIT_PARAMS]		= { .type = NLA_NESTED },
		[ISO_A_LIMIT_STATE]		= { .type = NLA_NESTED },
	};
	struct nlattr *tb[ISO_A_LIMIT_MAX + 1];
	const struct iso_limit_kind *kind;

	memset(rec, 0, sizeof(*rec));
	if (!nest || nla_parse_nested(tb, ISO_A_LIMIT_MAX, nest, policy) ||
	    !tb[ISO_A_LIMIT_CONTROLLER] ||
	    iso_nla_string(rec->controller, sizeof(rec->controller),
			   tb[ISO_A_LIMIT_CONTROLLER]))
		return -EINVAL;
	kind = iso_limit_kind_find(rec->controller);
	if (tb[ISO_A_LIMIT_PARAMS] &&
	    parse_numbers(tb[ISO_A_LIMIT_PARAMS], kind, rec->params,
			  rec->has_param, rec))
		return -EINVAL;
	if (tb[ISO_A_LIMIT_STATE])
		parse_numbers(tb[ISO_A_LIMIT_STATE], NULL, rec->state,
			      rec->has_state, rec);
	return 0;
}

struct limit_reply {
	struct iso_limit_rec *recs;
	unsigned int max, n;
};

static int parse_limits_reply(struct nlattr **tb, void *out)
{
	static struct nla_policy policy[ISO_A_CONTAINER_MAX + 1] = {
		[ISO_A_CONTAINER_NAME]		= { .type = NLA_NUL_STRING },
		[ISO_A_CONTAINER_CGROUP_ID]	= { .type = NLA_U64 },
		[ISO_A_CONTAINER_LIMITS]	= { .type = NLA_NESTED },
	};
	struct nlattr *ctb[ISO_A_CONTAINER_MAX + 1], *a;
	struct limit_reply *r = out;
	int rem;

	if (!tb[ISO_A_CONTAINER] ||
	    nla_parse_nested(ctb, ISO_A_CONTAINER_MAX, tb[ISO_A_CONTAINER],
			     policy))
		return -EBADMSG;
	if (!ctb[ISO_A_CONTAINER_LIMITS])
		return 0;
	nla_for_each_nested(a, ctb[ISO_A_CONTAINER_LIMITS], rem) {
		if (nla_type(a) != ISO_A_LIMITS_LIMIT || r->n == r->max)
			continue;
		if (iso_limit_parse(a, &r->recs[r->n]))
			return -EBADMSG;
		r->n++;
	}
	return 0;
}

int iso_genl_limit_get(struct iso_genl *g, const char *name,
		       struct iso_limit_rec *recs, unsigned int max,
		       unsigned int *n)
{
	struct limit_reply r = { .recs = recs, .max = max };
	struct nlattr *limit;
	struct nl_msg *msg;
	int ret;

	msg = limit_msg(g, ISO_CMD_LIMIT_GET, name, NULL, &limit);
	if (!msg)
		return -ENOMEM;
	ret = iso_genl_send_free(g, msg, parse_limits_reply, &r);
	*n = r.n;
	return ret;
}
