// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: the config parser, which reads what the admin wrote
 * but must never crash or hang on it, whatever it is.  Each input is one
 * config file, in a memfd so that it is a regular file like any other.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#include "config/config.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct iso_config *cfg;
	struct iso_cfg_error err;
	char path[64], line[1024];
	int fd;

	if (!cfg)
		cfg = malloc(sizeof(*cfg));
	fd = memfd_create("fuzz.conf", MFD_CLOEXEC);
	if (!cfg || fd < 0 || write(fd, data, size) != (ssize_t)size)
		abort();
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	iso_config_init(cfg);
	if (iso_config_load(path, cfg, &err))
		iso_cfg_error_str(&err, line, sizeof(line));
	close(fd);
	return 0;
}
