// SPDX-License-Identifier: GPL-2.0
/*
 * net: a container's IPv4 and IPv6 traffic, counted, filtered on egress by
 * protocol and destination port, and held to a byte quota per direction.
 *
 * Netfilter hooks at LOCAL_IN (rx) and LOCAL_OUT (tx), just after the
 * filter table, registered in every network namespace through
 * pernet_operations while some container has a net limit: until then the
 * controller costs nothing.
 *
 * Whose packet it is.  A packet is the container's whose cgroup its
 * socket was made in, if that container or one above it has a net limit:
 * on tx the socket that sends it; on rx the one that early demux found,
 * or else the one nf_socket looks up (TCP and UDP), as xt_socket does,
 * while some limit counts by socket.  Any other packet in a network
 * namespace that a container owns (the one its init has, if not the
 * initial one) is the owner's.  Packets count to that container and to
 * every container above it with a net limit; each one's rules and quota
 * apply.
 *
 * Hook context: softirq, or process context with BH enabled on tx, under
 * rcu_read_lock().  Counters are per CPU (this_cpu_add() is safe against
 * the softirq on the same CPU); a quota is one atomic64 per direction, so
 * that it is exact: the packet that would pass it is dropped.  What a
 * packet's socket cgroup or netns counts to is cached per CPU, stamped
 * with the limits' generation: a hit costs no hash lookup and no walk,
 * and skips the rules and quotas its limits do not have.
 */
#include <linux/hashtable.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/mutex.h>
#include <linux/netfilter.h>
#include <linux/netfilter_ipv4.h>
#include <linux/netfilter_ipv6.h>
#include <linux/nsproxy.h>
#include <linux/percpu.h>
#include <linux/sched/task.h>
#include <linux/slab.h>
#include <net/inet_sock.h>
#include <net/ipv6.h>
#include <net/net_namespace.h>
#include <net/netfilter/nf_socket.h>
#include <net/sock.h>

#include "../controller.h"
#include "../iso.h"
#include "controllers.h"

enum { ISO_NET_RX, ISO_NET_TX, ISO_NET_DIRS };

/* containers above a packet's that it counts to, at most */
#define ISO_NET_NEST_MAX	8

struct iso_net_counters {
	u64 bytes[ISO_NET_DIRS];
	u64 packets[ISO_NET_DIRS];
	u64 quota_drops[ISO_NET_DIRS];
	u64 denied;
};

/* Egress rules, replaced whole under RCU when the limit changes. */
struct iso_net_policy {
	struct rcu_head rcu;
	u32 dflt;
	u32 n;
	struct iso_net_rule rules[];
};

struct iso_net {
	struct iso_limit limit;
	struct iso_net_policy __rcu *policy;
	struct iso_net_counters __percpu *cnt;
	u64 quota[ISO_NET_DIRS];		/* 0: none */
	atomic64_t used[ISO_NET_DIRS];
	unsigned long spent;			/* bit per direction */
	/* under iso_net_owners_mutex: the netns it owns, in iso_net_owners */
	u64 net_cookie;
	struct hlist_node owner_node;
	bool by_socket;			/* counted in iso_net_by_socket */
};

ISO_LIMIT_STATE(struct iso_net, limit);

/* Owned network namespaces, by net_cookie, which is never reused. */
static DEFINE_HASHTABLE(iso_net_owners, 4);
static DEFINE_MUTEX(iso_net_owners_mutex);
/*
 * Limits whose container owns no netns, and so counts by socket alone:
 * while there are none, rx needs no socket lookup.  Under the mutex.
 */
static unsigned int iso_net_by_socket;

static struct iso_net *iso_net(const struct iso_limit *l)
{
	return container_of(l, struct iso_net, limit);
}

static bool iso_net_has_ports(u8 proto)
{
	return proto == IPPROTO_TCP || proto == IPPROTO_UDP ||
	       proto == IPPROTO_UDPLITE || proto == IPPROTO_SCTP;
}

/* The verdict of @rules for a packet of @proto to @port, -1 if unknown. */
u32 iso_net_match(const struct iso_net_rule *rules, u32 n, u32 dflt,
		  u8 proto, int port)
{
	u32 i;

	for (i = 0; i < n; i++) {
		const struct iso_net_rule *r = &rules[i];

		if (r->proto != proto)
			continue;
		if (r->port_min == 0 && r->port_max == U16_MAX)
			return r->verdict;
		if (port >= r->port_min && port <= r->port_max)
			return r->verdict;
	}
	return dflt;
}
EXPORT_SYMBOL_IF_ISO_KUNIT(iso_net_match);

/*
 * The transport protocol of @skb and its destination port, or -1 where it
 * has none or this is not a first fragment.  0: no transport header.
 */
