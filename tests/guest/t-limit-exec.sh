# SPDX-License-Identifier: GPL-2.0
# exec_count, the example controller: the container's execs of one file
# are counted, whatever name ran it (a symlink, a hard link, a script's
# #! line), and no other file's, nor execs outside; a container above
# counts its own; the file is fixed while set; bad limits are refused.
# Commands: LIMIT_SET 7.  ISO_A_CONTAINER 3 (NAME 2), ISO_A_LIMIT 5:
# CONTROLLER 1, PARAMS 2; exec_count's FD 2, DEV 3, INO 4, EXECS 5.
. ./lib.sh

DIR=/tmp/iso-exec
trap 'isoctl untrack ex1in 2>/dev/null; drop_container ex1; rm -rf $DIR' EXIT
iso_loaded || iso_reload

new_container ex1
mkdir $CG/ex1/in || fail "mkdir $CG/ex1/in"
isoctl track $CG/ex1/in --name ex1in || fail "isoctl track ex1in"
mkdir -p $DIR/sym $DIR/hard
# a file of its own, apart from every other busybox applet's; busybox
# runs the applet its name ends in, so every name of it ends in "true"
cp /bin/busybox $DIR/true
ln -s ../true $DIR/sym/true
ln $DIR/true $DIR/hard/true
printf '#!%s\n' $DIR/true >$DIR/script
chmod +x $DIR/script
dev=$(stat -c %d $DIR/true) ino=$(stat -c %i $DIR/true)

# Bad input: one line each, and nothing set.  The file goes as an fd:
# nlsend's fd 7 is /bin/busybox.
exec 7</bin/busybox
expect_error "no fd" 22 7 3:nest 2:str:ex1 end 5:nest 1:str:exec_count 2:nest end end
expect_error "negative fd" 34 7 3:nest 2:str:ex1 end 5:nest 1:str:exec_count 2:nest 2:u32:4294967295 end end
expect_error "fd not open" 9 7 3:nest 2:str:ex1 end 5:nest 1:str:exec_count 2:nest 2:u32:1000 end end
expect_error "a reply's dev in a request" 22 7 3:nest 2:str:ex1 end 5:nest 1:str:exec_count 2:nest 2:u32:7 3:u32:1 end end
expect_error "state in a request" 22 7 3:nest 2:str:ex1 end 5:nest 1:str:exec_count 2:nest 2:u32:7 5:u64:1 end end
expect_error "a directory" 22 7 3:nest 2:str:ex1 end 5:nest 1:str:exec_count 2:nest 2:u32:0 end end </
exec 7<&-
out=$(isoctl limit ex1 --exec-count $DIR/nothing 2>&1) && fail "counted a missing file"
expect_eq "isoctl on a missing file" "$out" \
	"isoctl: limit --exec-count $DIR/nothing: opening it: No such file or directory"
out=$(isoctl limit ex1 --exec-count $DIR 2>&1) && fail "counted a directory"
expect_eq "isoctl on a directory" "$(echo "$out" | wc -l)" 1
out=$(isoctl limit ex1 --exec-count true 2>&1) && fail "took a relative path"
expect_match "isoctl on a relative path" "$out" "not an absolute path"
expect_match "no limits" "$(isoctl limit ex1)" "^ex1: no limits$"

isoctl limit ex1 --exec-count $DIR/true || fail "setting exec_count on ex1"
isoctl limit ex1in --exec-count $DIR/hard/true || fail "setting exec_count on ex1in"
# st_dev as stat(2) encodes it: the device of tmpfs's superblock
maj=$(((dev >> 8) & 0xfff)) min=$(((dev & 0xff) | ((dev >> 12) & 0xfff00)))
expect_match "limit shown" "$(isoctl limit ex1 --json)" \
	"\"exec_count\": \{ \"dev\": \"$maj:$min\", \"ino\": $ino, \"execs\": 0 \}"

# In ex1: 3 by its name, 1 through the symlink, 1 through the hard link,
# 1 as the script's interpreter; busybox's own true and a failed exec
# count nothing.  Outside: nothing.
$CGEXEC $CG/ex1 sh -c "
	for i in 1 2 3; do $DIR/true || exit 1; done
	$DIR/sym/true && $DIR/hard/true && $DIR/script && /bin/true &&
	! $DIR/nothing 2>/dev/null" || fail "the execs in ex1 failed"
$DIR/true
expect_eq "ex1's execs" "$(limit_field ex1 execs)" 6
expect_eq "ex1in's execs" "$(limit_field ex1in execs)" 0

# In ex1/in: its own count, and ex1's above it
$CGEXEC $CG/ex1/in sh -c "$DIR/true && $DIR/true" || fail "the execs in ex1/in failed"
expect_eq "ex1in's execs" "$(limit_field ex1in execs)" 2
expect_eq "ex1's execs, with ex1in's" "$(limit_field ex1 execs)" 8

# The same file again changes nothing; another file is EBUSY, and says so.
isoctl limit ex1 --exec-count $DIR/sym/true || fail "setting the same file again"
expect_eq "execs after the same file again" "$(limit_field ex1 execs)" 8
out=$(isoctl limit ex1 --exec-count /bin/busybox 2>&1) && fail "changed the file"
expect_match "another file" "$out" \
	"Device or resource busy \(exec_count: counts one file; clear it to count another\)$"

# Cleared: the count goes with it; set again, it starts from 0.
isoctl limit ex1 --clear exec-count || fail "clearing exec_count"
expect_match "cleared" "$(isoctl limit ex1)" "^ex1: no limits$"
isoctl limit ex1 --exec-count /bin/busybox || fail "counting busybox"
$CGEXEC $CG/ex1 /bin/true || fail "busybox's true in ex1"
expect_eq "busybox's execs" "$(limit_field ex1 execs)" 1
echo "exec_count: 6 execs of one file by 4 names counted, 2 in a nested container twice"
exit 0
