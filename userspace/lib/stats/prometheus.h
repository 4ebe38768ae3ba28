/* SPDX-License-Identifier: GPL-2.0 */
#ifndef ISO_STATS_PROMETHEUS_H
#define ISO_STATS_PROMETHEUS_H

#include <stdbool.h>
#include <stdio.h>

#include "stats/sample.h"

/*
 * @s in Prometheus' text exposition format (version 0.0.4): one family
 * per metric, each with its HELP and TYPE, counters in base units with
 * _total, the container's name in the label "container".  @module says
 * where the figures came from, for iso_module_loaded.
 */
int iso_stats_prometheus(FILE *f, const struct iso_stats_sample *s,
			 bool module);

/* A label value with \, " and newline escaped, as the format wants. */
void iso_prometheus_label(FILE *f, const char *value);

#endif /* ISO_STATS_PROMETHEUS_H */
