/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Every controller iso.ko has.  A new one is a file in this directory, a
 * line in Kbuild, its declaration here and its entry in table.c;
 * Documentation/controllers.rst says what else it needs outside the module.
 */
#ifndef _ISO_CONTROLLERS_H
#define _ISO_CONTROLLERS_H

#include <linux/atomic.h>

#include "../controller.h"

extern struct iso_controller iso_controller_fork_rate;
extern struct iso_controller iso_controller_cpu_budget;
extern struct iso_controller iso_controller_mem_watch;
extern struct iso_controller iso_controller_net;
extern struct iso_controller iso_controller_exec_count;

/* One egress rule of the net controller. */
struct iso_net_rule {
	u16 port_min;			/* 0 and U16_MAX: every port */
	u16 port_max;
	u8 proto;
	u8 verdict;
};

/* for the KUnit cases */
bool iso_gcra_admit(atomic64_t *tat, u64 now, u64 interval, u64 tolerance);
bool iso_cpu_budget_over(u64 spent_ns, u64 budget_ns);
u64 iso_cpu_budget_slice(u64 budget_ns, unsigned int cpus);
bool iso_mem_watch_above(bool above, u64 usage, u64 level, u64 hysteresis);
int iso_mem_watch_terms(struct nlattr *params, struct nlattr **tb,
			u64 *level, u64 *hysteresis, u32 *interval_ms,
			struct netlink_ext_ack *extack);

u32 iso_net_match(const struct iso_net_rule *rules, u32 n, u32 dflt,
		  u8 proto, int port);
int iso_net_parse_rule(struct nlattr *nest, struct iso_net_rule *r,
		       struct netlink_ext_ack *extack);

#endif /* _ISO_CONTROLLERS_H */
