// SPDX-License-Identifier: GPL-2.0
/* Capabilities (libcap), no_new_privs and seccomp (libseccomp). */
#include <ctype.h>
#include <errno.h>
#include <sched.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/capability.h>
#include <seccomp.h>

#include "config/config.h"
#include "error.h"
#include "runtime/device_rules.h"
#include "runtime/seccomp_profile.h"
#include "runtime/fd_pass.h"
#include "runtime/security.h"

int iso_cap_parse(const char *name, int *cap)
{
	char full[64];
	cap_value_t v;
	size_t i;

	snprintf(full, sizeof(full), "%s%s",
		 strncasecmp(name, "cap_", 4) ? "cap_" : "", name);
	for (i = 0; full[i]; i++)
		full[i] = tolower((unsigned char)full[i]);
	if (cap_from_name(full, &v))
		return -EINVAL;
	*cap = v;
	return 0;
}

static bool listed(const struct iso_cfg_list *l, int cap)
{
	int i, c;

	for (i = 0; i < l->n; i++)
		if (!iso_cap_parse(l->item[i], &c) && c == cap)
			return true;
	return false;
}

/*
 * Docker's default set, what root in a container keeps unless told.
 * CAP_MKNOD is safe in it because of the device allowlist: a node of a
 * host disk can be made, not opened.
 */
static const int default_keep[] = {
	CAP_CHOWN, CAP_DAC_OVERRIDE, CAP_FOWNER, CAP_FSETID, CAP_KILL,
	CAP_SETGID, CAP_SETUID, CAP_SETPCAP, CAP_SETFCAP, CAP_MKNOD,
	CAP_NET_BIND_SERVICE, CAP_NET_RAW, CAP_SYS_CHROOT, CAP_AUDIT_WRITE,
};

/*
 * What reaches the host from a container's root, outside a user
 * namespace of its own: mounts and everything CAP_SYS_ADMIN gates, the
 * kernel's modules, ports and memory, device nodes (where the device
 * allowlist lets every device be used), the host's clock and log, BPF and perf, the LSM, and
 * open_by_handle_at's way around the mount tree.
 */
static const int unsafe[] = {
	CAP_SYS_ADMIN, CAP_SYS_MODULE, CAP_SYS_RAWIO, CAP_MKNOD, CAP_SYS_TIME,
	CAP_SYSLOG, CAP_BPF, CAP_PERFMON, CAP_MAC_ADMIN, CAP_MAC_OVERRIDE,
	CAP_DAC_READ_SEARCH,
};

bool iso_cap_kept(const struct iso_config *cfg, int cap)
{
	size_t i;

	if (cfg->cap_keep.n)
		return listed(&cfg->cap_keep, cap);
	if (cfg->cap_drop.n)
		return !listed(&cfg->cap_drop, cap);
	/* in its own user namespace, root keeps all, as in LXC */
	if (cfg->privileged || cfg->n_idmaps)
		return true;
	for (i = 0; i < sizeof(default_keep) / sizeof(default_keep[0]); i++)
		if (default_keep[i] == cap)
			return true;
	return false;
}

/* The unsafe capabilities root keeps, as "cap_a,cap_b"; "" if none. */
static void unsafe_kept(const struct iso_config *cfg, char *buf, size_t size)
{
	size_t i, used = 0;
	char *name;

	buf[0] = '\0';
	if (cfg->n_idmaps)	/* its own user namespace's, not the host's */
		return;
	for (i = 0; i < sizeof(unsafe) / sizeof(unsafe[0]); i++) {
		if (!iso_cap_kept(cfg, unsafe[i]))
			continue;
		if (unsafe[i] == CAP_MKNOD && !iso_dev_list_open(cfg))
			continue;
		name = cap_to_name(unsafe[i]);
		used += snprintf(buf + used, size - used, "%s%s",
				 used ? "," : "", name ? name : "?");
		cap_free(name);
		if (used >= size)
			break;
	}
}

bool iso_root_safe(const struct iso_config *cfg)
{
	char kept[256];

	/* iso applies no LSM profile: the capabilities alone decide */
	unsafe_kept(cfg, kept, sizeof(kept));
	return !kept[0];
}

/* The keys read but not applied, by name, as far as @size goes. */
static void unapplied_keys(const struct iso_config *cfg, char *out,
			   size_t size)
{
	size_t len = 0;
	int i, n;

	out[0] = '\0';
	for (i = 0; i < cfg->n_unapplied; i++) {
		n = snprintf(out + len, size - len, "%.2s%.*s", i ? ", " : "",
			     (int)strcspn(cfg->unapplied[i], " "),
			     cfg->unapplied[i]);
		if (n < 0 || (size_t)n >= size - len) {
			snprintf(out + len, size - len, "%.2s...", i ? ", " : "");
			return;
		}
		len += n;
	}
}

