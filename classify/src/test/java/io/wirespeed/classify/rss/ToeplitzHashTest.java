package io.wirespeed.classify.rss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The hash against the published vectors of Microsoft's "Verifying the RSS Hash Calculation"
 * (key 6d:5a:…:01:fa), and the table-driven hash against a bit-by-bit reading of the spec.
 */
class ToeplitzHashTest {
    private static final long SEED = 0x7009_117aL;
    private final ToeplitzHash ms = ToeplitzHash.microsoft();

    /** {destination, destination port, source, source port, IPv4-only hash, IPv4 with TCP hash}. */
    private static final Object[][] IPV4_VECTORS = {
        {"161.142.100.80", 1766, "66.9.149.187", 2794, 0x323e8fc2, 0x51ccc178},
        {"65.69.140.83", 4739, "199.92.111.2", 14230, 0xd718262a, 0xc626b0ea},
        {"12.22.207.184", 38024, "24.19.198.95", 12898, 0xd2d0a5de, 0x5c2b394a},
        {"209.142.163.6", 2217, "38.27.205.30", 48228, 0x82989176, 0xafc7327f},
        {"202.188.127.2", 1303, "153.39.163.191", 44251, 0x5d1809c5, 0x10e828a2},
    };

    private static final Object[][] IPV6_VECTORS = {
        {"3ffe:2501:200:3::1", 1766, "3ffe:2501:200:1fff::7", 2794, 0x2cc18cd5, 0x40207d3d},
        {"ff02::1", 4739, "3ffe:501:8::260:97ff:fe40:efab", 14230, 0x0f0c461c, 0xdde51bbf},
        {"fe80::200:f8ff:fe21:67cf", 38024, "3ffe:1900:4545:3:200:f8ff:fe21:67cf", 44251, 0x4b61e985, 0x02d1feef},
    };

    @Test
    void ipv4VectorsWithoutPortsMatchMicrosoftsTable() {
        for (Object[] v : IPV4_VECTORS) {
            int dst = ipv4((String) v[0]);
            int src = ipv4((String) v[2]);
            assertThat(ms.ipv4(src, dst)).as("%s -> %s", v[2], v[0]).isEqualTo((int) v[4]);
        }
    }

    @Test
    void ipv4VectorsWithPortsMatchMicrosoftsTable() {
        for (Object[] v : IPV4_VECTORS) {
            int dst = ipv4((String) v[0]);
            int src = ipv4((String) v[2]);
            assertThat(ms.ipv4(src, dst, (int) v[3], (int) v[1])).as("%s -> %s", v[2], v[0]).isEqualTo((int) v[5]);
        }
    }

    @Test
    void ipv6VectorsWithoutPortsMatchMicrosoftsTable() {
        for (Object[] v : IPV6_VECTORS) {
            long[] d = ipv6((String) v[0]);
            long[] s = ipv6((String) v[2]);
            assertThat(ms.ipv6(s[0], s[1], d[0], d[1])).as("%s -> %s", v[2], v[0]).isEqualTo((int) v[4]);
        }
    }

    @Test
    void ipv6VectorsWithPortsMatchMicrosoftsTable() {
        for (Object[] v : IPV6_VECTORS) {
            long[] d = ipv6((String) v[0]);
            long[] s = ipv6((String) v[2]);
            assertThat(ms.ipv6(s[0], s[1], d[0], d[1], (int) v[3], (int) v[1])).as("%s -> %s", v[2], v[0])
                    .isEqualTo((int) v[5]);
        }
    }

