#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make check: every test iso has, on the host and in the three guests.
# Each result is one line "PASS|FAIL|SKIP group: name"; the last line is
# "N passed, N failed, N skipped".  Logs are kept in build/check/.
set -uo pipefail
. "$(dirname "$0")/lib.sh"

LOGS=$ISO_ROOT/build/check
passed=0 failed=0 skipped=0

result()
{
	case $1 in
	PASS) passed=$((passed + 1)) ;;
	FAIL) failed=$((failed + 1)) ;;
	SKIP) skipped=$((skipped + 1)) ;;
	esac
	echo "$1 $2"
}

summary()
{
	echo "check: logs in ${LOGS#"$ISO_ROOT"/}, took $(($(date +%s) - start)) s"
	echo "$passed passed, $failed failed, $skipped skipped"
	[ "$failed" -eq 0 ]
	exit
}

# Where the time goes: build/check/timing.log.
mark()
{
	echo "$1 done at $(($(date +%s) - start)) s" >>"$LOGS/timing.log"
}

# step NAME LOG CMD...: one result from a command's exit status.
step()
{
	local name=$1 log=$LOGS/$2
	shift 2

	if "$@" >"$log" 2>&1; then
		result PASS "$name"
	else
		result FAIL "$name (log: ${log#"$ISO_ROOT"/})"
		tail -n 20 "$log" | sed 's/^/    /'
		return 1
	fi
}

# iso.ko of the ABI before this one, from git history, which t-abi
# loads in the 6.12 guest; a clone without that history skips, saying so.
old_abi_module()
{
	local name="abi: iso.ko of the ABI before, from git history, for 6.12"
	local log=$LOGS/old-abi.log rc=0

	"$ISO_ROOT/tests/abi/old-module.sh" 6.12 "$LOGS/old-abi" >"$log" 2>&1 || rc=$?
	case $rc in
	0) result PASS "$name" ;;
	77) result SKIP "$name: $(tail -n1 "$log")" ;;
	*)
		result FAIL "$name (log: ${log#"$ISO_ROOT"/})"
		tail -n 20 "$log" | sed 's/^/    /'
		;;
	esac
}

# A wrong KDIR fails at once with one line that names it.
bad_kdir()
{
	local out

	out=$(make -s -C "$ISO_ROOT" module KDIR=/nonexistent 2>&1) && return 1
	echo "$out"
	[ "$(wc -l <<<"$out")" -eq 1 ] &&
		grep -q 'KDIR=/nonexistent is not a kernel build tree (no Makefile there)' \
			<<<"$out"
}

