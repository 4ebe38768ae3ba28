// SPDX-License-Identifier: GPL-2.0
/*
 * keyring put NAME CMD [ARG]...: in a session keyring of its own, a user
 * key NAME that only its possessors may see or use, then exec CMD.
 * keyring find NAME: "found" if a keyring this process possesses (its
 * session keyring among them) holds the user key NAME, "absent" if not,
 * else the errno text.  Whether a container shares its starter's session
 * keyring (lxc.keyring.session).  Built static, to be copied into a
 * container.
 */
#include <errno.h>
#include <keyutils.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static int put(const char *name, char **cmd)
{
	key_serial_t key;

	if (keyctl_join_session_keyring(NULL) < 0 ||
	    (key = add_key("user", name, "secret", 6,
			   KEY_SPEC_SESSION_KEYRING)) < 0 ||
	    keyctl_setperm(key, KEY_POS_ALL) < 0) {
		fprintf(stderr, "keyring: %s\n", strerror(errno));
		return 1;
	}
	execvp(cmd[0], cmd);
	fprintf(stderr, "keyring: %s: %s\n", cmd[0], strerror(errno));
	return 127;
}

static int find(const char *name)
{
	if (keyctl_search(KEY_SPEC_SESSION_KEYRING, "user", name, 0) >= 0)
		puts("found");
	else if (errno == ENOKEY)
		puts("absent");
	else
		puts(strerror(errno));
	return 0;
}

static int security(void)
{
	char label[512];
	long n = keyctl_get_security(KEY_SPEC_SESSION_KEYRING, label,
				     sizeof(label));

	if (n < 0)
		puts(strerror(errno));
	else
		printf("%.*s\n", (int)strnlen(label, sizeof(label)), label);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc > 3 && !strcmp(argv[1], "put"))
		return put(argv[2], argv + 3);
	if (argc == 3 && !strcmp(argv[1], "find"))
		return find(argv[2]);
	if (argc == 2 && !strcmp(argv[1], "security"))
		return security();
	fprintf(stderr, "usage: keyring put NAME CMD [ARG]... | find NAME | security\n");
	return 2;
}
