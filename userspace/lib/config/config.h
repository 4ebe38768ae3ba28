/* SPDX-License-Identifier: GPL-2.0 */
#ifndef ISO_CONFIG_H
#define ISO_CONFIG_H

#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <netinet/in.h>

/*
 * A container's configuration, read from LXC-style "key = value" files.
 * Current LXC keys, their pre-3.0 spellings and iso.* keys all land here,
 * so one container comes out of either spelling.
 */

#define ISO_CFG_MAX_NETS	8
#define ISO_CFG_MAX_ADDRS	4
#define ISO_CFG_MAX_TAGGED	16
/* lxc.net.N.veth.vlan.id: unset, or "none" (no untagged VLAN at all) */
#define ISO_VLAN_UNSET		0
#define ISO_VLAN_NONE		(-1)
#define ISO_CFG_MAX_LIST	64
#define ISO_CFG_VALUE_MAX	512
/* LXC's log level ERROR, its default: what isoctl's error lines are */
#define ISO_LOG_ERROR		5
/* LXC 5.0.2 has some 90 keys isoctl does not apply yet; room for all */
#define ISO_CFG_MAX_UNAPPLIED	128
#define ISO_CFG_UNAPPLIED_LEN	256

enum iso_net_type {
	ISO_NET_UNSET,
	ISO_NET_NONE,		/* share the host's network namespace */
	ISO_NET_EMPTY,		/* a new namespace with only lo */
	ISO_NET_VETH,
	ISO_NET_MACVLAN,	/* on lxc.net.N.link, made in the container */
	ISO_NET_IPVLAN,
	ISO_NET_VLAN,
	ISO_NET_PHYS,		/* the host's link itself, moved in and back */
};

/* "veth", "macvlan"...: as lxc.net.N.type spells @type; NULL for unset */
const char *iso_net_type_name(enum iso_net_type type);

struct iso_cfg_addr {
	int family;		/* AF_INET or AF_INET6 */
	union {
		struct in_addr v4;
		struct in6_addr v6;
	};
	unsigned int prefix;
};

struct iso_cfg_net {
	enum iso_net_type type;
	char link[16];		/* bridge for the host end (IFNAMSIZ) */
	char name[16];		/* name inside the container */
	char veth_pair[16];	/* host end's name */
	bool has_hwaddr;
	uint8_t hwaddr[6];
	bool up;
	unsigned int mtu;
	int n_addrs;
	struct iso_cfg_addr addrs[ISO_CFG_MAX_ADDRS];
	bool has_gw4, has_gw6;
	struct in_addr gw4;
	struct in6_addr gw6;
	/* gateway = auto: the first address of @link; = dev: no gateway */
	bool gw4_auto, gw4_dev, gw6_auto, gw6_dev;
	/* veth.ipv4.route, veth.ipv6.route: on the host, through its end */
	int n_routes;
	struct iso_cfg_addr routes[ISO_CFG_MAX_ADDRS];
	/* MACVLAN_MODE_* (0: LXC's private) and IPVLAN_MODE_* of linux/if_link.h */
	unsigned int macvlan_mode;
	unsigned int ipvlan_mode;
	unsigned int ipvlan_flags;	/* IPVLAN_F_*: ipvlan.isolation */
	unsigned int vlan_id;
	/* l2proxy: its addresses' ARP and NDP answered on the host's @link */
	bool l2proxy;
	/*
	 * veth.mode router: no bridge, but routes and proxies on the host
	 * end; its queues (0: the kernel's); its bridge port's untagged
	 * VLAN (ISO_VLAN_*, or 1 to 4094) and tagged ones
	 */
	bool veth_router;
	unsigned int veth_rxqueues, veth_txqueues;
	int veth_vlan;
	int n_tagged;
	uint16_t tagged[ISO_CFG_MAX_TAGGED];
	/* run on the host as LXC runs them: "exec SCRIPT NAME net up ..." */
	char script_up[ISO_CFG_VALUE_MAX];
	char script_down[ISO_CFG_VALUE_MAX];
};