# One result per cmocka case, named by its program and case, for the
# tests/ tree $1 (default: the repository's), labelled $2 (unit).
unit_tests()
{
	local tree=${1:-$ISO_ROOT/tests} label=${2:-unit}
	local log=$LOGS/$label.log res=$LOGS/$label.results t name rc

	: >"$res"
	for t in "$tree"/unit/test_*; do
		[ -x "$t" ] || continue
		name=${t##*/test_}
		rc=0
		# from tests/, where their data files are
		(cd "$tree" && "$t") >"$log" 2>&1 || rc=$?
		# cmocka names a failed case again in its summary: once
		sed -n 's/^\[ *\(OK\|FAILED\) *\] \(test_.*\)$/\1 \2/p' "$log" |
			awk '!seen[$0]++' | while read -r status case; do
				[ "$status" = OK ] && echo "PASS $label: $name: $case" ||
					echo "FAIL $label: $name: $case"
			done >>"$res"
		# a skipped case, once, with the line it printed before: why
		awk -v p="SKIP $label: $name: " '
			/^\[  SKIPPED \] test_/ && !seen[$4]++ { print p $4 ": " why; next }
			!/^\[/ { why = $0 }' "$log" >>"$res"
		# a crash or a sanitizer's report leaves cases unreported: count it
		[ $rc -eq 0 ] || grep -q '^\[  FAILED  \] [0-9]' "$log" ||
			echo "FAIL $label: $name: exit $rc (log: build/check/$label.log.$name)" >>"$res"
		mv "$log" "$log.$name"
	done
	grep -q . "$res" ||
		echo "FAIL $label: no cmocka results (logs: build/check/$label.log.*)" >"$res"
	collect "$res"
}

# isoctl's container tests: they need no module, so they also run as root
# on this host, whose cgroups are whatever it has (hybrid on these
# machines), and in a 6.1 guest with pure v1 cgroups.  The two that try
# to escape skip on the host, saying so: they run only in the guests.
CONTAINER_TESTS="t-create.sh t-exec.sh t-lifecycle.sh t-lifecycle-userns.sh
	t-net.sh t-net-links.sh t-net-vlan.sh t-net-ipvlan.sh t-net-veth.sh t-ttys.sh
	t-namespaces.sh t-reboot.sh t-cgroup-dir.sh t-copy.sh t-apparmor.sh
	t-stats-containers.sh t-monitor-state.sh t-lxc-init.sh
	t-lxc-hooks.sh t-templates.sh t-userns.sh t-confinement.sh
	t-rootfs-symlinks.sh t-selinux.sh t-sched-core.sh"

# The module's tests that also run on a pure v1 guest, in the private
# cgroup2 hierarchy isoctl mounts for iso.ko there.  Memory figures and
# OOM kills need the memory controller on v2, so those cases say they
# did not run; CPU, forks, execs, exits, switches, signals, nesting,
# events and permissions all do.  t-limit-freeze, whose freezer is the
# same private cgroup2 one, runs there in make check-full only, to keep
# this guest, the last one to end, within make check's time.
V1_MODULE_TESTS="t-containers.sh t-nested.sh t-counters.sh t-accuracy.sh
	t-events.sh t-security.sh t-bad-input.sh t-permissions.sh t-limit-fork.sh
	t-limit-mem.sh t-stats.sh"
V1_FULL_ONLY="t-limit-freeze.sh"

# Every guest test but the container ones, which 6.1, 6.12, 6.1-v1 and the
# host already run: the RT kernel runs these, but for RT_SKIPS, which 6.1
# and 6.12 run, and make check-full on RT too.
MODULE_TESTS="t-accuracy.sh t-add-race.sh t-bad-input.sh t-containers.sh
	t-counters.sh t-events.sh t-info.sh t-kernel-config.sh t-load-unload.sh
	t-module-param.sh t-nested.sh t-not-loaded.sh t-permissions.sh
	t-security.sh t-strict-policy.sh t-nlfuzz.sh t-limit-fork.sh t-limit-cpu.sh
	t-limit-mem.sh t-limit-freeze.sh t-limit-net.sh t-limit-exec.sh t-stats.sh
	t-monitor.sh"
RT_SKIPS="t-kernel-config.sh t-load-unload.sh"

# The stock 6.1 and 6.12 guests run every test but these, to keep make
# check within its time: the unprivileged lifecycle runs on 6.1 only,
# the privileged one on 6.1-v1 and the host, t-userns on 6.12 and the
# host, the network types on 6.12 and the host, the ttys, namespaces and
# reboots on 6.1, 6.1-v1 (namespaces) and the host, lxc.cgroup.dir* on
# 6.1 (v2) and the host (v1 and hybrid), copy on 6.1 and the host,
# AppArmor on 6.12 (on) and the host (off), SELinux on 6.12-rt (on)
# and the host (off), t-monitor and
# t-limit-net on 6.12 and 6.12-rt, t-exec and t-stats-containers on 6.1,
# 6.1-v1 and the host, the netlink fuzzer on 6.12-rt and both debug
# kernels, the confinement escapes on 6.1 and 6.1-v1, t-monitor-state
# (50 s in a guest, most of it a slow reader's 120 freeze rounds) on the
# host, plainly and under ASan.  make check-full runs all of them
# everywhere, but t-ynl, which needs the python3 that only the 6.12
# guest carries (scripts/vm --python), and t-abi, which needs the older
# module only the 6.12 guest is given (old_abi_module); each says so
# where it skips.
STOCK_61_SKIPS="t-lifecycle.sh t-userns.sh t-nlfuzz.sh t-ynl.sh t-abi.sh
	t-net-links.sh t-net-vlan.sh t-net-ipvlan.sh t-net-veth.sh t-monitor-state.sh
	t-monitor.sh t-limit-net.sh t-apparmor.sh t-selinux.sh"
STOCK_612_SKIPS="t-lifecycle.sh t-lifecycle-userns.sh t-nlfuzz.sh
	t-confinement.sh t-monitor-state.sh t-ttys.sh t-namespaces.sh
	t-reboot.sh t-stats-containers.sh t-exec.sh t-cgroup-dir.sh t-copy.sh
	t-selinux.sh t-sched-core.sh"

# The 6.1-v1 guest (pure v1, "/" the initramfs) runs the container tests
# but these: the unprivileged lifecycle, which 6.1 runs, the network and
# image paths, which neither the cgroups nor the root change, and which
# 6.1, 6.12 and the host run, t-userns, which 6.12 and the host run,
# t-monitor-state, which the host runs, the ttys, the reboots and
# lxc.cgroup.dir*, which 6.1 and the host (whose controllers are v1)
# run, and copy, which the cgroups do not change.  make check-full runs
# them there too.
V1_CONTAINER_SKIPS="t-lifecycle-userns.sh t-net.sh t-net-links.sh
	t-net-vlan.sh t-net-ipvlan.sh t-net-veth.sh t-rootfs-symlinks.sh
	t-userns.sh t-monitor-state.sh t-ttys.sh t-reboot.sh t-cgroup-dir.sh
	t-copy.sh t-apparmor.sh t-selinux.sh"


# The debug kernels (KASAN, lockdep, kmemleak) run 15 to 25 times slower
# under TCG: make check runs there the tests of the registry's and the
# family's concurrency, lifetimes and permissions, with KUnit and the
# churn, to stay within 20 minutes warm.  The CPU-heavy measurements
# (t-accuracy, t-counters), the error paths (t-bad-input, 77-129 s
# there), t-kernel-config, t-load-unload and t-info (the module's
# version and features, read once) run on every other kernel in make
# check, and on the debug kernels too in make check-full, as do the
# container tests.
# The controllers' own tests (t-limit-*) and t-security run there only
# in make check-full: in make check the churn drives the controllers,
# kills, CPU budgets, memory watches and net hooks included, with rmmod
# in the middle.  So does t-nested, which every other kernel runs.
DEBUG_TESTS="t-add-race.sh t-containers.sh t-events.sh
	t-module-param.sh t-not-loaded.sh t-permissions.sh
	t-strict-policy.sh t-nlfuzz.sh"
# debug-6.1 is the slower of the two: there make check leaves out these,
# which 7.3's debug kernel runs, to keep the pair even, but not t-nlfuzz,
# which no other 6.1 guest runs in make check.  t-containers and
# t-add-race, which found 6.1's own locking bugs, stay on both.
DEBUG_61_SKIPS="t-events.sh t-permissions.sh"

# The words of list $1 but those after it.
only_in()
{
	local t skip list=$1

	shift
	for t in $list; do
		for skip in "$@"; do
			[ "$t" != "$skip" ] || continue 2
		done
		echo "$t"
	done | tr '\n' ' '
}

# Every guest test but those named.
all_but()
{
	only_in "$(cd "$ISO_ROOT/tests/guest" && echo t-*.sh)" "$@"
}

HOST_TESTS="$CONTAINER_TESTS h-debian.sh h-serve.sh h-top.sh h-lxc-configs.sh
	h-lxc-store.sh h-autostart.sh"
# The slowest of them under ASan, some three minutes of the host's lane,
# which they share with the guests: they run plainly in make check, and
# under ASan too in make check-full.
ASAN_FULL_ONLY="t-monitor-state.sh t-cgroup-dir.sh t-lifecycle.sh h-serve.sh
	h-autostart.sh h-lxc-configs.sh"

# The container tests as root on this host, with the isoctl in $1
# (default: the repository's), labelled $2 (host), but those after them.
host_tests()
{
	local bin=${1:-$ISO_ROOT/userspace} label=${2:-host}

	shift 2 || shift $#
	(cd "$ISO_ROOT/tests/guest" &&
	 PATH=$bin:$PATH ISO_CACHE_DIR=$ISO_CACHE/templates \
	 ISO_LXC_ROOT=$ISO_CACHE/lxc/root ISO_LXC_CACHE=$ISO_CACHE/lxc-cache \
		./run.sh $(only_in "$HOST_TESTS" "$@")) >"$LOGS/$label.log" 2>&1
	results_of "$LOGS/$label.log" "$label" >"$LOGS/$label.results"
	grep -q . "$LOGS/$label.results" ||
		echo "FAIL $label: no result (log: build/check/$label.log)" \
			>"$LOGS/$label.results"
	collect "$LOGS/$label.results"
}

# isoctl and its cmocka tests once more, built with ASan and UBSan in
# build/asan: any report fails the test it happened in.  LeakSanitizer
# stays on for the unit tests; for the container tests it is off, since
# its exit-time scan hangs in a process that has joined another pid
# namespace (attach does, to fork into it).
asan_tests()
{
	local dir=$ISO_ROOT/build/asan

	mkdir -p "$dir"
	rsync -a --delete --exclude='*.o' --exclude='*.a' \
		"$ISO_ROOT/include" "$ISO_ROOT/userspace" "$ISO_ROOT/tests" "$dir/"
	if ! make -s -C "$dir/tests" SANITIZE=address,undefined \
		$(cd "$dir/tests" && ls unit/test_*.c | sed 's/\.c$//') \
		>"$LOGS/build-asan.log" 2>&1 ||
	   ! make -s -C "$dir/userspace" SANITIZE=address,undefined isoctl isoctl-serve \
		>>"$LOGS/build-asan.log" 2>&1; then
		result FAIL "build: isoctl and its unit tests with ASan and UBSan (log: build/check/build-asan.log)"
		return
	fi
	result PASS "build: isoctl and its unit tests with ASan and UBSan"
	unit_tests "$dir/tests" unit-asan
	# shellcheck disable=SC2086
	ASAN_OPTIONS=detect_leaks=0 host_tests "$dir/userspace" host-asan \
		$([ "${ISO_FULL:-}" = 1 ] || echo $ASAN_FULL_ONLY)
}

# make install PREFIX=/opt/iso-check (no such directory here), staged in build/install, from a copy of the
# tree (objects included: only serve.o is built again, for its path):
# every file in place, and the installed isoctl serve looking for its
# helper under /usr.
install_test()
{
	local src=$ISO_ROOT/build/install-src dest=$ISO_ROOT/build/install f out

	rm -rf "$dest"
	mkdir -p "$src"
	rsync -a --delete "$ISO_ROOT/Makefile" "$ISO_ROOT/include" "$ISO_ROOT/userspace" \
		"$ISO_ROOT/Documentation" "$ISO_ROOT/contrib" "$src/" &&
		make -s -C "$src" install DESTDIR="$dest" PREFIX=/opt/iso-check || return 1
	for f in bin/isoctl lib/iso/isoctl-serve share/man/man8/isoctl.8 \
		 share/bash-completion/completions/isoctl \
		 lib/systemd/system/isoctl-serve.service \
		 lib/systemd/system/isoctl-autostart.service; do
		[ -f "$dest/opt/iso-check/$f" ] || { echo "missing /opt/iso-check/$f"; return 1; }
	done
	grep -q '^ExecStart=/opt/iso-check/bin/isoctl serve --listen ' \
		"$dest/opt/iso-check/lib/systemd/system/isoctl-serve.service" || return 1
	grep -q '^ExecStart=-/opt/iso-check/bin/isoctl autostart -g onboot,$' \
		"$dest/opt/iso-check/lib/systemd/system/isoctl-autostart.service" || return 1
	out=$("$dest/opt/iso-check/bin/isoctl" serve --listen x 2>&1)
	echo "$out"
	[ "$out" = "isoctl: running /opt/iso-check/lib/iso/isoctl-serve: No such file or directory" ]
}

# The PASS/FAIL/SKIP lines of tests/guest/run.sh in $1, labelled $2.
results_of()
{
	tr -d '\r' <"$1" | sed -n "s/^\(PASS\|FAIL\|SKIP\) \(.*\)/\1 $2: \2/p"
}

# Count result lines another stage wrote.
collect()
{
	local line status rest

	# results are counted; a failed step's log tail is only shown
	while IFS= read -r line; do
		read -r status rest <<<"$line"
		case $line in
		PASS\ * | FAIL\ * | SKIP\ *) result "$status" "$rest" ;;
		*) echo "$line" ;;
		esac
	done <"$1"
}

