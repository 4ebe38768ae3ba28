// SPDX-License-Identifier: GPL-2.0
/* The "iso" generic netlink family: policies, handlers and registration. */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/cgroup.h>
#include <linux/module.h>
#include <linux/nsproxy.h>
#include <linux/pid.h>
#include <linux/slab.h>
#include <net/genetlink.h>
#include <kunit/visibility.h>

#include "compat.h"
#include "iso.h"

/* Containers read per pass of a dump: one task-list walk counts them all. */
#define ISO_DUMP_BATCH	16

/* What a request may say about a container; the rest is reply-only. */
const struct nla_policy iso_container_policy[ISO_A_CONTAINER_MAX + 1] = {
	[ISO_A_CONTAINER_PAD]		= { .type = NLA_REJECT },
	[ISO_A_CONTAINER_NAME]		= { .type = NLA_NUL_STRING,
					    .len = ISO_NAME_MAX },
	[ISO_A_CONTAINER_CGROUP_ID]	= { .type = NLA_U64 },
	[ISO_A_CONTAINER_CGROUP_FD]	= { .type = NLA_S32 },
	[ISO_A_CONTAINER_CGROUP_PATH]	= { .type = NLA_NUL_STRING,
					    .len = PATH_MAX - 1 },
	[ISO_A_CONTAINER_INIT_PID]	= NLA_POLICY_MIN(NLA_U32, 1),
	[ISO_A_CONTAINER_REGISTERED_NS]	= { .type = NLA_REJECT },
	[ISO_A_CONTAINER_STATS]		= { .type = NLA_REJECT },
	[ISO_A_CONTAINER_NS]		= { .type = NLA_REJECT },
};
EXPORT_SYMBOL_IF_KUNIT(iso_container_policy);

/*
 * Requests are validated strictly against this one family-wide policy:
 * unknown attributes, trailing data and reply-only attributes are refused.
 */
const struct nla_policy iso_genl_policy[ISO_A_MAX + 1] = {
	[ISO_A_PAD]		= { .type = NLA_REJECT },
	[ISO_A_INFO]		= { .type = NLA_REJECT },
	[ISO_A_CONTAINER]	= NLA_POLICY_NESTED(iso_container_policy),
	[ISO_A_EVENT]		= { .type = NLA_REJECT },
};
EXPORT_SYMBOL_IF_KUNIT(iso_genl_policy);

static struct genl_family iso_genl_family;

static int iso_nl_get_info(struct sk_buff *skb, struct genl_info *info)
{
	struct iso_info facts;
	struct sk_buff *msg;
	void *hdr;

	iso_info_collect(&facts);

	msg = genlmsg_new(iso_msg_info_size(&facts), GFP_KERNEL);
	if (!msg)
		return -ENOMEM;

	hdr = genlmsg_put_reply(msg, info, &iso_genl_family, 0,
				ISO_CMD_GET_INFO);
	if (!hdr || iso_msg_fill_info(msg, &facts)) {
		nlmsg_free(msg);
		return -EMSGSIZE;
	}

	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);
}

/* The ISO_A_CONTAINER nest every container command carries. */
static int iso_nl_parse(struct genl_info *info, struct nlattr **tb)
{
	if (GENL_REQ_ATTR_CHECK(info, ISO_A_CONTAINER)) {
		NL_SET_ERR_MSG_MOD(info->extack, "ISO_A_CONTAINER missing");
		return -EINVAL;
	}
	return nla_parse_nested(tb, ISO_A_CONTAINER_MAX,
				info->attrs[ISO_A_CONTAINER],
				iso_container_policy, info->extack);
}

/* The cgroup named by exactly one of a directory fd and a path. */
static struct cgroup *iso_nl_cgroup(struct genl_info *info, struct nlattr **tb)
{
	struct nlattr *fd = tb[ISO_A_CONTAINER_CGROUP_FD];
	struct nlattr *path = tb[ISO_A_CONTAINER_CGROUP_PATH];
	struct cgroup *cgrp;

