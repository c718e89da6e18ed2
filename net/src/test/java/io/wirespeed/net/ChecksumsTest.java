package io.wirespeed.net;

import static io.wirespeed.net.TestFrames.hex;
import static io.wirespeed.net.TestFrames.written;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Checksums against published and captured bytes, against a plain word-by-word reference, and
 * the detection of a flipped bit.
 */
class ChecksumsTest {
    // Captured from Linux over lo in a user namespace (the kernel computes these in software):
    // an ICMP port unreachable quoting a UDP datagram, an ICMPv6 port unreachable, a TCP RST.
    private static final String ICMP4_UNREACHABLE = "000000000000000000000000080045c00048a2fa00004001d8f87f0000017f000001"
            + "0303d49d000000004500002c62c540004011d9f97f0000017f000001aa7914e90018fe2b68656c6c6f2077697265737065656421";
    private static final String ICMP6_UNREACHABLE = "00000000000000000000000086dd600cfeb200453a40"
            + "00000000000000000000000000000001" + "00000000000000000000000000000001"
            + "010475ce000000006006d2d70015114000000000000000000000000000000001000000000000000000000000000000018d08"
            + "14e9001500286970763620646174616772616d";
    private static final String TCP4_RST = "0000000000000000000000000800450000280000400040063cce7f0000017f000001"
            + "1f90e72600000000455268d150140000fcf30000";

    /** The plain definition: 16-bit big-endian words, a trailing byte padded with zero, end-around carry. */
    static int referenceSum(byte[] bytes, int from, int length) {
        long sum = 0;
        for (int i = 0; i < length; i += 2) {
            int hi = bytes[from + i] & 0xff;
            int lo = i + 1 < length ? bytes[from + i + 1] & 0xff : 0;
            sum += (hi << 8) | lo;
        }
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        return (int) sum;
    }

    @Test
    void rfc1071ExampleSum() {
        // RFC 1071 section 3: the sum of 00 01 f2 03 f4 f5 f6 f7 is ddf2.
        assertThat(Checksums.fold(Checksums.sum(hex("0001f203f4f5f6f7"), 0, 8))).isEqualTo(0xddf2);
    }

    @Test
    void wikipediaIpv4HeaderExample() {
        MemorySegment s = hex("450000730000400040110000c0a80001c0a800c7");
        assertThat(Checksums.ipv4HeaderChecksum(s, 0)).isEqualTo(0xb861);
    }

    @Test
    void capturedIpv4HeadersVerify() {
        for (String frame : new String[] {ICMP4_UNREACHABLE, TCP4_RST}) {
            MemorySegment s = hex(frame);
            assertThat(Checksums.ipv4HeaderValid(s, 14)).isTrue();
            assertThat(Checksums.ipv4HeaderChecksum(s, 14)).isEqualTo(NetworkOrder.getU16(s, 24));
            assertThat(Checksums.ipv4HeaderValid(s, 42)).as("the quoted header").isEqualTo(frame == ICMP4_UNREACHABLE);
        }
    }

    @Test
    void capturedIcmpVerifies() {
        MemorySegment s = hex(ICMP4_UNREACHABLE);
        assertThat(Checksums.icmpChecksum(s, 34, (int) s.byteSize() - 34)).isEqualTo(0xd49d);
    }

    @Test
    void capturedIcmpv6Verifies() {
        MemorySegment s = hex(ICMP6_UNREACHABLE);
        assertThat(Checksums.icmpv6Checksum(s, 14, 54)).isEqualTo(0x75ce);
    }

    @Test
    void capturedTcpRstVerifies() {
        MemorySegment s = hex(TCP4_RST);
        assertThat(Checksums.tcpIpv4Valid(s, 14, 34)).isTrue();
        assertThat(Checksums.tcpIpv4Checksum(s, 14, 34)).isEqualTo(0xfcf3);
    }

    @Test
    void sumMatchesTheReferenceAtEveryOffsetAndLength() {
        Random random = new Random(1071);
        byte[] bytes = new byte[2100];
        random.nextBytes(bytes);
        MemorySegment s = MemorySegment.ofArray(bytes);
        for (int i = 0; i < 20_000; i++) {
            int from = random.nextInt(64);
            int length = random.nextInt(i < 10_000 ? 80 : 2000);
            assertThat(Checksums.fold(Checksums.sum(s, from, length))).as("at %d for %d", from, length)
                    .isEqualTo(referenceSum(bytes, from, length));
        }
    }

    @Test
    void foldOfAllOnesIsAllOnes() {
        MemorySegment s = TestFrames.buffer(4096);
        s.fill((byte) 0xff);
        assertThat(Checksums.fold(Checksums.sum(s, 0, 4096))).isEqualTo(0xffff);
        assertThat(Checksums.fold(0)).isZero();
        assertThat(Checksums.fold(Long.MAX_VALUE)).isEqualTo(referenceFold(Long.MAX_VALUE));
    }

    private static int referenceFold(long v) {
        // Long.MAX_VALUE as four 16-bit words: 7fff ffff ffff ffff.
        long sum = (v >>> 48) + ((v >>> 32) & 0xffff) + ((v >>> 16) & 0xffff) + (v & 0xffff);
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        return (int) sum;
    }

