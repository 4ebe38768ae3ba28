// SPDX-License-Identifier: GPL-2.0
/* Talking to iso.ko: one request, its replies and the kernel's verdict. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <linux/netlink.h>
#include <netlink/netlink.h>
#include <netlink/genl/genl.h>
#include <netlink/genl/ctrl.h>
#include <linux/iso.h>

#include "kernel/container.h"
#include "kernel/genl.h"
#include "nlerr.h"

/* The receive buffer, and so the size of a dump's parts. */
#define DUMP_BUF_SIZE (32 * 1024)

/* How often a dump is taken again when the set keeps changing under it. */
#define DUMP_RETRIES 5

#ifndef SOL_NETLINK
#define SOL_NETLINK 270
#endif

/* A reply handler and where it writes. */
struct iso_request {
	struct iso_genl *g;
	int (*parse)(struct nlattr **tb, void *out);
	void *out;
	int parse_error;
	int done;
	int dump_intr;
};

int iso_genl_open(struct iso_genl *g)
{
	int one = 1, ret;

	memset(g, 0, sizeof(*g));
	g->sk = nl_socket_alloc();
	if (!g->sk)
		return -ENOMEM;

	ret = genl_connect(g->sk);
	if (ret) {
		ret = iso_nl_errno(ret);
		goto err;
	}
	/*
	 * A dump's parts are as large as the biggest buffer we read with:
	 * 32 KiB takes some 80 records a part instead of libnl's one page.
	 */
	nl_socket_set_msg_buf_size(g->sk, DUMP_BUF_SIZE);
	/* Ask for the kernel's extack text along with every error. */
	setsockopt(nl_socket_get_fd(g->sk), SOL_NETLINK, NETLINK_EXT_ACK,
		   &one, sizeof(one));

	g->family = genl_ctrl_resolve(g->sk, ISO_GENL_NAME);
	if (g->family < 0) {
		ret = iso_nl_errno(g->family);
		goto err;
	}
	return 0;

err:
	nl_socket_free(g->sk);
	g->sk = NULL;
	return ret;
}

void iso_genl_close(struct iso_genl *g)
{
	nl_socket_free(g->sk);
	g->sk = NULL;
}

/* Pull NLMSGERR_ATTR_MSG out of an error's trailing TLVs. */
static void save_extack(struct iso_genl *g, struct nlmsgerr *e)
{
	struct nlmsghdr *nlh = (void *)((char *)e - NLMSG_HDRLEN);
	struct nlattr *tb[NLMSGERR_ATTR_MAX + 1];
	size_t offset = sizeof(*e);
	int len;

	g->extack[0] = '\0';
	if (!(nlh->nlmsg_flags & NLM_F_ACK_TLVS))
		return;
	if (!(nlh->nlmsg_flags & NLM_F_CAPPED))
		offset += e->msg.nlmsg_len - NLMSG_HDRLEN;
	len = (int)nlh->nlmsg_len - NLMSG_HDRLEN - (int)offset;
	if (len <= 0 ||
	    nla_parse(tb, NLMSGERR_ATTR_MAX, (void *)((char *)e + offset),
		      len, NULL) ||
	    !tb[NLMSGERR_ATTR_MSG])
		return;
	nla_strlcpy(g->extack, tb[NLMSGERR_ATTR_MSG], sizeof(g->extack));
}

static int on_error(struct sockaddr_nl *who, struct nlmsgerr *e, void *arg)
{
	struct iso_request *req = arg;

	(void)who;
	req->g->error = e->error;
	save_extack(req->g, e);
	req->done = 1;
	return NL_STOP;
}

/* An ack may carry a warning, in the extack of a success. */
static int on_ack(struct nl_msg *msg, void *arg)
{
	struct iso_request *req = arg;

	save_extack(req->g, nlmsg_data(nlmsg_hdr(msg)));
	req->done = 1;
	return NL_STOP;
}

static int on_finish(struct nl_msg *msg, void *arg)
{
	struct iso_request *req = arg;

	(void)msg;
	req->done = 1;
	return NL_STOP;
}

