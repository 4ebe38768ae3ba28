/* SPDX-License-Identifier: GPL-2.0 */
#ifndef ISO_SEALED_SELF_H
#define ISO_SEALED_SELF_H

/*
 * Go on as a sealed memfd copy of this binary, re-executed with @argv,
 * unless this already is one; returns only on failure.  A container that
 * gets to execute /proc/self/exe, or opens /proc/PID/exe of an isoctl
 * working in it, finds a copy it cannot write, never the host's binary
 * (CVE-2019-5736).  runc's cloned binary and LXC's rexec do the same.
 */
int iso_run_sealed_copy(char **argv);

#endif /* ISO_SEALED_SELF_H */
