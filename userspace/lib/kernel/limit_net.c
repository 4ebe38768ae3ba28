// SPDX-License-Identifier: GPL-2.0
/*
 * --net TERM[,TERM]..., and an option for each term: iso.ko's net
 * controller, which counts a container's traffic, filters its egress by
 * protocol and destination port, and holds it to byte quotas.
 *
 *   account                  count only (--net-account)
 *   deny=PROTO[:PORT[-PORT]] (--net-deny), allow=... (--net-allow)
 *   default=allow|deny       for egress no rule matches (--net-default)
 *   quota=rx:SIZE|tx:SIZE    (--net-quota)
 */
#include <errno.h>
#include <inttypes.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <netlink/attr.h>
#include <netlink/msg.h>

#include "config/config.h"
#include "json.h"
#include "kernel/limit_kind.h"

static const struct {
	const char *name;
	uint8_t proto;
	bool ports;
} protos[] = {
	{ "tcp", IPPROTO_TCP, true },
	{ "udp", IPPROTO_UDP, true },
	{ "udplite", IPPROTO_UDPLITE, true },
	{ "sctp", IPPROTO_SCTP, true },
	{ "icmp", IPPROTO_ICMP, false },
	{ "icmpv6", IPPROTO_ICMPV6, false },
};

#define N_PROTOS (sizeof(protos) / sizeof(protos[0]))

static int proto_index(uint8_t proto)
{
	size_t i;

	for (i = 0; i < N_PROTOS; i++)
		if (protos[i].proto == proto)
			return i;
	return -1;
}

/* "1" to "65535", and nothing after it but @stop. */
static int parse_port(const char *text, char stop, const char **end,
		      uint16_t *port)
{
	unsigned long v;
	char *e;

	if (*text < '0' || *text > '9')
		return -EINVAL;
	errno = 0;
	v = strtoul(text, &e, 10);
	if (errno || !v || v > 65535 || (*e && *e != stop))
		return -EINVAL;
	*port = v;
	*end = e;
	return 0;
}

/* PROTO[:PORT[-PORT]] */
static int parse_rule(const char *text, uint32_t verdict,
		      struct iso_limit_rule *r)
{
	const char *colon = strchr(text, ':'), *end;
	size_t len = colon ? (size_t)(colon - text) : strlen(text), i;

	for (i = 0; i < N_PROTOS; i++)
		if (strlen(protos[i].name) == len &&
		    !strncmp(protos[i].name, text, len))
			break;
	if (i == N_PROTOS || (colon && !protos[i].ports))
		return -EINVAL;
	r->proto = protos[i].proto;
	r->verdict = verdict;
	r->port_min = r->port_max = 0;
	if (!colon)
		return 0;
	if (parse_port(colon + 1, '-', &end, &r->port_min))
		return -EINVAL;
	r->port_max = r->port_min;
	if (*end && (parse_port(end + 1, '\0', &end, &r->port_max) ||
		     r->port_max < r->port_min))
		return -EINVAL;
	return 0;
}

static int parse_term(char *term, struct iso_limit_rec *want)
{
	uint64_t *p = want->params, v;
	bool *has = want->has_param;
	int type;

	if (!strcmp(term, "account"))
		return 0;
	if (!strncmp(term, "deny=", 5) || !strncmp(term, "allow=", 6)) {
		bool deny = term[0] == 'd';

		if (want->n_rules == ISO_NET_RULES_MAX ||
		    parse_rule(strchr(term, '=') + 1,
			       deny ? ISO_NET_DENY : ISO_NET_ALLOW,
			       &want->rules[want->n_rules]))
			return -EINVAL;
		want->n_rules++;
		has[ISO_A_NET_RULES] = true;
		return 0;
	}
	if (!strncmp(term, "default=", 8) && !has[ISO_A_NET_DEFAULT]) {
		if (!strcmp(term + 8, "allow"))
			p[ISO_A_NET_DEFAULT] = ISO_NET_ALLOW;
		else if (!strcmp(term + 8, "deny"))
			p[ISO_A_NET_DEFAULT] = ISO_NET_DENY;
		else
			return -EINVAL;
		has[ISO_A_NET_DEFAULT] = true;
		return 0;
	}
	if (!strncmp(term, "quota=rx:", 9))
		type = ISO_A_NET_QUOTA_RX;
	else if (!strncmp(term, "quota=tx:", 9))
		type = ISO_A_NET_QUOTA_TX;
	else
		return -EINVAL;
	if (has[type] || iso_parse_size(term + 9, &v) || !v)
		return -EINVAL;
	p[type] = v;
	has[type] = true;
	return 0;
}

