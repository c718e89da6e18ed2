package io.wirespeed.driver.pcap;

import java.util.Arrays;

/**
 * The interfaces of a pcapng file, numbered across all its sections in file order (section 1's
 * interfaces first), with what the data path needs to turn each one's time stamps into
 * nanoseconds: kept in parallel arrays so that converting a stamp reads four ints and longs and
 * makes no object.
 *
 * <p>if_tsresol says what one unit of a time stamp is: with its top bit clear, 10^-v seconds;
 * with it set, 2^-v seconds (default 10^-6). if_tsoffset adds whole seconds.
 */
final class InterfaceTable {
    static final long NANOS = 1_000_000_000L;
    /** 10^-27 s units divide by 10^18, the largest power of ten a long holds. */
    private static final int MAX_DECIMAL_EXPONENT = 27;
    private static final long[] POW10 = new long[19];

    static {
        POW10[0] = 1;
        for (int i = 1; i < POW10.length; i++) {
            POW10[i] = POW10[i - 1] * 10;
        }
    }

    private int count;
    private int[] linkType = new int[4];
    private long[] snaplen = new long[4];
    /** Binary resolution: units are 2^-shift s; -1 for a decimal resolution. */
    int[] shift = new int[4];
    /** Decimal resolution: nanoseconds = units * mul / div (one of the two is 1). */
    long[] mul = new long[4];
    long[] div = new long[4];
    long[] offsetNanos = new long[4];

    int count() {
        return count;
    }

    int linkType(int i) {
        return linkType[i];
    }

    /** The interface's snaplen, 0 for none. */
    long snaplen(int i) {
        return snaplen[i];
    }

    /**
     * Adds an interface. Returns null, or what is wrong with its if_tsresol byte when Wirespeed
     * cannot convert it to nanoseconds (the caller names the block).
     */
    String add(int link, long snap, int tsresol, long tsoffsetSeconds) {
        if (count == linkType.length) {
            int n = count * 2;
            linkType = Arrays.copyOf(linkType, n);
            snaplen = Arrays.copyOf(snaplen, n);
            shift = Arrays.copyOf(shift, n);
            mul = Arrays.copyOf(mul, n);
            div = Arrays.copyOf(div, n);
            offsetNanos = Arrays.copyOf(offsetNanos, n);
        }
        int v = tsresol & 0x7f;
        if ((tsresol & 0x80) != 0) {
            if (v > 63) {
                return "if_tsresol 0x" + Integer.toHexString(tsresol) + " (2^-" + v + " s) is finer than 2^-63 s";
            }
            shift[count] = v;
            mul[count] = 1;
            div[count] = 1;
        } else {
            if (v > MAX_DECIMAL_EXPONENT) {
                return "if_tsresol " + v + " (10^-" + v + " s) is finer than 10^-" + MAX_DECIMAL_EXPONENT + " s";
            }
            shift[count] = -1;
            mul[count] = v <= 9 ? POW10[9 - v] : 1;
            div[count] = v <= 9 ? 1 : POW10[v - 9];
        }
        linkType[count] = link;
        snaplen[count] = snap;
        offsetNanos[count] = tsoffsetSeconds * NANOS;
        count++;
        return null;
    }

    /** Interface {@code i}'s time stamp {@code units} in nanoseconds since the epoch. */
    long toNanos(int i, long units) {
        return toNanos(units, shift[i], mul[i], div[i], offsetNanos[i]);
    }

    static long toNanos(long units, int shift, long mul, long div, long offsetNanos) {
        long ns;
        if (shift < 0) {
            ns = div == 1 ? units * mul : Long.divideUnsigned(units, div);
        } else if (shift == 0) {
            ns = units * NANOS;
        } else {
            // Whole seconds, then the fraction as a 64-bit fixed-point number times 10^9.
            ns = (units >>> shift) * NANOS + Math.unsignedMultiplyHigh(units << (64 - shift), NANOS);
        }
        return ns + offsetNanos;
    }
}
