// SPDX-License-Identifier: GPL-2.0
/*
 * The "iso" generic netlink family: policies, handlers and registration.
 *
 * Who may do what: reading needs no capability, changing needs
 * CAP_SYS_ADMIN (not CAP_NET_ADMIN, which container engines hand out), and
 * every command sees only the containers whose cgroup is inside the
 * caller's cgroup namespace; any other answers ENOENT, as if it did not
 * exist.  Namespace ids go only to a caller with CAP_SYS_PTRACE, as
 * /proc/PID/ns asks for a ptrace check that modules cannot call.
 *
 * The family runs with parallel_ops: the registry has its own locks, and
 * nothing here should stall every other family behind genl_mutex.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/cgroup.h>
#include <linux/delay.h>
#include <linux/kernfs.h>
#include <linux/module.h>
#include <linux/nsproxy.h>
#include <linux/pid.h>
#include <linux/pid_namespace.h>
#include <linux/sched/signal.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <net/genetlink.h>

#include "compat.h"
#include "features.h"
#ifdef ISO_HAVE_CGROUP_NAMESPACE_H
#include <linux/cgroup_namespace.h>
#endif
#include "iso.h"

/* What a request may say about a container; the rest is reply-only. */
const struct nla_policy iso_container_policy[ISO_A_CONTAINER_MAX + 1] = {
	[ISO_A_CONTAINER_PAD]		= { .type = NLA_REJECT },
	[ISO_A_CONTAINER_NAME]		= { .type = NLA_NUL_STRING,
					    .len = ISO_NAME_MAX },
	[ISO_A_CONTAINER_CGROUP_ID]	= { .type = NLA_U64 },
	[ISO_A_CONTAINER_CGROUP_FD]	= NLA_POLICY_MIN(NLA_S32, 0),
	[ISO_A_CONTAINER_CGROUP_PATH]	= { .type = NLA_NUL_STRING,
					    .len = PATH_MAX - 1 },
	[ISO_A_CONTAINER_INIT_PID]	= NLA_POLICY_MIN(NLA_U32, 1),
	[ISO_A_CONTAINER_REGISTERED_NS]	= { .type = NLA_REJECT },
	[ISO_A_CONTAINER_STATS]		= { .type = NLA_REJECT },
	[ISO_A_CONTAINER_NS]		= { .type = NLA_REJECT },
	[ISO_A_CONTAINER_LIMITS]	= { .type = NLA_REJECT },
	[ISO_A_CONTAINER_MONITOR]	= { .type = NLA_FLAG },
};
EXPORT_SYMBOL_IF_ISO_KUNIT(iso_container_policy);

/*
 * Requests are validated strictly against this one family-wide policy:
 * unknown attributes, trailing data and reply-only attributes are refused.
 */
const struct nla_policy iso_genl_policy[ISO_A_MAX + 1] = {
	[ISO_A_PAD]		= { .type = NLA_REJECT },
	[ISO_A_INFO]		= { .type = NLA_REJECT },
	[ISO_A_CONTAINER]	= NLA_POLICY_NESTED(iso_container_policy),
	[ISO_A_EVENT]		= { .type = NLA_REJECT },
	[ISO_A_LIMIT]		= NLA_POLICY_NESTED(iso_limit_policy),
};
EXPORT_SYMBOL_IF_ISO_KUNIT(iso_genl_policy);

static struct genl_family iso_genl_family;

#ifdef ISO_KUNIT
/* A test build can hold ADD between the cgroup lookup and the publish. */
static unsigned int add_delay_ms;
module_param(add_delay_ms, uint, 0644);
MODULE_PARM_DESC(add_delay_ms,
		 "Test builds only: sleep this long in ADD before publishing, to widen the race with rmdir");
#endif

/* The root of the caller's cgroup namespace: what it may see. */
static struct cgroup *iso_cgns_root(void)
{
	return current->nsproxy->cgroup_ns->root_cset->dfl_cgrp;
}

