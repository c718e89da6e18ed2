package io.wirespeed.app.testpmd;

import static io.wirespeed.app.testpmd.TestFrames.CLIENT_MAC;
import static io.wirespeed.app.testpmd.TestFrames.ETHERTYPE_IPV4;
import static io.wirespeed.app.testpmd.TestFrames.ethernet;
import static io.wirespeed.app.testpmd.TestFrames.mac;
import static io.wirespeed.app.testpmd.TestFrames.payload;
import static org.assertj.core.api.Assertions.assertThat;

import io.wirespeed.ethdev.DriverRegistry;
import io.wirespeed.ethdev.MacAddress;
import io.wirespeed.ethdev.Port;
import io.wirespeed.ethdev.PortConf;
import io.wirespeed.mbuf.Mbuf;
import io.wirespeed.mbuf.Mempool;
import io.wirespeed.sys.Log;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Testpmd in mac mode between two net_ring ports: frames enter port 0 from a test port on the
 * wire and leave through port 1 back to it, so the addresses testpmd chooses can be read.
 */
class MacModeTest {
    private final DriverRegistry registry = DriverRegistry.load();
    private final String u = RingWire.uniqueName("mac");
    private Mempool pool;
    private Port wire;

    @BeforeEach
    void setUp() {
        Log.quiet(true);
        pool = Mempool.builder(u, 256).cacheSize(0).hugePages(false).build();
        wire = registry.open(9, "net_ring_w,rx=" + u + "out,tx=" + u + "in");
        wire.configure(1, 1, PortConf.defaults());
        wire.rxQueueSetup(0, 64, pool);
        wire.txQueueSetup(0, 64);
        wire.start();
    }

    @AfterEach
    void tearDown() {
        wire.close();
        pool.close();
    }

    private Configs macBetweenTwoRingPorts() {
        return Configs.of(ForwardMode.MAC, "net_ring_a,rx=" + u + "in,tx=" + u + "x", "net_ring_b,rx=" + u + "y,tx=" + u + "out");
    }

    /** Sends one frame through testpmd (port 0 to port 1) and returns what came out, and port 1's address. */
    private Forwarded forwardOneFrame(TestpmdConfig config) {
        Mbuf m = pool.alloc();
        m.write(ethernet(0x02_00_00_00_00_99L, CLIENT_MAC, ETHERTYPE_IPV4, payload(46, 5)));
        assertThat(wire.txBurst(0, new Mbuf[] {m}, 0, 1)).isEqualTo(1);
        List<byte[]> out = new ArrayList<>();
        try (Testpmd testpmd = Testpmd.open(config, registry, new PrintStream(new ByteArrayOutputStream()))) {
            testpmd.start(0);
            Mbuf[] burst = new Mbuf[8];
            assertThat(Await.until(() -> {
                int n = wire.rxBurst(0, burst, 0, burst.length);
                for (int i = 0; i < n; i++) {
                    out.add(burst[i].toByteArray());
                }
                Mbuf.freeBulk(burst, 0, n);
                return !out.isEmpty();
            })).as("a frame comes out of port 1").isTrue();
            testpmd.stop();
            return new Forwarded(out, testpmd.ports().get(1).macAddress());
        }
    }

    private record Forwarded(List<byte[]> frames, MacAddress txPortMac) {
    }

    @Test
    void defaultPeerOfPortOneIs02_00_00_00_00_01AndSourceIsPortOnesAddress() {
        Forwarded f = forwardOneFrame(macBetweenTwoRingPorts().build());

        assertThat(f.frames()).hasSize(1);
        assertThat(new MacAddress(mac(f.frames().getFirst(), 0)).toString()).isEqualTo("02:00:00:00:00:01");
        assertThat(mac(f.frames().getFirst(), 6)).isEqualTo(f.txPortMac().bits());
    }

    @Test
    void ethPeerOfTheTransmitPortBecomesTheDestination() {
        MacAddress peer = MacAddress.parse("0a:11:22:33:44:55");

        Forwarded f = forwardOneFrame(macBetweenTwoRingPorts().ethPeer(1, peer).build());

        assertThat(f.frames()).hasSize(1);
        assertThat(mac(f.frames().getFirst(), 0)).isEqualTo(peer.bits());
        assertThat(mac(f.frames().getFirst(), 6)).isEqualTo(f.txPortMac().bits());
    }
}
