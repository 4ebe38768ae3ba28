/* SPDX-License-Identifier: GPL-2.0 */
#ifndef ISO_DEVICE_BPF_H
#define ISO_DEVICE_BPF_H

#include <linux/bpf.h>

#include "runtime/device_rules.h"

/* Enough for a program of ISO_DEV_MAX_RULES exceptions. */
#define ISO_DEV_BPF_MAX_INSNS	(8 + 8 * ISO_DEV_MAX_RULES)

/*
 * @list as a BPF_PROG_TYPE_CGROUP_DEVICE program, which v2 runs where v1
 * has its devices files; returns the number of instructions.
 */
int iso_dev_bpf_build(const struct iso_dev_list *list, struct bpf_insn *prog);

/*
 * Load it and attach it to the cgroup @cgroup_fd, with BPF_F_ALLOW_MULTI
 * so that a container may add its own programs below, never lift ours.
 * A negative errno after saying which step failed.
 */
int iso_dev_bpf_attach(int cgroup_fd, const struct iso_dev_list *list);

#endif /* ISO_DEVICE_BPF_H */
