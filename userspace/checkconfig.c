// SPDX-License-Identifier: GPL-2.0
/*
 * isoctl checkconfig: what lxc-checkconfig tells, from what the running
 * kernel shows rather than from its config file, plus iso.ko's facts.
 */
#include <errno.h>
#include <stdbool.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <linux/iso.h>

#include "isoctl.h"
#include "config/config.h"
#include "runtime/cgroup.h"
#include "runtime/cgroup_layout.h"
#include "runtime/initramfs_root.h"
#include "error.h"
#include "kernel/genl.h"

static const struct {
	const char *file;	/* under /proc/self/ns */
	const char *name;
} namespaces[] = {
	{ "mnt", "Mount" },
	{ "uts", "Utsname" },
	{ "ipc", "Ipc" },
	{ "pid", "Pid" },
	{ "user", "User" },
	{ "net", "Network" },
	{ "cgroup", "Cgroup" },
	{ "time", "Time" },
};

static void show_module(void)
{
	struct iso_info info;
	unsigned int bit;
	const char *name;

	printf("--- iso module ---\n");
	if (iso_query_info(&info))
		return;
	printf("iso.ko: version %s, ABI %u, kernel %s\n", info.module_version,
	       info.abi_version, info.kernel_release);
	printf("Containers: %u of at most %u\n", info.containers,
	       info.max_containers);
	printf("Features:");
	for (bit = 0; bit < 64; bit++) {
		if (!(info.features & (1ULL << bit)))
			continue;
		name = iso_feature_name(bit);
		if (name)
			printf(" %s", name);
		else
			printf(" bit%u", bit);
	}
	printf("%s\n", info.features ? "" : " none");
}

static int show_namespaces(void)
{
	char path[64];
	size_t i;
	int missing = 0;

	printf("--- Namespaces ---\n");
	for (i = 0; i < sizeof(namespaces) / sizeof(namespaces[0]); i++) {
		snprintf(path, sizeof(path), "/proc/self/ns/%s",
			 namespaces[i].file);
		if (access(path, F_OK) == 0) {
			printf("%s namespace: enabled\n", namespaces[i].name);
		} else {
			printf("%s namespace: missing (%s)\n",
			       namespaces[i].name, strerror(errno));
			missing++;
		}
	}
	return missing;
}

/* pivot_root(2) cannot move an initramfs: containers are chrooted there. */
static void show_root(void)
{
	int ret = iso_pivot_root_probe();

	printf("--- Root filesystem ---\n");
	if (ret > 0)
		printf("Container roots: pivot_root\n");
	else if (!ret && iso_root_is_initramfs())
		printf("Container roots: chroot (\"/\" is the initramfs; the host's mounts detached, no CAP_SYS_CHROOT)\n");
	else if (!ret)
		printf("Container roots: none: pivot_root fails (%s)\n",
		       strerror(EINVAL));
	else
		printf("Container roots: unknown: trying pivot_root: %s\n",
		       strerror(-ret));
}

static void show_v2_controllers(const char *root)
{
	char path[PATH_MAX + 32], line[512] = "";
	FILE *f;

	snprintf(path, sizeof(path), "%s/cgroup.controllers", root);
	f = fopen(path, "re");
	if (!f) {
		iso_fail(-errno, "reading", path);
		return;
	}
	if (!fgets(line, sizeof(line), f))
		line[0] = '\0';
	fclose(f);
	line[strcspn(line, "\n")] = '\0';
	printf("Cgroup v2 controllers: %s\n", line[0] ? line : "(none)");
}

/*
 * What iso.ko can track here.  It keys containers by cgroup v2 id, and the
 * module cannot see mounts: the default hierarchy exists in every kernel,
 * and /proc/self/cgroup shows its "0::" line once it has been mounted.
 */
static void show_tracking(const struct cgroup_layout *l)
{
	char line[PATH_MAX + 8];
	bool dfl = false;
	FILE *f;

	f = fopen("/proc/self/cgroup", "re");
	while (f && fgets(line, sizeof(line), f))
		if (!strncmp(line, "0::", 3))
			dfl = true;
	if (f)
		fclose(f);
	printf("Cgroup v2 ever mounted: %s\n", dfl ? "yes" : "no");
	if (l->v2_path[0])
		printf("iso.ko tracks: cgroup v2 directories under %.4000s\n",
		       l->v2_path);
	else if (l->n_v1)
		printf("iso.ko tracks: nothing yet; isoctl start and exec mount a private cgroup2 at %s\n",
		       ISO_PRIVATE_V2);
}

static int show_cgroups(void)
{
	struct cgroup_layout l;
	int i, ret;

	printf("--- Control groups ---\n");
	ret = cgroup_layout_read(&l);
	if (ret)
		return iso_fail(ret, "reading", "/proc/self/mountinfo");

	printf("Cgroup layout: %s\n", cgroup_mode_name(l.mode));
	if (l.v2_path[0]) {
		printf("Cgroup v2 mount: %.4000s\n", l.v2_path);
		show_v2_controllers(l.v2_path);
		/* with it, a cgroup namespace is a delegation boundary */
		printf("Cgroup v2 nsdelegate: %s\n",
		       cgroup_option_listed(l.v2_options, "nsdelegate") ? "yes" :
		       "no (a container's root can raise its own cgroup's limits from inside)");
	}
	for (i = 0; i < l.n_v1; i++)
		printf("Cgroup v1 %.127s: %.4000s\n", l.v1[i].options,
		       l.v1[i].path);
	show_tracking(&l);
	return l.mode == CGROUP_NONE ? -ENOENT : 0;
}

/*
 * checkconfig -f FILE: the config loaded as start loads it, and the keys
 * that isoctl reads and checks but does not apply yet, each with where
 * it first is.
 */
static int check_file(const char *path)
{
	struct iso_config *cfg = calloc(1, sizeof(*cfg));
	struct iso_cfg_error err;
	char line[PATH_MAX + 300];
	int i;

	if (!cfg)
		return iso_fail(-ENOMEM, "checkconfig: loading", path);
	iso_config_init_zeroed(cfg);
	if (iso_config_load(path, cfg, &err)) {
		iso_errorf(-EINVAL, "%.4200s",
			   iso_cfg_error_str(&err, line, sizeof(line)));
		free(cfg);
		return -EINVAL;
	}
	if (!cfg->n_unapplied) {
		printf("%.4095s: every key is applied\n", path);
	} else {
		printf("%.4095s: read and checked, not applied yet:\n", path);
		for (i = 0; i < cfg->n_unapplied; i++)
			printf("  %.511s\n", cfg->unapplied[i]);
		if (cfg->unapplied_more)
			printf("  (and more)\n");
	}
	free(cfg);
	return 0;
}

int cmd_checkconfig(int argc, char **argv)
{
	int bad;

	if (argc == 3 && !strcmp(argv[1], "-f"))
		return check_file(argv[2]);
	if (argc > 1) {
		fprintf(stderr, "Usage: isoctl checkconfig [-f CONFIG]\n");
		return -EINVAL;
	}
	show_module();
	bad = show_namespaces();
	if (show_cgroups())
		bad++;
	show_root();
	return bad ? -ENOENT : 0;
}
