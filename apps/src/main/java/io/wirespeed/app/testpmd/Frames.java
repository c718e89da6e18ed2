package io.wirespeed.app.testpmd;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * The few header fields testpmd's modes read and write, at fixed offsets from the start of the
 * frame, in network byte order. Every read is bounds-checked by the caller against the frame
 * length first: a short frame is counted, never read past.
 */
final class Frames {
    static final ValueLayout.OfShort U16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    static final ValueLayout.OfInt U32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    static final ValueLayout.OfLong U64 = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);

    static final int ETHER_HEADER = 14;
    static final int ETHER_TYPE = 12;
    static final int TYPE_IPV4 = 0x0800;
    static final int TYPE_ARP = 0x0806;
    static final int TYPE_VLAN = 0x8100;
    static final int IPV4_HEADER = 20;
    static final int UDP_HEADER = 8;
    static final int PROTO_ICMP = 1;
    static final int PROTO_UDP = 17;

    private Frames() {
    }

    /** Writes destination and source MAC (12 bytes) at {@code at} with two stores. */
    static void writeMacs(MemorySegment buf, long at, long dst, long src) {
        buf.set(U64, at, dst << 16 | src >>> 32);
        buf.set(U32, at + 8, (int) src);
    }

    /** Swaps destination and source MAC in place. */
    static void swapMacs(MemorySegment buf, long at) {
        long head = buf.get(U64, at);
        long tail = buf.get(U32, at + 8) & 0xffff_ffffL;
        long dst = head >>> 16;
        long src = (head & 0xffff) << 32 | tail;
        writeMacs(buf, at, src, dst);
    }

    static long readMac(MemorySegment buf, long at) {
        return (buf.get(U32, at) & 0xffff_ffffL) << 16 | buf.get(U16, at + 4) & 0xffff;
    }

    static void writeMac(MemorySegment buf, long at, long mac) {
        buf.set(U32, at, (int) (mac >>> 16));
        buf.set(U16, at + 4, (short) mac);
    }

    /** The one's-complement sum of {@code length} bytes folded to 16 bits, not inverted. */
    static int onesComplementSum(MemorySegment buf, long at, int length) {
        long sum = 0;
        int i = 0;
        for (; i + 1 < length; i += 2) {
            sum += buf.get(U16, at + i) & 0xffff;
        }
        if (i < length) {
            sum += (buf.get(ValueLayout.JAVA_BYTE, at + i) & 0xff) << 8;
        }
        while (sum >>> 16 != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        return (int) sum;
    }

    /** Computes and stores the IPv4 header checksum of the header at {@code ip}. */
    static void setIpv4Checksum(MemorySegment buf, long ip, int headerLength) {
        buf.set(U16, ip + 10, (short) 0);
        buf.set(U16, ip + 10, (short) ~onesComplementSum(buf, ip, headerLength));
    }

    /**
     * RFC 1624 incremental update: the checksum after one 16-bit word changed from {@code old} to
     * {@code now}.
     */
    static int updateChecksum(int checksum, int old, int now) {
        int sum = (~checksum & 0xffff) + (~old & 0xffff) + (now & 0xffff);
        sum = (sum & 0xffff) + (sum >>> 16);
        sum = (sum & 0xffff) + (sum >>> 16);
        return ~sum & 0xffff;
    }
}