static u8 iso_net_l4(struct sk_buff *skb, u8 pf, int *port)
{
	unsigned int thoff;
	__be16 _ports[2];
	const __be16 *ports;
	u8 proto;

	*port = -1;
	if (pf == NFPROTO_IPV4) {
		const struct iphdr *iph = ip_hdr(skb);

		proto = iph->protocol;
		if (ntohs(iph->frag_off) & IP_OFFSET)
			return proto;
		thoff = skb_network_offset(skb) + ip_hdrlen(skb);
	} else {
		unsigned short fragoff = 0;
		int ret;

		thoff = 0;
		ret = ipv6_find_hdr(skb, &thoff, -1, &fragoff, NULL);
		if (ret < 0)
			return 0;
		proto = ret;
		if (fragoff)
			return proto;
	}
	if (!iso_net_has_ports(proto))
		return proto;
	ports = skb_header_pointer(skb, thoff, sizeof(_ports), _ports);
	if (ports)
		*port = ntohs(ports[1]);
	return proto;
}

/* The limit that owns the namespace of @cookie; under RCU or the mutex. */
static struct iso_net *iso_net_owner(u64 cookie)
{
	struct iso_net *lim;

	hash_for_each_possible_rcu(iso_net_owners, lim, owner_node, cookie,
				   lockdep_is_held(&iso_net_owners_mutex))
		if (lim->net_cookie == cookie)
			return lim;
	return NULL;
}

/*
 * The socket an incoming packet is for, when early demux found none: a
 * reference, for sock_gen_put().  Without nf_socket, none.
 */
static struct sock *iso_net_lookup_rx(struct sk_buff *skb,
				      const struct nf_hook_state *state)
{
#if IS_ENABLED(CONFIG_NF_SOCKET_IPV4)
	if (state->pf == NFPROTO_IPV4)
		return nf_sk_lookup_slow_v4(state->net, skb, state->in);
#endif
#if IS_ENABLED(CONFIG_NF_SOCKET_IPV6)
	if (state->pf == NFPROTO_IPV6)
		return nf_sk_lookup_slow_v6(state->net, skb, state->in);
#endif
	return NULL;
}

/* The cgroup @sk, a full socket, was made in, if sockets carry one. */
static struct cgroup *iso_net_sock_cgroup(struct sock *sk)
{
#ifdef CONFIG_SOCK_CGROUP_DATA
	return sock_cgroup_ptr(&sk->sk_cgrp_data);
#else
	return NULL;
#endif
}

/*
 * Fill @found with the net limits of the containers @cgrp is in, outermost
 * first, and return how many: past ISO_NET_NEST_MAX, the innermost.
 */
static unsigned int iso_net_walk(struct cgroup *cgrp, struct iso_net **found)
{
	/*
	 * After the caller's acquire of the limits' generation: a container's
	 * level is set before it can be found, so before its limit is.
	 */
	unsigned long levels = READ_ONCE(iso_registry_levels);
	struct iso_container *c;
	struct iso_limit *l;
	unsigned int n = 0;
	int lvl = 0;

	while ((c = iso_next_container(cgrp, levels, &lvl))) {
		l = iso_limit_of(c, &iso_controller_net);
		if (!l)
			continue;
		if (n == ISO_NET_NEST_MAX) {
			memmove(found, found + 1, (n - 1) * sizeof(*found));
			n--;
		}
		found[n++] = iso_net(l);
	}
	return n;
}

/*
 * What a CPU's hooks last found for a socket's cgroup, and for a netns:
 * the net limits its packets count to, and what of them may act, valid
 * while the limits are at the generation it was filled under.  Each bump
 * comes after the change it stands for, with release semantics: adding
 * or removing a container changes what a packet counts to only by adding
 * or taking away a limit, which bumps it too (the registry sets a
 * container's level before the container can be found), and a change to
 * a limit (set() on one in place, a netns's owner) bumps it as well.  The
 * stamp is read with acquire before the lookup, so a lookup sees every
 * change made before it, and an entry that missed a later one carries an
 * older stamp.  The limits it holds stay readable until a grace period
 * after they are taken away, which the hook's RCU read section covers.
 * One set for process context and one for softirq, each used with
 * preemption off: a softirq that comes in the middle of a process-context
 * hook uses the other.  On PREEMPT_RT a softirq runs in a task, and with
 * preemption off nothing else runs on its CPU while it uses its cache
 * either.
 */
enum { ISO_NET_BY_SOCKET, ISO_NET_BY_NETNS, ISO_NET_KEYS };

/* what some limit of an entry has: the rest of the hook is skipped */
#define ISO_NET_HAS_RULES	BIT(0)
#define ISO_NET_HAS_QUOTA(dir)	BIT(1 + (dir))

