package io.wirespeed.driver.pcap;

import static io.wirespeed.driver.pcap.PortFixture.REGISTRY;
import static io.wirespeed.driver.pcap.PortFixture.frame;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wirespeed.ethdev.Port;
import io.wirespeed.ethdev.PortConf;
import io.wirespeed.mbuf.Mempool;
import io.wirespeed.sys.Log;
import java.nio.ByteOrder;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevargsTest {
    @TempDir
    Path dir;
    private PortFixture fx;

    @BeforeEach
    void setUp() {
        Log.quiet(true);
        fx = new PortFixture(dir);
    }

    @AfterEach
    void tearDown() {
        fx.close();
    }

    private Path capture() {
        return fx.file("in.pcap", ClassicBytes.micros(ByteOrder.LITTLE_ENDIAN).record(0, 0, frame(60, 1)).bytes());
    }

    @Test
    void registryFindsTheDriverThroughTheServiceFile() {
        assertThat(REGISTRY.driverFor("net_pcap3").name()).isEqualTo("net_pcap");
    }

    @Test
    void unknownKeyListsTheValidOnes() {
        assertThatThrownBy(() -> REGISTRY.open(0, "net_pcap0,rx_pacp=x"))
                .hasMessage("net_pcap0: unknown key 'rx_pacp' (valid keys: iface, infinite_rx, rx_iface, rx_iface_in, rx_pcap,"
                        + " snaplen, tx_iface, tx_pcap, tx_pcapng)");
    }

    @Test
    void liveCaptureKeysPointToAfPacket() {
        assertThatThrownBy(() -> REGISTRY.open(0, "net_pcap0,rx_iface=veth0"))
                .hasMessage("net_pcap0: rx_iface (live capture on an interface) is not supported by net_pcap;"
                        + " use net_af_packet0,iface=veth0 instead");
    }

    @Test
    void portNeedsAFile() {
        assertThatThrownBy(() -> REGISTRY.open(0, "net_pcap0"))
                .hasMessage("net_pcap0: give rx_pcap=FILE to read, tx_pcap=FILE (or tx_pcapng=FILE) to write, or both");
    }

    @Test
    void emptyFileNameIsRefused() {
        assertThatThrownBy(() -> REGISTRY.open(0, "net_pcap0,rx_pcap="))
                .hasMessage("net_pcap0: key 'rx_pcap' is required");
    }

    @Test
    void txPcapAndTxPcapngTogetherAreRefused() {
        assertThatThrownBy(() -> REGISTRY.open(0, "net_pcap0,tx_pcap=" + dir.resolve("a") + ",tx_pcapng=" + dir.resolve("b")))
                .hasMessage("net_pcap0: give tx_pcap or tx_pcapng, not both (a port writes one file)");
        assertThat(dir.resolve("a")).doesNotExist();
    }

    @Test
    void infiniteRxNeedsAFileToReplay() {
        assertThatThrownBy(() -> REGISTRY.open(0, "net_pcap0,tx_pcap=" + dir.resolve("o.pcap") + ",infinite_rx=1"))
                .hasMessage("net_pcap0: infinite_rx=1 replays rx_pcap, which is not given");
    }

    @Test
    void snaplenWithoutATxFileIsRefused() {
        assertThatThrownBy(() -> REGISTRY.open(0, "net_pcap0,rx_pcap=" + capture() + ",snaplen=128"))
                .hasMessage("net_pcap0: snaplen cuts the frames tx_pcap/tx_pcapng writes, and neither is given");
    }

    @Test
    void snaplenOutOfRangeIsRefused() {
        assertThatThrownBy(() -> REGISTRY.open(0, "net_pcap0,tx_pcap=" + dir.resolve("o.pcap") + ",snaplen=300000"))
                .hasMessage("net_pcap0: snaplen=300000 is out of range 1..262144");
    }

    @Test
    void readingAndWritingTheSameFileIsRefused() {
        Path f = capture();
        assertThatThrownBy(() -> REGISTRY.open(0, "net_pcap0,rx_pcap=" + f + ",tx_pcap=" + f))
                .hasMessage("net_pcap0: rx_pcap and tx_pcap name the same file " + f + "; writing it would truncate what the"
                        + " port reads");
        assertThat(f).hasSize(100);
    }

    @Test
    void writingAFileAnotherPortReadsIsRefusedUntilThatPortCloses() {
        Path f = capture();
        Port reader = fx.open("net_pcap0,rx_pcap=" + f);
        assertThatThrownBy(() -> REGISTRY.open(1, "net_pcap1,tx_pcap=" + f))
                .hasMessage("net_pcap1: " + f + " is being read by a pcap port; writing it would truncate it under that port"
                        + " (write to another file)");
        reader.close();
        REGISTRY.open(1, "net_pcap1,tx_pcap=" + f).close();
    }

    @Test
    void txFileInAMissingDirectorySaysSo() {
        Path f = dir.resolve("no/such/dir/out.pcap");
        assertThatThrownBy(() -> REGISTRY.open(0, "net_pcap0,tx_pcap=" + f))
                .hasMessage("net_pcap0: cannot create " + f + ": its directory does not exist");
    }

    @Test
    void txOnlyPortReceivesNothingAndIsAFiniteSourceAlreadyExhausted() {
        Port port = fx.open("net_pcap0,tx_pcap=" + dir.resolve("o.pcap"));
        assertThat(port.rxBurst(0, new io.wirespeed.mbuf.Mbuf[4], 0, 4)).isZero();
        assertThat(port.rxQueue(0).isFinite()).isTrue();
        assertThat(port.rxQueue(0).isExhausted()).isTrue();
    }

    @Test
    void portHasOneQueueEachWay() {
        Port port = REGISTRY.open(0, "net_pcap0,rx_pcap=" + capture());
        try {
            assertThatThrownBy(() -> port.configure(2, 1, PortConf.defaults()))
                    .hasMessage("net_pcap0: 2 rx queues asked, net_pcap supports 1..1");
        } finally {
            port.close();
        }
    }

    @Test
    void poolThatCannotHoldTheLongestFrameIsRefusedAtSetUp() {
        Path f = fx.file("jumbo.pcap", ClassicBytes.micros(ByteOrder.LITTLE_ENDIAN).record(0, 0, frame(9000, 1)).bytes());
        try (Mempool tiny = Mempool.builder("tiny", 4).cacheSize(0).dataRoom(1024).hugePages(false).build();
             Port port = REGISTRY.open(0, "net_pcap0,rx_pcap=" + f)) {
            port.configure(1, 1, PortConf.defaults());
            assertThatThrownBy(() -> port.rxQueueSetup(0, 64, tiny))
                    .hasMessage("net_pcap0: " + f + " holds a 9000-byte frame, which needs 9 mbufs of mempool tiny (1024-byte"
                            + " data room), more than a packet can have (4): use a larger data room");
        }
    }
}
