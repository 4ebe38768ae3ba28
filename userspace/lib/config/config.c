// SPDX-License-Identifier: GPL-2.0
/*
 * LXC-style container configuration.  One table maps each key to its
 * setter, so a new key is a new row; pre-3.0 spellings are rewritten to the
 * current ones first, so both land in the same fields.
 */
#include <arpa/inet.h>
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config/config.h"
#include "config/mount_entry.h"
#include "config/parser.h"
#include "kernel/limit_kind.h"
#include "runtime/device_rules.h"
#include "runtime/security.h"

#define MAX_INCLUDE_DEPTH 8
/* Far above any real config; what is larger is refused, not read. */
#define MAX_FILE_SIZE (1 << 20)
#define MAX_LINE 8192

/* Space-separated words appended to a list; an empty value clears it. */
static int append_words(struct parser *p, const char *key,
			struct iso_cfg_list *list, const char *value)
{
	char buf[ISO_CFG_VALUE_MAX], *word, *save = NULL;

	if (!*value) {
		list->n = 0;
		return 0;
	}
	if (cfg_copy(p, key, buf, sizeof(buf), value))
		return -EINVAL;
	for (word = strtok_r(buf, " \t", &save); word;
	     word = strtok_r(NULL, " \t", &save)) {
		if (list->n == ISO_CFG_MAX_LIST)
			return cfg_fail(p, "%.128s: more than %d entries", key,
				    ISO_CFG_MAX_LIST);
		strcpy(list->item[list->n++], word);
	}
	return 0;
}

static int append_line(struct parser *p, const char *key,
		       struct iso_cfg_list *list, const char *value)
{
	if (list->n == ISO_CFG_MAX_LIST)
		return cfg_fail(p, "%.128s: more than %d entries", key, ISO_CFG_MAX_LIST);
	return cfg_copy(p, key, list->item[list->n++], ISO_CFG_VALUE_MAX, value);
}

/* ---- top-level keys ---- */

static int set_uts_name(struct parser *p, const char *key, const char *value)
{
	const char *c;

	for (c = value; *c; c++)
		if (!(isalnum((unsigned char)*c) || strchr("-._", *c)))
			return cfg_fail(p, "%.128s: \"%.128s\" is not a host name", key, value);
	return cfg_copy(p, key, p->cfg->uts_name, sizeof(p->cfg->uts_name), value);
}

static int set_rootfs(struct parser *p, const char *key, const char *value)
{
	/* LXC spells a directory rootfs "dir:/path" as well as "/path" */
	if (!strncmp(value, "dir:", 4))
		value += 4;
	if (value[0] != '/')
		return cfg_fail(p, "%.128s: \"%.128s\" is not an absolute path", key, value);
	return cfg_copy(p, key, p->cfg->rootfs, sizeof(p->cfg->rootfs), value);
}

static int set_init_cmd(struct parser *p, const char *key, const char *value)
{
	return cfg_copy(p, key, p->cfg->init_cmd, sizeof(p->cfg->init_cmd), value);
}

static int set_console_logfile(struct parser *p, const char *key,
			       const char *value)
{
	return cfg_copy(p, key, p->cfg->console_logfile,
		    sizeof(p->cfg->console_logfile), value);
}

/*
 * lxc.console.size and .buffer.size, as LXC's setters take them: "auto"
 * (128 KiB) or a size, a page at least (0 too), rounded up to a power
 * of 2; "" is no log limit, no ring (clear_key()).
 */
static int set_console_bytes(struct parser *p, const char *key,
			     const char *value, uint64_t *out)
{
	uint64_t size, page = (uint64_t)sysconf(_SC_PAGESIZE);
	int ret = cfg_size_auto(p, key, value, &size);

	if (ret)
		return ret;
	if (size > 1ULL << 63)
		return cfg_fail(p, "%.128s: \"%.64s\" is too big", key, value);
	if (size < page)
		size = page;
	while (size & (size - 1))
		size += size & -size;
	*out = size;
	return 0;
}

static int set_console_size(struct parser *p, const char *key,
			    const char *value)
{
	return set_console_bytes(p, key, value, &p->cfg->console_size);
}

static int set_console_buffer_size(struct parser *p, const char *key,
				   const char *value)
{
	return set_console_bytes(p, key, value, &p->cfg->console_buffer_size);
}

static int set_console_rotate(struct parser *p, const char *key,
			      const char *value)
{
	return cfg_bool(p, key, value, &p->cfg->console_rotate);
}

/* A host terminal to be the console, or "none" for no console. */
static int set_console_path(struct parser *p, const char *key,
			    const char *value)
{
	return cfg_copy(p, key, p->cfg->console_path,
			sizeof(p->cfg->console_path), value);
}

static int set_tty_max(struct parser *p, const char *key, const char *value)
{
	return cfg_uint(p, key, value, 64, &p->cfg->tty_max);
}

/*
 * lxc.tty.dir: a directory under /dev, as long as a name, as LXC's
 * set_config_string_item_max() takes it; resolved in the container's root.
 */
static int set_tty_dir(struct parser *p, const char *key, const char *value)
{
	return cfg_copy(p, key, p->cfg->tty_dir, sizeof(p->cfg->tty_dir),
			value);
}

static int set_pty_max(struct parser *p, const char *key, const char *value)
{
	return cfg_uint(p, key, value, 4096, &p->cfg->pty_max);
}

/* lxc.signal.*: a signal, or 0 for @dflt, as in LXC. */
static int set_signal(struct parser *p, const char *key, const char *value,
		      int *sig, int dflt)
{
	int ret = cfg_signal(p, key, value, sig);

	if (!ret && !*sig)
		*sig = dflt;
	return ret;
}