void iso_security_warn(const struct iso_config *cfg, const char *name)
{
	char kept[256], keys[400];

	unsafe_kept(cfg, kept, sizeof(kept));
	if (kept[0])
		fprintf(stderr, "isoctl: warning: %.64s is not root-safe: its root keeps %.200s on the host (see isoctl(8), SECURITY)\n",
			name, kept);
	if (!cfg->autodev)
		fprintf(stderr, "isoctl: warning: %.64s has lxc.autodev = 0: the device nodes of its image work inside\n",
			name);
	/* never less than the config asks for, without saying so */
	if (cfg->n_unapplied) {
		unapplied_keys(cfg, keys, sizeof(keys) - 8);
		fprintf(stderr, "isoctl: notice: %.64s: read but not applied yet: %.400s%.9s (isoctl checkconfig -f)\n",
			name, keys, cfg->unapplied_more ? ", and more" : "");
	}
}

static int drop_caps(const struct iso_config *cfg, uint64_t limit)
{
	cap_t caps = cap_get_proc();
	cap_value_t c;
	int ret = 0;

	if (!caps)
		return iso_fail(-errno, "reading", "capabilities");
	/* every capability this kernel has, which may be more than libcap's */
	for (c = 0; c < (cap_value_t)cap_max_bits() && !ret; c++) {
		if (iso_cap_kept(cfg, c) && (c >= 64 || (limit >> c & 1)))
			continue;
		if (prctl(PR_CAPBSET_DROP, c, 0, 0, 0) && errno != EINVAL)
			ret = iso_failf(-errno, "dropping", "capability %d", c);
		cap_set_flag(caps, CAP_EFFECTIVE, 1, &c, CAP_CLEAR);
		cap_set_flag(caps, CAP_PERMITTED, 1, &c, CAP_CLEAR);
		cap_set_flag(caps, CAP_INHERITABLE, 1, &c, CAP_CLEAR);
	}
	if (!ret && cap_set_proc(caps))
		ret = iso_fail(-errno, "setting", "capabilities");
	cap_free(caps);
	return ret;
}

/*
 * The default denylist, Docker's way: a call that a capability the
 * container keeps would allow is left to the kernel's own check, since
 * that capability is the container's to use (and a container keeping
 * CAP_SYS_ADMIN is not root-safe anyway).  NONE: denied whatever is kept.
 */
#define NONE -1
static const struct {
	const char *name;
	int unless;
} denied[] = {
	{ "mount", CAP_SYS_ADMIN }, { "umount2", CAP_SYS_ADMIN },
	{ "pivot_root", CAP_SYS_ADMIN }, { "move_mount", CAP_SYS_ADMIN },
	{ "open_tree", CAP_SYS_ADMIN }, { "fsopen", CAP_SYS_ADMIN },
	{ "fsmount", CAP_SYS_ADMIN }, { "fsconfig", CAP_SYS_ADMIN },
	{ "fspick", CAP_SYS_ADMIN }, { "mount_setattr", CAP_SYS_ADMIN },
	{ "bpf", CAP_SYS_ADMIN }, { "perf_event_open", CAP_SYS_ADMIN },
	{ "unshare", CAP_SYS_ADMIN }, { "setns", CAP_SYS_ADMIN },
	{ "userfaultfd", CAP_SYS_PTRACE },
	{ "iopl", CAP_SYS_RAWIO }, { "ioperm", CAP_SYS_RAWIO },
	/* the keyring is not namespaced */
	{ "keyctl", NONE }, { "add_key", NONE }, { "request_key", NONE },
	{ "kexec_load", NONE }, { "kexec_file_load", NONE },
	/* a kernel attack surface of its own, which Docker denies too */
	{ "io_uring_setup", NONE }, { "io_uring_enter", NONE },
	{ "io_uring_register", NONE },
	{ "init_module", NONE }, { "finit_module", NONE },
	{ "delete_module", NONE }, { "open_by_handle_at", NONE },
};

/* What iso.privileged keeps: LXC's distribution templates' list. */
static const char *const denied_privileged[] = {
	"kexec_load", "kexec_file_load", "open_by_handle_at", "init_module",
	"finit_module", "delete_module",
};

static int deny(scmp_filter_ctx ctx, const char *name)
{
	int nr = seccomp_syscall_resolve_name(name);

	/* a call this libseccomp does not know, this kernel lacks too */
	if (nr == __NR_SCMP_ERROR)
		return 0;
	return seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM), nr, 0);
}

