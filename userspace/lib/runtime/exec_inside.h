/* SPDX-License-Identifier: GPL-2.0 */
#ifndef ISO_EXEC_INSIDE_H
#define ISO_EXEC_INSIDE_H

struct iso_cfg_list;

/*
 * The last step into a container, the same for init, exec, attach and
 * chroot, once the process is in the container's root: LXC's clean
 * environment (with TERM if @term, container_ttys if @ttys is not NULL
 * or empty, then lxc.environment's @env if not NULL), no fd but stdio (a directory there refused) and isoctl's own
 * CLOEXEC @errfd and @keepfd (-1 for none), the cwd at the container's /
 * and checked to be there, then @cwd (lxc.init.cwd) if not NULL or
 * empty, then execvp(@argv).  Returns only on failure, -errno, said on
 * stderr or on @errfd if not -1.
 */
int iso_exec_inside(char *const argv[], const char *term, const char *ttys,
		    const struct iso_cfg_list *env, const char *cwd, int errfd,
		    int keepfd);

#endif /* ISO_EXEC_INSIDE_H */
