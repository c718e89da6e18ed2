package io.wirespeed.driver.pcap;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Reads the integers of a mapped capture file in the file's byte order. Capture files are written
 * in the byte order of the machine that wrote them; {@code swap} is true when that differs from
 * this machine's, so that a native-order read plus a byte reversal gives the value. The branch on
 * {@code swap} is constant for a file, so it costs nothing on the data path.
 */
final class FileBytes {
    static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED;
    static final ValueLayout.OfShort SHORT = ValueLayout.JAVA_SHORT_UNALIGNED;
    static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED;

    private FileBytes() {
    }

    static int i32(MemorySegment file, long at, boolean swap) {
        int v = file.get(INT, at);
        return swap ? Integer.reverseBytes(v) : v;
    }

    static long u32(MemorySegment file, long at, boolean swap) {
        return Integer.toUnsignedLong(i32(file, at, swap));
    }

    static int u16(MemorySegment file, long at, boolean swap) {
        short v = file.get(SHORT, at);
        return (swap ? Short.reverseBytes(v) : v) & 0xffff;
    }

    static long i64(MemorySegment file, long at, boolean swap) {
        long v = file.get(LONG, at);
        return swap ? Long.reverseBytes(v) : v;
    }

    /** The four bytes at {@code at} as 8 hex digits in file order, for messages. */
    static String hex4(MemorySegment file, long at) {
        StringBuilder sb = new StringBuilder(8);
        for (long i = at; i < at + 4 && i < file.byteSize(); i++) {
            sb.append(String.format("%02x", file.get(ValueLayout.JAVA_BYTE, i) & 0xff));
        }
        return sb.toString();
    }
}