    @Test
    void udpChecksumsMatchTheReferenceOverIpv4AndIpv6() {
        Random random = new Random(768);
        for (int i = 0; i < 500; i++) {
            int payload = random.nextInt(1500);
            byte[] data = new byte[payload];
            random.nextBytes(data);
            boolean v6 = random.nextBoolean();
            FrameBuilder b = new FrameBuilder().ethernet(1, 2);
            if (v6) {
                b.ipv6(random.nextLong(), random.nextLong(), random.nextLong(), random.nextLong());
            } else {
                b.ipv4(random.nextInt(), random.nextInt());
            }
            MemorySegment s = written(b.udp(random.nextInt(65536), random.nextInt(65536)).payload(data));
            byte[] frame = s.toArray(ValueLayout.JAVA_BYTE);
            int ip = 14;
            int udp = v6 ? 54 : 34;
            int length = 8 + payload;
            byte[] pseudo = new byte[v6 ? 40 : 12];
            if (v6) {
                System.arraycopy(frame, ip + 8, pseudo, 0, 32);
                pseudo[34] = (byte) (length >>> 8);
                pseudo[35] = (byte) length;
                pseudo[39] = 17;
            } else {
                System.arraycopy(frame, ip + 12, pseudo, 0, 8);
                pseudo[9] = 17;
                pseudo[10] = (byte) (length >>> 8);
                pseudo[11] = (byte) length;
            }
            int stored = NetworkOrder.getU16(s, udp + 6);
            frame[udp + 6] = frame[udp + 7] = 0;
            long sum = referenceSum(pseudo, 0, pseudo.length) + referenceSum(frame, udp, length);
            int expected = ~referenceSum(new byte[] {(byte) (sum >>> 24), (byte) (sum >>> 16), (byte) (sum >>> 8), (byte) sum}, 0, 4) & 0xffff;
            assertThat(stored).isEqualTo(expected == 0 ? 0xffff : expected);
            assertThat(v6 ? Checksums.udpIpv6Valid(s, ip, udp) : Checksums.udpIpv4Valid(s, ip, udp)).isTrue();
        }
    }

    @Test
    void aFlippedBitIsDetectedInEveryChecksummedByte() {
        Random random = new Random(7);
        MemorySegment udp4 = written(TestFrames.udp4(40));
        MemorySegment tcp6 = written(TestFrames.tcp6(40).ipv6Extension(IpProtocols.HOP_BY_HOP, new byte[6]));
        MemorySegment rst = hex(TCP4_RST);
        for (int i = 0; i < 2000; i++) {
            int bit = 1 << random.nextInt(8);
            flipAndCheck(udp4, 14 + 12 + random.nextInt((int) udp4.byteSize() - 26), bit, () -> Checksums.udpIpv4Valid(udp4, 14, 34));
            flipAndCheck(udp4, 14 + random.nextInt(20), bit, () -> Checksums.ipv4HeaderValid(udp4, 14));
            // The addresses (pseudo-header) and the TCP segment; the hop-by-hop header is not covered.
            int at = 22 + random.nextInt((int) tcp6.byteSize() - 22 - 8);
            flipAndCheck(tcp6, at < 54 ? at : at + 8, bit, () -> Checksums.tcpIpv6Valid(tcp6, 14, 62));
            flipAndCheck(rst, 34 + random.nextInt(20), bit, () -> Checksums.tcpIpv4Valid(rst, 14, 34));
        }
    }

    private static void flipAndCheck(MemorySegment s, long at, int bit, java.util.function.BooleanSupplier valid) {
        assertThat(valid.getAsBoolean()).isTrue();
        byte b = s.get(ValueLayout.JAVA_BYTE, at);
        s.set(ValueLayout.JAVA_BYTE, at, (byte) (b ^ bit));
        assertThat(valid.getAsBoolean()).as("bit %x of byte %d flipped", bit, at).isFalse();
        s.set(ValueLayout.JAVA_BYTE, at, b);
    }

    @Test
    void udpChecksumZeroMeansNoneOverIpv4Only() {
        MemorySegment v4 = written(TestFrames.udp4(10));
        NetworkOrder.setU16(v4, 40, 0);
        assertThat(Checksums.udpIpv4Valid(v4, 14, 34)).isTrue();
        MemorySegment v6 = written(new FrameBuilder().ipv6(1, 2, 3, 4).udp(1, 2).payload(10));
        NetworkOrder.setU16(v6, 60, 0);
        assertThat(Checksums.udpIpv6Valid(v6, 14, 54)).isFalse();
    }

    @Test
    void udpChecksumThatComputesToZeroIsSentAsAllOnes() {
        // Choose the last two payload bytes so that the checksum comes out 0.
        FrameBuilder b = TestFrames.udp4(0);
        byte[] payload = new byte[2];
        b.payload(payload);
        MemorySegment s = written(b);
        int c = NetworkOrder.getU16(s, 40); // with payload 0000
        payload[0] = (byte) (c >>> 8);
        payload[1] = (byte) c;        // adding the checksum as data makes the sum all ones
        s = written(b);
        assertThat(NetworkOrder.getU16(s, 40)).isEqualTo(0xffff);
        assertThat(Checksums.udpIpv4Valid(s, 14, 34)).isTrue();
    }

    @Test
    void validityChecksNeverReadPastTheSegment() {
        MemorySegment s = written(TestFrames.udp4(10));
        NetworkOrder.setU16(s, 38, 9999);
        assertThat(Checksums.udpIpv4Valid(s, 14, 34)).isFalse();
        NetworkOrder.setU16(s, 16, 9999);
        assertThat(Checksums.tcpIpv4Valid(s, 14, 34)).isFalse();
        NetworkOrder.setU8(s, 14, 0x4f);
        assertThat(Checksums.ipv4HeaderValid(s, 14)).isFalse();
        assertThat(Checksums.ipv4HeaderValid(s, s.byteSize())).isFalse();
        assertThat(Checksums.udpIpv6Valid(s, 40, 34)).isFalse();
        assertThat(Checksums.tcpIpv6Valid(s, -1, 0)).isFalse();
    }
}
