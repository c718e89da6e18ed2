package io.wirespeed.app.testpmd;

import static io.wirespeed.app.testpmd.GeneratedFrames.assertValidIpv4Udp;
import static org.assertj.core.api.Assertions.assertThat;

import io.wirespeed.ethdev.MacAddress;
import java.lang.foreign.Arena;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TxOnlyEngineTest {
    private static final MacAddress TX_PORT = MacAddress.parse("02:00:00:00:10:01");
    private static final MacAddress PEER = MacAddress.parse("02:00:00:00:00:01");

    private final RingWire wire = new RingWire();
    private final Arena arena = Arena.ofConfined();

    @AfterEach
    void tearDown() {
        wire.close();
        arena.close();
    }

    private ForwardStream stream(int frameLength) {
        ForwardStream s = wire.stream(TX_PORT, TX_PORT, PEER);
        s.template = new UdpTemplate(arena, PEER.bits(), TX_PORT.bits(), frameLength);
        return s;
    }

    @Test
    void sendsABurstOfValidIpv4UdpFramesFromTransmitPortToPeer() {
        int sent = new TxOnlyEngine().forward(stream(64));

        List<byte[]> out = wire.collect();
        assertThat(sent).isEqualTo(32);
        assertThat(out).hasSize(32);
        for (byte[] f : out) {
            assertValidIpv4Udp(f, PEER.bits(), TX_PORT.bits(), 64);
        }
    }

    @Test
    void usesTheBenchmarkingAddressesAndDiscardPort() {
        new TxOnlyEngine().forward(stream(64));

        byte[] f = wire.collect().getFirst();
        assertThat(GeneratedFrames.sourceIp(f)).isEqualTo(TestFrames.ip(198, 18, 0, 1));
        assertThat(GeneratedFrames.destinationIp(f)).isEqualTo(TestFrames.ip(198, 18, 0, 2));
        assertThat(GeneratedFrames.sourcePort(f)).isEqualTo(9);
        assertThat(GeneratedFrames.destinationPort(f)).isEqualTo(9);
    }

    @ParameterizedTest(name = "--txpkts {0}")
    @ValueSource(ints = {42, 60, 128, 1514})
    void frameAndHeaderLengthsFollowTxpkts(int length) {
        new TxOnlyEngine().forward(stream(length));

        for (byte[] f : wire.collect()) {
            assertValidIpv4Udp(f, PEER.bits(), TX_PORT.bits(), length);
        }
    }

    @Test
    void countsEveryPacketAsGeneratedAndTransmitted() {
        ForwardStream s = stream(64);

        new TxOnlyEngine().forward(s);
        new TxOnlyEngine().forward(s);

        assertThat(s.generated()).isEqualTo(64);
        assertThat(s.transmitted()).isEqualTo(64);
        assertThat(s.received()).isZero();
        assertThat(wire.collect()).hasSize(64);
    }
}
