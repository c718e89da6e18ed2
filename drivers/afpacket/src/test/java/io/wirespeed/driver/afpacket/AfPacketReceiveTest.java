package io.wirespeed.driver.afpacket;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirespeed.ethdev.Port;
import io.wirespeed.mbuf.Mbuf;
import io.wirespeed.sys.Log;
import io.wirespeed.testkit.Host;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AfPacketReceiveTest {
    @BeforeEach
    void quiet() {
        Log.quiet(true);
    }

    @Test
    void frameSentIntoThePeerArrivesWithExactBytes() {
        try (VethPorts v = new VethPorts()) {
            Port a = v.onA("");
            Port b = v.onB("");
            byte[] frame = TestFrames.udp(TestFrames.OTHER_MAC, TestFrames.PEER_MAC, 1234, 5678, 100, (byte) 0x5a);
            VethPorts.sendAll(b, TestFrames.mbufs(v.pool, frame, 1));
            List<byte[]> got = VethPorts.receive(a, 0, 1, 20);
            assertThat(got).hasSize(1);
            assertThat(got.get(0)).isEqualTo(frame);
            assertThat(a.stats().ipackets()).isEqualTo(1);
            assertThat(a.stats().ibytes()).isEqualTo(100);
        }
    }
}
