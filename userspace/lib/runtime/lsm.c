// SPDX-License-Identifier: GPL-2.0
/*
 * lxc.apparmor.* and lxc.selinux.*, as LXC 5.0.2's lsm/ applies them: an
 * AppArmor profile, loaded already or generated for the container, or an
 * SELinux context, becomes init's at exec ("exec NAME",
 * aa_change_onexec()'s, or setexeccon()), which the start hook, forked
 * before that exec, inherits, as LXC's does.  "unconfined" is the
 * admin's to ask for, with iso.privileged.  The session keyring is made
 * with lxc.selinux.context.keyring's context, or else the context's.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <keyutils.h>
#include <sys/apparmor.h>
#include <selinux/selinux.h>

#include "config/config.h"
#include "error.h"
#include "runtime/apparmor_profile.h"
#include "runtime/init_process.h"
#include "runtime/lsm.h"

static bool apparmor_on(void)
{
	char c = 0;
	FILE *f = fopen("/sys/module/apparmor/parameters/enabled", "re");

	if (!f)
		return false;
	if (fread(&c, 1, 1, f) != 1)
		c = 0;
	fclose(f);
	return c == 'Y';
}

static bool self_unconfined(void);

/*
 * Where the kernel has SELinux on: selinuxfs is mounted, which is what
 * libselinux needs.  Not is_selinux_enabled(), LXC's test, which also
 * wants /etc/selinux/config and, without one, would have the container
 * run in the starter's context instead of the one asked for.
 */
static bool selinux_on(void)
{
	return !access("/sys/fs/selinux/enforce", F_OK);
}

/* LXC's default, unconfined_t, changes nothing. */
static const char *selinux_context(const struct iso_config *cfg)
{
	return strcmp(cfg->selinux_context, "unconfined_t") ?
	       cfg->selinux_context : "";
}

/* The session keyring's: lxc.selinux.context.keyring's, or the context's. */
static const char *selinux_keyring(const struct iso_config *cfg)
{
	return cfg->selinux_keyring[0] ? cfg->selinux_keyring :
	       selinux_context(cfg);
}

static int selinux_check(const char *key, const char *context)
{
	if (!context[0] || !security_check_context_raw(context))
		return 0;
	if (errno == EINVAL)
		return iso_failf(-errno, key, "= %.128s: not a context of the policy loaded",
				 context);
	return iso_failf(-errno, key, "= %.128s: checking it", context);
}

/* lxc.selinux.context and .keyring, checked against the policy loaded. */
static int selinux_prepare(const struct iso_config *cfg, struct iso_lsm *lsm)
{
	const char *context = selinux_context(cfg);
	const char *keyring = selinux_keyring(cfg);
	int ret;

	if (!context[0] && !keyring[0])
		return 0;
	if (!selinux_on()) {
		fprintf(stderr, "isoctl: notice: lxc.selinux.context%s = %.128s: SELinux is not on here (no selinuxfs), so it is ignored, as LXC ignores it\n",
			context[0] ? "" : ".keyring", context[0] ? context : keyring);
		return 0;
	}
	ret = selinux_check("lxc.selinux.context", context);
	if (!ret && cfg->selinux_keyring[0])
		ret = selinux_check("lxc.selinux.context.keyring", keyring);
	if (ret)
		return ret;
	snprintf(lsm->se_exec, sizeof(lsm->se_exec), "%s", context);
	/* with lxc.keyring.session = 0 there is no keyring of its own */
	if (cfg->keyring_session)
		snprintf(lsm->se_keyring, sizeof(lsm->se_keyring), "%s", keyring);
	return 0;
}

/*
 * Whether the kernel has @profile loaded, where securityfs says so: a
 * line "NAME (MODE)".  Where it is not mounted, init's exec says it.
 */
static bool profile_loaded(const char *profile)
{
	FILE *f = fopen("/sys/kernel/security/apparmor/profiles", "re");
	size_t len = strlen(profile);
	char line[1024];
	bool found = false;

	if (!f)
		return true;
	while (!found && fgets(line, sizeof(line), f))
		found = !strncmp(line, profile, len) && !strncmp(line + len, " (", 2);
	fclose(f);
	return found;
}

/* Without mount rules a profile cannot keep /proc and /sys from mounts. */
static int check_complete(const struct iso_config *cfg)
{
	if (cfg->apparmor_allow_incomplete ||
	    !access("/sys/kernel/security/apparmor/features/mount/mask", F_OK))
		return 0;
	return iso_fail(-EOPNOTSUPP, "lxc.apparmor.profile:",
			"this AppArmor has no mount rules (or securityfs is not mounted); lxc.apparmor.allow_incomplete = 1 starts it so");
}