/* A "key = value" pair passed through, e.g. lxc.cgroup2.memory.max. */
struct iso_cfg_pair {
	char key[64];
	char value[ISO_CFG_VALUE_MAX];
};

struct iso_cfg_list {
	int n;
	char item[ISO_CFG_MAX_LIST][ISO_CFG_VALUE_MAX];
};

struct iso_cfg_idmap {
	char type;		/* 'u' or 'g' */
	unsigned long ns_id, host_id, range;
};

/* iso.limit.CONTROLLER = VALUE: a limit iso.ko enforces from the start. */
struct iso_cfg_limit {
	char controller[32];
	char value[64];
};

#define ISO_CFG_MAX_LIMITS 8

/* lxc.prlimit.NAME = SOFT[:HARD], RLIM_INFINITY for "unlimited". */
struct iso_cfg_prlimit {
	int resource;		/* RLIMIT_* */
	uint64_t soft, hard;
};

/*
 * lxc.hook.TYPE: shell command lines, run in the order given at the
 * points of a container's life that LXC runs them at.
 */
enum iso_hook_type {
	ISO_HOOK_PRE_START,
	ISO_HOOK_PRE_MOUNT,
	ISO_HOOK_MOUNT,
	ISO_HOOK_AUTODEV,
	ISO_HOOK_START_HOST,
	ISO_HOOK_START,
	ISO_HOOK_STOP,
	ISO_HOOK_POST_STOP,
	ISO_HOOK_CLONE,
	ISO_HOOK_DESTROY,
	ISO_HOOK_TYPES
};

struct iso_cfg_hook {
	enum iso_hook_type type;
	char cmd[ISO_CFG_VALUE_MAX];
};

#define ISO_CFG_MAX_HOOKS 32

/* "pre-start", as in lxc.hook.pre-start and LXC_HOOK_TYPE */
const char *iso_hook_name(enum iso_hook_type type);

#define ISO_CFG_MAX_PRLIMITS 16
#define ISO_CFG_MAX_GROUPS 32
#define ISO_CFG_MAX_PROC 16
#define ISO_CFG_MAX_SYSCTL 32

/* The namespaces LXC names, in its order: lxc.namespace.share.NAME. */
#define ISO_NS_COUNT 8

struct iso_namespace {
	const char *name;	/* as in /proc/PID/ns */
	unsigned long flag;	/* CLONE_NEW* */
};

extern const struct iso_namespace iso_namespaces[ISO_NS_COUNT];