/* Adds to @want: each of the options is one or more terms of one limit. */
static int net_parse(const char *arg, struct iso_limit_rec *want, char *why,
		     size_t len)
{
	char text[512], *term, *next;

	if (!*arg || strlen(arg) >= sizeof(text))
		goto bad;
	strcpy(text, arg);
	for (term = text; term; term = next) {
		next = strchr(term, ',');
		if (next)
			*next++ = '\0';
		if (parse_term(term, want))
			goto bad;
	}
	return 0;
bad:
	snprintf(why, len, "not account, deny=RULE, allow=RULE, default=allow|deny or quota=rx|tx:SIZE, with RULE PROTO[:PORT[-PORT]] of tcp, udp, udplite, sctp, icmp or icmpv6, at most %d rules",
		 ISO_NET_RULES_MAX);
	return -EINVAL;
}

static int net_put_rules(struct nl_msg *msg, const struct iso_limit_rec *want)
{
	struct nlattr *rules, *rule;
	const struct iso_limit_rule *r;
	unsigned int i;

	/*
	 * "account" alone has no term; libnl trims an empty nest, and
	 * iso.ko wants ISO_A_LIMIT_PARAMS: state the default verdict.
	 */
	if (!want->has_param[ISO_A_NET_DEFAULT] &&
	    nla_put_u32(msg, ISO_A_NET_DEFAULT, ISO_NET_ALLOW))
		return -ENOMEM;
	if (!want->n_rules)
		return 0;
	rules = nla_nest_start(msg, ISO_A_NET_RULES);
	if (!rules)
		return -ENOMEM;
	for (i = 0; i < want->n_rules; i++) {
		r = &want->rules[i];
		rule = nla_nest_start(msg, ISO_A_NET_RULES_RULE);
		if (!rule || nla_put_u8(msg, ISO_A_NET_RULE_PROTO, r->proto) ||
		    nla_put_u32(msg, ISO_A_NET_RULE_VERDICT, r->verdict) ||
		    (r->port_min &&
		     (nla_put_u16(msg, ISO_A_NET_RULE_PORT_MIN, r->port_min) ||
		      nla_put_u16(msg, ISO_A_NET_RULE_PORT_MAX, r->port_max))))
			return -ENOMEM;
		nla_nest_end(msg, rule);
	}
	nla_nest_end(msg, rules);
	return 0;
}

static int net_parse_rules(struct nlattr *rules, struct iso_limit_rec *rec)
{
	static struct nla_policy policy[ISO_A_NET_RULE_MAX + 1] = {
		[ISO_A_NET_RULE_PROTO]		= { .type = NLA_U8 },
		[ISO_A_NET_RULE_PORT_MIN]	= { .type = NLA_U16 },
		[ISO_A_NET_RULE_PORT_MAX]	= { .type = NLA_U16 },
		[ISO_A_NET_RULE_VERDICT]	= { .type = NLA_U32 },
	};
	struct nlattr *tb[ISO_A_NET_RULE_MAX + 1], *a;
	struct iso_limit_rule *r;
	int rem;

	nla_for_each_nested(a, rules, rem) {
		if (nla_type(a) != ISO_A_NET_RULES_RULE ||
		    rec->n_rules == ISO_NET_RULES_MAX)
			continue;
		if (nla_parse_nested(tb, ISO_A_NET_RULE_MAX, a, policy) ||
		    !tb[ISO_A_NET_RULE_PROTO] || !tb[ISO_A_NET_RULE_VERDICT])
			return -EINVAL;
		r = &rec->rules[rec->n_rules++];
		r->proto = nla_get_u8(tb[ISO_A_NET_RULE_PROTO]);
		r->verdict = nla_get_u32(tb[ISO_A_NET_RULE_VERDICT]);
		r->port_min = tb[ISO_A_NET_RULE_PORT_MIN] ?
			      nla_get_u16(tb[ISO_A_NET_RULE_PORT_MIN]) : 0;
		r->port_max = tb[ISO_A_NET_RULE_PORT_MAX] ?
			      nla_get_u16(tb[ISO_A_NET_RULE_PORT_MAX]) :
			      r->port_min;
	}
	return 0;
}

