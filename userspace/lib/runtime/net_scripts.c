// SPDX-License-Identifier: GPL-2.0
/*
 * lxc.net.N.script.up and .down: run on the host for each network that
 * was made, with the arguments LXC's netdev_configure_server_*() and
 * netdev_shutdown_server_*() give them: the type, the host's link, and
 * for a veth its host end.
 */
#include <stdbool.h>
#include <string.h>

#include "net/net.h"
#include "runtime/hooks.h"
#include "runtime/net_scripts.h"

int iso_net_scripts_run(const struct iso_hook_ctx *ctx,
			struct iso_net_host *host, bool up)
{
	const struct iso_cfg_net *net;
	const char *args[4];
	char veth[IFNAMSIZ];
	int i, ret, first = 0;

	for (i = 0; i < ctx->cfg->n_nets; i++) {
		net = &ctx->cfg->nets[i];
		/* none is never made: it is the host's network */
		if (!host->made[i])
			continue;
		args[0] = iso_net_type_name(net->type);
		args[1] = net->type == ISO_NET_EMPTY ? NULL : net->link;
		args[2] = NULL;
		if (net->type == ISO_NET_VETH) {
			iso_net_host_name(net, i, ctx->pid, veth);
			args[2] = veth;
		}
		args[3] = NULL;
		ret = iso_hooks_run_net(ctx, i, up, args);
		/*
		 * up stops at a failure, and the networks from this one on
		 * are not LXC's to take down with a script, since LXC makes
		 * each after the one before it is up; down is said and goes
		 * on
		 */
		if (ret && up) {
			memset(host->made + i, 0,
			       sizeof(host->made) - i * sizeof(host->made[0]));
			return ret;
		}
		if (ret && !first)
			first = ret;
	}
	return first;
}
