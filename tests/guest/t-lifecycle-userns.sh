# SPDX-License-Identifier: GPL-2.0
# t-lifecycle with c1 made by create --userns: an unprivileged container
# goes through the same start, stop, console, attach, freeze and destroy.
# create --userns may add root's range to /etc/subuid: in a guest only.
. ./lib.sh
guest_only "create --userns writes /etc/subuid"

export ISO_CREATE=--userns
. ./t-lifecycle.sh
