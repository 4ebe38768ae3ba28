// SPDX-License-Identifier: GPL-2.0
/*
 * lxc.seccomp.profile: LXC's policy files read as LXC reads them, and
 * what a filter read from one does, loaded in a child: Debian's
 * common.seccomp, actions, conditions, the sections of this host and of
 * others, i386's rules, version 1's allowlist, nesting; and the lines
 * LXC refuses, refused with their file and line.
 */
#include <errno.h>
#include <setjmp.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>
#include <seccomp.h>

#include "runtime/seccomp_profile.h"

static char path[] = "/tmp/iso-seccomp-profile-XXXXXX";

/*
 * An allowlist leaves a child only the calls it names, and the
 * sanitizers' runtime makes calls of its own: its tests run unsanitized.
 */
static void skip_if_sanitized(void)
{
#ifdef __SANITIZE_ADDRESS__
	print_message("the sanitizers' own calls are not in the allowlist\n");
	skip();
#endif
}

/* @file read: 0, or -errno with @err what was said, lines and all */
static int read_path(const char *file, bool nesting,
		     struct iso_seccomp_profile **prof, char *err, size_t size)
{
	FILE *said = tmpfile();
	int saved = dup(STDERR_FILENO), ret;
	size_t n;

	assert_non_null(said);
	fflush(stderr);
	dup2(fileno(said), STDERR_FILENO);
	ret = iso_seccomp_profile_read(file, nesting, prof);
	fflush(stderr);
	dup2(saved, STDERR_FILENO);
	close(saved);
	rewind(said);
	n = fread(err, 1, size - 1, said);
	err[n] = '\0';
	fclose(said);
	return ret;
}

/* @text as the profile file, read as read_path() reads it */
static int read_text(const char *text, bool nesting,
		     struct iso_seccomp_profile **prof, char *err, size_t size)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	return read_path(path, nesting, prof, err, size);
}

static struct iso_seccomp_profile *read_ok(const char *text)
{
	struct iso_seccomp_profile *prof;
	char err[512];

	assert_int_equal(read_text(text, false, &prof, err, sizeof(err)), 0);
	assert_string_equal(err, "");
	assert_non_null(prof);
	return prof;
}

/* What @fn returns, run in a child under @prof: its exit status. */
static int in_child(const struct iso_seccomp_profile *prof, int (*fn)(void))
{
	int status;
	pid_t pid = fork();

	assert_true(pid >= 0);
	/* SIGSYS as the kernel has it, not as cmocka catches it */
	if (!pid && signal(SIGSYS, SIG_DFL) != SIG_ERR)
		_exit(iso_seccomp_profile_load(prof) ? 100 : fn());
	if (!pid)
		_exit(101);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return WEXITSTATUS(status);
}

/* On, if the call said -1 with @err; else the child says so, and fails. */
#define SAYS(call, err) do {						\
		long r;							\
									\
		errno = 0;						\
		r = (call);						\
		if (r != -1 || errno != (err)) {			\
			fprintf(stderr, "line %d: %ld, errno %d\n",	\
				__LINE__, r, errno);			\
			return 1;					\
		}							\
	} while (0)

/* Debian's /usr/share/lxc/config/common.seccomp, as LXC 5.0 has it. */
static const char common_seccomp[] =
	"2\n"
	"denylist\n"
	"reject_force_umount  # comment this to allow umount -f;  not recommended\n"
	"[all]\n"
	"kexec_load errno 1\n"
	"open_by_handle_at errno 1\n"
	"init_module errno 1\n"
	"finit_module errno 1\n"
	"delete_module errno 1\n";

static int under_common(void)
{
	SAYS(umount2("/no/such/mount", MNT_FORCE), EACCES);
	SAYS(umount2("/no/such/mount", 0), ENOENT);
	SAYS(syscall(SYS_delete_module, "no_such_module", 0), EPERM);
	SAYS(syscall(SYS_finit_module, -1, "", 0), EPERM);
	/* what is not listed is allowed */
	return syscall(SYS_getppid) == -1 ? 99 : 0;
}

