#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# In the guest: run iso.ko's KUnit suites and print their KTAP.  The suites
# run when iso_kunit.ko loads; their results stay in debugfs until unload.
# The registry suite works on the cgroups made here.
set -e
mkdir -p /sys/fs/cgroup/kunit/a/b
insmod /lib/iso/iso_kunit.ko
for results in /sys/kernel/debug/kunit/iso_*/results; do
	cat "$results"
done
rmmod iso_kunit
rmdir /sys/fs/cgroup/kunit/a/b /sys/fs/cgroup/kunit/a /sys/fs/cgroup/kunit