static int set_reboot_signal(struct parser *p, const char *key,
			     const char *value)
{
	return set_signal(p, key, value, &p->cfg->reboot_signal, SIGINT);
}

static int set_halt_signal(struct parser *p, const char *key, const char *value)
{
	return set_signal(p, key, value, &p->cfg->halt_signal, SIGPWR);
}

static int set_stop_signal(struct parser *p, const char *key, const char *value)
{
	return set_signal(p, key, value, &p->cfg->stop_signal, SIGKILL);
}

/* lxc.monitor.signal.pdeath: what init gets when its monitor dies. */
static int set_pdeath_signal(struct parser *p, const char *key,
			     const char *value)
{
	return set_signal(p, key, value, &p->cfg->pdeath_signal, SIGKILL);
}

static int set_monitor_unshare(struct parser *p, const char *key,
			       const char *value)
{
	return cfg_bool(p, key, value, &p->cfg->monitor_unshare);
}

/* Capability names, with or without "cap_", checked as they come. */
static int append_caps(struct parser *p, const char *key,
		       struct iso_cfg_list *list, const char *value)
{
	int first = list->n, i, cap;

	if (append_words(p, key, list, value))
		return -EINVAL;
	for (i = first; i < list->n; i++)
		if (strcmp(list->item[i], "none") &&
		    iso_cap_parse(list->item[i], &cap))
			return cfg_fail(p, "%.128s: \"%.128s\" is not a capability", key,
				    list->item[i]);
	return 0;
}

/* LXC refuses the two together: drop these, or keep only those. */
static int set_caps(struct parser *p, const char *key, const char *value,
		    struct iso_cfg_list *list, const struct iso_cfg_list *other)
{
	if (other->n && *value)
		return cfg_fail(p, "%.128s: lxc.cap.drop and lxc.cap.keep together", key);
	return append_caps(p, key, list, value);
}

static int set_cap_drop(struct parser *p, const char *key, const char *value)
{
	return set_caps(p, key, value, &p->cfg->cap_drop, &p->cfg->cap_keep);
}

static int set_cap_keep(struct parser *p, const char *key, const char *value)
{
	return set_caps(p, key, value, &p->cfg->cap_keep, &p->cfg->cap_drop);
}

static int set_mount_entry(struct parser *p, const char *key, const char *value)
{
	struct iso_mount_entry e;
	char why[128];

	/* checked here for file:line; parsed again, the same way, to mount */
	if (iso_mount_entry_parse(value, &e, why, sizeof(why)))
		return cfg_fail(p, "%.128s: %.128s", key, why);
	return append_line(p, key, &p->cfg->mount_entries, value);
}

/* A file of lxc.mount.entry lines, read at each start, as LXC reads it. */
static int set_mount_fstab(struct parser *p, const char *key, const char *value)
{
	return cfg_copy(p, key, p->cfg->mount_fstab, sizeof(p->cfg->mount_fstab),
			value);
}

static int set_mount_auto(struct parser *p, const char *key, const char *value)
{
	static const char *const known[] = {
		"proc", "proc:mixed", "proc:rw", "sys", "sys:ro", "sys:mixed",
		"sys:rw", "cgroup", "cgroup:mixed", "cgroup:ro", "cgroup:rw",
		"cgroup:rw:force", "cgroup:mixed:force", "shmounts",
	};
	struct iso_cfg_list *l = &p->cfg->mount_auto;
	int first = l->n, i;
	size_t k;

	if (append_words(p, key, l, value))
		return -EINVAL;
	for (i = first; i < l->n; i++) {
		for (k = 0; k < sizeof(known) / sizeof(known[0]); k++)
			if (!strcmp(l->item[i], known[k]))
				break;
		if (k == sizeof(known) / sizeof(known[0]))
			return cfg_fail(p, "%.128s: unknown option \"%.128s\"", key,
				    l->item[i]);
	}
	return 0;
}

/* A uid or gid, or a count of them: decimal, at most 2^32 - 1. */
static bool parse_id(const char **pos, unsigned long *out)
{
	const char *s = *pos + strspn(*pos, " \t");
	size_t digits = strspn(s, "0123456789");
	char *end;

	if (!digits || digits > 10)
		return false;
	errno = 0;
	*out = strtoul(s, &end, 10);
	*pos = end;
	return !errno && *out <= UINT32_MAX;
}

static int set_idmap(struct parser *p, const char *key, const char *value)
{
	const unsigned long ids = (unsigned long)UINT32_MAX + 1;
	const char *pos = value + 1;
	struct iso_cfg_idmap m;

	if (p->cfg->n_idmaps == 8)
		return cfg_fail(p, "%.128s: more than 8 maps", key);
	m.type = value[0];
	if ((m.type != 'u' && m.type != 'g') || (value[1] != ' ' && value[1] != '\t') ||
	    !parse_id(&pos, &m.ns_id) || !parse_id(&pos, &m.host_id) ||
	    !parse_id(&pos, &m.range) || !m.range || pos[strspn(pos, " \t")])
		return cfg_fail(p, "%.128s: \"%.128s\" is not \"u|g NSID HOSTID RANGE\"",
			    key, value);
	if (m.ns_id + m.range > ids || m.host_id + m.range > ids)
		return cfg_fail(p, "%.128s: \"%.128s\" runs past %u", key, value, UINT32_MAX);
	/* host root inside would undo what the map is for */
	if (m.host_id == 0)
		return cfg_fail(p, "%.128s: \"%.128s\" maps host %cid 0", key, value,
			    m.type);
	p->cfg->idmaps[p->cfg->n_idmaps++] = m;
	return 0;
}