	if (!fd == !path) {
		NL_SET_ERR_MSG_MOD(info->extack,
				   "give the cgroup as one of a directory fd and a path");
		return ERR_PTR(-EINVAL);
	}
	if (fd) {
		cgrp = cgroup_get_from_fd(nla_get_s32(fd));
		if (IS_ERR(cgrp))
			NL_SET_ERR_MSG_ATTR(info->extack, fd,
					    "fd is not a cgroup v2 directory");
	} else {
		cgrp = cgroup_get_from_path(nla_data(path));
		if (IS_ERR(cgrp))
			NL_SET_ERR_MSG_ATTR(info->extack, path,
					    "no such cgroup v2 directory");
	}
	return cgrp;
}

static int iso_nl_container_add(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *tb[ISO_A_CONTAINER_MAX + 1];
	struct nlattr *nest = info->attrs[ISO_A_CONTAINER];
	struct iso_container *c;
	struct pid *init = NULL;
	struct cgroup *cgrp;
	const char *name;
	int ret;

	ret = iso_nl_parse(info, tb);
	if (ret)
		return ret;
	if (NL_REQ_ATTR_CHECK(info->extack, nest, tb, ISO_A_CONTAINER_NAME)) {
		NL_SET_ERR_MSG_MOD(info->extack, "container name missing");
		return -EINVAL;
	}
	name = nla_data(tb[ISO_A_CONTAINER_NAME]);
	if (!iso_name_valid(name, info->extack))
		return -EINVAL;

	if (tb[ISO_A_CONTAINER_INIT_PID]) {
		init = find_get_pid(nla_get_u32(tb[ISO_A_CONTAINER_INIT_PID]));
		if (!init) {
			NL_SET_ERR_MSG_ATTR(info->extack,
					    tb[ISO_A_CONTAINER_INIT_PID],
					    "no such process");
			return -ESRCH;
		}
	}
	cgrp = iso_nl_cgroup(info, tb);
	if (IS_ERR(cgrp)) {
		put_pid(init);
		return PTR_ERR(cgrp);
	}

	c = iso_container_alloc(name, cgroup_id(cgrp), init);
	put_pid(init);
	if (!c) {
		cgroup_put(cgrp);
		return -ENOMEM;
	}
	ret = iso_registry_add(c, cgrp, info->extack);
	cgroup_put(cgrp);
	if (!ret)
		iso_event(ISO_EVENT_ADDED, c, 0);
	iso_container_put(c);
	return ret;
}

/* The container a request names, by name or by cgroup id, referenced. */
static struct iso_container *iso_nl_find(struct genl_info *info,
					 struct nlattr **tb)
{
	struct nlattr *nest = info->attrs[ISO_A_CONTAINER];
	struct iso_container *c;

	if (tb[ISO_A_CONTAINER_NAME]) {
		c = iso_registry_find_name(nla_data(tb[ISO_A_CONTAINER_NAME]));
	} else if (tb[ISO_A_CONTAINER_CGROUP_ID]) {
		c = iso_registry_find_id(nla_get_u64(tb[ISO_A_CONTAINER_CGROUP_ID]));
	} else {
		NL_SET_ERR_MSG_ATTR(info->extack, nest,
				    "name the container or its cgroup id");
		return ERR_PTR(-EINVAL);
	}
	if (!c) {
		NL_SET_ERR_MSG_ATTR(info->extack, nest, "no such container");
		return ERR_PTR(-ENOENT);
	}
	return c;
}

static int iso_nl_container_del(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *tb[ISO_A_CONTAINER_MAX + 1];
	struct iso_container *c;
	int ret;

	ret = iso_nl_parse(info, tb);
	if (ret)
		return ret;
	c = iso_nl_find(info, tb);
	if (IS_ERR(c))
		return PTR_ERR(c);
	ret = iso_registry_del(c);
	if (ret)
		NL_SET_ERR_MSG_MOD(info->extack, "no such container");
	else
		iso_event(ISO_EVENT_REMOVED, c, 0);
	iso_container_put(c);
	return ret;
}

