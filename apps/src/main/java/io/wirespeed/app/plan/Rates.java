package io.wirespeed.app.plan;

import java.util.Locale;

/** Bit rates as the plan's report writes them. */
final class Rates {
    private Rates() {}

    /** Gigabits per second with no more decimals than needed: 50, 2.5, 0.8. */
    static String gbps(long bitsPerSecond) {
        String s = String.format(Locale.ROOT, "%.3f", bitsPerSecond / 1e9);
        return s.replaceAll("\\.?0+$", "");
    }

    /** A rate as plan files write it: 100G, 2.5G, 800M. */
    static String word(long bitsPerSecond) {
        return bitsPerSecond >= 1_000_000_000L ? gbps(bitsPerSecond) + "G"
                : String.format(Locale.ROOT, "%.3f", bitsPerSecond / 1e6).replaceAll("\\.?0+$", "") + "M";
    }
}