static int set_arch(struct parser *p, const char *key, const char *value)
{
	if (strcmp(value, "amd64") && strcmp(value, "x86_64"))
		return cfg_fail(p, "%.128s: \"%.128s\": only amd64 containers run here", key,
			    value);
	return 0;
}

static int set_no_new_privs(struct parser *p, const char *key,
			    const char *value)
{
	return cfg_bool(p, key, value, &p->cfg->no_new_privs);
}

static int set_seccomp(struct parser *p, const char *key, const char *value)
{
	return cfg_bool(p, key, value, &p->cfg->seccomp);
}

static int set_keyring_session(struct parser *p, const char *key,
			       const char *value)
{
	return cfg_bool(p, key, value, &p->cfg->keyring_session);
}

/* Checked at start, where LXC's dir storage reads them. */
/* lxc.rootfs.mount: a host directory the rootfs is bound on to pivot. */
static int set_rootfs_mount(struct parser *p, const char *key,
			    const char *value)
{
	if (value[0] != '/')
		return cfg_fail(p, "%.128s: \"%.128s\" is not an absolute path", key, value);
	return cfg_copy(p, key, p->cfg->rootfs_mount,
			sizeof(p->cfg->rootfs_mount), value);
}

static int set_rootfs_managed(struct parser *p, const char *key,
			      const char *value)
{
	bool managed;

	if (cfg_bool(p, key, value, &managed))
		return -EINVAL;
	p->cfg->rootfs_unmanaged = !managed;
	return 0;
}

static int set_apparmor_profile(struct parser *p, const char *key,
				const char *value)
{
	return cfg_copy(p, key, p->cfg->apparmor_profile,
			sizeof(p->cfg->apparmor_profile), value);
}

static int set_apparmor_allow_incomplete(struct parser *p, const char *key,
					 const char *value)
{
	return cfg_bool(p, key, value, &p->cfg->apparmor_allow_incomplete);
}

static int set_apparmor_allow_nesting(struct parser *p, const char *key,
				      const char *value)
{
	return cfg_bool(p, key, value, &p->cfg->apparmor_allow_nesting);
}

/* Rules for a generated profile, as written: apparmor_parser judges them. */
static int set_apparmor_raw(struct parser *p, const char *key,
			    const char *value)
{
	return append_line(p, key, &p->cfg->apparmor_raw, value);
}

static int set_selinux_context(struct parser *p, const char *key,
			       const char *value)
{
	return cfg_copy(p, key, p->cfg->selinux_context,
			sizeof(p->cfg->selinux_context), value);
}

static int set_selinux_keyring(struct parser *p, const char *key,
			       const char *value)
{
	return cfg_copy(p, key, p->cfg->selinux_keyring,
			sizeof(p->cfg->selinux_keyring), value);
}

static int set_sched_core(struct parser *p, const char *key, const char *value)
{
	return cfg_bool(p, key, value, &p->cfg->sched_core);
}

static int set_rootfs_options(struct parser *p, const char *key,
			      const char *value)
{
	return cfg_copy(p, key, p->cfg->rootfs_options,
			sizeof(p->cfg->rootfs_options), value);
}

static int set_seccomp_profile(struct parser *p, const char *key,
			       const char *value)
{
	return cfg_copy(p, key, p->cfg->seccomp_profile,
			sizeof(p->cfg->seccomp_profile), value);
}

static int set_seccomp_nesting(struct parser *p, const char *key,
			       const char *value)
{
	return cfg_bool(p, key, value, &p->cfg->seccomp_nesting);
}

/* unix:/PATH or unix:@NAME, a SOCK_SEQPACKET socket's, as LXC takes it */
static int set_seccomp_notify_proxy(struct parser *p, const char *key,
				    const char *value)
{
	if (strncmp(value, "unix:", 5) || (value[5] != '/' && value[5] != '@') ||
	    !value[6] || strlen(value + 5) >= sizeof(p->cfg->seccomp_notify_proxy))
		return cfg_fail(p, "%.128s: \"%.64s\" is not unix:/PATH or unix:@NAME",
				key, value);
	return cfg_copy(p, key, p->cfg->seccomp_notify_proxy,
			sizeof(p->cfg->seccomp_notify_proxy), value + 5);
}

static int set_seccomp_notify_cookie(struct parser *p, const char *key,
				     const char *value)
{
	return cfg_copy(p, key, p->cfg->seccomp_notify_cookie,
			sizeof(p->cfg->seccomp_notify_cookie), value);
}

static int set_log_file(struct parser *p, const char *key, const char *value)
{
	return cfg_copy(p, key, p->cfg->log_file, sizeof(p->cfg->log_file),
			value);
}

/* LXC's names, any case, or their numbers */
static int set_log_level(struct parser *p, const char *key, const char *value)
{
	static const char *const levels[] = {
		"TRACE", "DEBUG", "INFO", "NOTICE", "WARN", "ERROR", "CRIT",
		"ALERT", "FATAL",
	};
	unsigned int i;

	if (isdigit((unsigned char)value[0]))
		return cfg_uint(p, key, value, 8, &p->cfg->log_level);
	for (i = 0; i < sizeof(levels) / sizeof(levels[0]); i++)
		if (!strcasecmp(value, levels[i])) {
			p->cfg->log_level = i;
			return 0;
		}
	return cfg_fail(p, "%.128s: unknown value \"%.64s\"", key, value);
}

