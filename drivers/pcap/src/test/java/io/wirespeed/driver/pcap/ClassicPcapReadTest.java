package io.wirespeed.driver.pcap;

import static io.wirespeed.driver.pcap.PortFixture.frame;
import static io.wirespeed.driver.pcap.PortFixture.receive;
import static io.wirespeed.driver.pcap.PortFixture.receiveAll;
import static org.assertj.core.api.Assertions.assertThat;

import io.wirespeed.ethdev.Port;
import io.wirespeed.ethdev.PortStats;
import io.wirespeed.ethdev.XStat;
import io.wirespeed.mbuf.Mbuf;
import io.wirespeed.sys.Log;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClassicPcapReadTest {
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

    private Port openFile(byte[] bytes) {
        return fx.open("net_pcap0,rx_pcap=" + fx.file("in.pcap", bytes));
    }

    @ParameterizedTest
    @ValueSource(strings = {"LITTLE_ENDIAN", "BIG_ENDIAN"})
    void microsecondFileDeliversFramesWithNanosecondTimestamps(String orderName) {
        ByteOrder order = orderName.equals("BIG_ENDIAN") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        byte[] bytes = ClassicBytes.micros(order)
                .record(1_700_000_000L, 123_456, frame(60, 1))
                .record(1_700_000_001L, 999_999, frame(1514, 2))
                .bytes();
        Port port = openFile(bytes);
        Mbuf[] got = receive(port, 32);
        assertThat(got).hasSize(2);
        assertThat(got[0].toByteArray()).isEqualTo(frame(60, 1));
        assertThat(got[1].toByteArray()).isEqualTo(frame(1514, 2));
        assertThat(got[0].timestamp()).isEqualTo(1_700_000_000_123_456_000L);
        assertThat(got[1].timestamp()).isEqualTo(1_700_000_001_999_999_000L);
        assertThat(got[1].port()).isZero();
        Mbuf.freeBulk(got, 0, 2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"LITTLE_ENDIAN", "BIG_ENDIAN"})
    void nanosecondFileKeepsNanoseconds(String orderName) {
        ByteOrder order = orderName.equals("BIG_ENDIAN") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        byte[] bytes = ClassicBytes.nanos(order).record(1_700_000_000L, 123_456_789, frame(64, 3)).bytes();
        Mbuf[] got = receive(openFile(bytes), 32);
        assertThat(got).hasSize(1);
        assertThat(got[0].timestamp()).isEqualTo(1_700_000_000_123_456_789L);
        assertThat(got[0].toByteArray()).isEqualTo(frame(64, 3));
        got[0].free();
    }

    @Test
    void statsCountPacketsAndBytes() {
        Port port = openFile(ClassicBytes.micros(ByteOrder.LITTLE_ENDIAN)
                .record(0, 0, frame(60, 1)).record(0, 1, frame(100, 2)).record(0, 2, frame(1000, 3)).bytes());
        assertThat(receiveAll(port, 100)).hasSize(3);
        PortStats s = port.stats();
        assertThat(s.ipackets()).isEqualTo(3);
        assertThat(s.ibytes()).isEqualTo(1160);
        assertThat(s.ierrors()).isZero();
        assertThat(s.rxNombuf()).isZero();
    }

    @Test
    void queueIsExhaustedOnlyAfterItsLastPacket() {
        Port port = openFile(ClassicBytes.micros(ByteOrder.LITTLE_ENDIAN)
                .record(0, 0, frame(60, 1)).record(0, 1, frame(60, 2)).record(0, 2, frame(60, 3)).bytes());
        Mbuf[] burst = new Mbuf[2];
        assertThat(port.rxQueue(0).isFinite()).isTrue();
        assertThat(port.rxQueue(0).isExhausted()).isFalse();
        assertThat(port.rxBurst(0, burst, 0, 2)).isEqualTo(2);
        Mbuf.freeBulk(burst, 0, 2);
        assertThat(port.rxQueue(0).isExhausted()).isFalse();
        assertThat(port.rxBurst(0, burst, 0, 2)).isEqualTo(1);
        burst[0].free();
        assertThat(port.rxQueue(0).isExhausted()).isTrue();
        assertThat(port.rxBurst(0, burst, 0, 2)).isZero();
        assertThat(fx.pool.inUseCount()).isZero();
    }

    @Test
    void fileWithOnlyAHeaderIsExhaustedAtOnce() {
        Port port = openFile(ClassicBytes.micros(ByteOrder.LITTLE_ENDIAN).bytes());
        assertThat(port.rxQueue(0).isExhausted()).isTrue();
        assertThat(port.rxBurst(0, new Mbuf[4], 0, 4)).isZero();
    }

    @Test
    void framesLargerThanTheDataRoomArriveAsChains() {
        fx.close();
        fx = new PortFixture(dir, 64, 256);
        byte[] big = frame(1000, 7);
        Port port = openFile(ClassicBytes.micros(ByteOrder.LITTLE_ENDIAN).record(0, 0, frame(40, 1)).record(0, 0, big)
                .record(0, 0, frame(256, 2)).bytes());
        Mbuf[] got = receive(port, 8);
        assertThat(got).hasSize(3);
        assertThat(got[0].segmentCount()).isEqualTo(1);
        assertThat(got[1].segmentCount()).isEqualTo(4);
        assertThat(got[1].packetLength()).isEqualTo(1000);
        assertThat(got[1].dataLength()).isEqualTo(256);
        assertThat(got[1].lastSegment().dataLength()).isEqualTo(1000 - 3 * 256);
        assertThat(got[1].toByteArray()).isEqualTo(big);
        assertThat(got[2].segmentCount()).isEqualTo(1);
        assertThat(port.stats().ibytes()).isEqualTo(1296);
        Mbuf.freeBulk(got, 0, 3);
        assertThat(fx.pool.inUseCount()).isZero();
    }

    @Test
    void emptyPoolCountsRxNombufAndTheSamePacketComesNext() {
        Port port = openFile(ClassicBytes.micros(ByteOrder.LITTLE_ENDIAN)
                .record(0, 0, frame(60, 1)).record(0, 1, frame(60, 2)).bytes());
        Mbuf[] all = new Mbuf[fx.pool.size()];
        assertThat(fx.pool.allocBulk(all, 0, all.length)).isEqualTo(all.length);
        assertThat(port.rxBurst(0, new Mbuf[4], 0, 4)).isZero();
        assertThat(port.stats().rxNombuf()).isEqualTo(1);
        Mbuf.freeBulk(all, 0, all.length);
        List<byte[]> got = receiveAll(port, 10);
        assertThat(got).containsExactly(frame(60, 1), frame(60, 2));
        assertThat(port.stats().ipackets()).isEqualTo(2);
    }

    @Test
    void nearlyEmptyPoolDeliversWhatItCanAndTheRestLater() {
        Port port = openFile(ClassicBytes.micros(ByteOrder.LITTLE_ENDIAN)
                .record(0, 0, frame(60, 1)).record(0, 1, frame(60, 2)).record(0, 2, frame(60, 3)).bytes());
        Mbuf[] all = new Mbuf[fx.pool.size()];
        fx.pool.allocBulk(all, 0, all.length - 2);
        Mbuf[] got = receive(port, 8);
        assertThat(got).hasSize(2);
        assertThat(port.stats().rxNombuf()).isEqualTo(1);
        Mbuf.freeBulk(got, 0, 2);
        Mbuf.freeBulk(all, 0, all.length - 2);
        assertThat(receiveAll(port, 10)).containsExactly(frame(60, 3));
    }

    @Test
    void chainThatFindsNoSegmentsIsRetriedWhole() {
        fx.close();
        fx = new PortFixture(dir, 8, 256);
        byte[] big = frame(1000, 9);
        Port port = openFile(ClassicBytes.micros(ByteOrder.LITTLE_ENDIAN).record(0, 0, frame(60, 1)).record(0, 0, big).bytes());
        Mbuf[] hog = new Mbuf[5];
        fx.pool.allocBulk(hog, 0, 5); // 3 left: enough for both heads, not for the chain's 3 more segments
        Mbuf[] got = receive(port, 8);
        assertThat(got).hasSize(1);
        assertThat(port.stats().rxNombuf()).isEqualTo(1);
        Mbuf.freeBulk(got, 0, 1);
        Mbuf.freeBulk(hog, 0, 5);
        List<byte[]> rest = receiveAll(port, 10);
        assertThat(rest).hasSize(1);
        assertThat(rest.get(0)).isEqualTo(big);
        assertThat(fx.pool.inUseCount()).isZero();
    }

    @Test
    void xstatsDescribeTheFile() {
        fx.file("x.pcap", ClassicBytes.header(ByteOrder.LITTLE_ENDIAN, 0xa1b2c3d4, 2, 4, 65535, 113)
                .record(0, 0, frame(60, 1)).bytes());
        Port port = fx.open("net_pcap0,rx_pcap=" + dir.resolve("x.pcap"));
        assertThat(port.xstats()).contains(new XStat("rx_pcap_file_packets", 1), new XStat("rx_pcap_link_type", 113),
                new XStat("rx_pcap_truncated_records", 0));
    }

    @Test
    void nonEthernetLinkTypeIsNotedOnce() {
        Path f = fx.file("sll.pcap", ClassicBytes.header(ByteOrder.LITTLE_ENDIAN, 0xa1b2c3d4, 2, 4, 65535, 113)
                .record(0, 0, frame(60, 1)).bytes());
        String log = PortFixture.logOf(() -> fx.open("net_pcap0,rx_pcap=" + f));
        assertThat(log).isEqualTo("wirespeed: net_pcap0: " + f + ": link type 113 is not Ethernet (1): frames are delivered"
                + " as the file holds them" + System.lineSeparator());
    }

    @Test
    void jitWarmUpOnALargeFileLeavesNoTrace() {
        int packets = (int) JitWarmUp.MIN_PACKETS;
        ClassicBytes b = ClassicBytes.nanos(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < packets; i++) {
            b.record(i, 0, frame(60 + i % 3, i));
        }
        Port port = openFile(b.bytes());
        assertThat(port.stats().ipackets()).isZero();
        assertThat(fx.pool.inUseCount()).isZero();
        Mbuf[] burst = new Mbuf[32];
        long count = 0;
        long bytes = 0;
        while (!port.rxQueue(0).isExhausted()) {
            int n = port.rxBurst(0, burst, 0, 32);
            for (int i = 0; i < n; i++) {
                assertThat(burst[i].timestamp()).isEqualTo((count + i) * 1_000_000_000L);
                bytes += burst[i].packetLength();
            }
            count += n;
            Mbuf.freeBulk(burst, 0, n);
        }
        assertThat(count).isEqualTo(packets);
        assertThat(port.stats().ipackets()).isEqualTo(packets);
        assertThat(port.stats().ibytes()).isEqualTo(bytes);
    }

    @Test
    void reconfiguringTheQueueReadsTheFileAgainFromItsStart() {
        Port port = openFile(ClassicBytes.micros(ByteOrder.LITTLE_ENDIAN).record(0, 0, frame(60, 1)).bytes());
        assertThat(receiveAll(port, 10)).hasSize(1);
        port.stop();
        port.rxQueueSetup(0, 512, fx.pool);
        port.start();
        assertThat(receiveAll(port, 10)).containsExactly(frame(60, 1));
    }
}
