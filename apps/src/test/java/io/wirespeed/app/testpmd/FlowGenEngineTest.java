package io.wirespeed.app.testpmd;

import static io.wirespeed.app.testpmd.GeneratedFrames.assertValidIpv4Udp;
import static io.wirespeed.app.testpmd.GeneratedFrames.sourceIp;
import static org.assertj.core.api.Assertions.assertThat;

import io.wirespeed.ethdev.MacAddress;
import java.lang.foreign.Arena;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FlowGenEngineTest {
    private static final MacAddress TX_PORT = MacAddress.parse("02:00:00:00:10:01");
    private static final MacAddress PEER = MacAddress.parse("02:00:00:00:00:01");

    private final RingWire wire = new RingWire();
    private final Arena arena = Arena.ofConfined();

    @AfterEach
    void tearDown() {
        wire.close();
        arena.close();
    }

    /** Runs flowgen with {@code flows} flows for {@code bursts} bursts of 32 and returns every frame sent. */
    private List<byte[]> generate(int flows, int bursts) {
        ForwardStream s = wire.stream(TX_PORT, TX_PORT, PEER);
        s.template = new UdpTemplate(arena, PEER.bits(), TX_PORT.bits(), 64);
        FlowGenEngine engine = new FlowGenEngine(flows);
        List<byte[]> frames = new ArrayList<>();
        for (int b = 0; b < bursts; b++) {
            assertThat(engine.forward(s)).isEqualTo(32);
            frames.addAll(wire.collect());
        }
        return frames;
    }

    @Test
    void everyFrameOfEveryFlowIsValidIpv4UdpWithAVerifyingChecksum() {
        List<byte[]> frames = generate(1024, 1024 / 32 + 2); // every flow, then wrap around

        for (byte[] f : frames) {
            assertValidIpv4Udp(f, PEER.bits(), TX_PORT.bits(), 64);
        }
    }

    @Test
    void sourceAddressTakesAsManyValuesAsThereAreFlows() {
        List<byte[]> frames = generate(1024, 1024 / 32);

        Set<Integer> sources = new HashSet<>();
        for (byte[] f : frames) {
            sources.add(sourceIp(f));
        }
        assertThat(sources).hasSize(1024);
    }

    @Test
    void sourceAddressCyclesThroughTheFlowsInOrderAcrossBursts() {
        List<byte[]> frames = generate(5, 2);

        for (int i = 0; i < frames.size(); i++) {
            assertThat(sourceIp(frames.get(i))).as("frame %d", i).isEqualTo(TestFrames.ip(198, 18, 0, 1 + i % 5));
        }
    }

    @Test
    void destinationAddressStaysTheSameForEveryFlow() {
        for (byte[] f : generate(7, 1)) {
            assertThat(GeneratedFrames.destinationIp(f)).isEqualTo(TestFrames.ip(198, 18, 0, 2));
        }
    }

    @Test
    void oneFlowSendsFromOneAddress() {
        Set<Integer> sources = new HashSet<>();
        for (byte[] f : generate(1, 2)) {
            sources.add(sourceIp(f));
        }
        assertThat(sources).containsExactly(TestFrames.ip(198, 18, 0, 1));
    }
}