int iso_lsm_prepare(const struct iso_config *cfg, const char *name,
		    const char *store, const char *dir, struct iso_lsm *lsm)
{
	const char *profile = cfg->apparmor_profile;
	bool unconfined = !strcmp(profile, "unconfined");
	bool unchanged = !strcmp(profile, "unchanged");
	int ret;

	memset(lsm, 0, sizeof(*lsm));
	ret = selinux_prepare(cfg, lsm);
	if (ret || !profile[0])
		return ret;
	if (!apparmor_on()) {
		fprintf(stderr, "isoctl: notice: lxc.apparmor.profile = %.64s: AppArmor is not on here, so it is ignored, as LXC ignores it\n",
			profile);
		return 0;
	}
	/* LXC's "unchanged" is isoctl's own: unconfined, as a rule */
	if ((unconfined || (unchanged && self_unconfined())) && !cfg->privileged)
		return iso_failf(-EPERM, "lxc.apparmor.profile", "%.16s: it needs iso.privileged = 1 too",
				 profile);
	if (unchanged || (unconfined && self_unconfined()))
		return 0;
	ret = unconfined ? 0 : check_complete(cfg);
	if (!ret && !strcmp(profile, "generated"))
		return iso_aa_generated_load(cfg, name, store, dir, lsm);
	/* stacked (A//&B) and namespaced (:ns:p) ones are the kernel's to judge */
	if (!ret && !unconfined && !strstr(profile, "//") && profile[0] != ':' &&
	    !profile_loaded(profile))
		ret = iso_failf(-ENOENT, "lxc.apparmor.profile", "%.64s: not loaded",
				profile);
	if (!ret)
		snprintf(lsm->label, sizeof(lsm->label), "%.511s", profile);
	return ret;
}

void iso_lsm_release(struct iso_lsm *lsm)
{
	iso_aa_generated_unload(lsm);
}

/*
 * This thread's AppArmor attribute @attr, through /proc/thread-self:
 * libapparmor names it by gettid(), which in a new pid namespace is 1,
 * the host's init while our /proc is the host's.
 */
static FILE *attr_open(const char *attr, const char *mode)
{
	char path[64];
	FILE *f;

	snprintf(path, sizeof(path), "/proc/thread-self/attr/apparmor/%s", attr);
	f = fopen(path, mode);
	if (!f && errno == ENOENT) {
		snprintf(path, sizeof(path), "/proc/thread-self/attr/%s", attr);
		f = fopen(path, mode);
	}
	return f;
}

static bool self_unconfined(void)
{
	char label[64] = "";
	FILE *f = attr_open("current", "re");

	if (!f)
		return false;
	if (!fgets(label, sizeof(label), f))
		label[0] = '\0';
	fclose(f);
	label[strcspn(label, "\n")] = '\0';
	return !strcmp(label, "unconfined");
}

int iso_lsm_join_keyring(const char *label)
{
	int ret = 0;

	if (!label[0])
		return iso_new_session_keyring();
	/* through /proc/thread-self, which is not gettid()'s 1 here */
	if (setkeycreatecon_raw(label) < 0)
		return iso_failf(-errno, "lxc.selinux.context.keyring", "= %.128s: setting it",
				 label);
	/* a keyring refused is the starter's shared, not what was asked */
	if (keyctl_join_session_keyring(NULL) < 0)
		ret = iso_failf(-errno, "lxc.selinux.context.keyring", "= %.128s: joining a session keyring with it",
				label);
	/* no key the child makes before its exec is labelled so */
	setkeycreatecon_raw(NULL);
	return ret;
}

const char *iso_lsm_attach_keyring(const struct iso_config *cfg)
{
	return cfg->keyring_session && selinux_on() ? selinux_keyring(cfg) : "";
}

int iso_lsm_exec_label(const struct iso_lsm *lsm)
{
	FILE *f;
	int ret;

	if (lsm->se_exec[0] && setexeccon_raw(lsm->se_exec) < 0)
		return iso_failf(-errno, "lxc.selinux.context", "= %.128s: setting it for init's exec",
				 lsm->se_exec);
	if (!lsm->label[0])
		return 0;
	/* aa_change_onexec()'s "exec NAME"; ENOENT: no such profile loaded */
	f = attr_open("exec", "we");
	if (!f)
		return iso_failf(-errno, "lxc.apparmor.profile", "%.64s: opening /proc/thread-self/attr",
				 lsm->label);
	ret = fprintf(f, "exec %.599s", lsm->label) < 0 ? -EIO : 0;
	if (fclose(f) && !ret)
		ret = -errno;
	return ret ? iso_failf(ret, "lxc.apparmor.profile", "%.64s at init's exec",
			       lsm->label) : 0;
}

/* lxc-attach's: init's context at the command's exec, where it is not ours */
static int selinux_attach_label(pid_t init)
{
	char *label = NULL, *own = NULL;
	int ret = 0;

	if (getpidcon_raw(init, &label) < 0)
		return iso_fail(-errno, "attach: reading", "init's SELinux context");
	if (getcon_raw(&own) < 0)
		ret = iso_fail(-errno, "attach: reading", "this SELinux context");
	else if (strcmp(label, own) && setexeccon_raw(label) < 0)
		ret = iso_failf(-errno, "attach", "taking init's SELinux context %.128s",
				label);
	freecon(own);
	freecon(label);
	return ret;
}

int iso_lsm_attach_label(pid_t init)
{
	char *label = NULL;
	int ret = 0;

	if (selinux_on()) {
		ret = selinux_attach_label(init);
		if (ret)
			return ret;
	}
	if (!apparmor_on())
		return 0;
	if (aa_gettaskcon(init, &label, NULL) < 0)
		return iso_fail(-errno, "attach: reading", "init's AppArmor profile");
	if (strcmp(label, "unconfined") && aa_change_onexec(label))
		ret = iso_failf(-errno, "attach", "taking init's AppArmor profile %.64s",
				label);
	free(label);
	return ret;
}
