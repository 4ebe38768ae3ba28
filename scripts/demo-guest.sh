#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The demo, inside the guest: iso.ko is loaded; show what isoctl gets.
set -e

step()
{
	echo
	echo "### $*"
	"$@"
}

step uname -r
step grep '^iso ' /proc/modules
step isoctl version
step isoctl checkconfig
echo
echo "### rmmod iso; isoctl version"
rmmod iso
isoctl version || true
insmod /lib/iso/iso.ko
echo
echo "### dmesg | grep iso"
dmesg | grep 'iso:'
