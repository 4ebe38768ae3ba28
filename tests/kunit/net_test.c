// SPDX-License-Identifier: GPL-2.0
/* net: the egress rules, how they match and how one is parsed. */
#include <kunit/test.h>
#include <linux/in.h>
#include <net/netlink.h>
#include <uapi/linux/iso.h>

#include "controller.h"
#include "controllers/controllers.h"

/* First match wins; a rule with no port matches every port, fragments too. */
static void iso_net_rules_match(struct kunit *test)
{
	static const struct iso_net_rule rules[] = {
		{ 25, 25, IPPROTO_TCP, ISO_NET_DENY },
		{ 1000, 2000, IPPROTO_TCP, ISO_NET_ALLOW },
		{ 0, U16_MAX, IPPROTO_TCP, ISO_NET_DENY },
		{ 0, U16_MAX, IPPROTO_ICMP, ISO_NET_DENY },
	};
	u32 n = ARRAY_SIZE(rules);

	KUNIT_EXPECT_EQ(test, iso_net_match(rules, n, ISO_NET_ALLOW,
					    IPPROTO_TCP, 25), ISO_NET_DENY);
	KUNIT_EXPECT_EQ(test, iso_net_match(rules, n, ISO_NET_ALLOW,
					    IPPROTO_TCP, 1000), ISO_NET_ALLOW);
	KUNIT_EXPECT_EQ(test, iso_net_match(rules, n, ISO_NET_ALLOW,
					    IPPROTO_TCP, 2000), ISO_NET_ALLOW);
	KUNIT_EXPECT_EQ(test, iso_net_match(rules, n, ISO_NET_ALLOW,
					    IPPROTO_TCP, 2001), ISO_NET_DENY);
	/* a later fragment has no port: only the all-ports rule takes it */
	KUNIT_EXPECT_EQ(test, iso_net_match(rules, 2, ISO_NET_ALLOW,
					    IPPROTO_TCP, -1), ISO_NET_ALLOW);
	KUNIT_EXPECT_EQ(test, iso_net_match(rules, n, ISO_NET_ALLOW,
					    IPPROTO_TCP, -1), ISO_NET_DENY);
	KUNIT_EXPECT_EQ(test, iso_net_match(rules, n, ISO_NET_ALLOW,
					    IPPROTO_ICMP, -1), ISO_NET_DENY);
	/* the default, both ways */
	KUNIT_EXPECT_EQ(test, iso_net_match(rules, n, ISO_NET_ALLOW,
					    IPPROTO_UDP, 25), ISO_NET_ALLOW);
	KUNIT_EXPECT_EQ(test, iso_net_match(rules, n, ISO_NET_DENY,
					    IPPROTO_UDP, 53), ISO_NET_DENY);
	KUNIT_EXPECT_EQ(test, iso_net_match(rules, 0, ISO_NET_DENY,
					    IPPROTO_TCP, 25), ISO_NET_DENY);
}

/* One rule's terms; -1: leave the attribute out. */
struct net_rule_case {
	int proto, min, max, verdict;
};

static int net_rule_parse(struct kunit *test, const struct net_rule_case *t,
			  struct iso_net_rule *r, struct netlink_ext_ack *extack)
{
	struct sk_buff *skb = nlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	struct nlattr *nest;
	int ret;

	KUNIT_ASSERT_NOT_NULL(test, skb);
	nest = nla_nest_start(skb, ISO_A_NET_RULES_RULE);
	KUNIT_ASSERT_NOT_NULL(test, nest);
	if (t->proto >= 0)
		KUNIT_ASSERT_EQ(test, nla_put_u8(skb, ISO_A_NET_RULE_PROTO,
						 t->proto), 0);
	if (t->min >= 0)
		KUNIT_ASSERT_EQ(test, nla_put_u16(skb, ISO_A_NET_RULE_PORT_MIN,
						  t->min), 0);
	if (t->max >= 0)
		KUNIT_ASSERT_EQ(test, nla_put_u16(skb, ISO_A_NET_RULE_PORT_MAX,
						  t->max), 0);
	if (t->verdict >= 0)
		KUNIT_ASSERT_EQ(test, nla_put_u32(skb, ISO_A_NET_RULE_VERDICT,
						  t->verdict), 0);
	nla_nest_end(skb, nest);
	ret = iso_net_parse_rule(nest, r, extack);
	kfree_skb(skb);
	return ret;
}

/* What an omitted port means. */
static void iso_net_rule_ports(struct kunit *test)
{
	static const struct {
		struct net_rule_case in;
		u16 min, max;
	} ok[] = {
		{ { IPPROTO_TCP, -1, -1, ISO_NET_DENY }, 0, U16_MAX },
		{ { IPPROTO_TCP, 25, -1, ISO_NET_DENY }, 25, 25 },
		{ { IPPROTO_UDP, 1000, 2000, ISO_NET_ALLOW }, 1000, 2000 },
		{ { IPPROTO_SCTP, 1, 65535, ISO_NET_DENY }, 1, 65535 },
		{ { IPPROTO_ICMPV6, -1, -1, ISO_NET_DENY }, 0, U16_MAX },
	};
	struct iso_net_rule r;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(ok); i++) {
		KUNIT_ASSERT_EQ_MSG(test, net_rule_parse(test, &ok[i].in, &r,
							 NULL), 0,
				    "case %u", i);
		KUNIT_EXPECT_EQ_MSG(test, r.port_min, ok[i].min, "case %u", i);
		KUNIT_EXPECT_EQ_MSG(test, r.port_max, ok[i].max, "case %u", i);
		KUNIT_EXPECT_EQ_MSG(test, r.proto, ok[i].in.proto, "case %u",
				    i);
	}
}

/* Each refusal is EINVAL and names an attribute. */
static void iso_net_rule_refusals(struct kunit *test)
{
	static const struct net_rule_case bad[] = {
		{ -1, 25, -1, ISO_NET_DENY },		/* no protocol */
		{ IPPROTO_TCP, 25, -1, -1 },		/* no verdict */
		{ IPPROTO_TCP, 25, -1, ISO_NET_VERDICT_MAX + 1 },
		{ IPPROTO_GRE, -1, -1, ISO_NET_DENY },	/* unknown protocol */
		{ 0, -1, -1, ISO_NET_DENY },
		{ IPPROTO_ICMP, 8, -1, ISO_NET_DENY },	/* a port on icmp */
		{ IPPROTO_TCP, 0, -1, ISO_NET_DENY },	/* port 0 */
		{ IPPROTO_TCP, 2000, 1000, ISO_NET_DENY },
		{ IPPROTO_TCP, -1, 1000, ISO_NET_DENY }, /* a max alone */
	};
	struct netlink_ext_ack extack;
	struct iso_net_rule r;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		extack = (struct netlink_ext_ack){};
		KUNIT_EXPECT_EQ_MSG(test, net_rule_parse(test, &bad[i], &r,
							 &extack),
				    -EINVAL, "case %u", i);
		KUNIT_EXPECT_NOT_NULL_MSG(test, extack._msg, "case %u", i);
		KUNIT_EXPECT_TRUE_MSG(test, extack.bad_attr ||
				      extack.miss_type, "case %u", i);
	}
}

static struct kunit_case iso_net_cases[] = {
	KUNIT_CASE(iso_net_rules_match),
	KUNIT_CASE(iso_net_rule_ports),
	KUNIT_CASE(iso_net_rule_refusals),
	{}
};

static struct kunit_suite iso_net_suite = {
	.name = "iso_net",
	.test_cases = iso_net_cases,
};

kunit_test_suite(iso_net_suite);