static int on_reply(struct nl_msg *msg, void *arg)
{
	struct iso_request *req = arg;
	struct nlattr *tb[ISO_A_MAX + 1];

	if (nlmsg_hdr(msg)->nlmsg_flags & NLM_F_DUMP_INTR)
		req->dump_intr = 1;
	if (genlmsg_parse(nlmsg_hdr(msg), 0, tb, ISO_A_MAX, NULL)) {
		req->parse_error = -EBADMSG;
		return NL_SKIP;
	}
	if (req->parse && !req->parse_error)
		req->parse_error = req->parse(tb, req->out);
	return NL_OK;
}

struct nl_msg *iso_genl_msg(struct iso_genl *g, uint8_t cmd, int flags)
{
	struct nl_msg *msg = nlmsg_alloc();

	/* a dump ends with NLMSG_DONE, anything else with an ack */
	if (!(flags & NLM_F_DUMP))
		flags |= NLM_F_ACK;
	if (msg && !genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, g->family, 0,
				flags, cmd, ISO_GENL_VERSION)) {
		nlmsg_free(msg);
		msg = NULL;
	}
	return msg;
}

static int parse_info_reply(struct nlattr **tb, void *out)
{
	return iso_info_parse(tb[ISO_A_INFO], out) ? -EBADMSG : 0;
}

/*
 * What an iso.ko of an older ABI answers what it does not know: a
 * command, EOPNOTSUPP; a controller, EOPNOTSUPP; an attribute past its
 * policy, EINVAL.  Then the kernel's message gets both ABI versions,
 * from a GET_INFO asked on the spot, as errors are rare.
 */
static void abi_note(struct iso_genl *g)
{
	char why[sizeof(g->extack)];
	struct iso_info info;
	int err = g->error;

	if ((err != -EOPNOTSUPP && err != -EINVAL) || g->asking_abi)
		return;
	memcpy(why, g->extack, sizeof(why));
	g->asking_abi = true;
	if (!iso_genl_get_info(g, &info) && info.abi_version != ISO_ABI_VERSION)
		snprintf(g->extack, sizeof(g->extack),
			 "%.200s%.2siso.ko was built for ABI %u, this isoctl for ABI %d",
			 why, why[0] ? "; " : "", info.abi_version,
			 ISO_ABI_VERSION);
	else
		memcpy(g->extack, why, sizeof(why));
	g->asking_abi = false;
	g->error = err;
}

int iso_genl_send(struct iso_genl *g, struct nl_msg *msg,
		  int (*parse)(struct nlattr **tb, void *out), void *out)
{
	struct iso_request req = { .g = g, .parse = parse, .out = out };
	struct nl_cb *cb;
	int ret;

	g->error = 0;
	g->extack[0] = '\0';
	cb = nl_cb_alloc(NL_CB_DEFAULT);
	if (!cb)
		return -ENOMEM;
	nl_cb_set(cb, NL_CB_VALID, NL_CB_CUSTOM, on_reply, &req);
	nl_cb_set(cb, NL_CB_ACK, NL_CB_CUSTOM, on_ack, &req);
	nl_cb_set(cb, NL_CB_FINISH, NL_CB_CUSTOM, on_finish, &req);
	nl_cb_err(cb, NL_CB_CUSTOM, on_error, &req);

	ret = nl_send_auto(g->sk, msg);
	if (ret >= 0) {
		ret = 0;
		while (!req.done && ret >= 0)
			ret = nl_recvmsgs(g->sk, cb);
	}
	nl_cb_put(cb);
	g->dump_intr = req.dump_intr;

	if (g->error) {
		abi_note(g);
		return g->error;
	}
	if (ret < 0)
		return iso_nl_errno(ret);
	return req.parse_error;
}

/* Send @cmd with no attributes and feed each reply to @parse. */
static int iso_genl_call(struct iso_genl *g, uint8_t cmd,
			 int (*parse)(struct nlattr **tb, void *out), void *out)
{
	struct nl_msg *msg = iso_genl_msg(g, cmd, 0);
	int ret;

	if (!msg)
		return -ENOMEM;
	ret = iso_genl_send(g, msg, parse, out);
	nlmsg_free(msg);
	return ret;
}

int iso_genl_get_info(struct iso_genl *g, struct iso_info *info)
{
	return iso_genl_call(g, ISO_CMD_GET_INFO, parse_info_reply, info);
}