/*
 * Read @c as the caller may see it.  Its cgroup must lie inside the
 * caller's cgroup namespace, which cgroup_get_from_id() checks: a container
 * outside it does not exist for this caller.
 */
static int iso_nl_snapshot(struct iso_container *c, struct iso_snapshot *snap,
			   char *path)
{
	struct cgroup *cgrp;
	int len;

	cgrp = cgroup_get_from_id(c->cgroup_id);
	if (IS_ERR(cgrp))
		return -ENOENT;
	iso_stats_read(c, cgrp, snap);
	len = cgroup_path_ns(cgrp, path, ISO_PATH_MAX,
			     current->nsproxy->cgroup_ns);
	if (len < 0 || len >= ISO_PATH_MAX)
		path[0] = '\0';
	cgroup_put(cgrp);
	return 0;
}

static int iso_nl_container_get(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *tb[ISO_A_CONTAINER_MAX + 1];
	struct iso_snapshot *snap;
	struct iso_container *c;
	struct sk_buff *msg;
	char *path;
	void *hdr;
	int ret;

	ret = iso_nl_parse(info, tb);
	if (ret)
		return ret;
	c = iso_nl_find(info, tb);
	if (IS_ERR(c))
		return PTR_ERR(c);

	ret = -ENOMEM;
	snap = kzalloc_obj(*snap, GFP_KERNEL);
	path = kmalloc(ISO_PATH_MAX, GFP_KERNEL);
	msg = genlmsg_new(iso_msg_container_size(), GFP_KERNEL);
	if (!snap || !path || !msg)
		goto out;

	ret = iso_nl_snapshot(c, snap, path);
	if (ret) {
		NL_SET_ERR_MSG_MOD(info->extack, "no such container");
		goto out;
	}
	iso_stats_count_tasks(&c, snap, 1);

	ret = -EMSGSIZE;
	hdr = genlmsg_put_reply(msg, info, &iso_genl_family, 0,
				ISO_CMD_CONTAINER_GET);
	if (!hdr || iso_msg_fill_container(msg, c, path, snap))
		goto out;
	genlmsg_end(msg, hdr);
	ret = genlmsg_reply(msg, info);
	msg = NULL;
out:
	nlmsg_free(msg);
	kfree(path);
	kfree(snap);
	iso_container_put(c);
	return ret;
}

/* One record per visible container; cb->args[0] is the last seq sent. */
static int iso_nl_dump_batch(struct sk_buff *skb, struct netlink_callback *cb,
			     struct iso_container **batch,
			     struct iso_snapshot *snaps, char *path, int n)
{
	int i, added = 0;
	void *hdr;

	iso_stats_count_tasks(batch, snaps, n);
	for (i = 0; i < n; i++) {
		if (iso_nl_snapshot(batch[i], &snaps[i], path)) {
			cb->args[0] = batch[i]->seq;	/* not for this caller */
			continue;
		}
		hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid,
				  cb->nlh->nlmsg_seq, &iso_genl_family,
				  NLM_F_MULTI, ISO_CMD_CONTAINER_GET);
		if (!hdr)
			break;
		genl_dump_check_consistent(cb, hdr);
		if (iso_msg_fill_container(skb, batch[i], path, &snaps[i])) {
			genlmsg_cancel(skb, hdr);
			break;
		}
		genlmsg_end(skb, hdr);
		cb->args[0] = batch[i]->seq;
		added++;
	}
	return i < n ? -EMSGSIZE : added;
}

static int iso_nl_container_dump(struct sk_buff *skb,
				 struct netlink_callback *cb)
{
	struct iso_container *batch[ISO_DUMP_BATCH];
	struct iso_snapshot *snaps;
	int i, n, ret = 0;
	char *path;

