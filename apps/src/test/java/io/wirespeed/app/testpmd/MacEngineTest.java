package io.wirespeed.app.testpmd;

import static io.wirespeed.app.testpmd.TestFrames.CLIENT_MAC;
import static io.wirespeed.app.testpmd.TestFrames.ETHERTYPE_IPV4;
import static io.wirespeed.app.testpmd.TestFrames.ethernet;
import static io.wirespeed.app.testpmd.TestFrames.mac;
import static io.wirespeed.app.testpmd.TestFrames.payload;
import static org.assertj.core.api.Assertions.assertThat;

import io.wirespeed.ethdev.MacAddress;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The mac engine on its own; the peer addresses Testpmd picks are in {@link MacModeTest}. */
class MacEngineTest {
    private static final MacAddress TX_PORT = MacAddress.parse("02:00:00:00:10:01");
    private static final MacAddress PEER = MacAddress.parse("0a:bb:cc:dd:ee:ff");

    private final RingWire wire = new RingWire();

    @AfterEach
    void tearDown() {
        wire.close();
    }

    @Test
    void writesPeerAsDestinationAndTransmitPortAsSource() {
        byte[] frame = ethernet(0x02_00_00_00_00_99L, CLIENT_MAC, ETHERTYPE_IPV4, payload(50, 1));
        wire.inject(frame);

        new MacEngine().forward(wire.stream(MacAddress.local(7), TX_PORT, PEER));

        List<byte[]> out = wire.collect();
        assertThat(out).hasSize(1);
        assertThat(mac(out.getFirst(), 0)).isEqualTo(PEER.bits());
        assertThat(mac(out.getFirst(), 6)).isEqualTo(TX_PORT.bits());
        assertThat(Arrays.copyOfRange(out.getFirst(), 12, frame.length)).isEqualTo(Arrays.copyOfRange(frame, 12, frame.length));
    }

    @Test
    void forwardsAFrameShorterThanAnEthernetHeaderUnchanged() {
        byte[] runt = payload(5, 2);
        wire.inject(runt);

        new MacEngine().forward(wire.stream(MacAddress.local(7), TX_PORT, PEER));

        assertThat(wire.collect()).containsExactly(runt);
    }
}