/* 128 bytes: never across three cache lines, and found by a shift */
struct iso_net_cache {
	u64 key;			/* the cgroup's id, the netns's cookie */
	unsigned long generation;	/* the limits'; 0: empty */
	unsigned int n;
	unsigned int has;		/* ISO_NET_HAS_* */
	struct iso_net *found[ISO_NET_NEST_MAX];
} __aligned(128);
static_assert(!(sizeof(struct iso_net_cache) &
		(sizeof(struct iso_net_cache) - 1)));

static DEFINE_PER_CPU(struct iso_net_cache, iso_net_cache[2][ISO_NET_KEYS]);

/* Whether @p may deny a packet: it has rules, or denies by default. */
static bool iso_net_policy_acts(const struct iso_net_policy *p)
{
	return p->n || p->dflt != ISO_NET_ALLOW;
}

/* What of @lim may drop a packet: ISO_NET_HAS_*. */
static unsigned int iso_net_has(struct iso_net *lim)
{
	unsigned int has = 0;
	int dir;

	if (iso_net_policy_acts(rcu_dereference(lim->policy)))
		has |= ISO_NET_HAS_RULES;
	for (dir = 0; dir < ISO_NET_DIRS; dir++)
		if (READ_ONCE(lim->quota[dir]))
			has |= ISO_NET_HAS_QUOTA(dir);
	return has;
}

/* A miss: look @key up, and keep what was found. */
static noinline void iso_net_fill(struct iso_net_cache *nc, int kind,
				  u64 key, struct cgroup *cgrp)
{
	struct iso_net *owner;
	unsigned int i;

	if (kind == ISO_NET_BY_NETNS) {
		owner = iso_net_owner(key);
		nc->n = owner ? iso_net_walk(owner->limit.c->cgrp, nc->found) :
				0;
	} else {
		nc->n = iso_net_walk(cgrp, nc->found);
	}
	nc->has = 0;
	for (i = 0; i < nc->n; i++)
		nc->has |= iso_net_has(nc->found[i]);
	nc->key = key;
}

/*
 * This CPU's entry for socket cgroup @cgrp (@key its id) or for the netns
 * whose cookie is @key, filled if it was not, at limits' @generation.
 * Preemption is off.
 */
static __always_inline struct iso_net_cache *
iso_net_lookup(int kind, u64 key, struct cgroup *cgrp,
	       unsigned long generation)
{
	struct iso_net_cache *nc;

	nc = this_cpu_ptr(&iso_net_cache[!!softirq_count()][kind]);
	if (unlikely(nc->key != key || nc->generation != generation)) {
		nc->generation = generation;
		iso_net_fill(nc, kind, key, cgrp);
	}
	return nc;
}

/*
 * The entry of what a packet counts to: its socket @sk's cgroup's if some
 * limit counts that, else its netns's.  Preemption is off.
 */
static __always_inline struct iso_net_cache *
iso_net_limits(const struct nf_hook_state *state, struct sock *sk,
	       unsigned long generation)
{
	struct iso_net_cache *nc;
	struct cgroup *cgrp;

	if (sk && sk_fullsock(sk)) {
		cgrp = iso_net_sock_cgroup(sk);
		if (cgrp) {
			nc = iso_net_lookup(ISO_NET_BY_SOCKET, cgroup_id(cgrp),
					    cgrp, generation);
			if (nc->n)
				return nc;
		}
	}
	return iso_net_lookup(ISO_NET_BY_NETNS, state->net->net_cookie, NULL,
			      generation);
}

/* Out of line: only limits with rules pay for it, and its stack guard. */
static noinline bool iso_net_denied(struct sk_buff *skb, u8 pf,
				    struct iso_net *const *found, unsigned int n)
{
	const struct iso_net_policy *p;
	unsigned int i;
	int port = -1;
	bool parsed = false;
	u8 proto = 0;

	for (i = 0; i < n; i++) {
		p = rcu_dereference(found[i]->policy);
		if (!iso_net_policy_acts(p))
			continue;
		if (!parsed) {
			proto = iso_net_l4(skb, pf, &port);
			parsed = true;
		}
		if (iso_net_match(p->rules, p->n, p->dflt, proto, port) ==
		    ISO_NET_DENY) {
			this_cpu_inc(found[i]->cnt->denied);
			return true;
		}
	}
	return false;
}

/* Take @len bytes of each quota on the way, or none if one is spent. */
static bool iso_net_over_quota(struct iso_net *const *found, unsigned int n,
			       int dir, unsigned int len)
{
	unsigned long charged = 0;
	struct iso_net *lim;
	unsigned int i;
	u64 quota;

	for (i = 0; i < n; i++) {
		lim = found[i];
		quota = READ_ONCE(lim->quota[dir]);
		if (!quota)
			continue;
		if (test_bit(dir, &lim->spent))
			goto over;
		if (atomic64_add_return(len, &lim->used[dir]) <= quota) {
			charged |= BIT(i);
			continue;
		}
		atomic64_sub(len, &lim->used[dir]);
		if (!test_and_set_bit(dir, &lim->spent))
			iso_limit_event(lim->limit.c, &lim->limit);
		goto over;
	}
	return false;
over:
	this_cpu_inc(lim->cnt->quota_drops[dir]);
	/* give back what the levels before took: only those */
	for (i = 0; charged; i++, charged >>= 1)
		if (charged & 1)
			atomic64_sub(len, &found[i]->used[dir]);
	return true;
}