struct iso_config {
	char uts_name[65];
	char rootfs[PATH_MAX];
	char rootfs_options[ISO_CFG_VALUE_MAX];	/* lxc.rootfs.options */
	char rootfs_mount[PATH_MAX];	/* lxc.rootfs.mount: where it is bound, or "" */
	bool sched_core;		/* lxc.sched.core: a core scheduling cookie */
	char apparmor_profile[ISO_CFG_VALUE_MAX];	/* lxc.apparmor.profile */
	bool apparmor_allow_incomplete;	/* start where no mount rules are */
	bool apparmor_allow_nesting;	/* a generated profile lets it nest */
	struct iso_cfg_list apparmor_raw;	/* lines for a generated profile */
	char selinux_context[ISO_CFG_VALUE_MAX];	/* lxc.selinux.context */
	/* lxc.selinux.context.keyring; "": the context's */
	char selinux_keyring[ISO_CFG_VALUE_MAX];
	char init_cmd[ISO_CFG_VALUE_MAX];
	char console_logfile[PATH_MAX];
	uint64_t console_size;		/* lxc.console.size: the log's, 0: no limit */
	bool console_rotate;		/* lxc.console.rotate: to LOG.1 at the size */
	uint64_t console_buffer_size;	/* lxc.console.buffer.size: 0, none */
	char console_path[PATH_MAX];	/* lxc.console.path: a host terminal, "none" */
	unsigned int tty_max, pty_max;
	char tty_dir[NAME_MAX + 1];	/* lxc.tty.dir: under /dev, or "" */
	/* lxc.namespace.clone or .keep (CLONE_NEW*), and .share.NS's values */
	unsigned long ns_clone, ns_keep;
	char ns_share[ISO_NS_COUNT][ISO_CFG_VALUE_MAX];
	int halt_signal;	/* lxc.signal.halt, SIGPWR by default */
	int reboot_signal;	/* lxc.signal.reboot, SIGINT by default */
	int stop_signal;	/* lxc.signal.stop, SIGKILL by default */
	int pdeath_signal;	/* lxc.monitor.signal.pdeath: init's when the monitor dies */
	bool monitor_unshare;	/* lxc.monitor.unshare: the monitor's own mount ns */
	int n_nets;
	struct iso_cfg_net nets[ISO_CFG_MAX_NETS];
	int n_cgroup1, n_cgroup2;
	struct iso_cfg_pair cgroup1[ISO_CFG_MAX_LIST];
	struct iso_cfg_pair cgroup2[ISO_CFG_MAX_LIST];
	struct iso_cfg_list cap_drop, cap_keep, mount_entries, mount_auto;
	char mount_fstab[PATH_MAX];	/* lxc.mount.fstab: entries in a file */
	int n_idmaps;
	struct iso_cfg_idmap idmaps[8];
	/* iso.* keys: what LXC lacks */
	bool no_new_privs;
	bool seccomp;		/* iso.seccomp: the default denylist */
	bool privileged;	/* iso.privileged: no default confinement */
	bool autodev;		/* lxc.autodev: a fresh /dev (1), or the image's */
	unsigned int autodev_size;	/* lxc.autodev.tmpfs.size, bytes; 0: 64M */
	bool keyring_session;	/* lxc.keyring.session: a keyring of its own */
	bool ephemeral;		/* lxc.ephemeral: destroyed once it ends */
	bool rootfs_unmanaged;	/* lxc.rootfs.managed = 0: destroy leaves it all */
	/* lxc.log.file: a daemonized start's messages; lxc.log.level */
	char log_file[PATH_MAX];
	int log_syslog;		/* lxc.log.syslog: LOG_DAEMON..., or 0: none */
	unsigned int log_level;	/* LXC's, 0 (TRACE) to 8 (FATAL); 5, ERROR */
	/* lxc.start.*: what isoctl autostart does with it */
	bool start_auto;
	unsigned int start_delay;	/* seconds, after it started */
	int start_order;		/* lower first */
	struct iso_cfg_list groups;	/* lxc.group: autostart's groups */
	/*
	 * lxc.cgroup.dir*: where its cgroups go, below each hierarchy's
	 * root, or below isoctl's own cgroup with lxc.cgroup.relative
	 * (runtime/cgroup_place.c); "" for unset.
	 */
	char cgroup_dir[PATH_MAX];
	char cgroup_dir_container[PATH_MAX];
	char cgroup_dir_inner[NAME_MAX + 1];
	char cgroup_dir_monitor[PATH_MAX];
	char cgroup_dir_pivot[PATH_MAX];
	bool cgroup_relative;
	char seccomp_profile[PATH_MAX];	/* lxc.seccomp.profile: LXC's policy */
	bool seccomp_nesting;	/* lxc.seccomp.allow_nesting: on a filter too */
	/* lxc.seccomp.notify.proxy: "/PATH" or "@NAME" (abstract), or "" */
	char seccomp_notify_proxy[108];
	char seccomp_notify_cookie[ISO_CFG_VALUE_MAX];	/* sent with each */
	unsigned int stop_timeout;	/* iso.stop.timeout, seconds (10) */
	int n_limits;
	struct iso_cfg_limit limits[ISO_CFG_MAX_LIMITS];
	/* what init (and exec's command) runs as, where and with what */
	struct iso_cfg_list environment;	/* NAME=VALUE */
	bool has_init_uid, has_init_gid, has_init_groups;
	unsigned int init_uid, init_gid;
	int n_init_groups;
	unsigned int init_groups[ISO_CFG_MAX_GROUPS];
	char init_cwd[PATH_MAX];
	char execute_cmd[ISO_CFG_VALUE_MAX];	/* exec's, without a command */
	int n_proc;				/* lxc.proc.FILE = VALUE */
	struct iso_cfg_pair proc[ISO_CFG_MAX_PROC];
	int n_sysctl;				/* lxc.sysctl.NAME = VALUE */
	struct iso_cfg_pair sysctl[ISO_CFG_MAX_SYSCTL];
	int n_prlimits;
	struct iso_cfg_prlimit prlimits[ISO_CFG_MAX_PRLIMITS];
	/* lxc.time.offset.boot and .monotonic: seconds, and ns 0 to 1e9 - 1 */
	int64_t boot_offset_s, boot_offset_ns, mono_offset_s, mono_offset_ns;
	int n_hooks;
	struct iso_cfg_hook hooks[ISO_CFG_MAX_HOOKS];
	unsigned int hook_version;	/* 0: hooks get LXC's arguments; 1: env */
	/*
	 * LXC's keys that were read and checked but are not applied yet,
	 * the first line of each: "KEY FILE:LINE" (checkconfig -f).
	 */
	int n_unapplied;
	char unapplied[ISO_CFG_MAX_UNAPPLIED][ISO_CFG_UNAPPLIED_LEN];
	bool unapplied_more;	/* more than the list holds */
};

