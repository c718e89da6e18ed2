package io.wirespeed.driver.afxdp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

class XskRedirectProgramTest {
    private static ByteBuffer program(int mapFd) {
        return ByteBuffer.wrap(XskRedirectProgram.instructions(mapFd)).order(ByteOrder.LITTLE_ENDIAN);
    }

    @Test
    void isSixInstructionsEndingInExit() {
        ByteBuffer p = program(7);
        assertThat(p.capacity()).isEqualTo(6 * 8);
        assertThat(p.get(5 * 8) & 0xff).isEqualTo(0x95);
    }

    @Test
    void readsTheReceiveQueueIndexFromTheContextIntoR2() {
        ByteBuffer p = program(7);
        assertThat(p.get(0) & 0xff).isEqualTo(0x61);          // ldx w
        assertThat(p.get(1) & 0xff).isEqualTo(1 << 4 | 2);    // src r1, dst r2
        assertThat(p.getShort(2)).isEqualTo((short) 16);      // offsetof(struct xdp_md, rx_queue_index)
    }

    @Test
    void patchesTheMapDescriptorIntoAPseudoMapLoad() {
        ByteBuffer p = program(0x1234);
        assertThat(p.get(8) & 0xff).isEqualTo(0x18);          // ld_imm64
        assertThat(p.get(9) & 0xff).isEqualTo(1 << 4 | 1);    // src BPF_PSEUDO_MAP_FD, dst r1
        assertThat(p.getInt(12)).isEqualTo(0x1234);
        assertThat(p.getLong(16)).isZero();                   // second half of the 16-byte load
    }

    @Test
    void fallsBackToPassAndCallsRedirectMap() {
        ByteBuffer p = program(7);
        assertThat(p.get(24) & 0xff).isEqualTo(0xb7);         // mov64 r3, imm
        assertThat(p.get(25) & 0xff).isEqualTo(3);
        assertThat(p.getInt(28)).isEqualTo(2);                // XDP_PASS
        assertThat(p.get(32) & 0xff).isEqualTo(0x85);         // call
        assertThat(p.getInt(36)).isEqualTo(51);               // bpf_redirect_map
    }
}
