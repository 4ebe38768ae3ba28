#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Documentation/netlink/specs/iso.yaml against include/uapi/linux/iso.h:
# the kernel's own ynl-gen-c (from the 7.3 source the debug kernel is
# built from) checks the spec against the genetlink-legacy schema and
# writes the uapi header it describes; every constant of that header
# and of ours must then have the same value.
#
#   spec-check.sh KERNEL_SOURCE
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
src=${1:?usage: spec-check.sh KERNEL_SOURCE}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# ynl-gen-c finds the schema beside specs/, and the tree by MAINTAINERS
mkdir -p "$tmp/Documentation/netlink/specs"
touch "$tmp/MAINTAINERS"
cp "$src/Documentation/netlink/genetlink-legacy.yaml" "$tmp/Documentation/netlink/"
cp "$root/Documentation/netlink/specs/iso.yaml" "$tmp/Documentation/netlink/specs/"
/usr/bin/python3 -B "$src/tools/net/ynl/pyynl/ynl_gen_c.py" --mode uapi --header \
	--spec "$tmp/Documentation/netlink/specs/iso.yaml" -o "$tmp/gen.h"

"$here/uapi-values" "$root/include/uapi/linux/iso.h" >"$tmp/ours"
"$here/uapi-values" "$tmp/gen.h" >"$tmp/spec"
echo "iso.h: $(wc -l <"$tmp/ours") constants; the spec's header: $(wc -l <"$tmp/spec")"

# YNL names an enum's render-max member after the enum's name prefix:
# ISO_NET_MAX where iso.h, whose verdict enum shares ISO_NET_ with the
# rest of the net controller, says ISO_NET_VERDICT_MAX; the other two
# iso.h never defined.  Their values are checked against iso.h's counts.
only_spec="ISO_CPU_BUDGET_MAX ISO_FEATURE_BIT_MAX ISO_NET_MAX"
only_ours="ISO_NET_VERDICT_MAX"
value() { sed -n "s/^$2 //p" "$tmp/$1"; }
[ "$(value spec ISO_NET_MAX)" = "$(value ours ISO_NET_VERDICT_MAX)" ]
[ "$(value spec ISO_CPU_BUDGET_MAX)" = $(($(value ours __ISO_CPU_BUDGET_ACTION_MAX) - 1)) ]
[ "$(value spec ISO_FEATURE_BIT_MAX)" = $(($(value ours __ISO_FEATURE_BIT_MAX) - 1)) ]

bad=0
while read -r side line; do
	name=${line%% *}
	case " $([ "$side" = "<" ] && echo "$only_ours" || echo "$only_spec") " in
	*" $name "*) continue ;;
	esac
	[ "$side" = "<" ] && echo "only in iso.h: $line" || echo "only in the spec: $line"
	bad=1
done < <(diff "$tmp/ours" "$tmp/spec" | sed -n 's/^\([<>]\) /\1 /p')
[ $bad -eq 0 ] && echo "every other constant agrees"
exit $bad