/* A request for @cmd whose ISO_A_CONTAINER nest names container @name. */
static struct nl_msg *container_msg(struct iso_genl *g, uint8_t cmd,
				    const char *name, struct nlattr **nest)
{
	struct nl_msg *msg = iso_genl_msg(g, cmd, 0);

	if (!msg)
		return NULL;
	*nest = nla_nest_start(msg, ISO_A_CONTAINER);
	if (!*nest || nla_put_string(msg, ISO_A_CONTAINER_NAME, name)) {
		nlmsg_free(msg);
		return NULL;
	}
	return msg;
}

int iso_genl_send_free(struct iso_genl *g, struct nl_msg *msg,
		       int (*parse)(struct nlattr **tb, void *out), void *out)
{
	int ret = iso_genl_send(g, msg, parse, out);

	nlmsg_free(msg);
	return ret;
}

int iso_genl_container_add(struct iso_genl *g, const char *name, int cgroup_fd,
			   uint32_t init_pid, bool monitor)
{
	struct nlattr *nest;
	struct nl_msg *msg;

	msg = container_msg(g, ISO_CMD_CONTAINER_ADD, name, &nest);
	if (!msg || nla_put_s32(msg, ISO_A_CONTAINER_CGROUP_FD, cgroup_fd) ||
	    (init_pid && nla_put_u32(msg, ISO_A_CONTAINER_INIT_PID, init_pid)) ||
	    (monitor && nla_put_flag(msg, ISO_A_CONTAINER_MONITOR))) {
		nlmsg_free(msg);
		return -ENOMEM;
	}
	nla_nest_end(msg, nest);
	return iso_genl_send_free(g, msg, NULL, NULL);
}

int iso_genl_container_del(struct iso_genl *g, const char *name)
{
	struct nlattr *nest;
	struct nl_msg *msg;

	msg = container_msg(g, ISO_CMD_CONTAINER_DEL, name, &nest);
	if (!msg)
		return -ENOMEM;
	nla_nest_end(msg, nest);
	return iso_genl_send_free(g, msg, NULL, NULL);
}

int iso_genl_container_set_init(struct iso_genl *g, const char *name,
				uint32_t init_pid)
{
	struct nlattr *nest;
	struct nl_msg *msg;

	msg = container_msg(g, ISO_CMD_CONTAINER_SET, name, &nest);
	if (!msg || nla_put_u32(msg, ISO_A_CONTAINER_INIT_PID, init_pid)) {
		nlmsg_free(msg);
		return -ENOMEM;
	}
	nla_nest_end(msg, nest);
	return iso_genl_send_free(g, msg, NULL, NULL);
}

static int parse_container_reply(struct nlattr **tb, void *out)
{
	return iso_container_parse(tb[ISO_A_CONTAINER], out) ? -EBADMSG : 0;
}

int iso_genl_container_get(struct iso_genl *g, const char *name,
			   struct iso_container_rec *rec)
{
	struct nlattr *nest;
	struct nl_msg *msg;

	msg = container_msg(g, ISO_CMD_CONTAINER_GET, name, &nest);
	if (!msg)
		return -ENOMEM;
	nla_nest_end(msg, nest);
	return iso_genl_send_free(g, msg, parse_container_reply, rec);
}

struct rec_array {
	struct iso_container_rec *recs;
	size_t n, cap;
};

static int append_record(struct nlattr **tb, void *out)
{
	struct rec_array *a = out;
	struct iso_container_rec *grown;

	if (a->n == a->cap) {
		a->cap = a->cap ? 2 * a->cap : 16;
		grown = realloc(a->recs, a->cap * sizeof(*a->recs));
		if (!grown)
			return -ENOMEM;
		a->recs = grown;
	}
	if (iso_container_parse(tb[ISO_A_CONTAINER], &a->recs[a->n]))
		return -EBADMSG;
	a->n++;
	return 0;
}