static int iso_nl_get_info(struct sk_buff *skb, struct genl_info *info)
{
	struct iso_info facts;
	struct sk_buff *msg;
	void *hdr;

	iso_info_collect(&facts, iso_cgns_root());

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

/* A change (ADD, DEL, SET): CAP_SYS_ADMIN first, then the nest. */
static int iso_nl_parse_change(struct sk_buff *skb, struct genl_info *info,
			       struct nlattr **tb)
{
	if (!netlink_capable(skb, CAP_SYS_ADMIN)) {
		NL_SET_ERR_MSG_MOD(info->extack,
				   "changing containers needs CAP_SYS_ADMIN");
		return -EPERM;
	}
	return iso_nl_parse(info, tb);
}

/*
 * The cgroup named by exactly one of a directory fd and a path, inside the
 * caller's cgroup namespace: an fd can carry any cgroup, so this checks
 * where the cgroup is, not how it was reached.
 */
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
	if (!IS_ERR(cgrp) && !cgroup_is_descendant(cgrp, iso_cgns_root())) {
		NL_SET_ERR_MSG_ATTR(info->extack, fd ?: path,
				    "cgroup is outside the caller's cgroup namespace");
		cgroup_put(cgrp);
		cgrp = ERR_PTR(-EPERM);
	}
	return cgrp;
}

/* The process ISO_A_CONTAINER_INIT_PID names, which must be in @cgrp. */
static struct pid *iso_nl_init_pid(struct genl_info *info, struct nlattr *attr,
				   struct cgroup *cgrp)
{
	struct task_struct *task;
	struct pid *pid;
	bool inside;

	pid = find_get_pid(nla_get_u32(attr));
	if (!pid) {
		NL_SET_ERR_MSG_ATTR(info->extack, attr, "no such process");
		return ERR_PTR(-ESRCH);
	}
	rcu_read_lock();
	task = pid_task(pid, PIDTYPE_TGID);	/* a process, not a thread */
	inside = task && cgroup_is_descendant(task_dfl_cgroup(task), cgrp);
	rcu_read_unlock();
	if (!inside) {
		NL_SET_ERR_MSG_ATTR(info->extack, attr,
				    "INIT_PID is not a process inside the container's cgroup");
		put_pid(pid);
		return ERR_PTR(-EINVAL);
	}
	return pid;
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

	ret = iso_nl_parse_change(skb, info, tb);
	if (ret)
		return ret;
	if (NL_REQ_ATTR_CHECK(info->extack, nest, tb, ISO_A_CONTAINER_NAME)) {
		NL_SET_ERR_MSG_MOD(info->extack, "container name missing");
		return -EINVAL;
	}
	if (tb[ISO_A_CONTAINER_CGROUP_ID]) {
		NL_SET_ERR_MSG_ATTR(info->extack, tb[ISO_A_CONTAINER_CGROUP_ID],
				    "ADD takes the cgroup as an fd or a path, not an id");
		return -EINVAL;
	}
	name = nla_data(tb[ISO_A_CONTAINER_NAME]);
	if (!iso_name_valid(name, info->extack))
		return -EINVAL;

	cgrp = iso_nl_cgroup(info, tb);
	if (IS_ERR(cgrp))
		return PTR_ERR(cgrp);
	if (tb[ISO_A_CONTAINER_INIT_PID]) {
		init = iso_nl_init_pid(info, tb[ISO_A_CONTAINER_INIT_PID], cgrp);
		if (IS_ERR(init)) {
			cgroup_put(cgrp);
			return PTR_ERR(init);
		}
	}

	c = iso_container_alloc(name, cgrp, init);
	put_pid(init);
	cgroup_put(cgrp);
	if (!c)
		return -ENOMEM;
#ifdef ISO_KUNIT
	if (add_delay_ms)
		msleep(add_delay_ms);
#endif
	ret = iso_registry_add(c, info->extack);
	if (!ret && tb[ISO_A_CONTAINER_MONITOR]) {
		ret = iso_monitor_attach(c, NETLINK_CB(skb).sk,
					 info->snd_portid);
		/* the container goes with its cgroup, or with the unload */
		if (ret == -ESHUTDOWN)
			NL_SET_ERR_MSG_MOD(info->extack,
					   "iso.ko is being unloaded");
		else if (ret)
			NL_SET_ERR_MSG_MOD(info->extack,
					   "the container went before its monitor was named");
	}
	iso_container_put(c);
	return ret;
}

/*
 * The container a request names, by name or by cgroup id, referenced.  One
 * outside the caller's cgroup namespace does not exist for this caller.
 */