static void test_common_seccomp(void **state)
{
	struct iso_seccomp_profile *prof = read_ok(common_seccomp);

	(void)state;
	assert_int_equal(in_child(prof, under_common), 0);
	iso_seccomp_profile_free(prof);
}

static int under_rules(void)
{
	/* [arm64]'s getppid is not this host's */
	if (syscall(SYS_getppid) == -1)
		return 98;
	/*
	 * [x86_64]: getpgid(0) alone says errno 010, decimal as in LXC.
	 * Allowed calls are checked for -1 alone: in a pid namespace a
	 * group or session led from outside it reads as 0.
	 */
	SAYS(getpgid(0), 10);
	if (getpgid(getpid()) == -1)
		return 97;
	/* [2,2,&=,0x3]: lseek(fd, off, SEEK_END) alone traps */
	SAYS(lseek(-1, 0, SEEK_SET), EBADF);
	SAYS(getsid(1), ENOTTY);
	if (getpid() >= 0x10 && getsid(getpid()) == -1)
		return 95;
	lseek(-1, 0, SEEK_END);
	return 96;
}

static void test_rules(void **state)
{
	struct iso_seccomp_profile *prof;
	struct utsname u;

	(void)state;
	uname(&u);
	if (strcmp(u.machine, "x86_64"))
		skip();
	prof = read_ok("2\n"
		       "blacklist\n"
		       "# a comment\n"
		       "\n"
		       "[ARM64]\n"
		       "getppid errno 5\n"
		       "[x86_64]\n"
		       "getpgid errno 010 [0,0,==]\n"
		       "no_such_call errno 1\n"
		       "42\n"
		       "getppid allow\n"
		       "[all]\n"
		       "getsid errno 25 [0,0x10,<]\n"
		       "lseek trap [2,2,&=,0x3]\n");
	/* SIGSYS is the trap's */
	assert_int_equal(in_child(prof, under_rules), 128 + SIGSYS);
	iso_seccomp_profile_free(prof);
}

/* An allowlist's unlisted calls get the default: ENOSYS here. */
static int under_allowlist(void)
{
	SAYS(syscall(SYS_getppid), ENOSYS);
	return getpid() > 0 ? 0 : 91;
}

static void test_allowlist(void **state)
{
	struct iso_seccomp_profile *prof;

	(void)state;
	skip_if_sanitized();
	prof = read_ok("2\nallowlist errno 38\nexit_group\ngetpid\n");
	assert_int_equal(in_child(prof, under_allowlist), 0);
	iso_seccomp_profile_free(prof);
}

static int getpid_only(void)
{
	return getpid() > 0 ? 7 : 94;
}

static int getppid_too(void)
{
	getppid();
	return 0;
}

/* Version 1: native numbers allowed, anything else kills. */
static void test_version1(void **state)
{
	struct iso_seccomp_profile *prof;
	char text[128];

	(void)state;
	skip_if_sanitized();
	snprintf(text, sizeof(text), "1\nallowlist\n%d\n%d\n", SYS_exit_group,
		 SYS_getpid);
	prof = read_ok(text);
	assert_int_equal(in_child(prof, getpid_only), 7);
	assert_int_equal(in_child(prof, getppid_too), 128 + SIGSYS);
	iso_seccomp_profile_free(prof);
}

static struct iso_seccomp_profile *nested;

/* Confined already, it reads nothing unless nesting is allowed. */
static int under_nesting(void)
{
	struct iso_seccomp_profile *prof = NULL;
	char err[512];

	if (read_text("2\ndenylist\ngetppid errno 5\n", false, &prof, err,
		      sizeof(err)) || prof)
		return 93;
	if (read_text("2\ndenylist\ngetppid errno 5\n", true, &prof, err,
		      sizeof(err)) || !prof || iso_seccomp_profile_load(prof))
		return 92;
	SAYS(syscall(SYS_getppid), EIO);
	iso_seccomp_profile_free(prof);
	return 0;
}

