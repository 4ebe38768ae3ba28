/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What older kernels lack, keyed by the build's feature probes
 * (features.h), never by version numbers.
 */
#ifndef _ISO_COMPAT_H
#define _ISO_COMPAT_H

#include <linux/slab.h>
#include <linux/workqueue.h>

#include "features.h"

#ifndef ISO_HAVE_KZALLOC_OBJ
#define kmalloc_obj(P, gfp)		kmalloc(sizeof(P), gfp)
#define kzalloc_obj(P, gfp)		kzalloc(sizeof(P), gfp)
#define kzalloc_objs(P, count, gfp)	kcalloc(count, sizeof(P), gfp)
#endif

#ifndef ISO_HAVE_SYSTEM_DFL_WQ
#define system_dfl_wq			system_unbound_wq
#endif

#endif /* _ISO_COMPAT_H */
