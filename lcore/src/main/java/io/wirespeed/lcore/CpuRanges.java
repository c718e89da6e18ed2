package io.wirespeed.lcore;

import java.util.BitSet;

/**
 * Writes a set of CPU or lcore ids the way a person types it on a command line ({@code 0-3,5}),
 * so that error messages and status lines read like the option that produced them.
 */
public final class CpuRanges {
    private CpuRanges() {
    }

    /** {@code {0,1,2,3,5}} becomes {@code "0-3,5"}; the empty set becomes {@code "none"}. */
    public static String format(BitSet ids) {
        if (ids.isEmpty()) {
            return "none";
        }
        StringBuilder text = new StringBuilder();
        for (int first = ids.nextSetBit(0); first >= 0; first = ids.nextSetBit(first + 1)) {
            int last = ids.nextClearBit(first) - 1;
            if (!text.isEmpty()) {
                text.append(',');
            }
            text.append(first);
            if (last > first) {
                text.append('-').append(last);
            }
            first = last;
        }
        return text.toString();
    }

    /** {@code "CPU 5"} for one CPU, {@code "CPUs 0-1"} for several: the noun agrees with the count. */
    public static String describe(BitSet cpus) {
        return (cpus.cardinality() == 1 ? "CPU " : "CPUs ") + format(cpus);
    }
}