# Boot kernel $1 and run $2 in it, labelled $1 or $3 with scripts/vm's
# options after it; its PASS/FAIL/SKIP lines, the KUnit cases from KTAP
# and the runner's verdict on dmesg become results.
guest()
{
	local kernel=$1 cmd=$2 k=${3:-$1} log=$LOGS/guest-${3:-$1}.log rc
	local t0=$(date +%s)

	shift $(($# < 3 ? $# : 3))
	"$ISO_ROOT/scripts/vm" run --kernel "$kernel" --timeout "$GUEST_TIMEOUT" "$@" \
		-- sh -c "$cmd" >"$log" 2>&1
	rc=$?
	echo "# guest $k took $(($(date +%s) - t0)) s" >>"$LOGS/timing.log"
	{
		results_of "$log" "$k"
		tr -d '\r' <"$log" |
			sed -n "s/^    ok [0-9]* \(.*\)/PASS $k: kunit \1/p;
				s/^    not ok [0-9]* \(.*\)/FAIL $k: kunit \1/p"
		if [ $rc -eq 0 ] && grep -aq 'ISO-VM-RESULT rc=0 dmesg=clean' "$log"; then
			echo "PASS $k: guest ran clean (exit 0, dmesg clean)"
		else
			echo "FAIL $k: guest exit $rc or dmesg report (log: build/check/guest-$k.log)"
		fi
	} >"$LOGS/guest-$k.results"
	grep -q "^PASS $k: t-" "$LOGS/guest-$k.results" ||
		echo "FAIL $k: the guest suite reported no test" >>"$LOGS/guest-$k.results"
	case $cmd in
	*kunit*)
		grep -q "^PASS $k: kunit" "$LOGS/guest-$k.results" ||
			echo "FAIL $k: KUnit reported no case" >>"$LOGS/guest-$k.results"
		;;
	esac
}

# Container churn, in the debug kernels' run after their suite (one
# boot, and one kmemleak scan at the end, for both): nested containers,
# ADD racing rmdir, dumps, CPU load and an rmmod under load.  40 s in
# make check, 60 s in make check-full.
churn()
{
	echo "if /tests/stress/churn.sh $1 200 >/tmp/iso-churn.out 2>&1; then
	echo \"PASS churn: $1 s of container churn, ADD/rmdir races, dumps and rmmod\"
	sed -n \"s/^churn: /# churn: /p\" /tmp/iso-churn.out
else
	echo \"FAIL churn: $1 s of container churn (its output follows)\"
	cat /tmp/iso-churn.out
fi"
}
CHURN=$(churn 40)

# A module that leaks on purpose must fail a debug-kernel run.
runner_leak_selftest()
{
	local dir=$ISO_ROOT/build/debug/tests/runner rc
	local log=$LOGS/runner-leak.log

	mkdir -p "$dir"
	rsync -a "$ISO_ROOT/tests/runner/" "$dir/"
	if ! make -s -C "$(iso_kernel_dir debug)/kdir" M="$dir" modules \
		>"$log" 2>&1; then
		result FAIL "runner: building the leaking module"
		return
	fi
	"$ISO_ROOT/scripts/vm" run --kernel debug \
		--add "$dir/iso_leak.ko:/root/iso_leak.ko" \
		-- insmod /root/iso_leak.ko >>"$log" 2>&1
	rc=$?
	[ $rc -ne 0 ] && grep -q 'kmemleak reports leaks' "$log" &&
		result PASS "runner: fails a run with a kmemleak leak" ||
		result FAIL "runner: a leaking module passed (exit $rc)"
}

# The runner must fail a run whose dmesg has a report, and kill a hung one.
runner_selftests()
{
	local vm=$ISO_ROOT/scripts/vm rc

	"$vm" run --kernel 6.12 -- sh -c 'echo "BUG: iso runner self-test" >/dev/kmsg' \
		>"$LOGS/runner-report.log" 2>&1
	rc=$?
	[ $rc -ne 0 ] && grep -q 'dmesg has a report' "$LOGS/runner-report.log" &&
		result PASS "runner: fails a run with a kernel report" ||
		result FAIL "runner: passed a run with a kernel report (exit $rc)"

	# its memory size marks its QEMU apart from the guests beside it
	"$vm" run --kernel 6.12 --mem 1000 --timeout 20 -- sleep 600 \
		>"$LOGS/runner-hang.log" 2>&1
	rc=$?
	[ $rc -eq 124 ] && grep -q 'guest hung' "$LOGS/runner-hang.log" &&
		! pgrep -f "qemu-system-x86_64.* -m 1000 .*build/6.12/run\." >/dev/null &&
		result PASS "runner: kills a hung guest at the timeout" ||
		result FAIL "runner: hung guest gave exit $rc"

	"$vm" run --kernel 5.10 -- true >"$LOGS/runner-unknown.log" 2>&1
	grep -q 'known: 6.1, 6.12, 6.12-rt, debug, debug-6.1' "$LOGS/runner-unknown.log" &&
		result PASS "runner: an unknown kernel lists the known ones" ||
		result FAIL "runner: unknown kernel message"
}

# The queue's jobs that run now, two at most.
running=()

# queue CMD...: run CMD in the background once fewer than two run.
queue()
{
	"$@" &
	running+=($!)
	[ ${#running[@]} -lt 2 ] || wait_one
}

# Wait for one running job to end, and forget it.
wait_one()
{
	local done pid left=()

	wait -n -p done "${running[@]}"
	for pid in "${running[@]}"; do
		[ "$pid" = "$done" ] || left+=("$pid")
	done
	running=("${left[@]}")
}

wait_all()
{
	while [ ${#running[@]} -gt 0 ]; do
		wait_one
	done
}

# into FILE CMD...: CMD's results, kept in build/check/FILE for collect.
into()
{
	local file=$LOGS/$1

	shift
	"$@" >"$file"
}

main()
{
	local suite debug_suite debug_61_suite stock_61 stock_612 v1 rt host_job ko
	local old_abi

	suite="cd /tests/guest && ./run.sh $(only_in "$MODULE_TESTS" $RT_SKIPS)"
	debug_suite="cd /tests/guest && ./run.sh $(echo $DEBUG_TESTS)"
	debug_61_suite="cd /tests/guest && ./run.sh $(only_in "$DEBUG_TESTS" $DEBUG_61_SKIPS)"
	stock_61="cd /tests/guest && ./run.sh $(all_but $STOCK_61_SKIPS)"
	stock_612="cd /tests/guest && ./run.sh $(all_but $STOCK_612_SKIPS)"
	v1="cd /tests/guest && ./run.sh $(only_in "$CONTAINER_TESTS" $V1_CONTAINER_SKIPS)"
	v1="$v1 $(echo $V1_MODULE_TESTS)"
	rt="$suite t-selinux.sh"
	# a debug guest's suite and churn take some 10 minutes, 25 in full
	GUEST_TIMEOUT=1500
	if [ "${1:-}" = --full ]; then
		suite=/tests/guest/run.sh
		debug_suite=$suite
		debug_61_suite=$suite
		stock_61=$suite
		stock_612=$suite
		v1="cd /tests/guest && ./run.sh $(echo $CONTAINER_TESTS $V1_MODULE_TESTS $V1_FULL_ONLY)"
		rt="cd /tests/guest && ./run.sh $(all_but t-selinux.sh) t-selinux.sh"
		CHURN=$(churn 60)
		GUEST_TIMEOUT=3000
		# h-lxc-store: lxc-create -t debian, a debootstrap
		export ISO_FULL=1
	fi
	start=$(date +%s)
	rm -rf "$LOGS"
	mkdir -p "$LOGS"

	step "deps: host packages and Debian kernels" deps.log \
		"$ISO_ROOT/scripts/deps.sh" || summary
	step "deps: debug kernel from 7.3" debug-kernel.log \
		"$ISO_ROOT/scripts/build-debug-kernel.sh" debug || summary
	step "deps: debug kernel from 6.1" debug-6.1-kernel.log \
		"$ISO_ROOT/scripts/build-debug-kernel.sh" debug-6.1 || summary
	step "build: isoctl and test tools, -Werror" build-userspace.log \
		make -C "$ISO_ROOT" isoctl tests || summary
	unit_tests
	step "install: make install into a DESTDIR" install.log install_test
	step "completion: bash completion has every command and option" completion.log \
		"$ISO_ROOT/tests/completion/check.sh"
	step "selinux: a small policy for the 6.12-rt guest (t-selinux)" selinux-policy.log \
		"$ISO_ROOT/scripts/selinux-policy.sh" "$LOGS/selinux.policy"
	step "ynl: Documentation/netlink/specs/iso.yaml and iso.h agree" ynl-spec.log \
		"$ISO_ROOT/tests/ynl/spec-check.sh" "$ISO_CACHE/src/linux-source-7.3"
	mark "deps, builds, unit tests"
	# The host's container tests, plain and then under ASan, spend most
	# of their minutes waiting on containers: they run beside the
	# fuzzer, checkpatch and the builds, and end before the guests
	# begin, whose TCG threads want both cores.
	{
		host_tests
		mark "host container tests"
		asan_tests
		mark "ASan and UBSan"
	} >"$LOGS/host-stages.results" &
	host_job=$!
	step "fuzz: the config parser, its kept cases and 30 s more" fuzz.log \
		"$ISO_ROOT/scripts/fuzz.sh" 30
	step "checkpatch --strict" checkpatch.log "$ISO_ROOT/scripts/checkpatch.sh"
	step "build: make KDIR=/nonexistent names KDIR" kdir.log bad_kdir
	for k in 6.1 6.12; do
		step "dkms: dkms build against Debian's $k headers, in a scratch tree" \
			"dkms-$k.log" "$ISO_ROOT/tests/dkms/check.sh" "$k"
	done
	old_abi_module
	mark "fuzzer, checkpatch"
	# two builds at a time, one per core
	for k in $ISO_KERNELS; do
		step "build: iso.ko for $k, W=1, no warnings" "build-$k.log" \
			"$ISO_ROOT/scripts/vm" build --kernel "$k" \
			>"$LOGS/build-$k.results" &
		running+=($!)
		[ ${#running[@]} -lt 2 ] || wait_one
	done
	wait_all
	for k in $ISO_KERNELS; do
		collect "$LOGS/build-$k.results"
	done
	mark "iso.ko builds"
	# Two guests at a time, one TCG thread each on the two cores, the
	# longest first (as timed in build/check/timing.log), so that the
	# two cores end together.  The first begins beside the host's tests,
	# which mostly wait on containers and leave it a core.  The runner's
	# own tests boot guests too.
	# the host's stages hold one of the two places until they end: the
	# next guest starts as soon as the first one or they are done
	running+=("$host_job")
	queue guest debug-6.1 "/tests/kunit/run.sh; $debug_61_suite; $CHURN"
	queue guest debug "/tests/kunit/run.sh; $debug_suite; $CHURN"
	queue guest 6.1 "$stock_61"
	# with python3: the kernel's YNL CLI (t-ynl), a Prometheus parser;
	# and the module of the ABI before, if there is one, for t-abi
	old_abi=()
	for ko in "$LOGS"/old-abi/iso-abi*.ko; do
		[ ! -f "$ko" ] || old_abi=(--add "$ko:/lib/iso/${ko##*/}")
	done
	# and Debian's apparmor_parser, its config and the features it
	# compiles for, to load generated profiles (t-apparmor)
	local aa=$ISO_CACHE/lxc/root x apparmor=()
	for x in sbin/apparmor_parser etc/apparmor etc/apparmor.d \
		 usr/share/apparmor-features; do
		[ ! -e "$aa/$x" ] || apparmor+=(--add "$aa/$x:/$x")
	done
	queue guest 6.12 "$stock_612" 6.12 --python "${old_abi[@]}" "${apparmor[@]}"
	# pure v1 on its initramfs: containers are chrooted there, not pivoted
	queue guest 6.1 "$v1" 6.1-v1 --cgroups v1 --initramfs-root
	# PREEMPT_RT: a spinlock_t a probe took would sleep there.  Booted
	# with SELinux, whose policy t-selinux loads last (permissive).
	local selinux=(--lsm selinux)
	# without it, t-selinux fails saying so, and the rest runs
	[ ! -f "$LOGS/selinux.policy" ] ||
		selinux+=(--add "$LOGS/selinux.policy:/etc/iso-test/selinux.policy")
	queue guest 6.12-rt "$rt" 6.12-rt "${selinux[@]}"
	queue into runner-leak.results runner_leak_selftest
	queue into runner.results runner_selftests
	wait_all
	mark "guests"
	collect "$LOGS/host-stages.results"
	for k in $ISO_KERNELS 6.1-v1; do
		collect "$LOGS/guest-$k.results"
	done
	collect "$LOGS/runner-leak.results"
	collect "$LOGS/runner.results"
	summary
}

main "$@"