/* The facilities LXC takes, as its names them */
static int set_log_syslog(struct parser *p, const char *key, const char *value)
{
	static const struct {
		const char *name;
		int facility;
	} facilities[] = {
		{ "daemon", LOG_DAEMON }, { "local0", LOG_LOCAL0 },
		{ "local1", LOG_LOCAL1 }, { "local2", LOG_LOCAL2 },
		{ "local3", LOG_LOCAL3 }, { "local4", LOG_LOCAL4 },
		{ "local5", LOG_LOCAL5 }, { "local6", LOG_LOCAL6 },
		{ "local7", LOG_LOCAL7 },
	};
	unsigned int i;

	for (i = 0; i < sizeof(facilities) / sizeof(facilities[0]); i++)
		if (!strcmp(value, facilities[i].name)) {
			p->cfg->log_syslog = facilities[i].facility;
			return 0;
		}
	return cfg_fail(p, "%.128s: unknown value \"%.64s\"", key, value);
}

static int set_start_auto(struct parser *p, const char *key, const char *value)
{
	return cfg_bool(p, key, value, &p->cfg->start_auto);
}

static int set_start_delay(struct parser *p, const char *key, const char *value)
{
	return cfg_uint(p, key, value, UINT_MAX, &p->cfg->start_delay);
}

static int set_start_order(struct parser *p, const char *key, const char *value)
{
	long n;

	if (iso_parse_long(value, INT_MIN, INT_MAX, &n))
		return cfg_fail(p, "%.128s: \"%.64s\" is not a number", key,
				value);
	p->cfg->start_order = n;
	return 0;
}

/* lxc.group = web db: each a group of its own, added to those before. */
static int set_group(struct parser *p, const char *key, const char *value)
{
	struct iso_cfg_list *groups = &p->cfg->groups;
	char copy[ISO_CFG_VALUE_MAX], *save = NULL, *g;

	snprintf(copy, sizeof(copy), "%.511s", value);
	for (g = strtok_r(copy, " \t", &save); g;
	     g = strtok_r(NULL, " \t", &save)) {
		if (groups->n == ISO_CFG_MAX_LIST)
			return cfg_fail(p, "%.128s: more than %d groups", key,
					ISO_CFG_MAX_LIST);
		snprintf(groups->item[groups->n++], ISO_CFG_VALUE_MAX, "%.511s",
			 g);
	}
	return 0;
}

static int set_ephemeral(struct parser *p, const char *key, const char *value)
{
	return cfg_bool(p, key, value, &p->cfg->ephemeral);
}

static int set_autodev_size(struct parser *p, const char *key,
			    const char *value)
{
	return cfg_uint(p, key, value, INT_MAX, &p->cfg->autodev_size);
}

static int set_autodev(struct parser *p, const char *key, const char *value)
{
	return cfg_bool(p, key, value, &p->cfg->autodev);
}

static int set_privileged(struct parser *p, const char *key, const char *value)
{
	return cfg_bool(p, key, value, &p->cfg->privileged);
}

static int set_stop_timeout(struct parser *p, const char *key,
			    const char *value)
{
	return cfg_uint(p, key, value, 3600, &p->cfg->stop_timeout);
}

/*
 * iso.limit.CONTROLLER = VALUE, as isoctl limit --CONTROLLER VALUE; the
 * last one for a controller wins, and an empty value removes it.
 */
static int set_limit(struct parser *p, const char *key, const char *value)
{
	const char *name = key + strlen("iso.limit.");
	const struct iso_limit_kind *kind = iso_limit_kind_find(name);
	struct iso_config *cfg = p->cfg;
	struct iso_limit_rec want = { 0 };
	char why[128];
	int i;

	if (!kind || strcmp(kind->controller, name))
		return cfg_fail(p, "unknown key \"%.64s\": no such controller", key);
	for (i = 0; i < cfg->n_limits; i++)
		if (!strcmp(cfg->limits[i].controller, name))
			break;
	if (!*value) {
		if (i < cfg->n_limits)
			cfg->limits[i] = cfg->limits[--cfg->n_limits];
		return 0;
	}
	if (strlen(value) >= sizeof(cfg->limits[0].value) ||
	    kind->parse(value, &want, why, sizeof(why)))
		return cfg_fail(p, "%.64s: \"%.64s\" is %.128s", key, value,
			    strlen(value) >= sizeof(cfg->limits[0].value) ?
			    "too long" : why);
	if (i == cfg->n_limits) {
		if (i == ISO_CFG_MAX_LIMITS)
			return cfg_fail(p, "%.64s: more than %d limits", key,
				    ISO_CFG_MAX_LIMITS);
		cfg->n_limits++;
	}
	snprintf(cfg->limits[i].controller, sizeof(cfg->limits[i].controller),
		 "%.31s", name);
	snprintf(cfg->limits[i].value, sizeof(cfg->limits[i].value), "%.63s",
		 value);
	return 0;
}