/* Where the rootfs is bound to pivot into: lxc.rootfs.mount, or itself. */
static inline const char *iso_rootfs_mount(const struct iso_config *cfg)
{
	return cfg->rootfs_mount[0] ? cfg->rootfs_mount : cfg->rootfs;
}

/* Where parsing stopped, for "file:line: message". */
struct iso_cfg_error {
	char file[PATH_MAX];
	int line;
	char msg[256];
};

/* Defaults before any file: what isoctl does without a config. */
void iso_config_init(struct iso_config *cfg);
/*
 * The same on memory already zero, as from calloc(), which for 200 KB maps
 * fresh pages: only those the config uses are then ever touched.
 */
void iso_config_init_zeroed(struct iso_config *cfg);

/*
 * Read @path into @cfg; lxc.include pulls in files and directories of
 * *.conf.  On a bad line, -EINVAL with @err naming the file and line.
 */
int iso_config_load(const char *path, struct iso_config *cfg,
		    struct iso_cfg_error *err);

/*
 * @path loaded into a malloc'ed config, or NULL, saying nothing: for the
 * commands that only peek at a store's configs (stats, ls).
 */
struct iso_config *iso_config_read(const char *path);

/* One "key = value", as from a file line; for tests and -s KEY=VALUE. */
int iso_config_set(struct iso_config *cfg, const char *key, const char *value,
		   struct iso_cfg_error *err);

/* "file:line: message", or less where there is no file or line. */
const char *iso_cfg_error_str(const struct iso_cfg_error *e, char *buf,
			      size_t size);

/* Value checks, shared with the commands that take the same values. */
int iso_parse_long(const char *text, long min, long max, long *out);
int iso_parse_cpuset(const char *list, unsigned int ncpus);
int iso_parse_size(const char *text, uint64_t *bytes);
int iso_parse_mac(const char *text, uint8_t mac[6]);
/*
 * LXC's MAC templates, as 00:16:3e:xx:xx:xx: each x of @text, in place,
 * a random hex digit; an x in the first byte keeps it unicast and
 * locally administered.  Text longer than a MAC is left alone.
 */
void iso_mac_fill(char *text);
/*
 * lxc.init.cmd and lxc.execute.cmd, split at blanks in @buf, in place,
 * into @argv (NULL-ended, @max words at most): the count, -E2BIG or
 * -EINVAL for none.  A word that starts with ' or " runs to the next
 * such quote, blanks and all, the quotes dropped; one elsewhere is a
 * byte of its word.  LXC splits them the same way.
 */
int iso_split_cmd(char *buf, char **argv, int max);
int iso_parse_cidr(const char *text, struct iso_cfg_addr *addr);

#endif /* ISO_CONFIG_H */
