// SPDX-License-Identifier: GPL-2.0
/*
 * isoctl net bridge add|del NAME, isoctl net bridge ls: the host bridges
 * that lxc.net.N.link names, in place of brctl addbr, delbr and show.
 */
#include <errno.h>
#include <net/if.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "isoctl.h"
#include "error.h"
#include "net/net.h"

static int check_ifname(const char *name)
{
	if (!name[0] || strlen(name) >= IFNAMSIZ || strchr(name, '/') ||
	    strpbrk(name, " \t\n:"))
		return iso_failf(-EINVAL, "net bridge", "\"%s\": not an interface name (1 to %d bytes, no '/', ':' or blanks)",
				 name, IFNAMSIZ - 1);
	return 0;
}

static bool is(int argc, char **argv, int n, const char *verb)
{
	return argc == n && !strcmp(argv[1], "bridge") && !strcmp(argv[2], verb);
}

int cmd_net(int argc, char **argv)
{
	if (is(argc, argv, 3, "ls"))
		return iso_bridge_list(stdout);
	if (is(argc, argv, 4, "add"))
		return check_ifname(argv[3]) ?: iso_bridge_add(argv[3]);
	if (is(argc, argv, 4, "del"))
		return check_ifname(argv[3]) ?: iso_bridge_del(argv[3]);
	fprintf(stderr, "Usage: isoctl net bridge add|del NAME\n"
		"       isoctl net bridge ls\n");
	return -EINVAL;
}