static const struct key_handler {
	const char *key;
	int (*set)(struct parser *p, const char *key, const char *value);
} keys[] = {
	{ "lxc.rootfs.managed", set_rootfs_managed },
	{ "lxc.apparmor.profile", set_apparmor_profile },
	{ "lxc.apparmor.allow_incomplete", set_apparmor_allow_incomplete },
	{ "lxc.apparmor.allow_nesting", set_apparmor_allow_nesting },
	{ "lxc.apparmor.raw", set_apparmor_raw },
	{ "lxc.arch", set_arch },
	{ "lxc.autodev", set_autodev },
	{ "lxc.autodev.tmpfs.size", set_autodev_size },
	{ "lxc.ephemeral", set_ephemeral },
	{ "lxc.keyring.session", set_keyring_session },
	{ "lxc.cap.drop", set_cap_drop },
	{ "lxc.cap.keep", set_cap_keep },
	{ "lxc.console.buffer.size", set_console_buffer_size },
	{ "lxc.console.logfile", set_console_logfile },
	{ "lxc.console.path", set_console_path },
	{ "lxc.console.rotate", set_console_rotate },
	{ "lxc.console.size", set_console_size },
	{ "lxc.group", set_group },
	{ "lxc.idmap", set_idmap },
	{ "lxc.init.cmd", set_init_cmd },
	{ "lxc.log.file", set_log_file },
	{ "lxc.log.level", set_log_level },
	{ "lxc.log.syslog", set_log_syslog },
	{ "lxc.monitor.signal.pdeath", set_pdeath_signal },
	{ "lxc.monitor.unshare", set_monitor_unshare },
	{ "lxc.mount.auto", set_mount_auto },
	{ "lxc.mount.entry", set_mount_entry },
	{ "lxc.mount.fstab", set_mount_fstab },
	{ "lxc.no_new_privs", set_no_new_privs },
	{ "lxc.pty.max", set_pty_max },
	{ "lxc.tty.dir", set_tty_dir },
	{ "lxc.rootfs.path", set_rootfs },
	{ "lxc.rootfs.mount", set_rootfs_mount },
	{ "lxc.rootfs.options", set_rootfs_options },
	{ "lxc.sched.core", set_sched_core },
	{ "lxc.seccomp.allow_nesting", set_seccomp_nesting },
	{ "lxc.seccomp.notify.proxy", set_seccomp_notify_proxy },
	{ "lxc.seccomp.notify.cookie", set_seccomp_notify_cookie },
	{ "lxc.seccomp.profile", set_seccomp_profile },
	{ "lxc.selinux.context", set_selinux_context },
	{ "lxc.selinux.context.keyring", set_selinux_keyring },
	{ "lxc.signal.halt", set_halt_signal },
	{ "lxc.signal.reboot", set_reboot_signal },
	{ "lxc.signal.stop", set_stop_signal },
	{ "lxc.start.auto", set_start_auto },
	{ "lxc.start.delay", set_start_delay },
	{ "lxc.start.order", set_start_order },
	{ "lxc.tty.max", set_tty_max },
	{ "lxc.uts.name", set_uts_name },
	{ "iso.privileged", set_privileged },
	{ "iso.seccomp", set_seccomp },
	{ "iso.stop.timeout", set_stop_timeout },
};

/* ---- lxc.cgroup.* and lxc.cgroup2.* ---- */

static int check_cgroup_value(struct parser *p, const char *key,
			      const char *file, const char *value)
{
	static const char *const sizes[] = {
		"memory.max", "memory.high", "memory.low", "memory.min",
		"memory.swap.max", "memory.limit_in_bytes",
		"memory.soft_limit_in_bytes", "memory.memsw.limit_in_bytes",
	};
	long ncpus = sysconf(_SC_NPROCESSORS_CONF);
	struct iso_dev_rule rule;
	unsigned int n;
	uint64_t bytes;
	size_t i;
	int ret;

	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++)
		if (!strcmp(file, sizes[i]) && strcmp(value, "-1") &&
		    iso_parse_size(value, &bytes))
			return cfg_fail(p, "%.128s: \"%.128s\" is not a size (bytes, K, M, G, T or max)",
				    key, value);
	if (!strcmp(file, "cpuset.cpus")) {
		ret = iso_parse_cpuset(value, ncpus > 0 ? ncpus : 0);
		if (ret == -ERANGE)
			return cfg_fail(p, "%.128s: \"%.128s\" names a CPU this host lacks (it has %ld)",
				    key, value, ncpus);
		if (ret)
			return cfg_fail(p, "%.128s: \"%.128s\" is not a CPU list like 0-2,4",
				    key, value);
	}
	if ((!strcmp(file, "devices.allow") || !strcmp(file, "devices.deny")) &&
	    iso_dev_rule_parse(value, &rule))
		return cfg_fail(p, "%.128s: \"%.128s\" is not a device rule like \"c 1:3 rwm\" or \"a\"",
			    key, value);
	if (!strcmp(file, "cpuset.mems") && iso_parse_cpuset(value, 0))
		return cfg_fail(p, "%.128s: \"%.128s\" is not a node list like 0-1", key,
			    value);
	if ((!strcmp(file, "pids.max") || !strcmp(file, "cpu.shares")) &&
	    strcmp(value, "max") && cfg_uint(p, key, value, UINT_MAX, &n))
		return -EINVAL;
	if (!strcmp(file, "cpu.weight") &&
	    (cfg_uint(p, key, value, 10000, &n) || !n))
		return cfg_fail(p, "%.128s: \"%.128s\" is not a weight from 1 to 10000", key,
			    value);
	return 0;
}

static int set_cgroup(struct parser *p, const char *key, const char *value)
{
	bool v2 = !strncmp(key, "lxc.cgroup2.", 12);
	const char *file = key + (v2 ? 12 : 11);
	struct iso_cfg_pair *pairs = v2 ? p->cfg->cgroup2 : p->cfg->cgroup1;
	int *n = v2 ? &p->cfg->n_cgroup2 : &p->cfg->n_cgroup1;
	int i, j;

	if (!*file || strchr(file, '/') || !strchr(file, '.'))
		return cfg_fail(p, "%.128s: \"%.128s\" is not a cgroup file", key, file);
	/* as in LXC, an empty value takes back the key's earlier lines */
	if (!*value) {
		for (i = j = 0; i < *n; i++)
			if (strcmp(pairs[i].key, file))
				pairs[j++] = pairs[i];
		*n = j;
		return 0;
	}
	if (check_cgroup_value(p, key, file, value))
		return -EINVAL;
	if (*n == ISO_CFG_MAX_LIST)
		return cfg_fail(p, "%.128s: more than %d cgroup keys", key,
			    ISO_CFG_MAX_LIST);
	if (cfg_copy(p, key, pairs[*n].key, sizeof(pairs[*n].key), file) ||
	    cfg_copy(p, key, pairs[*n].value, sizeof(pairs[*n].value), value))
		return -EINVAL;
	(*n)++;
	return 0;
}