static void test_nesting(void **state)
{
	(void)state;
	nested = read_ok("2\ndenylist\nkexec_load errno 1\n");
	assert_int_equal(in_child(nested, under_nesting), 0);
	iso_seccomp_profile_free(nested);
}

/*
 * i386 has socket(2) and shmget(2) only through socketcall(2) and ipc(2),
 * whose first argument says which call it is: a rule with conditions is
 * left out there, as LXC leaves it out, instead of testing the wrong
 * arguments.  No 32-bit process runs here: the filter's text says it.
 */
static void test_i386(void **state)
{
	struct iso_seccomp_profile *prof;
	char text[8192], *x86, *x32;
	FILE *f = tmpfile();
	size_t n;

	(void)state;
	if (seccomp_arch_native() != SCMP_ARCH_X86_64)
		skip();
	prof = read_ok("2\nallowlist errno 38\nexit_group\n"
		       "socket allow [0,1,==]\nshmget allow [0,1,==]\n");
	assert_non_null(f);
	assert_int_equal(iso_seccomp_profile_export(prof, fileno(f)), 0);
	rewind(f);
	n = fread(text, 1, sizeof(text) - 1, f);
	text[n] = '\0';
	fclose(f);
	x86 = strstr(text, "# filter for arch x86 (");
	x32 = strstr(text, "# filter for arch x32 (");
	assert_non_null(x86);
	assert_non_null(x32);
	assert_true(strstr(text, "\"socket\"") < x86);
	*x32 = '\0';
	assert_non_null(strstr(x86, "\"exit_group\""));
	assert_null(strstr(x86, "socketcall"));
	assert_null(strstr(x86, "\"ipc\""));
	assert_null(strstr(x86, "\"socket\""));
	iso_seccomp_profile_free(prof);
}

/*
 * notify: the loaded filter's listener has each call of it to answer; a
 * child of ours calls getppid() and gets what the listener says.
 */
static const struct iso_seccomp_profile *notifying;

static int under_notify(void)
{
	struct seccomp_notif *req;
	struct seccomp_notif_resp *resp;
	int fd = iso_seccomp_profile_listener(notifying), status;
	pid_t pid;

	if (fd < 0 || seccomp_notify_alloc(&req, &resp))
		return 1;
	pid = fork();
	if (!pid)
		_exit(syscall(SYS_getppid) == 4242 ? 0 : 2);
	/* not notified: no call comes, and the test fails, not hangs */
	if (pid < 0 || poll(&(struct pollfd){ .fd = fd, .events = POLLIN }, 1,
			    5000) != 1 || seccomp_notify_receive(fd, req))
		return 3;
	if (req->data.nr != SYS_getppid || req->pid != (__u32)pid)
		return 4;
	resp->id = req->id;
	resp->val = 4242;
	if (seccomp_notify_respond(fd, resp) || waitpid(pid, &status, 0) != pid)
		return 5;
	seccomp_notify_free(req, resp);
	return WIFEXITED(status) ? WEXITSTATUS(status) : 6;
}

static void test_notify(void **state)
{
	struct iso_seccomp_profile *prof;

	(void)state;
	prof = read_ok("2\ndenylist\ngetppid notify\n");
	assert_true(iso_seccomp_profile_notifies(prof));
	notifying = prof;
	assert_int_equal(in_child(prof, under_notify), 0);
	iso_seccomp_profile_free(prof);
	prof = read_ok("2\ndenylist\ngetppid errno 1\n");
	assert_false(iso_seccomp_profile_notifies(prof));
	iso_seccomp_profile_free(prof);
}