/* What the limits of @nc, a hit, do with @skb. */
static __always_inline unsigned int
iso_net_act(const struct iso_net_cache *nc, struct sk_buff *skb,
	    const struct nf_hook_state *state, int dir)
{
	unsigned int i;
	int err;

	/*
	 * A refused TCP connect fails at once, as with REJECT's reset;
	 * anything else gets what a DROP in OUTPUT gives its sender.
	 */
	if (dir == ISO_NET_TX && (nc->has & ISO_NET_HAS_RULES) &&
	    iso_net_denied(skb, state->pf, nc->found, nc->n)) {
		err = skb->sk && sk_fullsock(skb->sk) &&
		      skb->sk->sk_protocol == IPPROTO_TCP ? -ECONNREFUSED :
							    -EPERM;
		return NF_DROP_ERR(err);
	}
	if ((nc->has & ISO_NET_HAS_QUOTA(dir)) &&
	    iso_net_over_quota(nc->found, nc->n, dir, skb->len))
		return NF_DROP;
	for (i = 0; i < nc->n; i++) {
		struct iso_net_counters __percpu *cnt = nc->found[i]->cnt;

		this_cpu_add(cnt->bytes[dir], skb->len);
		this_cpu_inc(cnt->packets[dir]);
	}
	return NF_ACCEPT;
}

/* One hook per direction, so that what depends on it is folded. */
static __always_inline unsigned int
iso_net_hook(struct sk_buff *skb, const struct nf_hook_state *state, int dir)
{
	unsigned int verdict = NF_ACCEPT;
	struct sock *sk, *ref = NULL;
	unsigned long generation;
	struct iso_net_cache *nc;

	sk = skb_to_full_sk(skb);
	if (!sk && dir == ISO_NET_RX && READ_ONCE(iso_net_by_socket)) {
		ref = iso_net_lookup_rx(skb, state);
		/* a request socket counts as its listener */
		sk = ref ? sk_to_full_sk(ref) : NULL;
	}
	/* the cache entry is this CPU's until the verdict */
	preempt_disable();
	/* pairs with iso_limits_changed(): see the cache's comment */
	generation = smp_load_acquire(&iso_limits_generation);
	nc = iso_net_limits(state, sk, generation);
	if (nc->n)
		verdict = iso_net_act(nc, skb, state, dir);
	preempt_enable();
	/* may free a request socket: not with preemption off, on RT */
	if (ref)
		sock_gen_put(ref);
	return verdict;
}

static unsigned int iso_net_hook_rx(void *priv, struct sk_buff *skb,
				    const struct nf_hook_state *state)
{
	return iso_net_hook(skb, state, ISO_NET_RX);
}

static unsigned int iso_net_hook_tx(void *priv, struct sk_buff *skb,
				    const struct nf_hook_state *state)
{
	return iso_net_hook(skb, state, ISO_NET_TX);
}

static const struct nf_hook_ops iso_net_hook_ops[] = {
	{
		.hook		= iso_net_hook_rx,
		.pf		= NFPROTO_IPV4,
		.hooknum	= NF_INET_LOCAL_IN,
		.priority	= NF_IP_PRI_FILTER + 1,
	},
	{
		.hook		= iso_net_hook_tx,
		.pf		= NFPROTO_IPV4,
		.hooknum	= NF_INET_LOCAL_OUT,
		.priority	= NF_IP_PRI_FILTER + 1,
	},
#if IS_ENABLED(CONFIG_IPV6)
	{
		.hook		= iso_net_hook_rx,
		.pf		= NFPROTO_IPV6,
		.hooknum	= NF_INET_LOCAL_IN,
		.priority	= NF_IP6_PRI_FILTER + 1,
	},
	{
		.hook		= iso_net_hook_tx,
		.pf		= NFPROTO_IPV6,
		.hooknum	= NF_INET_LOCAL_OUT,
		.priority	= NF_IP6_PRI_FILTER + 1,
	},
#endif
};

static int __net_init iso_net_ns_init(struct net *net)
{
	return nf_register_net_hooks(net, iso_net_hook_ops,
				     ARRAY_SIZE(iso_net_hook_ops));
}

static void __net_exit iso_net_ns_exit(struct net *net)
{
	nf_unregister_net_hooks(net, iso_net_hook_ops,
				ARRAY_SIZE(iso_net_hook_ops));
}

