#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# make demo: install what is needed, build, boot Debian's 6.12 kernel under
# QEMU with iso.ko loaded, and show the main job there: three busybox
# containers under different loads, isoctl stats, the events, and a limit
# acting (scripts/demo-guest.sh).
set -euo pipefail
. "$(dirname "$0")/lib.sh"

"$ISO_ROOT/scripts/deps.sh"
make -C "$ISO_ROOT" isoctl
exec "$ISO_ROOT/scripts/vm" run --kernel 6.12 \
	--add "$ISO_ROOT/scripts/demo-guest.sh:/root/demo.sh" -- sh /root/demo.sh
