// SPDX-License-Identifier: GPL-2.0
/* The one list of controllers: the framework knows none by name. */
#include "controllers.h"

struct iso_controller *const iso_controllers[] = {
	&iso_controller_fork_rate,
	&iso_controller_cpu_budget,
	&iso_controller_mem_watch,
	&iso_controller_net,
	&iso_controller_exec_count,
};

const unsigned int iso_nr_controllers = ARRAY_SIZE(iso_controllers);