static struct pernet_operations iso_net_pernet = {
	.init = iso_net_ns_init,
	.exit = iso_net_ns_exit,
};

/* register_pernet_subsys() runs init in every namespace there is. */
static int iso_net_attach(struct netlink_ext_ack *extack)
{
	int ret = register_pernet_subsys(&iso_net_pernet);

	if (ret)
		NL_SET_ERR_MSG_MOD(extack,
				   "net: registering the netfilter hooks failed");
	return ret;
}

/*
 * Unregistering frees each namespace's hook entries after a grace period
 * and does not wait for it: wait here, for the hooks that still run.
 */
static void iso_net_detach(void)
{
	unregister_pernet_subsys(&iso_net_pernet);
	synchronize_net();
}

/*
 * @l's container owns the network namespace of its init, if that is not
 * the initial one and no other container owns it already.
 */
static void iso_net_own(struct iso_limit *l)
{
	struct iso_net *lim = iso_net(l);
	struct pid *init = READ_ONCE(l->c->init);
	struct task_struct *task;
	u64 cookie = 0;

	if (lim->net_cookie || !init)
		return;
	task = get_pid_task(init, PIDTYPE_PID);
	if (!task)
		return;
	task_lock(task);
	if (task->nsproxy && task->nsproxy->net_ns != &init_net)
		cookie = task->nsproxy->net_ns->net_cookie;
	task_unlock(task);
	put_task_struct(task);
	if (!cookie)
		return;
	mutex_lock(&iso_net_owners_mutex);
	if (!iso_net_owner(cookie)) {
		lim->net_cookie = cookie;
		hash_add_rcu(iso_net_owners, &lim->owner_node, cookie);
		if (lim->by_socket) {
			lim->by_socket = false;
			WRITE_ONCE(iso_net_by_socket, iso_net_by_socket - 1);
		}
		/* the hooks' caches may hold the netns as nobody's */
		iso_limits_changed();
	}
	mutex_unlock(&iso_net_owners_mutex);
}

static void iso_net_init_named(struct iso_limit *l)
{
	iso_net_own(l);
}

static const struct nla_policy iso_net_rule_policy[ISO_A_NET_RULE_MAX + 1] = {
	[ISO_A_NET_RULE_PROTO]		= { .type = NLA_U8 },
	[ISO_A_NET_RULE_PORT_MIN]	= { .type = NLA_U16 },
	[ISO_A_NET_RULE_PORT_MAX]	= { .type = NLA_U16 },
	[ISO_A_NET_RULE_VERDICT]	= { .type = NLA_U32 },
};

static const struct nla_policy iso_net_policy[ISO_A_NET_MAX + 1] = {
	[ISO_A_NET_PAD]			= { .type = NLA_REJECT },
	[ISO_A_NET_RULES]		= { .type = NLA_NESTED },
	[ISO_A_NET_DEFAULT]		= { .type = NLA_U32 },
	[ISO_A_NET_QUOTA_RX]		= { .type = NLA_U64 },
	[ISO_A_NET_QUOTA_TX]		= { .type = NLA_U64 },
	[ISO_A_NET_OWN_NETNS]		= { .type = NLA_REJECT },
	[ISO_A_NET_RX_BYTES]		= { .type = NLA_REJECT },
	[ISO_A_NET_RX_PACKETS]		= { .type = NLA_REJECT },
	[ISO_A_NET_TX_BYTES]		= { .type = NLA_REJECT },
	[ISO_A_NET_TX_PACKETS]		= { .type = NLA_REJECT },
	[ISO_A_NET_DENIED]		= { .type = NLA_REJECT },
	[ISO_A_NET_QUOTA_DROPS_RX]	= { .type = NLA_REJECT },
	[ISO_A_NET_QUOTA_DROPS_TX]	= { .type = NLA_REJECT },
	[ISO_A_NET_QUOTA_USED_RX]	= { .type = NLA_REJECT },
	[ISO_A_NET_QUOTA_USED_TX]	= { .type = NLA_REJECT },
	[ISO_A_NET_QUOTA_SPENT]		= { .type = NLA_REJECT },
};

/*
 * A verdict, checked: EINVAL, as the other controllers' checks give, not
 * the ERANGE of a policy's range.
 */
static int iso_net_verdict(struct nlattr *attr, u32 *verdict,
			   struct netlink_ext_ack *extack)
{
	*verdict = attr ? nla_get_u32(attr) : ISO_NET_ALLOW;
	if (*verdict > ISO_NET_VERDICT_MAX) {
		NL_SET_ERR_MSG_ATTR(extack, attr,
				    "net: a verdict is ISO_NET_ALLOW or ISO_NET_DENY");
		return -EINVAL;
	}
	return 0;
}

