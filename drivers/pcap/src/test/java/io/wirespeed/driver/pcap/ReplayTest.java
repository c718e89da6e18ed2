package io.wirespeed.driver.pcap;

import static io.wirespeed.driver.pcap.PortFixture.frame;
import static io.wirespeed.driver.pcap.PortFixture.receive;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wirespeed.ethdev.Port;
import io.wirespeed.mbuf.Mbuf;
import io.wirespeed.sys.Log;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** infinite_rx=1: the file again and again, from an index built at open. */
class ReplayTest {
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

    @Test
    void classicFileIsReplayedInOrderForeverAndNeverExhausted() {
        Path f = fx.file("three.pcap", ClassicBytes.nanos(ByteOrder.BIG_ENDIAN)
                .record(1, 1, frame(60, 1)).record(2, 2, frame(70, 2)).record(3, 3, frame(80, 3)).bytes());
        Port port = fx.open("net_pcap0,rx_pcap=" + f + ",infinite_rx=1");
        assertThat(port.rxQueue(0).isFinite()).isFalse();
        for (int round = 0; round < 5; round++) {
            Mbuf[] got = receive(port, 7);
            assertThat(got).hasSize(7);
            int first = (round * 7) % 3;
            for (int i = 0; i < 7; i++) {
                int k = (first + i) % 3;
                assertThat(got[i].toByteArray()).isEqualTo(frame(60 + 10 * k, k + 1));
                assertThat(got[i].timestamp()).isEqualTo((k + 1) * 1_000_000_001L);
            }
            Mbuf.freeBulk(got, 0, 7);
            assertThat(port.rxQueue(0).isExhausted()).isFalse();
        }
        assertThat(port.stats().ipackets()).isEqualTo(35);
        assertThat(port.stats().ibytes()).isEqualTo(11 * 210 + 60 + 70);
    }

    @Test
    void pcapngFileIsReplayedWithItsChainsAndTimestamps() {
        fx.close();
        fx = new PortFixture(dir, 64, 1024);
        Path f = fx.file("two.pcapng", PcapngBytes.section(ByteOrder.LITTLE_ENDIAN).idb(1, 0, 9, null)
                .epb(0, 10L, frame(3000, 1)).block(5, new byte[8]).epb(0, 20L, frame(60, 2)).bytes());
        Port port = fx.open("net_pcap0,rx_pcap=" + f + ",infinite_rx=1");
        Mbuf[] got = receive(port, 4);
        assertThat(got).extracting(Mbuf::timestamp).containsExactly(10L, 20L, 10L, 20L);
        assertThat(got[2].segmentCount()).isEqualTo(3);
        assertThat(got[2].toByteArray()).isEqualTo(frame(3000, 1));
        Mbuf.freeBulk(got, 0, 4);
        assertThat(fx.pool.inUseCount()).isZero();
    }

    @Test
    void fileWithoutPacketsCannotBeReplayed() {
        Path f = fx.file("none.pcap", ClassicBytes.micros(ByteOrder.LITTLE_ENDIAN).bytes());
        assertThatThrownBy(() -> fx.open("net_pcap0,rx_pcap=" + f + ",infinite_rx=1"))
                .hasMessage("net_pcap0: " + f + " holds no packet: infinite_rx=1 needs at least one");
    }

    @Test
    void truncatedRecordIsCountedOnceHoweverOftenTheFileIsReplayed() {
        byte[] whole = ClassicBytes.micros(ByteOrder.LITTLE_ENDIAN).record(0, 0, frame(60, 1)).record(0, 0, frame(60, 2)).bytes();
        Path f = fx.file("cut.pcap", Arrays.copyOf(whole, whole.length - 1));
        Port port = fx.open("net_pcap0,rx_pcap=" + f + ",infinite_rx=1");
        for (int i = 0; i < 10; i++) {
            Mbuf[] got = receive(port, 8);
            Mbuf.freeBulk(got, 0, got.length);
        }
        assertThat(port.stats().ipackets()).isEqualTo(80);
        assertThat(port.stats().ierrors()).isEqualTo(1);
    }

    @Test
    void emptyPoolDoesNotSkipAPacketOfTheReplay() {
        Path f = fx.file("two.pcap", ClassicBytes.micros(ByteOrder.LITTLE_ENDIAN)
                .record(0, 0, frame(60, 1)).record(0, 0, frame(60, 2)).bytes());
        Port port = fx.open("net_pcap0,rx_pcap=" + f + ",infinite_rx=1");
        Mbuf[] first = receive(port, 1);
        Mbuf[] all = new Mbuf[fx.pool.size() - 1];
        fx.pool.allocBulk(all, 0, all.length);
        assertThat(receive(port, 4)).isEmpty();
        assertThat(port.stats().rxNombuf()).isEqualTo(1);
        Mbuf.freeBulk(all, 0, all.length);
        first[0].free();
        Mbuf[] next = receive(port, 1);
        assertThat(next[0].toByteArray()).isEqualTo(frame(60, 2));
        next[0].free();
    }
}
