// SPDX-License-Identifier: GPL-2.0
/*
 * The device allowlist on cgroup v2: a BPF_CGROUP_DEVICE program, built
 * here instruction by instruction, as the kernel's own selftests and crun
 * do, since it is a few compares.  For each exception, in list order:
 *
 *	if (type == T && (access matches) && major == M && minor == N)
 *		return !default;
 *	...
 *	return default;
 *
 * where "matches" is the v1 controller's test: every bit asked for is in
 * the exception on a default-deny list, any bit on a default-allow one.
 */
#include <errno.h>
#include <unistd.h>
#include <bpf/bpf.h>

#include "error.h"
#include "runtime/device_bpf.h"

/* struct bpf_cgroup_dev_ctx: access << 16 | type, major, minor */
#define CTX_ACCESS_TYPE	0
#define CTX_MAJOR	4
#define CTX_MINOR	8

/* The registers the program keeps them in. */
#define R_TYPE		BPF_REG_2
#define R_ACCESS	BPF_REG_3
#define R_MAJOR		BPF_REG_4
#define R_MINOR		BPF_REG_5
#define R_TMP		BPF_REG_6

/* A jump offset filled in when the block's length is known. */
#define TO_NEXT		INT16_MAX

static struct bpf_insn insn(__u8 code, __u8 dst, __u8 src, __s16 off,
			    __s32 imm)
{
	return (struct bpf_insn){ .code = code, .dst_reg = dst, .src_reg = src,
				  .off = off, .imm = imm };
}

#define LOAD32(dst, off)	insn(BPF_LDX | BPF_MEM | BPF_W, dst, BPF_REG_1, off, 0)
#define MOV32(dst, src)		insn(BPF_ALU | BPF_MOV | BPF_X, dst, src, 0, 0)
#define ALU32(op, dst, imm)	insn(BPF_ALU | (op) | BPF_K, dst, 0, 0, imm)
/* 32-bit compares: a major of 2^31 or more is no negative immediate */
#define JUMP32(op, dst, imm)	insn(BPF_JMP32 | (op) | BPF_K, dst, 0, TO_NEXT, imm)
#define MOV_R0(imm)		insn(BPF_ALU64 | BPF_MOV | BPF_K, BPF_REG_0, 0, 0, imm)
#define EXIT()			insn(BPF_JMP | BPF_EXIT, 0, 0, 0, 0)

static int exception(const struct iso_dev_list *list,
		     const struct iso_dev_rule *ex, struct bpf_insn *p)
{
	int n = 0, i;

	p[n++] = JUMP32(BPF_JNE, R_TYPE, ex->type == 'b' ? BPF_DEVCG_DEV_BLOCK :
							    BPF_DEVCG_DEV_CHAR);
	p[n++] = MOV32(R_TMP, R_ACCESS);
	if (list->default_allow) {
		p[n++] = ALU32(BPF_AND, R_TMP, ex->access);
		p[n++] = JUMP32(BPF_JEQ, R_TMP, 0);
	} else {
		p[n++] = ALU32(BPF_AND, R_TMP, ~ex->access & 7);
		p[n++] = JUMP32(BPF_JNE, R_TMP, 0);
	}
	if (ex->major != ISO_DEV_ANY)
		p[n++] = JUMP32(BPF_JNE, R_MAJOR, ex->major);
	if (ex->minor != ISO_DEV_ANY)
		p[n++] = JUMP32(BPF_JNE, R_MINOR, ex->minor);
	p[n++] = MOV_R0(!list->default_allow);
	p[n++] = EXIT();
	/* a miss goes on to the next exception, just past this block */
	for (i = 0; i < n; i++)
		if (p[i].off == TO_NEXT)
			p[i].off = n - i - 1;
	return n;
}

int iso_dev_bpf_build(const struct iso_dev_list *list, struct bpf_insn *prog)
{
	int n = 0, i;

	prog[n++] = LOAD32(R_TYPE, CTX_ACCESS_TYPE);
	prog[n++] = MOV32(R_ACCESS, R_TYPE);
	prog[n++] = ALU32(BPF_AND, R_TYPE, 0xffff);
	prog[n++] = ALU32(BPF_RSH, R_ACCESS, 16);
	prog[n++] = LOAD32(R_MAJOR, CTX_MAJOR);
	prog[n++] = LOAD32(R_MINOR, CTX_MINOR);
	for (i = 0; i < list->n; i++)
		n += exception(list, &list->ex[i], prog + n);
	prog[n++] = MOV_R0(list->default_allow);
	prog[n++] = EXIT();
	return n;
}

int iso_dev_bpf_attach(int cgroup_fd, const struct iso_dev_list *list)
{
	struct bpf_insn prog[ISO_DEV_BPF_MAX_INSNS];
	int n = iso_dev_bpf_build(list, prog);
	int fd, ret;

	fd = bpf_prog_load(BPF_PROG_TYPE_CGROUP_DEVICE, "iso_devices", "GPL",
			   prog, n, NULL);
	if (fd < 0)
		return iso_fail(-errno, "loading", "the device allowlist's BPF program");
	ret = bpf_prog_attach(fd, cgroup_fd, BPF_CGROUP_DEVICE, BPF_F_ALLOW_MULTI);
	if (ret)
		ret = iso_fail(-errno, "attaching", "the device allowlist's BPF program");
	/* the cgroup holds the program now */
	close(fd);
	return ret;
}
