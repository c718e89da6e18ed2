package io.wirespeed.app.testpmd;

import static io.wirespeed.app.testpmd.TestFrames.CLIENT_MAC;
import static io.wirespeed.app.testpmd.TestFrames.ETHERTYPE_IPV4;
import static io.wirespeed.app.testpmd.TestFrames.ethernet;
import static io.wirespeed.app.testpmd.TestFrames.mac;
import static io.wirespeed.app.testpmd.TestFrames.payload;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MacSwapEngineTest {
    private static final long SERVER_MAC = 0x02_00_00_00_bb_02L;

    private final RingWire wire = new RingWire();

    @AfterEach
    void tearDown() {
        wire.close();
    }

    @Test
    void swapsSourceAndDestinationMacAndLeavesTheRestAlone() {
        byte[] frame = ethernet(SERVER_MAC, CLIENT_MAC, ETHERTYPE_IPV4, payload(100, 3));
        wire.inject(frame);

        int handled = new MacSwapEngine().forward(wire.stream());

        List<byte[]> out = wire.collect();
        assertThat(handled).isEqualTo(1);
        assertThat(out).hasSize(1);
        byte[] reply = out.getFirst();
        assertThat(mac(reply, 0)).isEqualTo(CLIENT_MAC);
        assertThat(mac(reply, 6)).isEqualTo(SERVER_MAC);
        assertThat(Arrays.copyOfRange(reply, 12, reply.length)).isEqualTo(Arrays.copyOfRange(frame, 12, frame.length));
    }

    @Test
    void swapsEveryFrameOfAFullBurst() {
        for (int i = 0; i < 32; i++) {
            wire.inject(ethernet(SERVER_MAC + i, CLIENT_MAC + i, ETHERTYPE_IPV4, payload(46, i)));
        }

        new MacSwapEngine().forward(wire.stream());

        List<byte[]> out = wire.collect();
        assertThat(out).hasSize(32);
        for (int i = 0; i < 32; i++) {
            assertThat(mac(out.get(i), 0)).isEqualTo(CLIENT_MAC + i);
            assertThat(mac(out.get(i), 6)).isEqualTo(SERVER_MAC + i);
        }
    }

    @Test
    void forwardsAFrameShorterThanAnEthernetHeaderUnchanged() {
        byte[] runt = payload(13, 9);
        wire.inject(runt);

        new MacSwapEngine().forward(wire.stream());

        assertThat(wire.collect()).containsExactly(runt);
    }
}
