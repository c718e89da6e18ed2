package io.wirespeed.driver.pcap;

import static io.wirespeed.driver.pcap.PortFixture.frame;
import static io.wirespeed.driver.pcap.PortFixture.receive;
import static io.wirespeed.driver.pcap.PortFixture.receiveAll;
import static org.assertj.core.api.Assertions.assertThat;

import io.wirespeed.ethdev.Port;
import io.wirespeed.mbuf.Mbuf;
import io.wirespeed.sys.Log;
import java.nio.ByteOrder;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PcapngReadTest {
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
        return fx.open("net_pcap0,rx_pcap=" + fx.file("in.pcapng", bytes));
    }

    private static ByteOrder order(String name) {
        return name.equals("BIG_ENDIAN") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
    }

    @ParameterizedTest
    @ValueSource(strings = {"LITTLE_ENDIAN", "BIG_ENDIAN"})
    void enhancedPacketBlocksArriveWithMicrosecondDefaultResolution(String orderName) {
        byte[] bytes = PcapngBytes.section(order(orderName)).idb(1, 65535)
                .epb(0, 1_700_000_000_123_456L, frame(60, 1))
                .epb(0, 1_700_000_000_123_457L, frame(61, 2))
                .bytes();
        Mbuf[] got = receive(openFile(bytes), 8);
        assertThat(got).hasSize(2);
        assertThat(got[0].toByteArray()).isEqualTo(frame(60, 1));
        assertThat(got[1].toByteArray()).isEqualTo(frame(61, 2));
        assertThat(got[0].timestamp()).isEqualTo(1_700_000_000_123_456_000L);
        assertThat(got[1].timestamp()).isEqualTo(1_700_000_000_123_457_000L);
        Mbuf.freeBulk(got, 0, 2);
    }

    @Test
    void eachInterfaceConvertsItsOwnResolutionAndOffset() {
        byte[] bytes = PcapngBytes.section(ByteOrder.LITTLE_ENDIAN)
                .idb(1, 0, 9, null)          // nanoseconds
                .idb(1, 0, 3, 100L)          // milliseconds, +100 s
                .idb(1, 0, 0x80 | 10, null)  // 2^-10 s
                .idb(1, 0, 12, null)         // picoseconds
                .epb(0, 1_000_000_007L, frame(60, 0))
                .epb(1, 2_500L, frame(60, 1))
                .epb(2, 3 * 1024 + 512, frame(60, 2))
                .epb(3, 4_000_000_000_123L, frame(60, 3))
                .bytes();
        Mbuf[] got = receive(openFile(bytes), 8);
        assertThat(got).extracting(Mbuf::timestamp)
                .containsExactly(1_000_000_007L, 102_500_000_000L, 3_500_000_000L, 4_000_000_000L);
        Mbuf.freeBulk(got, 0, got.length);
    }

    @Test
    void sectionsInDifferentByteOrdersNumberTheirOwnInterfaces() {
        byte[] bytes = PcapngBytes.section(ByteOrder.LITTLE_ENDIAN).idb(1, 0, 6, null).idb(1, 0, 9, null)
                .epb(1, 5L, frame(60, 1))
                .newSection(ByteOrder.BIG_ENDIAN).idb(1, 0, 3, null)
                .epb(0, 7L, frame(70, 2))
                .newSection(ByteOrder.LITTLE_ENDIAN).idb(1, 0, 6, null)
                .epb(0, 9L, frame(80, 3))
                .bytes();
        Mbuf[] got = receive(openFile(bytes), 8);
        assertThat(got).extracting(Mbuf::timestamp).containsExactly(5L, 7_000_000L, 9_000L);
        assertThat(got).extracting(Mbuf::packetLength).containsExactly(60, 70, 80);
        assertThat(got[1].toByteArray()).isEqualTo(frame(70, 2));
        Mbuf.freeBulk(got, 0, got.length);
    }

    @Test
    void simplePacketBlockHasNoTimestampAndIsCutAtItsInterfaceSnaplen() {
        byte[] bytes = PcapngBytes.section(ByteOrder.BIG_ENDIAN).idb(1, 64)
                .spb(60, frame(60, 1))
                .spb(1500, frame(64, 2)) // original 1500 bytes, 64 captured (the snaplen)
                .bytes();
        Mbuf[] got = receive(openFile(bytes), 8);
        assertThat(got).hasSize(2);
        assertThat(got[0].toByteArray()).isEqualTo(frame(60, 1));
        assertThat(got[1].toByteArray()).isEqualTo(frame(64, 2));
        assertThat(got[0].timestamp()).isZero();
        Mbuf.freeBulk(got, 0, 2);
    }

    @Test
    void simplePacketBlockWithPaddingDeliversItsOriginalLength() {
        // 61 bytes padded to 64 in the block: the original length says where the frame ends.
        byte[] bytes = PcapngBytes.section(ByteOrder.LITTLE_ENDIAN).idb(1, 0).spb(61, frame(61, 4)).bytes();
        assertThat(receiveAll(openFile(bytes), 8)).containsExactly(frame(61, 4));
    }

    @Test
    void obsoletePacketBlockIsReadLikeAnEnhancedOne() {
        byte[] bytes = PcapngBytes.section(ByteOrder.BIG_ENDIAN).idb(1, 0).idb(1, 0, 9, null)
                .opb(1, 42L, frame(60, 5)).bytes();
        Mbuf[] got = receive(openFile(bytes), 8);
        assertThat(got).hasSize(1);
        assertThat(got[0].timestamp()).isEqualTo(42L);
        assertThat(got[0].toByteArray()).isEqualTo(frame(60, 5));
        got[0].free();
    }

    @Test
    void unknownAndNonPacketBlocksAreSkippedByTheirLength() {
        byte[] bytes = PcapngBytes.section(ByteOrder.LITTLE_ENDIAN)
                .block(4, new byte[] {1, 0, 4, 0, 10, 0, 0, 1, 'h', 'o', 's', 't', 0, 0, 0, 0}) // name resolution
                .idb(1, 0)
                .block(0x40000bad, new byte[] {1, 2, 3, 4, 5}) // custom block
                .epb(0, 1L, frame(60, 1))
                .block(5, new byte[20]) // interface statistics
                .block(0x0bad, new byte[0])
                .epb(0, 2L, frame(60, 2))
                .block(5, new byte[20]) // statistics at the end, as dumpcap writes them
                .bytes();
        Port port = openFile(bytes);
        assertThat(port.rxQueue(0).isFinite()).isTrue();
        assertThat(port.rxQueue(0).isExhausted()).isFalse();
        assertThat(receiveAll(port, 10)).containsExactly(frame(60, 1), frame(60, 2));
        assertThat(port.rxQueue(0).isExhausted()).isTrue();
        assertThat(port.stats().ierrors()).isZero();
    }

    @Test
    void packetBlocksLargerThanTheDataRoomArriveAsChains() {
        fx.close();
        fx = new PortFixture(dir, 64, 512);
        byte[] jumbo = frame(9000, 3);
        Mbuf[] got = receive(openFile(PcapngBytes.section(ByteOrder.BIG_ENDIAN).idb(1, 0).epb(0, 1L, jumbo).bytes()), 4);
        assertThat(got).hasSize(1);
        assertThat(got[0].segmentCount()).isEqualTo(18);
        assertThat(got[0].toByteArray()).isEqualTo(jumbo);
        got[0].free();
        assertThat(fx.pool.inUseCount()).isZero();
    }

    @Test
    void fileWithoutPacketsIsExhaustedAtOnce() {
        Port port = openFile(PcapngBytes.section(ByteOrder.LITTLE_ENDIAN).idb(1, 0).bytes());
        assertThat(port.rxQueue(0).isExhausted()).isTrue();
        assertThat(port.rxBurst(0, new Mbuf[4], 0, 4)).isZero();
    }
}