/*
 * Without CAP_SYS_ADMIN, no new namespace either, as in Docker: a user
 * namespace would give root inside every capability over new network
 * and mount namespaces, and nf_tables, say, with them.  clone() with any
 * CLONE_NEW* flag is refused; clone3(), whose flags seccomp cannot see,
 * says ENOSYS, so that libc falls back to clone().
 */
static int deny_new_namespaces(scmp_filter_ctx ctx)
{
	static const unsigned long flags[] = {
		CLONE_NEWNS, CLONE_NEWUTS, CLONE_NEWIPC, CLONE_NEWUSER,
		CLONE_NEWPID, CLONE_NEWNET, CLONE_NEWCGROUP,
	};
	size_t i;
	int ret = 0;

	for (i = 0; !ret && i < sizeof(flags) / sizeof(flags[0]); i++)
		ret = seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM), SCMP_SYS(clone), 1,
				       SCMP_A0(SCMP_CMP_MASKED_EQ, flags[i], flags[i]));
	if (!ret)
		ret = seccomp_rule_add(ctx, SCMP_ACT_ERRNO(ENOSYS),
				       SCMP_SYS(clone3), 0);
	return ret;
}

static int add_rules(scmp_filter_ctx ctx, const struct iso_config *cfg)
{
	size_t i;
	int ret = 0;

	if (cfg->privileged) {
		for (i = 0; !ret && i < sizeof(denied_privileged) / sizeof(denied_privileged[0]); i++)
			ret = deny(ctx, denied_privileged[i]);
	} else {
		for (i = 0; !ret && i < sizeof(denied) / sizeof(denied[0]); i++)
			if (denied[i].unless == NONE ||
			    !iso_cap_kept(cfg, denied[i].unless))
				ret = deny(ctx, denied[i].name);
		if (!ret && !iso_cap_kept(cfg, CAP_SYS_ADMIN))
			ret = deny_new_namespaces(ctx);
	}
	/* no forced umount, as LXC's templates, where umount is allowed */
	if (!ret && (cfg->privileged || iso_cap_kept(cfg, CAP_SYS_ADMIN)))
		ret = seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM),
				       SCMP_SYS(umount2), 1,
				       SCMP_A1(SCMP_CMP_MASKED_EQ, MNT_FORCE,
					       MNT_FORCE));
	return ret;
}

static int load_seccomp(const struct iso_config *cfg)
{
	scmp_filter_ctx ctx = seccomp_init(SCMP_ACT_ALLOW);
	int ret;

	if (!ctx)
		return iso_fail(-ENOMEM, "seccomp:", "creating the filter");
	/* root loads it without no_new_privs, which stays the config's call */
	ret = seccomp_attr_set(ctx, SCMP_FLTATR_CTL_NNP, 0);
	/* i386 and x32 calls get the same rules, instead of a kill */
	if (!ret)
		ret = seccomp_arch_add(ctx, SCMP_ARCH_X86);
	if (!ret || ret == -EEXIST)
		ret = seccomp_arch_add(ctx, SCMP_ARCH_X32);
	if (!ret || ret == -EEXIST)
		ret = add_rules(ctx, cfg);
	if (!ret)
		ret = seccomp_load(ctx);
	seccomp_release(ctx);
	return ret ? iso_fail(ret, "seccomp:", "loading the denylist") : 0;
}

/*
 * Seccomp first, while CAP_SYS_ADMIN lets it load without no_new_privs:
 * ours, then the config's, whose errno wins where both deny a call.
 */
/* Its notify rules' listener to start's monitor, at once: never init's. */
static int hand_on_listener(const struct iso_seccomp_profile *profile, int sk)
{
	int fd = iso_seccomp_profile_listener(profile), ret;

	if (fd < 0)
		return fd;
	ret = iso_send_fds(sk, ISO_FD_TAG_LISTENER, &fd, 1);
	close(fd);
	return ret ? iso_fail(ret, "seccomp: handing on", "the listener") : 0;
}

int iso_security_apply(const struct iso_config *cfg,
		       const struct iso_seccomp_profile *profile,
		       uint64_t limit, int listener_sk)
{
	int ret = cfg->seccomp ? load_seccomp(cfg) : 0;

	if (!ret)
		ret = iso_seccomp_profile_load(profile);
	/* before any other call, which a notify rule may stop */
	if (!ret && listener_sk >= 0 && iso_seccomp_profile_notifies(profile))
		ret = hand_on_listener(profile, listener_sk);
	if (!ret)
		ret = drop_caps(cfg, limit);
	if (!ret && cfg->no_new_privs && prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0))
		ret = iso_fail(-errno, "setting", "no_new_privs");
	return ret;
}
