// SPDX-License-Identifier: GPL-2.0
/*
 * The device allowlist: the v1 controller's rules, and the v2 program
 * built from them, run here by a small interpreter of the instructions
 * device_bpf.c emits and checked against the rules on every device and
 * access that matters.
 */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "runtime/device_bpf.h"
#include "runtime/device_rules.h"

static struct iso_dev_rule rule(const char *text)
{
	struct iso_dev_rule r;

	assert_int_equal(iso_dev_rule_parse(text, &r), 0);
	return r;
}

static void update(struct iso_dev_list *l, bool allow, const char *text)
{
	struct iso_dev_rule r = rule(text);

	assert_int_equal(iso_dev_list_update(l, allow, &r), 0);
}

static void test_parse(void **state)
{
	static const char *const bad[] = {
		"", "x 1:3 rwm", "c", "c 1:3", "c 1:3 ", "c 1 rwm", "c :3 rwm",
		"c 1:3 rwx", "c -1:3 rwm", "c 1:3  rwm", "c 4294967295:0 r",
		"a x", "c 1:* rw m",
	};
	struct iso_dev_rule r;
	char text[64];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_int_equal(iso_dev_rule_parse(bad[i], &r), -EINVAL);
	r = rule("b *:7 wm");
	assert_int_equal(r.type, 'b');
	assert_int_equal(r.major, ISO_DEV_ANY);
	assert_int_equal(r.minor, 7);
	assert_int_equal(r.access, ISO_DEV_WRITE | ISO_DEV_MKNOD);
	iso_dev_rule_format(&r, text, sizeof(text));
	assert_string_equal(text, "b *:7 wm");
	assert_int_equal(rule("a").type, 'a');
	assert_int_equal(rule("a *:* rwm").type, 'a');
}

static void test_default_is_lxc(void **state)
{
	struct iso_dev_list l;

	(void)state;
	iso_dev_list_default(&l);
	assert_false(l.default_allow);
	assert_true(iso_dev_list_allows(&l, 'c', 1, 3, ISO_DEV_READ | ISO_DEV_WRITE));
	assert_true(iso_dev_list_allows(&l, 'c', 136, 42, ISO_DEV_WRITE));
	/* a node of any device may be made, not used */
	assert_true(iso_dev_list_allows(&l, 'b', 8, 0, ISO_DEV_MKNOD));
	assert_false(iso_dev_list_allows(&l, 'b', 8, 0, ISO_DEV_READ));
	assert_false(iso_dev_list_allows(&l, 'c', 1, 11, ISO_DEV_WRITE));
	assert_false(iso_dev_list_allows(&l, 'c', 1, 1, ISO_DEV_READ));
}

/* The kernel's meaning of each write, on either default. */
static void test_update(void **state)
{
	struct iso_dev_list l;

	(void)state;
	iso_dev_list_default(&l);
	update(&l, false, "c 1:3 w");
	assert_true(iso_dev_list_allows(&l, 'c', 1, 3, ISO_DEV_READ));
	assert_false(iso_dev_list_allows(&l, 'c', 1, 3, ISO_DEV_WRITE));
	update(&l, false, "c 1:3 rm");
	assert_false(iso_dev_list_allows(&l, 'c', 1, 3, ISO_DEV_READ));
	/* no exact match: the kernel removes nothing */
	update(&l, false, "c 136:0 rwm");
	assert_true(iso_dev_list_allows(&l, 'c', 136, 0, ISO_DEV_READ));
	update(&l, true, "b 7:* rwm");
	assert_true(iso_dev_list_allows(&l, 'b', 7, 3, ISO_DEV_READ | ISO_DEV_WRITE));
	update(&l, true, "a");
	assert_true(l.default_allow);
	assert_int_equal(l.n, 0);
	update(&l, false, "b 8:* rw");
	assert_false(iso_dev_list_allows(&l, 'b', 8, 1, ISO_DEV_READ | ISO_DEV_MKNOD));
	assert_true(iso_dev_list_allows(&l, 'b', 8, 1, ISO_DEV_MKNOD));
	assert_true(iso_dev_list_allows(&l, 'c', 8, 1, ISO_DEV_READ));
	update(&l, false, "a");
	assert_false(iso_dev_list_allows(&l, 'c', 1, 3, ISO_DEV_READ));
}