	snaps = kzalloc_objs(*snaps, ISO_DUMP_BATCH, GFP_KERNEL);
	path = kmalloc(ISO_PATH_MAX, GFP_KERNEL);
	if (!snaps || !path) {
		ret = -ENOMEM;
		goto out;
	}
	/* a change to the set between two parts marks the dump NLM_F_DUMP_INTR */
	cb->seq = iso_registry_generation();

	/* keep going past containers this caller may not see */
	do {
		n = iso_registry_next(cb->args[0], batch, ISO_DUMP_BATCH);
		memset(snaps, 0, ISO_DUMP_BATCH * sizeof(*snaps));
		ret = n ? iso_nl_dump_batch(skb, cb, batch, snaps, path, n) : 0;
		for (i = 0; i < n; i++)
			iso_container_put(batch[i]);
	} while (n == ISO_DUMP_BATCH && ret >= 0);

	ret = skb->len;
out:
	kfree(path);
	kfree(snaps);
	return ret;
}

static const struct genl_small_ops iso_genl_ops[] = {
	{
		.cmd	= ISO_CMD_GET_INFO,
		.doit	= iso_nl_get_info,
	},
	{
		.cmd	= ISO_CMD_CONTAINER_ADD,
		.doit	= iso_nl_container_add,
		.flags	= GENL_ADMIN_PERM,
	},
	{
		.cmd	= ISO_CMD_CONTAINER_DEL,
		.doit	= iso_nl_container_del,
		.flags	= GENL_ADMIN_PERM,
	},
	{
		.cmd	= ISO_CMD_CONTAINER_GET,
		.doit	= iso_nl_container_get,
		.dumpit	= iso_nl_container_dump,
	},
};

/*
 * Events name containers of every cgroup namespace, so only an admin may
 * listen where the kernel lets a group say so.
 */
static const struct genl_multicast_group iso_genl_mcgrps[] = {
	{
		.name = ISO_MCGRP_EVENTS,
#ifdef ISO_HAVE_GENL_MCAST_CAP
		.flags = GENL_MCAST_CAP_NET_ADMIN,
#endif
	},
};

static struct genl_family iso_genl_family __ro_after_init = {
	.name		= ISO_GENL_NAME,
	.version	= ISO_GENL_VERSION,
	.maxattr	= ISO_A_MAX,
	.policy		= iso_genl_policy,
	.netnsok	= true,
	.module		= THIS_MODULE,
	.small_ops	= iso_genl_ops,
	.n_small_ops	= ARRAY_SIZE(iso_genl_ops),
	.mcgrps		= iso_genl_mcgrps,
	.n_mcgrps	= ARRAY_SIZE(iso_genl_mcgrps),
};

/* Process context: called from the events work item. */
void iso_netlink_event(u32 type, u64 time_ns, u64 cgroup_id, const char *name,
		       u32 pid)
{
	struct sk_buff *msg;
	void *hdr;

	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		return;
	hdr = genlmsg_put(msg, 0, 0, &iso_genl_family, 0, ISO_CMD_EVENT);
	if (!hdr ||
	    iso_msg_fill_event(msg, type, time_ns, cgroup_id, name, pid)) {
		nlmsg_free(msg);
		return;
	}
	genlmsg_end(msg, hdr);
	/* -ESRCH, no listener, is the common case and no error */
	genlmsg_multicast(&iso_genl_family, msg, 0, 0, GFP_KERNEL);
}

int __init iso_netlink_init(void)
{
	int ret;

	ret = genl_register_family(&iso_genl_family);
	if (ret)
		pr_err("registering the %s family failed: %d\n",
		       ISO_GENL_NAME, ret);
	return ret;
}

void iso_netlink_exit(void)
{
	genl_unregister_family(&iso_genl_family);
}
