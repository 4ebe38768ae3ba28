// SPDX-License-Identifier: GPL-2.0
/* The controllers isoctl can set, in the order `isoctl limit` shows them. */
#include <string.h>
#include <unistd.h>

#include "json.h"
#include "kernel/limit_kind.h"

extern const struct iso_limit_kind iso_limit_fork_rate;
extern const struct iso_limit_kind iso_limit_cpu_budget;
extern const struct iso_limit_kind iso_limit_mem_watch;
extern const struct iso_limit_kind iso_limit_exec_count;
extern const struct iso_limit_kind iso_limit_net;

const struct iso_limit_kind *const iso_limit_kinds[] = {
	&iso_limit_cpu_budget,
	&iso_limit_exec_count,
	&iso_limit_fork_rate,
	&iso_limit_mem_watch,
	&iso_limit_net,
};

const unsigned int iso_nr_limit_kinds =
	sizeof(iso_limit_kinds) / sizeof(iso_limit_kinds[0]);

const struct iso_limit_kind *iso_limit_kind_find(const char *name)
{
	unsigned int i;

	for (i = 0; i < iso_nr_limit_kinds; i++)
		if (!strcmp(iso_limit_kinds[i]->controller, name) ||
		    !strcmp(iso_limit_kinds[i]->option, name))
			return iso_limit_kinds[i];
	return NULL;
}

void iso_limit_close_files(const struct iso_limit_kind *kind,
			   struct iso_limit_rec *want)
{
	unsigned int type;

	for (type = 0; type < ISO_LIMIT_ATTRS; type++) {
		if (!(kind->fd_params & (1u << type)) || !want->has_param[type])
			continue;
		close(want->params[type]);
		want->has_param[type] = false;
	}
}

struct json_object *iso_limit_json(const struct iso_limit_rec *l)
{
	const struct iso_limit_kind *kind = iso_limit_kind_find(l->controller);
	struct json_object *o = json_object_new_object();

	if (o && kind)
		kind->to_json(o, l);
	return o;
}
