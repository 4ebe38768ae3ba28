// SPDX-License-Identifier: GPL-2.0
/*
 * exec_count: how many times a container's tasks have exec'd one file.
 * The smallest controller, and the one Documentation/controllers.rst
 * walks through: one probe, one counter, no action.
 *
 * The file is given as an fd, and kept as its inode's superblock device,
 * number and generation: a path means something else in each mount
 * namespace, and what stat(2) says of a file may not be its inode's
 * (btrfs gives each subvolume a device of its own, overlayfs maps devices
 * too).  The generation tells apart the same number in two btrfs
 * subvolumes, which share a superblock.  What counts is the file the
 * kernel loads, bprm->file: for a script or a binfmt_misc entry, the
 * interpreter.
 *
 * sched_process_exec runs in the task that exec'd, after the new image is
 * in place, in process context but with preemption off on the kernels
 * whose tracepoints do not run under SRCU.  The probe only compares and
 * adds to an atomic counter, which is safe in either.
 */
#include <linux/atomic.h>
#include <linux/binfmts.h>
#include <linux/cgroup.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/kdev_t.h>
#include <trace/events/sched.h>

#include "../controller.h"
#include "controllers.h"
#include "../iso.h"

struct iso_exec_count {
	struct iso_limit limit;
	dev_t dev;			/* the file's, fixed once set */
	u64 ino;
	u32 generation;			/* tells btrfs subvolumes apart */
	atomic64_t execs;
};

ISO_LIMIT_STATE(struct iso_exec_count, limit);

static void iso_exec_count_probe(void *data, struct task_struct *p,
				 pid_t old_pid, struct linux_binprm *bprm)
{
	unsigned long levels = READ_ONCE(iso_registry_levels);
	struct inode *inode = file_inode(bprm->file);
	struct iso_exec_count *ec;
	struct iso_container *c;
	struct cgroup *cgrp;
	struct iso_limit *l;
	int lvl = 0;

	if (!levels)
		return;
	rcu_read_lock();
	cgrp = task_dfl_cgroup(p);
	/* every container @p is in that counts this file, outer ones too */
	while ((c = iso_next_container(cgrp, levels, &lvl))) {
		l = iso_limit_of(c, &iso_controller_exec_count);
		if (!l)
			continue;
		ec = container_of(l, struct iso_exec_count, limit);
		if (ec->ino == inode->i_ino &&
		    ec->generation == inode->i_generation &&
		    ec->dev == inode->i_sb->s_dev)
			atomic64_inc(&ec->execs);
	}
	rcu_read_unlock();
}

static void __maybe_unused iso_exec_count_check_prototype(void)
{
	check_trace_callback_type_sched_process_exec(iso_exec_count_probe);
}

static const struct nla_policy
iso_exec_count_policy[ISO_A_EXEC_COUNT_MAX + 1] = {
	[ISO_A_EXEC_COUNT_PAD]	 = { .type = NLA_REJECT },
	[ISO_A_EXEC_COUNT_FD]	 = NLA_POLICY_MIN(NLA_S32, 0),
	[ISO_A_EXEC_COUNT_DEV]	 = { .type = NLA_REJECT },
	[ISO_A_EXEC_COUNT_INO]	 = { .type = NLA_REJECT },
	[ISO_A_EXEC_COUNT_EXECS] = { .type = NLA_REJECT },
};

/*
 * The file is fixed for the life of the limit: the probe reads dev and
 * ino without a lock, and a pair changed under it could match neither
 * file.  Setting the same file again, as a runtime that re-applies its
 * limits does, changes nothing.  The limit does not pin the file: once
 * it is deleted, its inode number may come back as another file's.
 */
static int iso_exec_count_set(struct iso_limit *l, struct nlattr *params,
			      struct nlattr **tb, bool fresh,
			      struct netlink_ext_ack *extack)
{
	struct iso_exec_count *ec =
		container_of(l, struct iso_exec_count, limit);
	struct nlattr *fd = tb[ISO_A_EXEC_COUNT_FD];
	struct inode *inode;
	struct file *file;
	bool regular;
	u32 generation;
	dev_t dev;
	u64 ino;

	if (NL_REQ_ATTR_CHECK(extack, params, tb, ISO_A_EXEC_COUNT_FD)) {
		NL_SET_ERR_MSG_MOD(extack, "exec_count: the file's fd is needed");
		return -EINVAL;
	}
	file = fget_raw(nla_get_s32(fd));
	if (!file) {
		NL_SET_ERR_MSG_ATTR(extack, fd, "exec_count: no such fd");
		return -EBADF;
	}
	inode = file_inode(file);
	regular = S_ISREG(inode->i_mode);
	dev = inode->i_sb->s_dev;
	ino = inode->i_ino;
	generation = inode->i_generation;
	fput(file);
	if (!regular) {
		NL_SET_ERR_MSG_ATTR(extack, fd,
				    "exec_count: not a regular file, which exec needs");
		return -EINVAL;
	}
	if (fresh) {
		ec->dev = dev;
		ec->ino = ino;
		ec->generation = generation;
		return 0;
	}
	if (dev == ec->dev && ino == ec->ino && generation == ec->generation)
		return 0;
	NL_SET_ERR_MSG_ATTR(extack, fd,
			    "exec_count: counts one file; clear it to count another");
	return -EBUSY;
}

static int iso_exec_count_fill_params(struct sk_buff *skb,
				      const struct iso_limit *l)
{
	const struct iso_exec_count *ec =
		container_of(l, struct iso_exec_count, limit);

	/* as stat(2) encodes st_dev */
	if (nla_put_u32(skb, ISO_A_EXEC_COUNT_DEV, new_encode_dev(ec->dev)) ||
	    nla_put_u64_64bit(skb, ISO_A_EXEC_COUNT_INO, ec->ino,
			      ISO_A_EXEC_COUNT_PAD))
		return -EMSGSIZE;
	return 0;
}

static int iso_exec_count_fill_state(struct sk_buff *skb,
				     const struct iso_limit *l)
{
	const struct iso_exec_count *ec =
		container_of(l, struct iso_exec_count, limit);

	return nla_put_u64_64bit(skb, ISO_A_EXEC_COUNT_EXECS,
				 atomic64_read(&ec->execs),
				 ISO_A_EXEC_COUNT_PAD) ? -EMSGSIZE : 0;
}

struct iso_controller iso_controller_exec_count __ro_after_init = {
	.name		= "exec_count",
	.policy		= iso_exec_count_policy,
	.maxattr	= ISO_A_EXEC_COUNT_MAX,
	.state_size	= sizeof(struct iso_exec_count),
	.probes		= {
		{ "sched_process_exec", iso_exec_count_probe },
	},
	.set		= iso_exec_count_set,
	.fill_params	= iso_exec_count_fill_params,
	.fill_state	= iso_exec_count_fill_state,
	.fill_size	= ISO_NLA_U32_SIZE + 2 * ISO_NLA_U64_SIZE,
};
EXPORT_SYMBOL_IF_ISO_KUNIT(iso_controller_exec_count);