/* ---- pre-3.0 spellings ---- */

static const struct {
	const char *old, *new;
} renamed[] = {
	{ "lxc.utsname", "lxc.uts.name" },
	{ "lxc.rootfs", "lxc.rootfs.path" },
	{ "lxc.tty", "lxc.tty.max" },
	{ "lxc.pts", "lxc.pty.max" },
	{ "lxc.init_cmd", "lxc.init.cmd" },
	{ "lxc.haltsignal", "lxc.signal.halt" },
	{ "lxc.rebootsignal", "lxc.signal.reboot" },
	{ "lxc.stopsignal", "lxc.signal.stop" },
	{ "lxc.id_map", "lxc.idmap" },
};

static const struct {
	const char *old, *new;
} renamed_net[] = {
	{ "ipv4", "ipv4.address" },
	{ "ipv6", "ipv6.address" },
};

/*
 * lxc.network.X applies to the interface the last lxc.network.type
 * started, which becomes lxc.net.N.X.
 */
static int legacy_net_key(struct parser *p, const char *key, char *out,
			  size_t size)
{
	const char *sub = key + strlen("lxc.network.");
	size_t i;

	if (!strcmp(sub, "type"))
		p->legacy_net++;
	if (p->legacy_net < 0)
		return cfg_fail(p, "%.128s comes before lxc.network.type", key);
	for (i = 0; i < sizeof(renamed_net) / sizeof(renamed_net[0]); i++)
		if (!strcmp(sub, renamed_net[i].old))
			sub = renamed_net[i].new;
	snprintf(out, size, "lxc.net.%d.%.100s", p->legacy_net, sub);
	return 0;
}

/*
 * KEY = (nothing), for a key whose setter takes no empty value: back to
 * what it was before any line, as LXC's clear; -ENOENT for the others.
 */
static int clear_key(struct parser *p, const char *key)
{
	struct iso_config *cfg = p->cfg;

	if (!strcmp(key, "lxc.rootfs.path"))
		cfg->rootfs[0] = '\0';
	else if (!strcmp(key, "lxc.rootfs.options"))
		cfg->rootfs_options[0] = '\0';
	else if (!strcmp(key, "lxc.rootfs.mount"))
		cfg->rootfs_mount[0] = '\0';
	else if (!strcmp(key, "lxc.sched.core"))
		cfg->sched_core = false;
	else if (!strcmp(key, "lxc.apparmor.profile"))
		cfg->apparmor_profile[0] = '\0';
	else if (!strcmp(key, "lxc.apparmor.allow_incomplete"))
		cfg->apparmor_allow_incomplete = false;
	else if (!strcmp(key, "lxc.apparmor.allow_nesting"))
		cfg->apparmor_allow_nesting = false;
	else if (!strcmp(key, "lxc.apparmor.raw"))
		cfg->apparmor_raw.n = 0;
	else if (!strcmp(key, "lxc.selinux.context"))
		cfg->selinux_context[0] = '\0';
	else if (!strcmp(key, "lxc.selinux.context.keyring"))
		cfg->selinux_keyring[0] = '\0';
	else if (!strcmp(key, "lxc.tty.max"))
		cfg->tty_max = 0;
	else if (!strcmp(key, "lxc.pty.max"))
		cfg->pty_max = 0;
	else if (!strcmp(key, "lxc.tty.dir"))
		cfg->tty_dir[0] = '\0';
	else if (!strcmp(key, "lxc.console.size"))
		cfg->console_size = 0;
	else if (!strcmp(key, "lxc.console.buffer.size"))
		cfg->console_buffer_size = 0;
	else if (!strcmp(key, "lxc.console.rotate"))
		cfg->console_rotate = false;
	else if (!strcmp(key, "lxc.console.path"))
		cfg->console_path[0] = '\0';
	else if (!strcmp(key, "lxc.signal.halt"))
		cfg->halt_signal = SIGPWR;
	else if (!strcmp(key, "lxc.signal.reboot"))
		cfg->reboot_signal = SIGINT;
	else if (!strcmp(key, "lxc.signal.stop"))
		cfg->stop_signal = SIGKILL;
	else if (!strcmp(key, "lxc.monitor.signal.pdeath"))
		cfg->pdeath_signal = SIGKILL;
	else if (!strcmp(key, "lxc.monitor.unshare"))
		cfg->monitor_unshare = false;
	else if (!strcmp(key, "lxc.mount.entry"))
		cfg->mount_entries.n = 0;
	else if (!strcmp(key, "lxc.mount.fstab"))
		cfg->mount_fstab[0] = '\0';
	else if (!strcmp(key, "lxc.idmap"))
		cfg->n_idmaps = 0;
	else if (!strcmp(key, "lxc.no_new_privs"))
		cfg->no_new_privs = false;
	else if (!strcmp(key, "lxc.autodev"))
		cfg->autodev = true;
	else if (!strcmp(key, "lxc.autodev.tmpfs.size"))
		cfg->autodev_size = 0;
	else if (!strcmp(key, "lxc.rootfs.managed"))
		cfg->rootfs_unmanaged = false;
	else if (!strcmp(key, "lxc.ephemeral"))
		cfg->ephemeral = false;
	else if (!strcmp(key, "lxc.seccomp.profile"))
		cfg->seccomp_profile[0] = '\0';
	else if (!strcmp(key, "lxc.seccomp.allow_nesting"))
		cfg->seccomp_nesting = false;
	else if (!strcmp(key, "lxc.seccomp.notify.proxy"))
		cfg->seccomp_notify_proxy[0] = '\0';
	else if (!strcmp(key, "lxc.seccomp.notify.cookie"))
		cfg->seccomp_notify_cookie[0] = '\0';
	else if (!strcmp(key, "lxc.start.auto"))
		cfg->start_auto = false;
	else if (!strcmp(key, "lxc.start.delay"))
		cfg->start_delay = 0;
	else if (!strcmp(key, "lxc.start.order"))
		cfg->start_order = 0;
	else if (!strcmp(key, "lxc.group"))
		cfg->groups.n = 0;
	else if (!strcmp(key, "lxc.log.file"))
		cfg->log_file[0] = '\0';
	else if (!strcmp(key, "lxc.log.level"))
		cfg->log_level = ISO_LOG_ERROR;
	else if (!strcmp(key, "lxc.log.syslog"))
		cfg->log_syslog = 0;
	else if (!strcmp(key, "lxc.keyring.session"))
		cfg->keyring_session = true;
	else if (strcmp(key, "lxc.arch"))
		return -ENOENT;
	return 0;
}

