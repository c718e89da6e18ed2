package io.wirespeed.classify.rss;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The Toeplitz hash of Microsoft RSS and DPDK's {@code rte_softrss}, with a key of 40 or 52 bytes.
 *
 * <p>The input is a byte string read most significant bit first; for each 1 bit at position k the
 * 32 key bits k..k+31 are XORed into the result. A key of L bytes covers inputs of up to L - 4
 * bytes (36 for the usual 40-byte key: an IPv6 4-tuple). Fields are taken in network byte order,
 * source before destination, as the RSS specification orders them:
 * {@code src address, dst address, src port, dst port}.
 *
 * <p>Speed: the constructor expands the key into one table per input byte position holding, for
 * each of the 256 byte values, that byte's 32-bit contribution; hashing is then one table load
 * and one XOR per input byte (12 for an IPv4 4-tuple). Immutable and thread-safe; nothing on the
 * hashing methods allocates.
 *
 * <p>Symmetry: with {@link #symmetricKey()} (0x6d5a repeated) the hash of (a, b) equals the hash
 * of (b, a) for the tuples here, because the key repeats every 16 bits and every field starts on
 * a 16-bit boundary. {@link SortedTupleHash} gets the same property with any key by ordering the
 * tuple first.
 */
public final class ToeplitzHash {
    /** Length of the default key, and of the key most NICs take. */
    public static final int KEY_LENGTH = 40;
    /** Length of the longer key some NICs (Intel i40e/ice) take. */
    public static final int LONG_KEY_LENGTH = 52;

    private static final ValueLayout.OfLong BE_LONG =
            ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);

    private static final byte[] MICROSOFT_KEY = {
        (byte) 0x6d, (byte) 0x5a, (byte) 0x56, (byte) 0xda, (byte) 0x25, (byte) 0x5b, (byte) 0x0e, (byte) 0xc2,
        (byte) 0x41, (byte) 0x67, (byte) 0x25, (byte) 0x3d, (byte) 0x43, (byte) 0xa3, (byte) 0x8f, (byte) 0xb0,
        (byte) 0xd0, (byte) 0xca, (byte) 0x2b, (byte) 0xcb, (byte) 0xae, (byte) 0x7b, (byte) 0x30, (byte) 0xb4,
        (byte) 0x77, (byte) 0xcb, (byte) 0x2d, (byte) 0xa3, (byte) 0x80, (byte) 0x30, (byte) 0xf2, (byte) 0x0c,
        (byte) 0x6a, (byte) 0x42, (byte) 0xb7, (byte) 0x3b, (byte) 0xbe, (byte) 0xac, (byte) 0x01, (byte) 0xfa,
    };

    // Input byte offsets of the tuple layouts.
    private static final int V4_PORTS = 8;
    private static final int V6_DST = 16;
    private static final int V6_PORTS = 32;

    private final byte[] key;
    private final int maxInputLength;
    /** table[(position << 8) | byteValue] = that byte's contribution at that input position. */
    private final int[] table;

    /**
     * A hash with {@code key}, which must be {@value #KEY_LENGTH} or {@value #LONG_KEY_LENGTH}
     * bytes long. The key is copied.
     */
    public ToeplitzHash(byte[] key) {
        if (key == null || (key.length != KEY_LENGTH && key.length != LONG_KEY_LENGTH)) {
            throw new IllegalArgumentException("RSS key must be " + KEY_LENGTH + " or " + LONG_KEY_LENGTH
                    + " bytes, got " + (key == null ? "none" : key.length + " bytes"));
        }
        this.key = key.clone();
        this.maxInputLength = key.length - 4;
        this.table = expand(this.key, maxInputLength);
    }

    /** A hash with the key of Microsoft's RSS verification suite, many NICs' default key. */
    public static ToeplitzHash microsoft() {
        return new ToeplitzHash(MICROSOFT_KEY);
    }

    /** A hash with the symmetric key 0x6d5a…: (a, b) and (b, a) hash alike. */
    public static ToeplitzHash symmetric() {
        return new ToeplitzHash(symmetricKey());
    }

    /** A copy of the Microsoft verification key (40 bytes). */
    public static byte[] microsoftKey() {
        return MICROSOFT_KEY.clone();
    }

    /**
     * The 40-byte symmetric key of "Scalable TCP Session Monitoring with Symmetric Receive-side
     * Scaling" (Woo and Park): 0x6d, 0x5a repeated.
     */
    public static byte[] symmetricKey() {
        return symmetricKey(KEY_LENGTH);
    }

    /** The symmetric key at {@code length} bytes (40 or 52). */
    public static byte[] symmetricKey(int length) {
        if (length != KEY_LENGTH && length != LONG_KEY_LENGTH) {
            throw new IllegalArgumentException("RSS key must be " + KEY_LENGTH + " or " + LONG_KEY_LENGTH
                    + " bytes, got " + length);
        }
        byte[] k = new byte[length];
        for (int i = 0; i < length; i += 2) {
            k[i] = (byte) 0x6d;
            k[i + 1] = (byte) 0x5a;
        }
        return k;
    }

    private static int[] expand(byte[] key, int positions) {
        int[] t = new int[positions * 256];
        for (int i = 0; i < positions; i++) {
            // Key bits 8i .. 8i+39: enough for the 32-bit windows of the 8 bits of input byte i.
            long w = 0;
            for (int j = 0; j < 5; j++) {
                w = (w << 8) | (key[i + j] & 0xff);
            }
            int[] bitWindow = new int[8];
            for (int bit = 0; bit < 8; bit++) {
                bitWindow[bit] = (int) (w >>> (8 - bit)); // window starting at key bit 8i + bit
            }
            for (int v = 0; v < 256; v++) {
                int h = 0;
                for (int bit = 0; bit < 8; bit++) {
                    if ((v & (0x80 >>> bit)) != 0) {
                        h ^= bitWindow[bit];
                    }
                }
                t[(i << 8) | v] = h;
            }
        }
        return t;
    }

    /** A copy of the key. */
    public byte[] key() {
        return key.clone();
    }

    /** The longest input this key covers: key length - 4 bytes. */
    public int maxInputLength() {
        return maxInputLength;
    }

    /** The hash of the IPv4 2-tuple: source then destination address (host-order ints). */
    public int ipv4(int src, int dst) {
        return word(0, src) ^ word(4, dst);
    }

    /** The hash of the IPv4 4-tuple (TCP or UDP): addresses, then source and destination port. */
    public int ipv4(int src, int dst, int srcPort, int dstPort) {
        return word(0, src) ^ word(4, dst) ^ ports(V4_PORTS, srcPort, dstPort);
    }

    /** The hash of the IPv6 2-tuple; each address is given as its high and low 64 bits. */
    public int ipv6(long srcHi, long srcLo, long dstHi, long dstLo) {
        return quad(0, srcHi) ^ quad(8, srcLo) ^ quad(V6_DST, dstHi) ^ quad(V6_DST + 8, dstLo);
    }

    /** The hash of the IPv6 4-tuple (TCP or UDP). */
    public int ipv6(long srcHi, long srcLo, long dstHi, long dstLo, int srcPort, int dstPort) {
        return ipv6(srcHi, srcLo, dstHi, dstLo) ^ ports(V6_PORTS, srcPort, dstPort);
    }

    /** The hash of the IPv6 2-tuple, the 16-byte addresses read at the two offsets of {@code seg}. */
    public int ipv6(MemorySegment seg, long srcOffset, long dstOffset) {
        return ipv6(seg.get(BE_LONG, srcOffset), seg.get(BE_LONG, srcOffset + 8),
                seg.get(BE_LONG, dstOffset), seg.get(BE_LONG, dstOffset + 8));
    }

    /** The hash of the IPv6 4-tuple, the addresses read from {@code seg}, the ports given. */
    public int ipv6(MemorySegment seg, long srcOffset, long dstOffset, int srcPort, int dstPort) {
        return ipv6(seg, srcOffset, dstOffset) ^ ports(V6_PORTS, srcPort, dstPort);
    }

    /**
     * The hash of {@code length} bytes of {@code seg} from {@code offset}, as they lie. Throws
     * IllegalArgumentException when {@code length} exceeds {@link #maxInputLength()} (a caller's
     * mistake, never a packet's).
     */
    public int hash(MemorySegment seg, long offset, int length) {
        checkLength(length);
        int h = 0;
        for (int i = 0; i < length; i++) {
            h ^= table[(i << 8) | (seg.get(ValueLayout.JAVA_BYTE, offset + i) & 0xff)];
        }
        return h;
    }

    /** The hash of {@code length} bytes of {@code bytes} from {@code offset}. */
    public int hash(byte[] bytes, int offset, int length) {
        checkLength(length);
        int h = 0;
        for (int i = 0; i < length; i++) {
            h ^= table[(i << 8) | (bytes[offset + i] & 0xff)];
        }
        return h;
    }

    private void checkLength(int length) {
        if (length < 0 || length > maxInputLength) {
            throw new IllegalArgumentException("Toeplitz input of " + length + " bytes; this key covers 0.."
                    + maxInputLength);
        }
    }

    /** The contribution of a 32-bit field at input byte {@code pos}, most significant byte first. */
    private int word(int pos, int v) {
        int base = pos << 8;
        return table[base | (v >>> 24)]
                ^ table[base + 256 | ((v >>> 16) & 0xff)]
                ^ table[base + 512 | ((v >>> 8) & 0xff)]
                ^ table[base + 768 | (v & 0xff)];
    }

    private int quad(int pos, long v) {
        return word(pos, (int) (v >>> 32)) ^ word(pos + 4, (int) v);
    }

    private int ports(int pos, int srcPort, int dstPort) {
        return word(pos, ((srcPort & 0xffff) << 16) | (dstPort & 0xffff));
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("ToeplitzHash[key=");
        for (int i = 0; i < key.length; i++) {
            sb.append(i == 0 ? "" : ":").append(String.format("%02x", key[i] & 0xff));
        }
        return sb.append(']').toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ToeplitzHash t && Arrays.equals(key, t.key);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(key);
    }
}