static struct iso_container *iso_nl_find(struct genl_info *info,
					 struct nlattr **tb)
{
	struct nlattr *nest = info->attrs[ISO_A_CONTAINER];
	struct nlattr *name = tb[ISO_A_CONTAINER_NAME];
	struct nlattr *id = tb[ISO_A_CONTAINER_CGROUP_ID];
	struct iso_container *c;

	if (tb[ISO_A_CONTAINER_MONITOR]) {
		NL_SET_ERR_MSG_ATTR(info->extack, tb[ISO_A_CONTAINER_MONITOR],
				    "a monitor is named by ADD only");
		return ERR_PTR(-EINVAL);
	}
	if (name && id) {
		NL_SET_ERR_MSG_ATTR(info->extack, id,
				    "name the container or give its cgroup id, not both");
		return ERR_PTR(-EINVAL);
	}
	if (name) {
		c = iso_registry_find_name(nla_data(name));
	} else if (id) {
		c = iso_registry_find_id(nla_get_u64(id));
	} else {
		NL_SET_ERR_MSG_ATTR(info->extack, nest,
				    "name the container or its cgroup id");
		return ERR_PTR(-EINVAL);
	}
	if (c && !iso_container_visible(c, iso_cgns_root())) {
		iso_container_put(c);
		c = NULL;
	}
	if (!c) {
		NL_SET_ERR_MSG_ATTR(info->extack, name ?: id, "no such container");
		return ERR_PTR(-ENOENT);
	}
	return c;
}

/* A command on a tracked container names it, never its cgroup. */
static int iso_nl_named_only(struct genl_info *info, struct nlattr **tb)
{
	struct nlattr *where;

	where = tb[ISO_A_CONTAINER_CGROUP_FD] ?: tb[ISO_A_CONTAINER_CGROUP_PATH];
	if (where) {
		NL_SET_ERR_MSG_ATTR(info->extack, where,
				    "name the container or give its cgroup id, not its cgroup");
		return -EINVAL;
	}
	return 0;
}

static int iso_nl_container_del(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *tb[ISO_A_CONTAINER_MAX + 1];
	struct iso_container *c;
	int ret;

	ret = iso_nl_parse_change(skb, info, tb);
	if (ret)
		return ret;
	c = iso_nl_find(info, tb);
	if (IS_ERR(c))
		return PTR_ERR(c);
	ret = iso_registry_del(c);
	if (ret)
		NL_SET_ERR_MSG_MOD(info->extack, "no such container");
	iso_container_put(c);
	return ret;
}

static int iso_nl_container_set(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *tb[ISO_A_CONTAINER_MAX + 1];
	struct nlattr *nest = info->attrs[ISO_A_CONTAINER];
	struct iso_container *c;
	struct pid *init;
	int ret;

	ret = iso_nl_parse_change(skb, info, tb);
	if (ret)
		return ret;
	ret = iso_nl_named_only(info, tb);
	if (ret)
		return ret;
	if (NL_REQ_ATTR_CHECK(info->extack, nest, tb, ISO_A_CONTAINER_INIT_PID)) {
		NL_SET_ERR_MSG_MOD(info->extack, "INIT_PID missing");
		return -EINVAL;
	}
	c = iso_nl_find(info, tb);
	if (IS_ERR(c))
		return PTR_ERR(c);
	init = iso_nl_init_pid(info, tb[ISO_A_CONTAINER_INIT_PID], c->cgrp);
	if (IS_ERR(init)) {
		ret = PTR_ERR(init);
	} else {
		ret = iso_registry_set_init(c, init, info->extack);
		put_pid(init);
	}
	iso_container_put(c);
	return ret;
}

/* @c's cgroup path seen from @ns_root, or "" when it does not fit. */
static void iso_nl_path(const struct iso_container *c, struct cgroup *ns_root,
			char *buf)
{
	int len = kernfs_path_from_node(c->cgrp->kn, ns_root->kn, buf,
					ISO_PATH_MAX);

	if (len < 0 || len >= ISO_PATH_MAX)
		buf[0] = '\0';
}

/* One record; @snap has the task counts, the rest is read here. */
/* What the reader sees: its cgroup and pid namespaces, its capability. */
struct iso_reader {
	struct cgroup *ns_root;
	struct pid_namespace *pid_ns;
	bool show_ns;
};