/* "deny tcp:25", "allow udp:1000-2000", "deny icmp" */
static void print_rule(FILE *f, const struct iso_limit_rule *r)
{
	int i = proto_index(r->proto);
	bool range = r->port_max != r->port_min;
	bool all = !r->port_min;		/* the kernel's 0 to 65535 */

	fprintf(f, "%s ", r->verdict == ISO_NET_DENY ? "deny" : "allow");
	if (i < 0)
		fprintf(f, "proto %u", r->proto);
	else
		fprintf(f, "%s", protos[i].name);
	if (!all)
		fprintf(f, range ? ":%u-%u" : ":%u", r->port_min, r->port_max);
}

static struct json_object *rule_json(const struct iso_limit_rule *r)
{
	struct json_object *o = json_object_new_object();
	int i = proto_index(r->proto);
	bool all = !r->port_min;		/* the kernel's 0 to 65535 */

	iso_json_str(o, "verdict", r->verdict == ISO_NET_DENY ? "deny" : "allow");
	if (i < 0)
		iso_json_u64(o, "proto", r->proto);
	else
		iso_json_str(o, "proto", protos[i].name);
	iso_json_u64(o, "port_min", all ? 0 : r->port_min);
	iso_json_u64(o, "port_max", all ? 65535 : r->port_max);
	return o;
}

static void net_to_json(struct json_object *o, const struct iso_limit_rec *r)
{
	static const struct {
		const char *key;
		int type;
	} counters[] = {
		{ "rx_bytes", ISO_A_NET_RX_BYTES },
		{ "rx_packets", ISO_A_NET_RX_PACKETS },
		{ "tx_bytes", ISO_A_NET_TX_BYTES },
		{ "tx_packets", ISO_A_NET_TX_PACKETS },
		{ "denied", ISO_A_NET_DENIED },
		{ "quota_drops_rx", ISO_A_NET_QUOTA_DROPS_RX },
		{ "quota_drops_tx", ISO_A_NET_QUOTA_DROPS_TX },
		{ "quota_used_rx", ISO_A_NET_QUOTA_USED_RX },
		{ "quota_used_tx", ISO_A_NET_QUOTA_USED_TX },
	};
	struct json_object *rules = json_object_new_array();
	const uint64_t *p = r->params, *s = r->state;
	unsigned int i;

	for (i = 0; i < r->n_rules; i++)
		json_object_array_add(rules, rule_json(&r->rules[i]));
	json_object_object_add(o, "rules", rules);
	iso_json_str(o, "default", p[ISO_A_NET_DEFAULT] == ISO_NET_DENY ?
		     "deny" : "allow");
	iso_json_u64(o, "quota_rx", p[ISO_A_NET_QUOTA_RX]);
	iso_json_u64(o, "quota_tx", p[ISO_A_NET_QUOTA_TX]);
	iso_json_bool(o, "own_netns", s[ISO_A_NET_OWN_NETNS]);
	iso_json_bool(o, "quota_spent_rx",
		      s[ISO_A_NET_QUOTA_SPENT] & ISO_NET_QUOTA_SPENT_RX);
	iso_json_bool(o, "quota_spent_tx",
		      s[ISO_A_NET_QUOTA_SPENT] & ISO_NET_QUOTA_SPENT_TX);
	for (i = 0; i < sizeof(counters) / sizeof(counters[0]); i++)
		iso_json_u64(o, counters[i].key, s[counters[i].type]);
}