/* Runs what device_bpf.c emits, and nothing else. */
static int run(const struct bpf_insn *prog, int n, unsigned int type,
	       uint32_t major, uint32_t minor, unsigned int access)
{
	uint32_t ctx[3] = { access << 16 | type, major, minor };
	uint64_t r[11] = { 0 };
	int pc = 0;

	while (pc < n) {
		const struct bpf_insn *i = &prog[pc++];
		uint32_t lo = r[i->dst_reg];

		switch (i->code) {
		case BPF_LDX | BPF_MEM | BPF_W:
			assert_int_equal(i->src_reg, BPF_REG_1);
			r[i->dst_reg] = ctx[i->off / 4];
			break;
		case BPF_ALU | BPF_MOV | BPF_X:
			r[i->dst_reg] = (uint32_t)r[i->src_reg];
			break;
		case BPF_ALU | BPF_AND | BPF_K:
			r[i->dst_reg] = lo & (uint32_t)i->imm;
			break;
		case BPF_ALU | BPF_RSH | BPF_K:
			r[i->dst_reg] = lo >> i->imm;
			break;
		case BPF_JMP32 | BPF_JNE | BPF_K:
			if (lo != (uint32_t)i->imm)
				pc += i->off;
			break;
		case BPF_JMP32 | BPF_JEQ | BPF_K:
			if (lo == (uint32_t)i->imm)
				pc += i->off;
			break;
		case BPF_ALU64 | BPF_MOV | BPF_K:
			r[i->dst_reg] = (int64_t)i->imm;
			break;
		case BPF_JMP | BPF_EXIT:
			return r[BPF_REG_0];
		default:
			fail_msg("instruction %d: code %#x", pc - 1, i->code);
		}
	}
	fail_msg("ran off the end");
	return -1;
}

static void same_decisions(const struct iso_dev_list *l)
{
	static const uint32_t majors[] = { 0, 1, 5, 7, 8, 10, 136, 2147483653u };
	static const uint32_t minors[] = { 0, 1, 3, 5, 9, 11, 229, 1048575 };
	struct bpf_insn prog[ISO_DEV_BPF_MAX_INSNS];
	int n = iso_dev_bpf_build(l, prog);
	unsigned int t, a;
	size_t i, j;
	char type;

	assert_true(n <= ISO_DEV_BPF_MAX_INSNS);
	for (t = BPF_DEVCG_DEV_BLOCK; t <= BPF_DEVCG_DEV_CHAR; t++) {
		type = t == BPF_DEVCG_DEV_BLOCK ? 'b' : 'c';
		for (i = 0; i < sizeof(majors) / sizeof(majors[0]); i++)
			for (j = 0; j < sizeof(minors) / sizeof(minors[0]); j++)
				for (a = 1; a < 8; a++)
					assert_int_equal(run(prog, n, t, majors[i], minors[j], a),
							 iso_dev_list_allows(l, type, majors[i],
									     minors[j], a));
	}
}

static void test_program(void **state)
{
	struct iso_dev_list l;
	int i;

	(void)state;
	iso_dev_list_default(&l);
	same_decisions(&l);
	update(&l, false, "c 1:3 w");
	update(&l, true, "c 2147483653:* r");
	same_decisions(&l);
	update(&l, true, "a");
	update(&l, false, "b 8:* rw");
	update(&l, false, "c *:11 w");
	same_decisions(&l);
	/* the longest list fits */
	update(&l, false, "a");
	for (i = 0; i < ISO_DEV_MAX_RULES; i++) {
		struct iso_dev_rule r = rule("c 1:1 rwm");

		r.minor = i;
		assert_int_equal(iso_dev_list_update(&l, true, &r), 0);
	}
	assert_int_equal(iso_dev_list_update(&l, true, &(struct iso_dev_rule){ 'c', 9, 9, 1 }),
			 -ENOSPC);
	assert_int_equal(l.n, ISO_DEV_MAX_RULES);
	same_decisions(&l);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_default_is_lxc),
		cmocka_unit_test(test_update),
		cmocka_unit_test(test_program),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
