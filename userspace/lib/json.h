/* SPDX-License-Identifier: GPL-2.0 */
#ifndef ISO_JSON_H
#define ISO_JSON_H

/*
 * isoctl's JSON goes through json-c, so that escaping and numbers are
 * right by construction; these keep its calls short.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <json-c/json.h>

/* How isoctl writes JSON: "key": value, and "/" left as it is. */
#define ISO_JSON_FLAGS (JSON_C_TO_STRING_SPACED | JSON_C_TO_STRING_NOSLASHESCAPE)

void iso_json_u64(struct json_object *o, const char *key, uint64_t v);
void iso_json_int(struct json_object *o, const char *key, int64_t v);
void iso_json_str(struct json_object *o, const char *key, const char *s);
void iso_json_bool(struct json_object *o, const char *key, bool v);

/*
 * Print @obj with ISO_JSON_FLAGS, then put it: 0, or -ENOMEM if @obj is
 * NULL (json-c failed to make it).
 */
int iso_json_print_put(FILE *f, struct json_object *obj);

#endif /* ISO_JSON_H */
