package io.wirespeed.net;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * Network byte order (big-endian) reads and writes at any offset of a segment: the one place the
 * header views and checksums take their layouts from. Values come back unsigned in an int or long.
 */
public final class NetworkOrder {
    /** Unaligned big-endian layouts: header fields sit at any byte offset of a frame. */
    static final ValueLayout.OfShort U16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    static final ValueLayout.OfInt U32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    static final ValueLayout.OfLong U64 = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);

    private NetworkOrder() {}

    public static int getU8(MemorySegment s, long offset) {
        return s.get(ValueLayout.JAVA_BYTE, offset) & 0xff;
    }

    public static void setU8(MemorySegment s, long offset, int value) {
        s.set(ValueLayout.JAVA_BYTE, offset, (byte) value);
    }

    public static int getU16(MemorySegment s, long offset) {
        return s.get(U16, offset) & 0xffff;
    }

    public static void setU16(MemorySegment s, long offset, int value) {
        s.set(U16, offset, (short) value);
    }

    public static int getI32(MemorySegment s, long offset) {
        return s.get(U32, offset);
    }

    public static long getU32(MemorySegment s, long offset) {
        return s.get(U32, offset) & 0xffff_ffffL;
    }

    public static void setI32(MemorySegment s, long offset, int value) {
        s.set(U32, offset, value);
    }

    /** A 48-bit field (a MAC address) in the low bits of a long. */
    public static long getU48(MemorySegment s, long offset) {
        return ((long) getU16(s, offset) << 32) | getU32(s, offset + 2);
    }

    public static void setU48(MemorySegment s, long offset, long value) {
        setU16(s, offset, (int) (value >>> 32));
        setI32(s, offset + 2, (int) value);
    }

    public static long getI64(MemorySegment s, long offset) {
        return s.get(U64, offset);
    }

    public static void setI64(MemorySegment s, long offset, long value) {
        s.set(U64, offset, value);
    }
}
