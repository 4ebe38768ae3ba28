/* SPDX-License-Identifier: GPL-2.0 */
#ifndef ISO_JSON_H
#define ISO_JSON_H

#include <stdio.h>

/* Write @s as a JSON string, quotes included. */
void json_string(FILE *f, const char *s);

#endif /* ISO_JSON_H */
