// SPDX-License-Identifier: GPL-2.0
/* Capabilities (libcap), no_new_privs and seccomp (libseccomp). */
#include <ctype.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/capability.h>
#include <seccomp.h>

#include "config/config.h"
#include "error.h"
#include "runtime/security.h"

/* What LXC's distribution templates deny, with errno EPERM. */
static const char *const denied[] = {
	"kexec_load", "kexec_file_load", "open_by_handle_at", "init_module",
	"finit_module", "delete_module",
};

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

static int drop_caps(const struct iso_config *cfg)
{
	cap_t caps = cap_get_proc();
	cap_value_t c;
	int ret = 0;
	bool drop;

	if (!caps)
		return iso_fail(-errno, "reading", "capabilities");
	for (c = 0; c <= CAP_LAST_CAP && !ret; c++) {
		drop = cfg->cap_keep.n ? !listed(&cfg->cap_keep, c) :
					 listed(&cfg->cap_drop, c);
		if (!drop)
			continue;
		if (prctl(PR_CAPBSET_DROP, c, 0, 0, 0) && errno != EINVAL)
			ret = iso_failf(-errno, "dropping", "capability %s",
					cap_to_name(c));
		cap_set_flag(caps, CAP_EFFECTIVE, 1, &c, CAP_CLEAR);
		cap_set_flag(caps, CAP_PERMITTED, 1, &c, CAP_CLEAR);
		cap_set_flag(caps, CAP_INHERITABLE, 1, &c, CAP_CLEAR);
	}
	if (!ret && cap_set_proc(caps))
		ret = iso_fail(-errno, "setting", "capabilities");
	cap_free(caps);
	return ret;
}

static int load_seccomp(void)
{
	scmp_filter_ctx ctx = seccomp_init(SCMP_ACT_ALLOW);
	size_t i;
	int nr, ret = 0;

	if (!ctx)
		return iso_fail(-ENOMEM, "seccomp:", "creating the filter");
	/* root loads it without no_new_privs, which stays the config's call */
	ret = seccomp_attr_set(ctx, SCMP_FLTATR_CTL_NNP, 0);
	for (i = 0; i < sizeof(denied) / sizeof(denied[0]) && !ret; i++) {
		nr = seccomp_syscall_resolve_name(denied[i]);
		if (nr != __NR_SCMP_ERROR)
			ret = seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM), nr, 0);
	}
	/* no forced umount, as LXC's templates */
	if (!ret)
		ret = seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM),
				       SCMP_SYS(umount2), 1,
				       SCMP_A1(SCMP_CMP_MASKED_EQ, MNT_FORCE,
					       MNT_FORCE));
	if (!ret)
		ret = seccomp_load(ctx);
	seccomp_release(ctx);
	return ret ? iso_fail(ret, "seccomp:", "loading the denylist") : 0;
}

/* Seccomp first, while CAP_SYS_ADMIN lets it load without no_new_privs. */
int iso_security_apply(const struct iso_config *cfg)
{
	int ret = cfg->seccomp ? load_seccomp() : 0;

	if (!ret)
		ret = drop_caps(cfg);
	if (!ret && cfg->no_new_privs && prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0))
		ret = iso_fail(-errno, "setting", "no_new_privs");
	return ret;
}