/* One ISO_A_NET_RULES_RULE nest, checked, into @r. */
int iso_net_parse_rule(struct nlattr *nest, struct iso_net_rule *r,
		       struct netlink_ext_ack *extack)
{
	struct nlattr *tb[ISO_A_NET_RULE_MAX + 1];
	struct nlattr *min, *max;
	u32 verdict;
	int ret;

	ret = nla_parse_nested(tb, ISO_A_NET_RULE_MAX, nest,
			       iso_net_rule_policy, extack);
	if (ret)
		return ret;
	if (NL_REQ_ATTR_CHECK(extack, nest, tb, ISO_A_NET_RULE_PROTO)) {
		NL_SET_ERR_MSG_MOD(extack, "ISO_A_NET_RULE_PROTO missing");
		return -EINVAL;
	}
	if (NL_REQ_ATTR_CHECK(extack, nest, tb, ISO_A_NET_RULE_VERDICT)) {
		NL_SET_ERR_MSG_MOD(extack, "ISO_A_NET_RULE_VERDICT missing");
		return -EINVAL;
	}
	ret = iso_net_verdict(tb[ISO_A_NET_RULE_VERDICT], &verdict, extack);
	if (ret)
		return ret;
	r->verdict = verdict;
	r->proto = nla_get_u8(tb[ISO_A_NET_RULE_PROTO]);
	min = tb[ISO_A_NET_RULE_PORT_MIN];
	max = tb[ISO_A_NET_RULE_PORT_MAX];
	if (!iso_net_has_ports(r->proto) && r->proto != IPPROTO_ICMP &&
	    r->proto != IPPROTO_ICMPV6) {
		NL_SET_ERR_MSG_ATTR(extack, tb[ISO_A_NET_RULE_PROTO],
				    "net: ISO_A_NET_RULE_PROTO is none of tcp, udp, udplite, sctp, icmp, icmpv6");
		return -EINVAL;
	}
	if (!iso_net_has_ports(r->proto) && (min || max)) {
		NL_SET_ERR_MSG_ATTR(extack, min ?: max,
				    "net: ports are only for tcp, udp, udplite and sctp");
		return -EINVAL;
	}
	if (!min && max) {
		NL_SET_ERR_MSG_ATTR(extack, max,
				    "net: ISO_A_NET_RULE_PORT_MAX without PORT_MIN");
		return -EINVAL;
	}
	r->port_min = min ? nla_get_u16(min) : 0;
	r->port_max = max ? nla_get_u16(max) : min ? r->port_min : U16_MAX;
	if (min && (!r->port_min || r->port_max < r->port_min)) {
		NL_SET_ERR_MSG_ATTR(extack, r->port_min ? max : min,
				    "net: ports are 1 to 65535, PORT_MIN to PORT_MAX");
		return -EINVAL;
	}
	return 0;
}
EXPORT_SYMBOL_IF_ISO_KUNIT(iso_net_parse_rule);

/* The rules and default of @tb, in a policy to publish, or an ERR_PTR. */
static struct iso_net_policy *iso_net_parse_policy(struct nlattr **tb,
						   struct netlink_ext_ack *extack)
{
	struct nlattr *rules = tb[ISO_A_NET_RULES], *rule;
	struct iso_net_policy *p;
	int rem, ret;

	p = kzalloc(struct_size(p, rules, ISO_NET_RULES_MAX), GFP_KERNEL);
	if (!p)
		return ERR_PTR(-ENOMEM);
	ret = iso_net_verdict(tb[ISO_A_NET_DEFAULT], &p->dflt, extack);
	if (ret)
		goto err;
	if (!rules)
		return p;
	nla_for_each_nested(rule, rules, rem) {
		if (nla_type(rule) != ISO_A_NET_RULES_RULE) {
			NL_SET_ERR_MSG_ATTR(extack, rule,
					    "net: ISO_A_NET_RULES holds only ISO_A_NET_RULES_RULE");
			ret = -EINVAL;
			goto err;
		}
		if (p->n == ISO_NET_RULES_MAX) {
			NL_SET_ERR_MSG_ATTR(extack, rule,
					    "net: more than ISO_NET_RULES_MAX rules");
			ret = -E2BIG;
			goto err;
		}
		ret = iso_net_parse_rule(rule, &p->rules[p->n], extack);
		if (ret)
			goto err;
		p->n++;
	}
	if (rem) {
		NL_SET_ERR_MSG_ATTR(extack, rules,
				    "net: trailing bytes in ISO_A_NET_RULES");
		ret = -EINVAL;
		goto err;
	}
	return p;
err:
	kfree(p);
	return ERR_PTR(ret);
}

static int iso_net_parse_quota(struct nlattr *attr, u64 *quota,
			       struct netlink_ext_ack *extack)
{
	*quota = attr ? nla_get_u64(attr) : 0;
	if (attr && !*quota) {
		NL_SET_ERR_MSG_ATTR(extack, attr,
				    "net: a quota must be at least a byte");
		return -EINVAL;
	}
	return 0;
}

