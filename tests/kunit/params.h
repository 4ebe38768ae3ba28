/* SPDX-License-Identifier: GPL-2.0 */
/* A controller's parameters, as ISO_CMD_LIMIT_SET carries them, for cases. */
#ifndef _ISO_KUNIT_PARAMS_H
#define _ISO_KUNIT_PARAMS_H

#include <kunit/test.h>
#include <linux/skbuff.h>
#include <net/netlink.h>

#include "controller.h"

/* A new message holding an open ISO_A_LIMIT_PARAMS nest, for a case to fill. */
struct sk_buff *iso_kunit_params(struct kunit *test, struct nlattr **nest);

/*
 * End @nest and parse it with @ctrl's policy, as the framework does: the
 * attributes, or an ERR_PTR.  They live as long as the case.
 */
struct nlattr **iso_kunit_parse(struct kunit *test,
				const struct iso_controller *ctrl,
				struct sk_buff *skb, struct nlattr *nest,
				struct netlink_ext_ack *extack);

/* Parse @nest and, if it parses, set() it on @l as a new limit; free @skb. */
int iso_kunit_set(struct kunit *test, const struct iso_controller *ctrl,
		  struct iso_limit *l, struct sk_buff *skb,
		  struct nlattr *nest, struct netlink_ext_ack *extack);

#endif /* _ISO_KUNIT_PARAMS_H */