/* lxc.net, lxc.cgroup, lxc.cgroup2 = (nothing): each line before goes. */
static int clear_family(struct parser *p, const char *key, const char *value)
{
	struct iso_config *cfg = p->cfg;

	if (cfg_clear_only(p, key, value))
		return -EINVAL;
	if (!strcmp(key, "lxc.net")) {
		memset(cfg->nets, 0, sizeof(cfg->nets));
		cfg->n_nets = 0;
		p->legacy_net = -1;
	} else if (!strcmp(key, "lxc.cgroup")) {
		cfg->n_cgroup1 = 0;
	} else {
		cfg->n_cgroup2 = 0;
	}
	return 0;
}

static int set_key(struct parser *p, const char *key, const char *value)
{
	char current[128];
	size_t i;
	int ret;

	for (i = 0; i < sizeof(renamed) / sizeof(renamed[0]); i++)
		if (!strcmp(key, renamed[i].old))
			key = renamed[i].new;
	if (!strncmp(key, "lxc.network.", 12)) {
		if (legacy_net_key(p, key, current, sizeof(current)))
			return -EINVAL;
		key = current;
	}
	if (!strncmp(key, "lxc.net.", 8))
		return cfg_set_net_key(p, key, value);
	if (!*value) {
		ret = clear_key(p, key);
		if (ret != -ENOENT)
			return ret;
	}
	ret = cfg_set_init_key(p, key, value);
	if (ret != -ENOENT)
		return ret;
	ret = cfg_set_hook_key(p, key, value);
	if (ret != -ENOENT)
		return ret;
	ret = cfg_set_namespace_key(p, key, value);
	if (ret != -ENOENT)
		return ret;
	/* before lxc.cgroup.*: lxc.cgroup.dir and .relative are not files */
	ret = cfg_set_cgroup_place_key(p, key, value);
	if (ret != -ENOENT)
		return ret;
	if (!strncmp(key, "lxc.cgroup.", 11) || !strncmp(key, "lxc.cgroup2.", 12))
		return set_cgroup(p, key, value);
	if (!strcmp(key, "lxc.net") || !strcmp(key, "lxc.cgroup") ||
	    !strcmp(key, "lxc.cgroup2"))
		return clear_family(p, key, value);
	if (!strncmp(key, "iso.limit.", 10))
		return set_limit(p, key, value);
	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		if (!strcmp(key, keys[i].key))
			return keys[i].set(p, key, value);
	return cfg_fail(p, "unknown key \"%.128s\"", key);
}

/* ---- files ---- */

static char *trim(char *s)
{
	char *end;

	while (*s == ' ' || *s == '\t')
		s++;
	end = s + strlen(s);
	while (end > s && strchr(" \t\r\n", end[-1]))
		*--end = '\0';
	return s;
}

static int load_file(struct parser *p, const char *path);

static int conf_filter(const struct dirent *d)
{
	size_t len = strlen(d->d_name);

	return len > 5 && !strcmp(d->d_name + len - 5, ".conf");
}

static int include_dir(struct parser *p, const char *path)
{
	struct dirent **names;
	char file[PATH_MAX];
	int n, i, ret = 0;

	n = scandir(path, &names, conf_filter, alphasort);
	if (n < 0)
		return cfg_fail(p, "lxc.include: %.128s: %.128s", path, strerror(errno));
	for (i = 0; i < n; i++) {
		if (!ret && snprintf(file, sizeof(file), "%.4095s/%.255s", path,
				     names[i]->d_name) >= (int)sizeof(file))
			ret = cfg_fail(p, "lxc.include: %.128s/%.128s: %.128s", path,
				   names[i]->d_name, strerror(ENAMETOOLONG));
		if (!ret)
			ret = load_file(p, file);
		free(names[i]);
	}
	free(names);
	return ret;
}

/*
 * lxc.include: a file, or every *.conf of a directory in name order, as
 * in LXC; a relative path is the including file's, and a directory that
 * is not there (a path ending in '/') is no error.
 */
static int include(struct parser *p, const char *value)
{
	const char *slash = strrchr(p->file, '/');
	char path[PATH_MAX];
	struct stat st;
	int len;

	if (value[0] == '/' || !slash)
		len = snprintf(path, sizeof(path), "%.4095s", value);
	else
		len = snprintf(path, sizeof(path), "%.*s/%.4095s",
			       (int)(slash - p->file), p->file, value);
	if (len >= (int)sizeof(path))
		return cfg_fail(p, "lxc.include: %.128s", strerror(ENAMETOOLONG));
	if (stat(path, &st)) {
		if (errno == ENOENT && path[len - 1] == '/')
			return 0;
		return cfg_fail(p, "lxc.include: %.128s: %.128s", path, strerror(errno));
	}
	return S_ISDIR(st.st_mode) ? include_dir(p, path) : load_file(p, path);
}

