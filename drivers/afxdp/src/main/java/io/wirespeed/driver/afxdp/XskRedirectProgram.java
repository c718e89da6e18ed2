package io.wirespeed.driver.afxdp;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The XDP program the driver attaches, assembled by hand (six eBPF instructions, no compiler, no
 * libbpf):
 *
 * <pre>
 *   r2 = *(u32 *)(r1 + 16)        // ctx-&gt;rx_queue_index (struct xdp_md)
 *   r1 = map_fd XSKMAP            // ld_imm64 with src_reg BPF_PSEUDO_MAP_FD: the loader turns it into the map
 *   r3 = XDP_PASS                 // what to do when the queue has no socket in the map
 *   call bpf_redirect_map         // helper 51: redirect to map[r2] or return r3
 *   exit                          // r0 = the helper's verdict
 * </pre>
 *
 * Frames of queues without a socket go to the kernel's stack, as without the program.
 */
final class XskRedirectProgram {
    static final String NAME = "wirespeed_xsk";
    private static final int XDP_MD_RX_QUEUE_INDEX = 16;
    private static final int XDP_PASS = 2;
    private static final int BPF_FUNC_REDIRECT_MAP = 51;
    private static final int BPF_PSEUDO_MAP_FD = 1;

    // opcodes: class | size/op | mode/source
    private static final int LDX_MEM_W = 0x01 | 0x00 | 0x60;   // BPF_LDX | BPF_W | BPF_MEM
    private static final int LD_IMM_DW = 0x00 | 0x18 | 0x00;   // BPF_LD | BPF_DW | BPF_IMM (two slots)
    private static final int ALU64_MOV_K = 0x07 | 0xb0 | 0x00; // BPF_ALU64 | BPF_MOV | BPF_K
    private static final int JMP_CALL = 0x05 | 0x80;           // BPF_JMP | BPF_CALL
    private static final int JMP_EXIT = 0x05 | 0x90;           // BPF_JMP | BPF_EXIT

    private static final int R1 = 1;
    private static final int R2 = 2;
    private static final int R3 = 3;

    private XskRedirectProgram() {
    }

    /** The program's instructions (8 bytes each, little-endian) with {@code xskMapFd} patched in. */
    static byte[] instructions(int xskMapFd) {
        ByteBuffer b = ByteBuffer.allocate(6 * 8).order(ByteOrder.LITTLE_ENDIAN);
        insn(b, LDX_MEM_W, R2, R1, XDP_MD_RX_QUEUE_INDEX, 0);
        insn(b, LD_IMM_DW, R1, BPF_PSEUDO_MAP_FD, 0, xskMapFd);
        insn(b, 0, 0, 0, 0, 0);                                   // upper half of the 64-bit immediate
        insn(b, ALU64_MOV_K, R3, 0, 0, XDP_PASS);
        insn(b, JMP_CALL, 0, 0, 0, BPF_FUNC_REDIRECT_MAP);
        insn(b, JMP_EXIT, 0, 0, 0, 0);
        return b.array();
    }

    /** struct bpf_insn: u8 code, u8 dst_reg:4 (low nibble) src_reg:4, s16 off, s32 imm. */
    private static void insn(ByteBuffer b, int code, int dst, int src, int off, int imm) {
        b.put((byte) code).put((byte) (src << 4 | dst)).putShort((short) off).putInt(imm);
    }
}
