# SPDX-License-Identifier: GPL-2.0
# Every malformed container request fails with the right errno and an
# extack message.  Commands: ADD 2, DEL 3, GET 4, SET 6.  ISO_A_CONTAINER is 3;
# inside it NAME 2, CGROUP_ID 3, CGROUP_FD 4, CGROUP_PATH 5, INIT_PID 6.
. ./lib.sh

trap 'drop_container b1; drop_container b2; drop_container b3;
      umount /tmp/v1 2>/dev/null' EXIT
mkdir -p $CG/b1 $CG/b2

expect_error "wrong attribute type" 22 2 3:nest 2:str:b1 3:str:abc end
expect_error "missing name" 22 2 3:nest 4:fd:$CG/b1 end
expect_error "missing nest" 22 2
expect_error "name too long" 22 2 3:nest 2:str:$(head -c 65 /dev/zero | tr '\0' x) 4:fd:$CG/b1 end
expect_error "empty name" 22 2 3:nest 2:str: 4:fd:$CG/b1 end
expect_error "non-printable name" 22 2 3:nest 2:bin:410100 4:fd:$CG/b1 end
expect_error "no cgroup" 22 2 3:nest 2:str:b1 end
expect_error "fd and path" 22 2 3:nest 2:str:b1 4:fd:$CG/b1 5:str:/b1 end
expect_error "bad fd" 9 2 3:nest 2:str:b1 4:s32:999 end
expect_error "regular file fd" 9 2 3:nest 2:str:b1 4:fd:/etc/iso-cmd end
expect_error "no such path" 2 2 3:nest 2:str:b1 5:str:/nonexistent end
expect_error "no such init pid" 3 2 3:nest 2:str:b1 4:fd:$CG/b1 6:u32:999999 end
expect_error "reply-only attribute" 22 2 3:nest 2:str:b1 4:fd:$CG/b1 9:u32:0 end

# A cgroup v1 directory is not a cgroup v2 one.
mkdir -p /tmp/v1
if grep -qw cgroup /proc/filesystems; then
	mount -t cgroup -o none,name=isotest cgroup /tmp/v1 ||
		fail "mounting a named v1 hierarchy"
	expect_error "cgroup v1 fd" 9 2 3:nest 2:str:b1 4:fd:/tmp/v1 end
fi

# The same by path works; then a duplicate name and a duplicate cgroup.
out=$($NLSEND 2 3:nest 2:str:b1 5:str:/b1 end)
expect_eq "add by path" "$out" ok
expect_error "duplicate name" 17 2 3:nest 2:str:b1 4:fd:$CG/b2 end
expect_error "duplicate cgroup" 17 2 3:nest 2:str:b9 4:fd:$CG/b1 end

# The root cgroup is the whole system, not a container: by fd and by path.
expect_error "root cgroup by fd" 22 2 3:nest 2:str:b9 4:fd:$CG end
expect_match "root cgroup says so" "$($NLSEND 2 3:nest 2:str:b9 4:fd:$CG end)" \
	"root cgroup"
expect_error "root cgroup by path" 22 2 3:nest 2:str:b9 5:str:/ end

# ADD takes the cgroup as an fd or a path, never as an id.
expect_error "ADD with a cgroup id" 22 2 3:nest 2:str:b9 4:fd:$CG/b2 3:u64:1 end

# An init pid must be a task inside the cgroup: this shell is not.
out=$($NLSEND 2 3:nest 2:str:b9 4:fd:$CG/b2 6:u32:$$ end)
expect_match "init pid outside the cgroup" "$out" "^error 22 .*INIT_PID|^error 22 .*not inside"

# One way to name a container: a name and an id together are refused.
id=$(stat -c %i $CG/b1)
expect_error "GET by name and id" 22 4 3:nest 2:str:b1 3:u64:$id end
expect_error "DEL by name and id" 22 3 3:nest 2:str:b1 3:u64:$id end
isoctl stats b1 --json >/dev/null || fail "b1 went with a refused DEL"

# SET (6) names b1's init once, and only a task inside its cgroup.
$CGEXEC $CG/b1 sleep 60 &
inside=$!
wait_exec $inside sleep
expect_error "SET without INIT_PID" 22 6 3:nest 2:str:b1 end
expect_error "SET by fd" 22 6 3:nest 4:fd:$CG/b1 6:u32:$inside end
expect_error "SET a pid outside" 22 6 3:nest 2:str:b1 6:u32:$$ end
expect_eq "SET" "$($NLSEND 6 3:nest 2:str:b1 6:u32:$inside end)" ok
expect_match "init after SET" "$(isoctl stats b1 --json)" "\"init_pid\": $inside,"
expect_error "SET twice" 16 6 3:nest 2:str:b1 6:u32:$inside end
kill $inside
wait $inside

# Unknown names and ids.
expect_error "get unknown name" 2 4 3:nest 2:str:nope end
expect_error "get unknown id" 2 4 3:nest 3:u64:999999 end
expect_error "del unknown" 2 3 3:nest 2:str:nope end
expect_error "get nothing named" 22 4 3:nest end

# isoctl shows the kernel's reason.
err=$(isoctl track $CG/b2 --name b1 2>&1) && fail "duplicate track succeeded"
expect_eq "isoctl duplicate" "$err" \
	"isoctl: tracking $CG/b2 as b1: File exists (iso: a container has this name)"

# The cap: max_containers=2 refuses a third.
isoctl untrack b1
iso_reload max_containers=2
mkdir -p $CG/b3
isoctl track $CG/b1 --name b1 && isoctl track $CG/b2 --name b2 ||
	fail "two containers under a cap of two"
err=$(isoctl track $CG/b3 --name b3 2>&1) && fail "third container accepted"
expect_eq "cap" "$err" \
	"isoctl: tracking $CG/b3 as b3: No space left on device (iso: max_containers reached)"
iso_reload