static int load_line(struct parser *p, char *line)
{
	char *eq, *key, *value;
	size_t len;

	line = trim(line);
	if (!*line || *line == '#')
		return 0;
	eq = strchr(line, '=');
	if (!eq)
		return cfg_fail(p, "\"%.128s\" is not \"key = value\"", line);
	*eq = '\0';
	key = trim(line);
	value = trim(eq + 1);
	if (!*key)
		return cfg_fail(p, "a line without a key");
	/* as LXC: one pair of quotes around a value is not part of it */
	len = strlen(value);
	if (len > 1 && (value[0] == '"' || value[0] == '\'') &&
	    value[len - 1] == value[0]) {
		value[len - 1] = '\0';
		value++;
	}
	/* empty, as in LXC, it includes nothing (not the file's directory) */
	if (!strcmp(key, "lxc.include"))
		return *value ? include(p, value) : 0;
	return set_key(p, key, value);
}

/*
 * A config file: a regular one, and no larger than any config is, so
 * that a FIFO, /dev/zero or a runaway file fails at once instead of
 * hanging or eating memory.  stat() first, so that not even open() is
 * tried on a device.
 */
static FILE *open_config(struct parser *p, const char *path)
{
	const char *step = p->depth > 1 ? "lxc.include: " : "";
	struct stat st;
	FILE *f;
	int fd;

	if (stat(path, &st))
		goto err;
	if (!S_ISREG(st.st_mode)) {
		cfg_fail(p, "%.128s%.128s: not a regular file or directory", step, path);
		return NULL;
	}
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	if (fd < 0)
		goto err;
	if (fstat(fd, &st) || !S_ISREG(st.st_mode) || st.st_size > MAX_FILE_SIZE) {
		close(fd);
		cfg_fail(p, "%.128s%.128s: %.128s", step, path, S_ISREG(st.st_mode) ?
		     "larger than 1 MiB" : "not a regular file or directory");
		return NULL;
	}
	f = fdopen(fd, "r");
	if (f)
		return f;
	close(fd);
err:
	cfg_fail(p, "%.128s%.128s: %.128s", step, path, strerror(errno));
	return NULL;
}

static int load_file(struct parser *p, const char *path)
{
	const char *outer = p->file;
	int outer_line = p->line;
	char *line = NULL;
	size_t cap = 0;
	int lineno = 0, ret = 0;
	ssize_t len;
	FILE *f;

	if (p->depth >= MAX_INCLUDE_DEPTH)
		return cfg_fail(p, "lxc.include nests deeper than %d (a loop?)",
			    MAX_INCLUDE_DEPTH);
	p->depth++;
	f = open_config(p, path);
	if (!f) {
		p->depth--;
		return -EINVAL;
	}
	p->file = path;
	while (!ret && (len = getline(&line, &cap, f)) > 0) {
		p->line = ++lineno;
		if (len > MAX_LINE)
			ret = cfg_fail(p, "line longer than %d bytes", MAX_LINE);
		else
			ret = load_line(p, line);
		/* the innermost file and line is where the error is */
		if (ret && !p->err->file[0]) {
			snprintf(p->err->file, sizeof(p->err->file), "%.4095s", path);
			p->err->line = lineno;
		}
	}
	free(line);
	fclose(f);
	p->file = outer;
	p->line = outer_line;
	p->depth--;
	return ret;
}

void iso_config_init(struct iso_config *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	iso_config_init_zeroed(cfg);
}

void iso_config_init_zeroed(struct iso_config *cfg)
{
	cfg->no_new_privs = false;
	cfg->seccomp = true;
	cfg->log_level = ISO_LOG_ERROR;
	cfg->autodev = true;
	cfg->keyring_session = true;
	cfg->halt_signal = SIGPWR;	/* LXC's default too */
	cfg->reboot_signal = SIGINT;	/* and LXC's */
	cfg->stop_signal = SIGKILL;
	cfg->pdeath_signal = SIGKILL;	/* LXC's default */
	cfg->stop_timeout = 10;
}

int iso_config_load(const char *path, struct iso_config *cfg,
		    struct iso_cfg_error *err)
{
	struct parser p = { .cfg = cfg, .err = err, .legacy_net = cfg->n_nets - 1 };

	memset(err, 0, sizeof(*err));
	return load_file(&p, path);
}

int iso_config_set(struct iso_config *cfg, const char *key, const char *value,
		   struct iso_cfg_error *err)
{
	struct parser p = { .cfg = cfg, .err = err, .legacy_net = cfg->n_nets - 1 };

	memset(err, 0, sizeof(*err));
	return set_key(&p, key, value);
}

const char *iso_cfg_error_str(const struct iso_cfg_error *e, char *buf,
			      size_t size)
{
	if (e->line)
		snprintf(buf, size, "%.4095s:%d: %.255s", e->file, e->line, e->msg);
	else if (e->file[0])
		snprintf(buf, size, "%.4095s: %.255s", e->file, e->msg);
	else
		snprintf(buf, size, "%.255s", e->msg);
	return buf;
}

struct iso_config *iso_config_read(const char *path)
{
	struct iso_config *cfg = calloc(1, sizeof(*cfg));
	struct iso_cfg_error err;

	if (!cfg)
		return NULL;
	iso_config_init_zeroed(cfg);
	if (iso_config_load(path, cfg, &err)) {
		free(cfg);
		return NULL;
	}
	return cfg;
}