static int iso_nl_fill(struct sk_buff *skb, u32 portid, u32 seq, int flags,
		       const struct iso_container *c, struct iso_snapshot *snap,
		       const struct iso_reader *r, char *path)
{
	void *hdr;

	hdr = genlmsg_put(skb, portid, seq, &iso_genl_family, flags,
			  ISO_CMD_CONTAINER_GET);
	if (!hdr)
		return -EMSGSIZE;
	iso_stats_read(c, r->pid_ns, r->show_ns, snap);
	iso_nl_path(c, r->ns_root, path);
	if (iso_msg_fill_container(skb, c, path, snap)) {
		genlmsg_cancel(skb, hdr);
		return -EMSGSIZE;
	}
	genlmsg_end(skb, hdr);
	return 0;
}

static int iso_nl_container_get(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *tb[ISO_A_CONTAINER_MAX + 1];
	struct iso_snapshot snap = {};
	struct iso_reader reader;
	struct iso_container *c;
	struct sk_buff *msg;
	char *path;
	int ret;

	ret = iso_nl_parse(info, tb);
	if (ret)
		return ret;
	c = iso_nl_find(info, tb);
	if (IS_ERR(c))
		return PTR_ERR(c);

	ret = -ENOMEM;
	path = kmalloc(ISO_PATH_MAX, GFP_KERNEL);
	msg = genlmsg_new(iso_msg_container_size(), GFP_KERNEL);
	if (!path || !msg)
		goto out;

	ret = iso_stats_count_tasks(&c, &snap, 1);
	if (ret)
		goto out;
	reader.ns_root = iso_cgns_root();
	reader.pid_ns = task_active_pid_ns(current);
	reader.show_ns = netlink_capable(skb, CAP_SYS_PTRACE);
	ret = iso_nl_fill(msg, info->snd_portid, info->snd_seq, 0, c, &snap,
			  &reader, path);
	if (ret)
		goto out;
	ret = genlmsg_reply(msg, info);
	msg = NULL;
out:
	nlmsg_free(msg);
	kfree(path);
	iso_container_put(c);
	return ret;
}

/*
 * A dump's state, made once by .start: the visible containers, the task
 * counts of all of them from one walk of the tasks, and a cursor.  So a
 * dump costs O(containers + tasks), and a part resumes where the last one
 * stopped.
 */
struct iso_dump {
	struct iso_container **cs;	/* registration order */
	struct iso_snapshot *snaps;	/* task counts, by index of cs */
	unsigned int n;
	unsigned int next;
	/* the dumper's, referenced: later parts may run in another task */
	struct iso_reader reader;
	char path[ISO_PATH_MAX];
};

/* Where struct iso_dump hangs off the netlink callback. */
struct iso_dump_ctx {
	struct iso_dump *dump;
};

static struct iso_dump *iso_dump_of(struct netlink_callback *cb)
{
	BUILD_BUG_ON(sizeof(struct iso_dump_ctx) > sizeof(cb->ctx));
	return ((struct iso_dump_ctx *)cb->ctx)->dump;
}

static int iso_nl_dump_done(struct netlink_callback *cb)
{
	struct iso_dump *d = iso_dump_of(cb);
	unsigned int i;

	if (!d)
		return 0;
	for (i = 0; i < d->n; i++)
		iso_container_put(d->cs[i]);
	kvfree(d->cs);
	kvfree(d->snaps);
	cgroup_put(d->reader.ns_root);
	put_pid_ns(d->reader.pid_ns);
	kfree(d);
	return 0;
}

/* On failure .done is not called: undo here. */
static int iso_nl_dump_start(struct netlink_callback *cb)
{
	struct iso_dump_ctx *ctx = (struct iso_dump_ctx *)cb->ctx;
	struct iso_dump *d;
	int ret = -ENOMEM;

	d = kzalloc_obj(*d, GFP_KERNEL);
	if (!d)
		return -ENOMEM;
	ctx->dump = d;
	d->reader.ns_root = iso_cgns_root();
	cgroup_get(d->reader.ns_root);
	d->reader.pid_ns = get_pid_ns(task_active_pid_ns(current));
	d->reader.show_ns = netlink_capable(cb->skb, CAP_SYS_PTRACE);
	d->cs = iso_registry_collect(d->reader.ns_root, &d->n);
	if (IS_ERR(d->cs)) {
		d->cs = NULL;
		goto err;
	}
	if (d->n) {
		d->snaps = kvcalloc(d->n, sizeof(*d->snaps), GFP_KERNEL);
		if (!d->snaps)
			goto err;
		ret = iso_stats_count_tasks(d->cs, d->snaps, d->n);
		if (ret)
			goto err;
	}
	return 0;
err:
	iso_nl_dump_done(cb);
	ctx->dump = NULL;
	return ret;
}