static void print_quota(FILE *f, const struct iso_limit_rec *r,
			const char *dir, int quota, int used, int drops,
			uint32_t spent_bit)
{
	const double mib = 1024.0 * 1024;

	if (!r->params[quota])
		return;
	fprintf(f, "; %s quota %.1f MiB, %.1f MiB used%s, %" PRIu64
		" packets dropped", dir, r->params[quota] / mib,
		r->state[used] / mib,
		r->state[ISO_A_NET_QUOTA_SPENT] & spent_bit ? ", spent" : "",
		r->state[drops]);
}

static void net_print(FILE *f, const struct iso_limit_rec *r)
{
	const uint64_t *s = r->state;
	unsigned int i;

	fprintf(f, "%s; rx %" PRIu64 " bytes in %" PRIu64 " packets, tx %"
		PRIu64 " bytes in %" PRIu64 " packets",
		s[ISO_A_NET_OWN_NETNS] ? "its own netns" : "by socket",
		s[ISO_A_NET_RX_BYTES], s[ISO_A_NET_RX_PACKETS],
		s[ISO_A_NET_TX_BYTES], s[ISO_A_NET_TX_PACKETS]);
	if (r->n_rules || r->params[ISO_A_NET_DEFAULT] == ISO_NET_DENY) {
		fprintf(f, "; egress ");
		for (i = 0; i < r->n_rules; i++) {
			print_rule(f, &r->rules[i]);
			fprintf(f, ", ");
		}
		fprintf(f, "else %s, %" PRIu64 " denied",
			r->params[ISO_A_NET_DEFAULT] == ISO_NET_DENY ?
			"deny" : "allow", s[ISO_A_NET_DENIED]);
	}
	print_quota(f, r, "rx", ISO_A_NET_QUOTA_RX, ISO_A_NET_QUOTA_USED_RX,
		    ISO_A_NET_QUOTA_DROPS_RX, ISO_NET_QUOTA_SPENT_RX);
	print_quota(f, r, "tx", ISO_A_NET_QUOTA_TX, ISO_A_NET_QUOTA_USED_TX,
		    ISO_A_NET_QUOTA_DROPS_TX, ISO_NET_QUOTA_SPENT_TX);
}

static const struct iso_limit_alias net_aliases[] = {
	{ "net-account", NULL, "account" },
	{ "net-deny", "PROTO[:PORT[-PORT]]", "deny=" },
	{ "net-allow", "PROTO[:PORT[-PORT]]", "allow=" },
	{ "net-default", "allow|deny", "default=" },
	{ "net-quota", "rx|tx:SIZE", "quota=" },
	{}
};

static void net_brief(char *buf, size_t len, const struct iso_limit_rec *r)
{
	const uint64_t *s = r->state;

	snprintf(buf, len, "denied %" PRIu64 "%s", s[ISO_A_NET_DENIED] +
		 s[ISO_A_NET_QUOTA_DROPS_RX] + s[ISO_A_NET_QUOTA_DROPS_TX],
		 s[ISO_A_NET_QUOTA_SPENT] ? ", quota spent" : "");
}

const struct iso_limit_kind iso_limit_net = {
	.controller	= "net",
	.option		= "net",
	.arg_help	= "TERM[,TERM]...",
	.u64_params	= 1u << ISO_A_NET_QUOTA_RX | 1u << ISO_A_NET_QUOTA_TX,
	.parse		= net_parse,
	.print		= net_print,
	.to_json	= net_to_json,
	.brief		= net_brief,
	.aliases	= net_aliases,
	.nested_params	= 1u << ISO_A_NET_RULES,
	.put_nested	= net_put_rules,
	.parse_nested	= net_parse_rules,
};
