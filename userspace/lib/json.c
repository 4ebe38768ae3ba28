// SPDX-License-Identifier: GPL-2.0
#include <errno.h>

#include "json.h"

void iso_json_u64(struct json_object *o, const char *key, uint64_t v)
{
	json_object_object_add(o, key, json_object_new_uint64(v));
}

void iso_json_int(struct json_object *o, const char *key, int64_t v)
{
	json_object_object_add(o, key, json_object_new_int64(v));
}

void iso_json_str(struct json_object *o, const char *key, const char *s)
{
	json_object_object_add(o, key, json_object_new_string(s));
}

void iso_json_bool(struct json_object *o, const char *key, bool v)
{
	json_object_object_add(o, key, json_object_new_boolean(v));
}

int iso_json_print_put(FILE *f, struct json_object *obj)
{
	if (!obj)
		return -ENOMEM;
	fputs(json_object_to_json_string_ext(obj, ISO_JSON_FLAGS), f);
	json_object_put(obj);
	return 0;
}