static int iso_nl_container_dump(struct sk_buff *skb,
				 struct netlink_callback *cb)
{
	struct iso_dump *d = iso_dump_of(cb);

	for (; d->next < d->n; d->next++) {
		if (iso_nl_fill(skb, NETLINK_CB(cb->skb).portid,
				cb->nlh->nlmsg_seq, NLM_F_MULTI,
				d->cs[d->next], &d->snaps[d->next], &d->reader,
				d->path))
			break;
	}
	return skb->len;
}

/* The container a LIMIT command names; a change needs CAP_SYS_ADMIN. */
static struct iso_container *iso_nl_limit_target(struct sk_buff *skb,
						 struct genl_info *info,
						 bool change)
{
	struct nlattr *tb[ISO_A_CONTAINER_MAX + 1];
	int ret;

	ret = change ? iso_nl_parse_change(skb, info, tb) :
		       iso_nl_parse(info, tb);
	if (!ret)
		ret = iso_nl_named_only(info, tb);
	if (ret)
		return ERR_PTR(ret);
	return iso_nl_find(info, tb);
}

/* The ISO_A_LIMIT nest, which the family's policy has checked. */
static int iso_nl_parse_limit(struct genl_info *info, struct nlattr **ltb)
{
	return nla_parse_nested(ltb, ISO_A_LIMIT_MAX, info->attrs[ISO_A_LIMIT],
				iso_limit_policy, info->extack);
}

static int iso_nl_limit_set(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *ltb[ISO_A_LIMIT_MAX + 1];
	struct iso_container *c;
	int ret;

	c = iso_nl_limit_target(skb, info, true);
	if (IS_ERR(c))
		return PTR_ERR(c);
	if (GENL_REQ_ATTR_CHECK(info, ISO_A_LIMIT)) {
		NL_SET_ERR_MSG_MOD(info->extack, "ISO_A_LIMIT missing");
		ret = -EINVAL;
	} else {
		ret = iso_nl_parse_limit(info, ltb) ?:
		      iso_limits_set(c, info->attrs[ISO_A_LIMIT], ltb,
				     info->extack);
	}
	iso_container_put(c);
	return ret;
}

/* Without ISO_A_LIMIT, every limit of the container goes. */
static int iso_nl_limit_clear(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *ltb[ISO_A_LIMIT_MAX + 1];
	struct iso_container *c;
	int ret = 0;

	c = iso_nl_limit_target(skb, info, true);
	if (IS_ERR(c))
		return PTR_ERR(c);
	if (info->attrs[ISO_A_LIMIT])
		ret = iso_nl_parse_limit(info, ltb);
	if (!ret)
		ret = iso_limits_clear(c, info->attrs[ISO_A_LIMIT],
				       info->attrs[ISO_A_LIMIT] ? ltb : NULL,
				       info->extack);
	iso_container_put(c);
	return ret;
}

/* The container's name, id and limits: no task walk, whatever its size. */
static int iso_nl_limit_get(struct sk_buff *skb, struct genl_info *info)
{
	struct iso_container *c;
	struct nlattr *nest;
	struct sk_buff *msg;
	void *hdr;
	int ret = -EMSGSIZE;

	if (info->attrs[ISO_A_LIMIT]) {
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[ISO_A_LIMIT],
				    "LIMIT_GET returns every limit: no ISO_A_LIMIT");
		return -EINVAL;
	}
	c = iso_nl_limit_target(skb, info, false);
	if (IS_ERR(c))
		return PTR_ERR(c);
	msg = genlmsg_new(nla_total_size(0) + nla_total_size(ISO_NAME_MAX + 1) +
			  nla_total_size_64bit(sizeof(u64)) + iso_limits_size(),
			  GFP_KERNEL);
	if (!msg) {
		ret = -ENOMEM;
		goto out;
	}
	hdr = genlmsg_put_reply(msg, info, &iso_genl_family, 0,
				ISO_CMD_LIMIT_GET);
	nest = hdr ? nla_nest_start(msg, ISO_A_CONTAINER) : NULL;
	if (!nest || nla_put_string(msg, ISO_A_CONTAINER_NAME, c->name) ||
	    nla_put_u64_64bit(msg, ISO_A_CONTAINER_CGROUP_ID, c->cgroup_id,
			      ISO_A_CONTAINER_PAD) ||
	    iso_limits_fill(msg, c)) {
		nlmsg_free(msg);
		goto out;
	}
	nla_nest_end(msg, nest);
	genlmsg_end(msg, hdr);
	ret = genlmsg_reply(msg, info);