    @Test
    void ipv6AddressesReadFromASegmentHashAsTheLongs() throws UnknownHostException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment seg = arena.allocate(64);
            for (Object[] v : IPV6_VECTORS) {
                // An IPv6 header: source at 8, destination at 24.
                MemorySegment.copy(InetAddress.getByName((String) v[2]).getAddress(), 0, seg, ValueLayout.JAVA_BYTE, 8, 16);
                MemorySegment.copy(InetAddress.getByName((String) v[0]).getAddress(), 0, seg, ValueLayout.JAVA_BYTE, 24, 16);
                assertThat(ms.ipv6(seg, 8, 24)).isEqualTo((int) v[4]);
                assertThat(ms.ipv6(seg, 8, 24, (int) v[3], (int) v[1])).isEqualTo((int) v[5]);
                assertThat(ms.hash(seg, 8, 32)).isEqualTo((int) v[4]);
            }
        }
    }

    @Test
    void rawBytesHashAsTheTupleTheyEncode() {
        for (Object[] v : IPV4_VECTORS) {
            byte[] in = ByteBuffer.allocate(12).putInt(ipv4((String) v[2])).putInt(ipv4((String) v[0]))
                    .putShort((short) (int) v[3]).putShort((short) (int) v[1]).array();
            assertThat(ms.hash(in, 0, 8)).isEqualTo((int) v[4]);
            assertThat(ms.hash(in, 0, 12)).isEqualTo((int) v[5]);
        }
    }

    @Test
    void tableDrivenHashEqualsBitByBitReferenceOnRandomInputs() {
        Random rnd = new Random(SEED);
        byte[] key40 = new byte[40];
        byte[] key52 = new byte[52];
        rnd.nextBytes(key40);
        rnd.nextBytes(key52);
        ToeplitzHash[] hashes = {ms, new ToeplitzHash(key40), new ToeplitzHash(key52)};
        byte[] in = new byte[48];
        for (int i = 0; i < 100_000; i++) {
            ToeplitzHash h = hashes[i % 3];
            byte[] key = h.key();
            int len = rnd.nextInt(h.maxInputLength() + 1);
            rnd.nextBytes(in);
            assertThat(h.hash(in, 0, len)).as("seed %x input %d", SEED, i).isEqualTo(reference(key, in, len));
            if (i % 3 == 0) {
                ByteBuffer b = ByteBuffer.wrap(in);
                assertThat(h.ipv4(b.getInt(0), b.getInt(4), b.getShort(8), b.getShort(10)))
                        .isEqualTo(reference(key, in, 12));
                assertThat(h.ipv6(b.getLong(0), b.getLong(8), b.getLong(16), b.getLong(24), b.getShort(32), b.getShort(34)))
                        .isEqualTo(reference(key, in, 36));
            }
        }
    }

    @Test
    void keyOfWrongLengthIsRefused() {
        assertThatThrownBy(() -> new ToeplitzHash(new byte[39])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("40 or 52").hasMessageContaining("39");
        assertThatThrownBy(() -> new ToeplitzHash(new byte[0])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ToeplitzHash.symmetricKey(41)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void inputLongerThanTheKeyCoversIsRefused() {
        assertThatThrownBy(() -> ms.hash(new byte[40], 0, 37)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0..36");
    }

    @Test
    void keyIsCopiedInAndOut() {
        byte[] k = ToeplitzHash.microsoftKey();
        ToeplitzHash h = new ToeplitzHash(k);
        k[0] = 0;
        h.key()[1] = 0;
        assertThat(h.ipv4(ipv4("66.9.149.187"), ipv4("161.142.100.80"))).isEqualTo(0x323e8fc2);
    }

    /** Microsoft's pseudocode: for each input bit from the left, XOR the key's leftmost 32 bits if set; shift the key. */
    static int reference(byte[] key, byte[] input, int n) {
        int result = 0;
        for (int bit = 0; bit < n * 8; bit++) {
            if ((input[bit / 8] & (0x80 >> (bit % 8))) != 0) {
                int window = 0;
                for (int k = 0; k < 32; k++) {
                    int kb = bit + k;
                    int keyBit = (key[kb / 8] >> (7 - kb % 8)) & 1;
                    window = (window << 1) | keyBit;
                }
                result ^= window;
            }
        }
        return result;
    }

    static int ipv4(String dotted) {
        String[] p = dotted.split("\\.");
        return (Integer.parseInt(p[0]) << 24) | (Integer.parseInt(p[1]) << 16) | (Integer.parseInt(p[2]) << 8)
                | Integer.parseInt(p[3]);
    }

    static long[] ipv6(String literal) {
        try {
            ByteBuffer b = ByteBuffer.wrap(InetAddress.getByName(literal).getAddress());
            return new long[] {b.getLong(0), b.getLong(8)};
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
