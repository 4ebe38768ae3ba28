/* SPDX-License-Identifier: GPL-2.0 */
#ifndef ISO_RUNTIME_NET_SCRIPTS_H
#define ISO_RUNTIME_NET_SCRIPTS_H

#include <stdbool.h>

struct iso_hook_ctx;
struct iso_net_host;

/*
 * The up (@up) or down scripts of the networks iso_net_create() made in
 * @host, in their order: 0, or the first failure, said.  Up stops there,
 * and takes that network and the ones after it out of what down runs
 * for; down runs them all.
 */
int iso_net_scripts_run(const struct iso_hook_ctx *ctx,
			struct iso_net_host *host, bool up);

#endif /* ISO_RUNTIME_NET_SCRIPTS_H */