out:
	iso_container_put(c);
	return ret;
}

static const struct genl_ops iso_genl_ops[] = {
	{
		.cmd	= ISO_CMD_GET_INFO,
		.doit	= iso_nl_get_info,
	},
	{
		.cmd	= ISO_CMD_CONTAINER_ADD,
		.doit	= iso_nl_container_add,
	},
	{
		.cmd	= ISO_CMD_CONTAINER_DEL,
		.doit	= iso_nl_container_del,
	},
	{
		.cmd	= ISO_CMD_CONTAINER_GET,
		.doit	= iso_nl_container_get,
		.start	= iso_nl_dump_start,
		.dumpit	= iso_nl_container_dump,
		.done	= iso_nl_dump_done,
	},
	{
		.cmd	= ISO_CMD_CONTAINER_SET,
		.doit	= iso_nl_container_set,
	},
	{
		.cmd	= ISO_CMD_LIMIT_SET,
		.doit	= iso_nl_limit_set,
	},
	{
		.cmd	= ISO_CMD_LIMIT_CLEAR,
		.doit	= iso_nl_limit_clear,
	},
	{
		.cmd	= ISO_CMD_LIMIT_GET,
		.doit	= iso_nl_limit_get,
	},
};

/*
 * Events name containers of every cgroup namespace, and the kernel cannot
 * filter a multicast per listener, so only CAP_SYS_ADMIN may listen.  A
 * kernel that cannot say so does not get the module at all.
 */
#ifndef GENL_MCAST_CAP_SYS_ADMIN
#error "iso needs GENL_MCAST_CAP_SYS_ADMIN to keep its events group to admins"
#endif

static const struct genl_multicast_group iso_genl_mcgrps[] = {
	{
		.name = ISO_MCGRP_EVENTS,
		.flags = GENL_MCAST_CAP_SYS_ADMIN,
	},
};

static struct genl_family iso_genl_family __ro_after_init = {
	.name		= ISO_GENL_NAME,
	.version	= ISO_GENL_VERSION,
	.maxattr	= ISO_A_MAX,
	.policy		= iso_genl_policy,
	.netnsok	= true,
	.parallel_ops	= true,
	.module		= THIS_MODULE,
	.ops		= iso_genl_ops,
	.n_ops		= ARRAY_SIZE(iso_genl_ops),
	.mcgrps		= iso_genl_mcgrps,
	.n_mcgrps	= ARRAY_SIZE(iso_genl_mcgrps),
};

/* Events go to listeners in the initial network namespace. */
bool iso_netlink_has_listeners(void)
{
	return genl_has_listeners(&iso_genl_family, &init_net, 0);
}

/* Process context: an ISO_CMD_EVENT message of @ev, or NULL. */
struct sk_buff *iso_netlink_event_msg(const struct iso_event_item *ev)
{
	struct sk_buff *msg;
	void *hdr;

	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		return NULL;
	hdr = genlmsg_put(msg, 0, 0, &iso_genl_family, 0, ISO_CMD_EVENT);
	if (!hdr || iso_msg_fill_event(msg, ev)) {
		nlmsg_free(msg);
		return NULL;
	}
	genlmsg_end(msg, hdr);
	return msg;
}

/* Process context: called from the events work item. */
void iso_netlink_event(const struct iso_event_item *ev)
{
	struct sk_buff *msg = iso_netlink_event_msg(ev);

	/* -ESRCH, no listener, is the common case and no error */
	if (msg)
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
