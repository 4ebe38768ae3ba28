// SPDX-License-Identifier: GPL-2.0
#include <string.h>

#include "template.h"

static const struct iso_template templates[] = {
	{ "busybox", iso_template_busybox,
	  "a minimal system from the host's busybox-static, offline" },
};

const struct iso_template *iso_template_find(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(templates) / sizeof(templates[0]); i++)
		if (!strcmp(templates[i].name, name))
			return &templates[i];
	return NULL;
}