static void test_refused(void **state)
{
	static const struct {
		const char *text, *why;
		int line;
	} bad[] = {
		{ "3\n", "the first line is its version, 1 or 2", 1 },
		{ "", "the first line is its version, 1 or 2", 1 },
		{ "2\n", "no policy: denylist or allowlist", 1 },
		{ "2\nmaybelist\n", "\"maybelist\" is not denylist or allowlist", 2 },
		{ "2\ndenylist errno\n", "errno: no number after it", 2 },
		{ "2\ndenylist kill now\n", "more than an action after the policy", 2 },
		{ "2\ndenylist # c\n", "\"#\" is not kill, errno N, trap, allow or notify", 2 },
		{ "2\ndenylist notify\n", "notify: a rule's action, not the policy's", 2 },
		{ "2\ndenylist\nmount [0,1,==]\n", "a condition needs an action before it", 3 },
		{ "2\ndenylist\nmount errno 1 [0,,1,==]\n", "\"\" is not a number", 3 },
		{ "2\ndenylist\nmount errno 0x10\n", "errno 0x10: not a number from 0 to 65535", 3 },
		{ "2\ndenylist\n[amd64]\n", "[amd64]: no such architecture section", 3 },
		{ "2\ndenylist\n[x86_64\n", "\"[x86_64\" is not [ARCH]", 3 },
		{ "2\ndenylist\nmount log\n", "\"log\" is not kill, errno N, trap, allow or notify", 3 },
		{ "2\ndenylist\nmount errno x\n", "errno x: not a number from 0 to 65535", 3 },
		{ "2\ndenylist\n\nmount errno 1 [0,1,~]\n", "\"~\" is not a comparison (==, !=, <, <=, >, >=, &=)", 4 },
		{ "2\ndenylist\nmount errno 1 [6,1,==]\n", "argument 6: there are 6, from 0", 3 },
		{ "2\ndenylist\nmount errno 1 [0,-1,==]\n", "\"-1\" is not a number", 3 },
		{ "2\ndenylist\nmount errno 1 [0,1]\n", "a condition is [ARG,VALUE,OP] or [ARG,VALUE,&=,MASK]", 3 },
		{ "2\ndenylist\nmount errno 1 0,1,==\n", "\"0,1,==\" is not a condition in [ ]", 3 },
		{ "2\ndenylist\nmount errno 1 [0,1,==] [1,1,==] [2,1,==] [3,1,==] [4,1,==] [5,1,==] [0,2,==]\n",
		  "more than 6 conditions", 3 },
		{ "1\ndenylist\n", "version 1 is an allowlist", 2 },
		{ "1\nallowlist\nmount\n", "version 1 has a call number a line", 3 },
	};
	struct iso_seccomp_profile *prof;
	char err[512], want[512];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		prof = (void *)1;
		assert_int_equal(read_text(bad[i].text, false, &prof, err,
					   sizeof(err)), -EINVAL);
		assert_null(prof);
		snprintf(want, sizeof(want),
			 "isoctl: reading lxc.seccomp.profile %s:%d: Invalid argument (%s)\n",
			 path, bad[i].line, bad[i].why);
		assert_string_equal(err, want);
	}
}

static void test_missing(void **state)
{
	struct iso_seccomp_profile *prof;
	char err[512];

	(void)state;
	assert_int_equal(read_path("/no/such/profile", false, &prof, err,
				   sizeof(err)), -ENOENT);
	assert_string_equal(err, "isoctl: opening lxc.seccomp.profile /no/such/profile: No such file or directory\n");
	assert_null(prof);
}

static int setup(void **state)
{
	int fd = mkstemp(path);

	(void)state;
	return fd < 0 ? -1 : close(fd);
}

static int teardown(void **state)
{
	(void)state;
	return unlink(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_common_seccomp),
		cmocka_unit_test(test_rules),
		cmocka_unit_test(test_allowlist),
		cmocka_unit_test(test_version1),
		cmocka_unit_test(test_nesting),
		cmocka_unit_test(test_i386),
		cmocka_unit_test(test_notify),
		cmocka_unit_test(test_refused),
		cmocka_unit_test(test_missing),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
