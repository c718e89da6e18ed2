package io.wirespeed.driver.pcap;

import static io.wirespeed.driver.pcap.PortFixture.frame;
import static io.wirespeed.driver.pcap.PortFixture.receive;
import static org.assertj.core.api.Assertions.assertThat;

import io.wirespeed.ethdev.Port;
import io.wirespeed.ethdev.PortStats;
import io.wirespeed.mbuf.Mbuf;
import io.wirespeed.sys.Log;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WriteTest {
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

    /** Packets from the pool with these bytes and time stamps (0: none). */
    private Mbuf[] packets(byte[][] frames, long[] stamps) {
        Mbuf[] m = new Mbuf[frames.length];
        fx.pool.allocBulk(m, 0, m.length);
        for (int i = 0; i < m.length; i++) {
            assertThat(m[i].write(frames[i])).isTrue();
            m[i].timestamp(stamps[i]);
        }
        return m;
    }

    private void send(Port port, Mbuf... burst) {
        assertThat(port.txBurst(0, burst, 0, burst.length)).isEqualTo(burst.length);
    }

    private static ByteBuffer read(Path f) {
        try {
            return ByteBuffer.wrap(Files.readAllBytes(f)).order(ByteOrder.nativeOrder());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void txPcapWritesNanosecondPcapRecordByRecord() {
        Path out = dir.resolve("out.pcap");
        Port port = fx.open("net_pcap0,tx_pcap=" + out);
        send(port, packets(new byte[][] {frame(60, 1), frame(100, 2)}, new long[] {1_700_000_000_123_456_789L, 5L}));
        port.stop();
        ByteBuffer b = read(out);
        assertThat(b.limit()).isEqualTo(24 + 16 + 60 + 16 + 100);
        assertThat(b.getInt(0)).isEqualTo(0xa1b23c4d);
        assertThat(b.getShort(4)).isEqualTo((short) 2);
        assertThat(b.getShort(6)).isEqualTo((short) 4);
        assertThat(b.getInt(16)).isEqualTo(65535);
        assertThat(b.getInt(20)).as("link type Ethernet").isEqualTo(1);
        assertThat(b.getInt(24)).isEqualTo(1_700_000_000);
        assertThat(b.getInt(28)).isEqualTo(123_456_789);
        assertThat(b.getInt(32)).isEqualTo(60);
        assertThat(b.getInt(36)).isEqualTo(60);
        assertThat(Arrays.copyOfRange(b.array(), 40, 100)).isEqualTo(frame(60, 1));
        assertThat(b.getInt(100)).isZero();
        assertThat(b.getInt(104)).isEqualTo(5);
        PortStats s = port.stats();
        assertThat(s.opackets()).isEqualTo(2);
        assertThat(s.obytes()).isEqualTo(160);
        assertThat(fx.pool.inUseCount()).isZero();
    }

    @Test
    void writtenPcapReadsBackTheSamePackets() {
        Path out = dir.resolve("out.pcap");
        Port writer = fx.open("net_pcap0,tx_pcap=" + out);
        send(writer, packets(new byte[][] {frame(60, 1), frame(1514, 2), frame(64, 3)}, new long[] {11L, 22L, 33L}));
        writer.close();
        Mbuf[] got = receive(fx.open("net_pcap1,rx_pcap=" + out), 8);
        assertThat(got).extracting(Mbuf::toByteArray).containsExactly(frame(60, 1), frame(1514, 2), frame(64, 3));
        assertThat(got).extracting(Mbuf::timestamp).containsExactly(11L, 22L, 33L);
        Mbuf.freeBulk(got, 0, got.length);
    }

    @Test
    void txPcapngWritesASectionAnInterfaceWithNanosecondsAndEnhancedPackets() {
        Path out = dir.resolve("out.bin");
        Port port = fx.open("net_pcap0,tx_pcapng=" + out);
        send(port, packets(new byte[][] {frame(61, 1)}, new long[] {0x1_0000_0002L}));
        port.stop();
        ByteBuffer b = read(out);
        assertThat(b.getInt(0)).isEqualTo(0x0a0d0d0a);
        assertThat(b.getInt(8)).isEqualTo(0x1a2b3c4d);
        int shb = b.getInt(4);
        assertThat(b.getInt(shb - 4)).isEqualTo(shb);
        assertThat(b.getInt(shb)).as("interface description").isEqualTo(1);
        int idb = b.getInt(shb + 4);
        int epb = shb + idb;
        assertThat(b.getInt(epb)).as("enhanced packet block").isEqualTo(6);
        assertThat(b.getInt(epb + 4)).isEqualTo(32 + 64);
        assertThat(b.getInt(epb + 12)).as("time stamp, high").isEqualTo(1);
        assertThat(b.getInt(epb + 16)).as("time stamp, low").isEqualTo(2);
        assertThat(b.getInt(epb + 20)).isEqualTo(61);
        assertThat(b.getInt(epb + 24)).isEqualTo(61);
        assertThat(b.get(epb + 28 + 61)).as("padding").isZero();
        assertThat(b.getInt(epb + 28 + 64)).isEqualTo(96);
        assertThat(b.limit()).isEqualTo(epb + 96);
    }

    @Test
    void writtenPcapngReadsBackWithNanosecondTimestamps() {
        Path out = dir.resolve("out.pcapng");
        Port writer = fx.open("net_pcap0,tx_pcap=" + out); // the extension selects pcapng
        send(writer, packets(new byte[][] {frame(60, 1), frame(63, 2)}, new long[] {1_700_000_000_000_000_001L, 2L}));
        writer.close();
        assertThat(read(out).getInt(0)).isEqualTo(0x0a0d0d0a);
        Mbuf[] got = receive(fx.open("net_pcap1,rx_pcap=" + out), 8);
        assertThat(got).extracting(Mbuf::toByteArray).containsExactly(frame(60, 1), frame(63, 2));
        assertThat(got).extracting(Mbuf::timestamp).containsExactly(1_700_000_000_000_000_001L, 2L);
        Mbuf.freeBulk(got, 0, got.length);
    }

    @Test
    void snaplenCutsTheCapturedBytesAndKeepsTheOriginalLength() {
        Path out = dir.resolve("cut.pcap");
        Port port = fx.open("net_pcap0,tx_pcap=" + out + ",snaplen=64");
        send(port, packets(new byte[][] {frame(1000, 1), frame(40, 2)}, new long[] {1L, 2L}));
        port.stop();
        ByteBuffer b = read(out);
        assertThat(b.getInt(16)).as("header snaplen").isEqualTo(64);
        assertThat(b.getInt(24 + 8)).as("captured").isEqualTo(64);
        assertThat(b.getInt(24 + 12)).as("original").isEqualTo(1000);
        assertThat(Arrays.copyOfRange(b.array(), 40, 104)).isEqualTo(Arrays.copyOf(frame(1000, 1), 64));
        assertThat(b.getInt(104 + 8)).isEqualTo(40);
        assertThat(b.limit()).isEqualTo(24 + 16 + 64 + 16 + 40);
        assertThat(port.stats().obytes()).as("bytes sent, not bytes kept").isEqualTo(1040);
    }

    @Test
    void packetWithoutTimestampIsStampedWithTheCurrentTime() {
        Path out = dir.resolve("now.pcap");
        Port port = fx.open("net_pcap0,tx_pcap=" + out);
        long before = System.currentTimeMillis() * 1_000_000L;
        send(port, packets(new byte[][] {frame(60, 1)}, new long[] {0}));
        long after = (System.currentTimeMillis() + 1) * 1_000_000L;
        port.stop();
        ByteBuffer b = read(out);
        long stamp = Integer.toUnsignedLong(b.getInt(24)) * 1_000_000_000L + b.getInt(28);
        assertThat(stamp).isBetween(before, after);
    }

    @Test
    void chainedPacketIsWrittenWhole() {
        Path out = dir.resolve("chain.pcap");
        Port port = fx.open("net_pcap0,tx_pcap=" + out);
        Mbuf[] parts = packets(new byte[][] {frame(100, 1), frame(200, 2), frame(50, 3)}, new long[] {7L, 0, 0});
        parts[1].chain(parts[2]);
        parts[0].chain(parts[1]);
        send(port, parts[0]);
        port.stop();
        byte[] whole = new byte[350];
        System.arraycopy(frame(100, 1), 0, whole, 0, 100);
        System.arraycopy(frame(200, 2), 0, whole, 100, 200);
        System.arraycopy(frame(50, 3), 0, whole, 300, 50);
        ByteBuffer b = read(out);
        assertThat(b.getInt(32)).isEqualTo(350);
        assertThat(Arrays.copyOfRange(b.array(), 40, 390)).isEqualTo(whole);
        assertThat(fx.pool.inUseCount()).isZero();
    }

    @Test
    void packetsStayBufferedUntilStopWritesThem() {
        Path out = dir.resolve("later.pcap");
        Port port = fx.open("net_pcap0,tx_pcap=" + out);
        send(port, packets(new byte[][] {frame(60, 1)}, new long[] {1L}));
        assertThat(out).isEmptyFile();
        port.stop();
        assertThat(out).hasSize(24 + 16 + 60);
    }

    @Test
    void fullBufferIsWrittenBeforeTheBurstThatWouldNotFit() {
        Path out = dir.resolve("big.pcap");
        Port port = fx.open("net_pcap0,tx_pcap=" + out);
        int record = 16 + 1500;
        int fit = (CaptureWriter.BUFFER_BYTES - 24) / record;
        for (int sent = 0; sent < fit; sent += 8) {
            int n = Math.min(8, fit - sent);
            Mbuf[] burst = new Mbuf[n];
            fx.pool.allocBulk(burst, 0, n);
            for (Mbuf m : burst) {
                m.length(1500);
                m.timestamp(1);
            }
            send(port, burst);
        }
        assertThat(out).isEmptyFile();
        Mbuf[] one = packets(new byte[][] {frame(1500, 1)}, new long[] {1L});
        send(port, one);
        assertThat(out).hasSize(24 + (long) fit * record);
        port.stop();
        assertThat(out).hasSize(24 + (long) (fit + 1) * record);
        assertThat(port.stats().opackets()).isEqualTo(fit + 1);
    }

    @Test
    void pcapngPaddingIsZeroAlsoWhenTheBufferIsReused() {
        Path out = dir.resolve("pad.pcapng");
        Port port = fx.open("net_pcap0,tx_pcapng=" + out);
        byte[] ones = new byte[64];
        Arrays.fill(ones, (byte) -1);
        for (int sent = 0; sent < CaptureWriter.BUFFER_BYTES / 96 + 8; sent++) {
            send(port, packets(new byte[][] {ones}, new long[] {1L}));
        }
        send(port, packets(new byte[][] {frame(61, 1)}, new long[] {2L}));
        port.stop();
        ByteBuffer b = read(out);
        int last = b.limit() - 96;
        assertThat(b.getInt(last + 20)).isEqualTo(61);
        assertThat(new byte[] {b.get(last + 28 + 61), b.get(last + 28 + 62), b.get(last + 28 + 63)}).containsOnly(0);
    }

    @Test
    void failedWriteIsCountedAsOerrorsAndReportedOnceNeverThrown() {
        Port port = fx.open("net_pcap0,tx_pcap=/dev/full");
        send(port, packets(new byte[][] {frame(60, 1), frame(60, 2)}, new long[] {1L, 2L}));
        String log = PortFixture.logOf(() -> {
            port.stop();
            port.start();
            send(port, packets(new byte[][] {frame(60, 3)}, new long[] {3L}));
            port.stop();
        });
        assertThat(log).isEqualTo("wirespeed: net_pcap0: writing /dev/full failed: ENOSPC (No space left on device): 2 buffered"
                + " packets lost; from now on every packet sent is dropped and counted as oerrors" + System.lineSeparator());
        PortStats s = port.stats();
        assertThat(s.opackets()).as("accepted before the failure was known").isEqualTo(2);
        assertThat(s.oerrors()).isEqualTo(3);
        assertThat(port.xstats()).contains(new io.wirespeed.ethdev.XStat("tx_pcap_write_failed", 1));
        assertThat(fx.pool.inUseCount()).isZero();
    }

    @Test
    void portWithoutTxFileDiscardsAndCountsWhatItIsGiven() {
        Path in = fx.file("in.pcap", ClassicBytes.micros(ByteOrder.LITTLE_ENDIAN).record(0, 0, frame(60, 1)).bytes());
        Port port = fx.open("net_pcap0,rx_pcap=" + in);
        send(port, packets(new byte[][] {frame(60, 1), frame(70, 1)}, new long[] {0, 0}));
        assertThat(port.stats().opackets()).isEqualTo(2);
        assertThat(port.stats().obytes()).isEqualTo(130);
        assertThat(fx.pool.inUseCount()).isZero();
    }
}
