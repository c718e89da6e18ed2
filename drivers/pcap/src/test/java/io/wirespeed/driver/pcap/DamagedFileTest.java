package io.wirespeed.driver.pcap;

import static io.wirespeed.driver.pcap.PortFixture.frame;
import static io.wirespeed.driver.pcap.PortFixture.receiveAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wirespeed.ethdev.Port;
import io.wirespeed.sys.Log;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Damaged, truncated and foreign files: one line naming the byte offset, nothing left open. */
class DamagedFileTest {
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;
    private static final ByteOrder BE = ByteOrder.BIG_ENDIAN;

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

    /** Opening {@code bytes} fails with "net_pcap0: FILE" + {@code rest}, and leaves the file unmapped. */
    private void assertRejected(byte[] bytes, String rest) {
        Path f = fx.file("bad.pcap", bytes);
        assertThatThrownBy(() -> fx.open("net_pcap0,rx_pcap=" + f)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("net_pcap0: " + f + rest);
        assertThat(mappings(f)).as("mappings of " + f + " left behind").isZero();
        // Nothing registered either: another port may now write the file.
        fx.open("net_pcap1,tx_pcap=" + f);
    }

    private static long mappings(Path f) {
        try {
            return Files.readAllLines(Path.of("/proc/self/maps")).stream().filter(l -> l.endsWith(f.toString())).count();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void textFileIsNotACaptureFile() {
        assertRejected("Hello, world\n".getBytes(StandardCharsets.US_ASCII),
                " is not a pcap or pcapng file: it starts with 48656c6c (expected a1b2c3d4, a1b23c4d, either byte-swapped,"
                        + " or 0a0d0d0a)");
    }

    @Test
    void emptyFileIsNotACaptureFile() {
        assertRejected(new byte[0], " is empty: not a pcap or pcapng file");
    }

    @Test
    void fileShorterThanAMagicNumberIsRejected() {
        assertRejected(new byte[] {(byte) 0xd4, (byte) 0xc3}, ": 2 bytes, too short to be a pcap or pcapng file");
    }

    @Test
    void classicHeaderCutShortIsRejected() {
        assertRejected(Arrays.copyOf(ClassicBytes.micros(LE).bytes(), 20), ": 20 bytes, too short for the 24-byte pcap file header");
    }

    @Test
    void unknownClassicVersionIsRejected() {
        assertRejected(ClassicBytes.header(LE, 0xa1b2c3d4, 3, 1, 65535, 1).bytes(),
                ": pcap version 3.1 is not supported (2.x is): the file header at byte 4 may be damaged");
    }

    @Test
    void modifiedPcapIsNamedWithItsConversion() {
        assertRejected(ClassicBytes.header(LE, 0xa1b2cd34, 2, 4, 65535, 1).bytes(),
                " is a modified (Kuznetzov) pcap file, which Wirespeed does not read: convert it with editcap -F pcap");
    }

    @Test
    void recordLongerThanTheSnaplenNamesItsOffset() {
        byte[] bytes = ClassicBytes.micros(BE).record(0, 0, frame(60, 1)).record(0, 0, frame(60, 2))
                .record(0, 0, 70_000, 70_000, frame(2, 0)).bytes();
        assertRejected(bytes, ": record at byte 176 claims 70000 bytes, more than its snaplen 65535");
    }

    @Test
    void recordLongerThanAnyFrameIsDamageEvenWithoutSnaplen() {
        byte[] bytes = ClassicBytes.header(LE, 0xa1b2c3d4, 2, 4, 0, 1).record(0, 0, 0x7fff_0000L, 60, frame(60, 0)).bytes();
        assertRejected(bytes, ": record at byte 24 claims 2147418112 bytes, more than the largest frame pcap allows (262144)");
    }

    @Test
    void truncatedLastRecordKeepsThePacketsBeforeItAndSaysSo() {
        byte[] whole = ClassicBytes.micros(LE).record(0, 0, frame(60, 1)).record(0, 1, frame(60, 2))
                .record(0, 2, frame(100, 3)).bytes();
        Path f = fx.file("cut.pcap", Arrays.copyOf(whole, whole.length - 40));
        Port[] port = new Port[1];
        String log = PortFixture.logOf(() -> port[0] = fx.open("net_pcap0,rx_pcap=" + f));
        assertThat(log).isEqualTo("wirespeed: net_pcap0: " + f + ": last record at byte 176 is truncated: 2 packets read,"
                + " the partial one dropped" + System.lineSeparator());
        assertThat(receiveAll(port[0], 10)).containsExactly(frame(60, 1), frame(60, 2));
        assertThat(port[0].stats().ierrors()).as("the partial record, counted").isEqualTo(1);
        assertThat(port[0].rxQueue(0).isExhausted()).isTrue();
    }

    @Test
    void partialRecordHeaderAtTheEndIsATruncation() {
        byte[] whole = ClassicBytes.micros(LE).record(0, 0, frame(60, 1)).raw(new byte[10]).bytes();
        Path f = fx.file("cut.pcap", whole);
        String log = PortFixture.logOf(() -> assertThat(receiveAll(fx.open("net_pcap0,rx_pcap=" + f), 10)).hasSize(1));
        assertThat(log).contains("last record at byte 100 is truncated: 1 packet read, the partial one dropped");
    }

    @Test
    void pcapngSectionWithAForeignByteOrderMagicIsRejected() {
        byte[] bytes = PcapngBytes.section(LE).bytes();
        ByteBuffer.wrap(bytes).order(LE).putInt(8, 0x11223344);
        assertRejected(bytes, ": block at byte 0 (section header) has byte-order magic 44332211, not 1a2b3c4d in either byte order");
    }

    @Test
    void pcapngVersionTwoIsRejected() {
        byte[] bytes = PcapngBytes.section(BE).bytes();
        ByteBuffer.wrap(bytes).order(BE).putShort(12, (short) 2);
        assertRejected(bytes, ": block at byte 0 (section header) is pcapng version 2.0; Wirespeed reads version 1.x");
    }

    @Test
    void pcapngBlockLengthNotAMultipleOfFourIsRejected() {
        byte[] bytes = PcapngBytes.section(LE).idb(1, 0).raw(le(6, 33)).raw(new byte[40]).bytes();
        assertRejected(bytes, ": block at byte 60 has length 33 (a block is a multiple of 4 bytes, at least 12)");
    }

    @Test
    void pcapngBlockWhoseTwoLengthsDifferIsRejected() {
        byte[] bytes = PcapngBytes.section(LE).idb(1, 0).epb(0, 0, frame(60, 1)).bytes();
        ByteBuffer.wrap(bytes).order(LE).putInt(bytes.length - 4, 96);
        assertRejected(bytes, ": block at byte 60 says it is 100 bytes long at its start but 96 at its end");
    }

    @Test
    void enhancedPacketClaimingMoreThanItsBlockIsRejected() {
        byte[] bytes = PcapngBytes.section(BE).idb(1, 0).epb(0, 0, 70_000, 70_000, frame(60, 1)).bytes();
        assertRejected(bytes, ": block at byte 60 (enhanced packet) claims 70000 bytes, more than the 68 its block holds");
    }

    @Test
    void enhancedPacketLongerThanItsInterfaceSnaplenIsRejected() {
        byte[] bytes = PcapngBytes.section(LE).idb(1, 64).epb(0, 0, frame(100, 1)).bytes();
        assertRejected(bytes, ": block at byte 60 (enhanced packet) claims 100 bytes, more than its interface's snaplen 64");
    }

    @Test
    void packetOfAnInterfaceTheSectionDoesNotDescribeIsRejected() {
        byte[] bytes = PcapngBytes.section(LE).idb(1, 0).idb(1, 0).newSection(LE).idb(1, 0).epb(1, 0, frame(60, 1)).bytes();
        assertRejected(bytes, ": block at byte 152 (enhanced packet) names interface 1, but its section has only 1");
    }

    @Test
    void packetBeforeAnyInterfaceIsRejected() {
        byte[] bytes = PcapngBytes.section(LE).spb(60, frame(60, 1)).bytes();
        assertRejected(bytes, ": block at byte 28 (simple packet) names interface 0, but its section describes no interface"
                + " before it");
    }

    @Test
    void interfaceOptionRunningPastItsBlockIsRejected() {
        byte[] body = ByteBuffer.allocate(12).order(LE).putShort((short) 1).putShort((short) 0).putInt(0)
                .putShort((short) 9).putShort((short) 40).array();
        byte[] bytes = PcapngBytes.section(LE).block(1, body).bytes();
        assertRejected(bytes, ": block at byte 28 (interface description) has an option at byte 44 of 40 bytes that runs past"
                + " the block's end");
    }

    @Test
    void unconvertibleTimestampResolutionIsRejected() {
        byte[] bytes = PcapngBytes.section(LE).idb(1, 0, 40, null).bytes();
        assertRejected(bytes, ": block at byte 28 (interface description) has if_tsresol 40 (10^-40 s) is finer than 10^-27 s,"
                + " which Wirespeed cannot convert to nanoseconds");
    }

    @Test
    void truncatedLastPcapngBlockKeepsThePacketsBeforeIt() {
        byte[] whole = PcapngBytes.section(BE).idb(1, 0).epb(0, 0, frame(60, 1)).epb(0, 0, frame(60, 2)).bytes();
        Path f = fx.file("cut.pcapng", Arrays.copyOf(whole, whole.length - 7));
        Port[] port = new Port[1];
        String log = PortFixture.logOf(() -> port[0] = fx.open("net_pcap0,rx_pcap=" + f));
        assertThat(log).isEqualTo("wirespeed: net_pcap0: " + f + ": last record at byte 160 is truncated: 1 packet read,"
                + " the partial one dropped" + System.lineSeparator());
        assertThat(receiveAll(port[0], 10)).containsExactly(frame(60, 1));
        assertThat(port[0].stats().ierrors()).isEqualTo(1);
    }

    @Test
    void missingFileIsNamed() {
        Path f = dir.resolve("nothing.pcap");
        assertThatThrownBy(() -> fx.open("net_pcap0,rx_pcap=" + f))
                .hasMessage("net_pcap0: " + f + " does not exist (rx_pcap names the capture file to read)");
    }

    @Test
    void directoryIsNotACaptureFile() {
        assertThatThrownBy(() -> fx.open("net_pcap0,rx_pcap=" + dir))
                .hasMessage("net_pcap0: " + dir + " is a directory, not a capture file");
    }

    @Test
    void damagedFileDoesNotLeaveTheTxFileOfTheSamePortBehind() {
        Path bad = fx.file("bad.pcap", "not a capture".getBytes(StandardCharsets.US_ASCII));
        Path out = dir.resolve("out.pcap");
        assertThatThrownBy(() -> fx.open("net_pcap0,rx_pcap=" + bad + ",tx_pcap=" + out))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(out).doesNotExist();
        assertThat(mappings(bad)).isZero();
    }

    private static byte[] le(int... ints) {
        ByteBuffer b = ByteBuffer.allocate(ints.length * 4).order(LE);
        for (int i : ints) {
            b.putInt(i);
        }
        return b.array();
    }
}
