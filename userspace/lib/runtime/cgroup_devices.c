// SPDX-License-Identifier: GPL-2.0
/*
 * A container's device allowlist: LXC's list, changed by the config's
 * devices.allow and devices.deny keys, in the devices files of a v1
 * hierarchy or as a BPF program on the v2 cgroup.
 *
 * As in LXC, the keys of the kind that enforces it here count:
 * lxc.cgroup.devices.* where a v1 hierarchy has the devices controller,
 * lxc.cgroup2.devices.* elsewhere.  The others are ignored, so that one
 * config (Debian's common.conf has both) serves every host.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "runtime/cgroup.h"
#include "runtime/device_bpf.h"
#include "runtime/device_rules.h"
#include "config/config.h"
#include "error.h"

static int write_v1(const char *dir, const char *file, const char *rule)
{
	int ret = iso_cgroup_write(dir, file, rule);

	return ret ? iso_failf(ret, "setting the device allowlist",
			       "writing \"%s\" to %s/%s", rule, dir, file) : 0;
}

/* The default first, which empties the list, then each exception. */
static int apply_v1(const char *dir, const struct iso_dev_list *list)
{
	const char *to_default = list->default_allow ? "devices.allow" :
						       "devices.deny";
	const char *to_except = list->default_allow ? "devices.deny" :
						      "devices.allow";
	char rule[64];
	int i, ret;

	ret = write_v1(dir, to_default, "a");
	for (i = 0; !ret && i < list->n; i++) {
		iso_dev_rule_format(&list->ex[i], rule, sizeof(rule));
		ret = write_v1(dir, to_except, rule);
	}
	return ret;
}

static int apply_v2(const char *dir, const struct iso_dev_list *list)
{
	int fd, ret;

	fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return iso_fail(-errno, "opening", dir);
	ret = iso_dev_bpf_attach(fd, list);
	close(fd);
	return ret;
}

int iso_cgroup_apply_devices(struct iso_cgroup *cg,
			     const struct iso_config *cfg)
{
	const char *v1 = iso_cgroup_v1_dir(cg, "devices");
	struct iso_dev_list list;
	int ret;

	if (cfg->privileged)
		return 0;
	ret = v1 ? iso_dev_list_from_keys(&list, cfg->cgroup1, cfg->n_cgroup1) :
		   iso_dev_list_from_keys(&list, cfg->cgroup2, cfg->n_cgroup2);
	if (ret)
		return iso_failf(ret, "setting the device allowlist",
				 "more than %d exceptions", ISO_DEV_MAX_RULES);
	if (v1)
		return apply_v1(v1, &list);
	if (cg->v2[0])
		return apply_v2(cg->v2, &list);
	return iso_fail(-ENOENT, "setting the device allowlist",
			"this host has neither a v1 devices controller nor a cgroup v2 tree");
}
