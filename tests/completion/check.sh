#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# contrib/bash-completion/isoctl against the isoctl it completes: every
# command isoctl lists and no other, every option each command's usage
# line names; then completions as bash would ask for them, of commands,
# options and the store's container names.
#
#   tests/completion/check.sh [ISOCTL_DIR]
set -uo pipefail
export LC_ALL=C
root=$(cd "$(dirname "$0")/../.." && pwd)
export PATH=${1:-$root/userspace}:$PATH
export ISO_PATH=$(mktemp -d)
trap 'rm -rf "$ISO_PATH"' EXIT
. "$root/contrib/bash-completion/isoctl"
bad=0
fail() { echo "FAIL: $*"; bad=1; }

listed=$(isoctl 2>&1 | awk '/^  [a-z]/ { print $1 }' | sort | tr '\n' ' ')
ours=$(echo $_isoctl_commands | tr ' ' '\n' | sort | tr '\n' ' ')
[ "$listed" = "$ours" ] || fail "commands: isoctl lists '$listed', the completion '$ours'"

for cmd in $listed; do
	usage=$(isoctl "$cmd" --isoctl-no-such-option 2>&1 | grep '^Usage:')
	[ -n "$usage" ] || usage=$(isoctl "$cmd" 2>&1 | grep '^Usage:')
	[ -n "$usage" ] || { fail "$cmd: no usage line"; continue; }
	opts=_isoctl_opts_$cmd
	for o in $(echo "$usage" |
		   grep -oE '(^| |\[|\|)(--[a-z][a-z-]*|-[A-Za-z])([] |=]|$)' |
		   sed 's/^[ [|]*//; s/[] =]*$//' | sort -u); do
		case " $(printf "%s " ${!opts})" in
		*" $o "*) ;;
		*) fail "$cmd: $o is in its usage, not in the completion" ;;
		esac
	done
done

# complete WORDS...: what bash would offer for the last word
complete_words()
{
	COMP_WORDS=(isoctl "$@")
	COMP_CWORD=$#
	COMPREPLY=()
	_isoctl
	[ ${#COMPREPLY[@]} -eq 0 ] ||
		printf '%s\n' "${COMPREPLY[@]}" | sort | tr '\n' ' '
}
expect() { [ "$2" = "$3" ] || fail "$1: got '$2', want '$3'"; }

mkdir -p "$ISO_PATH/web" "$ISO_PATH/db" "$ISO_PATH/notone"
touch "$ISO_PATH/web/config" "$ISO_PATH/db/config"
expect "commands" "$(complete_words st)" "start stats stop "
expect "an option" "$(complete_words stop --k)" "--kill "
expect "start's options" "$(complete_words start -)" \
	"--daemon --foreground --lxcpath --name -F -P -d -n "
expect "names after -n" "$(complete_words start -n '')" "db web "
expect "names as a word" "$(complete_words info w)" "web "
expect "no name after --timeout" "$(complete_words stop -t '')" ""
# -f and -F take no value for these commands
expect "after destroy -f" "$(complete_words destroy -f w)" "web "
expect "after start -d" "$(complete_words start -d -n w)" "web "
expect "after start -F" "$(complete_words start -F w)" "web "
expect "ls -F's value" "$(complete_words ls -F '')" ""
expect "templates" "$(complete_words create -t b)" "busybox "
expect "-P's store" "$(complete_words start -P "$ISO_PATH" -n d)" "db "
expect "net" "$(complete_words net '')" "bridge "
expect "net bridge" "$(complete_words net bridge '')" "add del ls "
expect "past --" "$(complete_words exec -n web -- '')" ""
[ $bad -eq 0 ] && echo "completion: every command and option, and the cases above"
exit $bad