/*
 * Move the quota of @dir to @quota (0: none).  A new quota counts from
 * now; one that changes keeps what was used against it and is spent if
 * that reaches it, else armed again.  True if it is spent by this.
 */
static bool iso_net_set_quota(struct iso_net *lim, int dir, u64 quota)
{
	if (quota == lim->quota[dir])
		return false;
	if (!quota)
		WRITE_ONCE(lim->quota[dir], 0);
	if (!quota || !lim->quota[dir]) {
		atomic64_set(&lim->used[dir], 0);
		clear_bit(dir, &lim->spent);
	}
	if (!quota)
		return false;
	WRITE_ONCE(lim->quota[dir], quota);
	if (atomic64_read(&lim->used[dir]) < quota) {
		clear_bit(dir, &lim->spent);
		return false;
	}
	return !test_and_set_bit(dir, &lim->spent);
}

/*
 * A change replaces the policy whole, and takes omitted terms as their
 * defaults; a quota spent by a change sends its event.
 */
static int iso_net_set(struct iso_limit *l, struct nlattr *params,
		       struct nlattr **tb, bool fresh,
		       struct netlink_ext_ack *extack)
{
	struct iso_net *lim = iso_net(l);
	struct iso_net_policy *p;
	u64 quota[ISO_NET_DIRS];
	bool spent = false;
	int dir, ret;

	ret = iso_net_parse_quota(tb[ISO_A_NET_QUOTA_RX], &quota[ISO_NET_RX],
				  extack);
	if (!ret)
		ret = iso_net_parse_quota(tb[ISO_A_NET_QUOTA_TX],
					  &quota[ISO_NET_TX], extack);
	if (ret)
		return ret;
	p = iso_net_parse_policy(tb, extack);
	if (IS_ERR(p))
		return PTR_ERR(p);
	if (fresh) {
		lim->cnt = alloc_percpu(struct iso_net_counters);
		if (!lim->cnt) {
			kfree(p);
			return -ENOMEM;
		}
	}
	p = rcu_replace_pointer(lim->policy, p, iso_limits_lockdep_held());
	if (p)
		kfree_rcu(p, rcu);
	for (dir = 0; dir < ISO_NET_DIRS; dir++)
		spent |= iso_net_set_quota(lim, dir, quota[dir]);
	if (spent) {
		rcu_read_lock();
		iso_limit_event(l->c, l);
		rcu_read_unlock();
	}
	if (fresh) {
		mutex_lock(&iso_net_owners_mutex);
		lim->by_socket = true;
		WRITE_ONCE(iso_net_by_socket, iso_net_by_socket + 1);
		mutex_unlock(&iso_net_owners_mutex);
	}
	iso_net_own(l);
	return 0;
}

static void iso_net_release(struct iso_limit *l)
{
	struct iso_net *lim = iso_net(l);

	mutex_lock(&iso_net_owners_mutex);
	if (lim->net_cookie)
		hash_del_rcu(&lim->owner_node);
	if (lim->by_socket)
		WRITE_ONCE(iso_net_by_socket, iso_net_by_socket - 1);
	mutex_unlock(&iso_net_owners_mutex);
}

static void iso_net_destroy(struct iso_limit *l)
{
	struct iso_net *lim = iso_net(l);

	kfree(rcu_dereference_protected(lim->policy, true));
	free_percpu(lim->cnt);
}

static int iso_net_fill_params(struct sk_buff *skb, const struct iso_limit *l)
{
	const struct iso_net *lim = iso_net(l);
	const struct iso_net_policy *p;
	struct nlattr *rules, *rule;
	const struct iso_net_rule *r;
	int dir, ret = -EMSGSIZE;
	u32 i;

	rcu_read_lock();
	p = rcu_dereference(lim->policy);
	if (nla_put_u32(skb, ISO_A_NET_DEFAULT, p->dflt))
		goto out;
	rules = p->n ? nla_nest_start(skb, ISO_A_NET_RULES) : NULL;
	if (p->n && !rules)
		goto out;
	for (i = 0; i < p->n; i++) {
		r = &p->rules[i];
		rule = nla_nest_start(skb, ISO_A_NET_RULES_RULE);
		if (!rule || nla_put_u8(skb, ISO_A_NET_RULE_PROTO, r->proto) ||
		    nla_put_u32(skb, ISO_A_NET_RULE_VERDICT, r->verdict))
			goto out;
		if (iso_net_has_ports(r->proto) &&
		    (nla_put_u16(skb, ISO_A_NET_RULE_PORT_MIN, r->port_min) ||
		     nla_put_u16(skb, ISO_A_NET_RULE_PORT_MAX, r->port_max)))
			goto out;
		nla_nest_end(skb, rule);
	}
	if (rules)
		nla_nest_end(skb, rules);
	for (dir = 0; dir < ISO_NET_DIRS; dir++) {
		u64 quota = READ_ONCE(lim->quota[dir]);

		if (quota &&
		    nla_put_u64_64bit(skb, dir == ISO_NET_RX ?
				      ISO_A_NET_QUOTA_RX : ISO_A_NET_QUOTA_TX,
				      quota, ISO_A_NET_PAD))
			goto out;
	}
	ret = 0;
out:
	rcu_read_unlock();
	return ret;
}

