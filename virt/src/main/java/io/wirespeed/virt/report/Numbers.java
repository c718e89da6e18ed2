package io.wirespeed.virt.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/** How the report prints numbers: fixed decimals, counts with separators, and "n/a" for what was not measured. */
final class Numbers {
    static final String NOT_AVAILABLE = "n/a";

    private Numbers() {
    }

    static String fixed(double value, int decimals) {
        if (!Double.isFinite(value)) {
            return NOT_AVAILABLE;
        }
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    static String count(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    /** A value to {@code digits} significant digits without trailing zeros: 0.1, 2.5, 1500. */
    static String significant(double value, int digits) {
        if (!Double.isFinite(value)) {
            return NOT_AVAILABLE;
        }
        if (value == 0) {
            return "0";
        }
        return new BigDecimal(value).round(new MathContext(digits)).stripTrailingZeros().toPlainString();
    }

    /** A coordinate in an SVG attribute; what is not finite becomes 0 so that no attribute ever reads NaN. */
    static String coordinate(double value) {
        if (!Double.isFinite(value)) {
            return "0";
        }
        String s = String.format(Locale.ROOT, "%.2f", value);
        return s.endsWith(".00") ? s.substring(0, s.length() - 3) : s;
    }
}