int iso_genl_container_dump(struct iso_genl *g, struct iso_container_rec **recs,
			    size_t *n)
{
	struct rec_array a = { 0 };
	struct nl_msg *msg;
	int ret, tries;

	for (tries = 0; tries < DUMP_RETRIES; tries++) {
		a.n = 0;
		msg = iso_genl_msg(g, ISO_CMD_CONTAINER_GET, NLM_F_DUMP);
		if (!msg) {
			ret = -ENOMEM;
			break;
		}
		ret = iso_genl_send_free(g, msg, append_record, &a);
		if (ret || !g->dump_intr)
			break;
	}
	if (!ret && g->dump_intr)
		ret = -EAGAIN;
	if (ret) {
		free(a.recs);
		return ret;
	}
	*recs = a.recs;
	*n = a.n;
	return 0;
}

int iso_genl_subscribe(struct iso_genl *g)
{
	int grp = genl_ctrl_resolve_grp(g->sk, ISO_GENL_NAME, ISO_MCGRP_EVENTS);

	if (grp < 0)
		return iso_nl_errno(grp);
	grp = nl_socket_add_membership(g->sk, grp);
	return grp ? iso_nl_errno(grp) : 0;
}

struct event_request {
	int (*fn)(const struct iso_event_rec *ev, void *arg);
	void *arg;
	int ret;
};

static int on_event(struct nl_msg *msg, void *arg)
{
	static struct nla_policy event_policy[ISO_A_EVENT_MAX + 1] = {
		[ISO_A_EVENT_TYPE]	= { .type = NLA_U32 },
		[ISO_A_EVENT_TIME_NS]	= { .type = NLA_U64 },
		[ISO_A_EVENT_PID]	= { .type = NLA_U32 },
	};
	struct nlattr *tb[ISO_A_MAX + 1], *etb[ISO_A_EVENT_MAX + 1];
	struct event_request *req = arg;
	struct iso_container_rec c;
	struct iso_event_rec ev;

	if (genlmsg_parse(nlmsg_hdr(msg), 0, tb, ISO_A_MAX, NULL) ||
	    !tb[ISO_A_EVENT] ||
	    nla_parse_nested(etb, ISO_A_EVENT_MAX, tb[ISO_A_EVENT],
			     event_policy) ||
	    !etb[ISO_A_EVENT_TYPE] || !etb[ISO_A_EVENT_TIME_NS] ||
	    iso_container_parse(tb[ISO_A_CONTAINER], &c)) {
		req->ret = -EBADMSG;
		return NL_STOP;
	}
	memset(&ev, 0, sizeof(ev));
	ev.type = nla_get_u32(etb[ISO_A_EVENT_TYPE]);
	ev.time_ns = nla_get_u64(etb[ISO_A_EVENT_TIME_NS]);
	if (etb[ISO_A_EVENT_PID])
		ev.pid = nla_get_u32(etb[ISO_A_EVENT_PID]);
	ev.cgroup_id = c.cgroup_id;
	memcpy(ev.name, c.name, sizeof(ev.name));
	if (tb[ISO_A_LIMIT]) {
		if (iso_limit_parse(tb[ISO_A_LIMIT], &ev.limit)) {
			req->ret = -EBADMSG;
			return NL_STOP;
		}
		ev.has_limit = true;
	}
	req->ret = req->fn(&ev, req->arg);
	return req->ret ? NL_STOP : NL_OK;
}

/* Notifications carry no sequence number of ours. */
static int any_seq(struct nl_msg *msg, void *arg)
{
	(void)msg;
	(void)arg;
	return NL_OK;
}

int iso_genl_events(struct iso_genl *g,
		    int (*fn)(const struct iso_event_rec *ev, void *arg),
		    void *arg)
{
	struct event_request req = { .fn = fn, .arg = arg };
	struct nl_cb *cb = nl_cb_alloc(NL_CB_DEFAULT);
	int ret;

	if (!cb)
		return -ENOMEM;
	nl_cb_set(cb, NL_CB_VALID, NL_CB_CUSTOM, on_event, &req);
	nl_cb_set(cb, NL_CB_SEQ_CHECK, NL_CB_CUSTOM, any_seq, NULL);
	do {
		ret = nl_recvmsgs(g->sk, cb);
	} while (ret >= 0 && !req.ret);
	nl_cb_put(cb);
	if (req.ret)
		return req.ret > 0 ? 0 : req.ret;
	return iso_nl_errno(ret);
}