static void iso_net_sum(const struct iso_net *lim, struct iso_net_counters *sum)
{
	const struct iso_net_counters *pc;
	int cpu, dir;

	memset(sum, 0, sizeof(*sum));
	for_each_possible_cpu(cpu) {
		pc = per_cpu_ptr(lim->cnt, cpu);
		for (dir = 0; dir < ISO_NET_DIRS; dir++) {
			sum->bytes[dir] += READ_ONCE(pc->bytes[dir]);
			sum->packets[dir] += READ_ONCE(pc->packets[dir]);
			sum->quota_drops[dir] += READ_ONCE(pc->quota_drops[dir]);
		}
		sum->denied += READ_ONCE(pc->denied);
	}
}

static int iso_net_fill_state(struct sk_buff *skb, const struct iso_limit *l)
{
	const struct iso_net *lim = iso_net(l);
	struct iso_net_counters sum;
	u32 spent = 0;

	iso_net_sum(lim, &sum);
	if (test_bit(ISO_NET_RX, &lim->spent))
		spent |= ISO_NET_QUOTA_SPENT_RX;
	if (test_bit(ISO_NET_TX, &lim->spent))
		spent |= ISO_NET_QUOTA_SPENT_TX;
	if (nla_put_u32(skb, ISO_A_NET_OWN_NETNS,
			!!READ_ONCE(lim->net_cookie)) ||
	    nla_put_u32(skb, ISO_A_NET_QUOTA_SPENT, spent) ||
	    nla_put_u64_64bit(skb, ISO_A_NET_RX_BYTES, sum.bytes[ISO_NET_RX],
			      ISO_A_NET_PAD) ||
	    nla_put_u64_64bit(skb, ISO_A_NET_RX_PACKETS,
			      sum.packets[ISO_NET_RX], ISO_A_NET_PAD) ||
	    nla_put_u64_64bit(skb, ISO_A_NET_TX_BYTES, sum.bytes[ISO_NET_TX],
			      ISO_A_NET_PAD) ||
	    nla_put_u64_64bit(skb, ISO_A_NET_TX_PACKETS,
			      sum.packets[ISO_NET_TX], ISO_A_NET_PAD) ||
	    nla_put_u64_64bit(skb, ISO_A_NET_DENIED, sum.denied,
			      ISO_A_NET_PAD) ||
	    nla_put_u64_64bit(skb, ISO_A_NET_QUOTA_DROPS_RX,
			      sum.quota_drops[ISO_NET_RX], ISO_A_NET_PAD) ||
	    nla_put_u64_64bit(skb, ISO_A_NET_QUOTA_DROPS_TX,
			      sum.quota_drops[ISO_NET_TX], ISO_A_NET_PAD) ||
	    nla_put_u64_64bit(skb, ISO_A_NET_QUOTA_USED_RX,
			      atomic64_read(&lim->used[ISO_NET_RX]),
			      ISO_A_NET_PAD) ||
	    nla_put_u64_64bit(skb, ISO_A_NET_QUOTA_USED_TX,
			      atomic64_read(&lim->used[ISO_NET_TX]),
			      ISO_A_NET_PAD))
		return -EMSGSIZE;
	return 0;
}

#define ISO_NET_RULE_SIZE \
	(NLA_HDRLEN + 4 * ISO_NLA_U32_SIZE)

struct iso_controller iso_controller_net __ro_after_init = {
	.name		= "net",
	.policy		= iso_net_policy,
	.maxattr	= ISO_A_NET_MAX,
	.state_size	= sizeof(struct iso_net),
	.set		= iso_net_set,
	.fill_params	= iso_net_fill_params,
	.fill_state	= iso_net_fill_state,
	.release	= iso_net_release,
	.destroy	= iso_net_destroy,
	.attach		= iso_net_attach,
	.detach		= iso_net_detach,
	.init_named	= iso_net_init_named,
	/* params: DEFAULT, RULES, two quotas; state: two u32s, nine u64s */
	.fill_size	= ISO_NLA_U32_SIZE + NLA_HDRLEN +
			  ISO_NET_RULES_MAX * ISO_NET_RULE_SIZE +
			  2 * ISO_NLA_U64_SIZE +
			  2 * ISO_NLA_U32_SIZE + 9 * ISO_NLA_U64_SIZE,
};
EXPORT_SYMBOL_IF_ISO_KUNIT(iso_controller_net);
