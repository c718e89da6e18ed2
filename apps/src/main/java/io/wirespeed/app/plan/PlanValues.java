package io.wirespeed.app.plan;

import io.wirespeed.virt.scenario.YamlMap;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The values a plan file has that a scenario file does not: rates in bits per second and per-packet times. */
final class PlanValues {
    private static final Pattern RATE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([kKmMgGtT]?)(?:bps|bit/s|b/s)?");

    private PlanValues() {}

    /** A duration in nanoseconds, 0 or more; a missing key is an error when {@code required}, else 0. */
    static double nanos(YamlMap map, String key, boolean required) {
        Object v = map.raw(key);
        if (v == null) {
            if (required) {
                throw YamlMap.error(map.at(key), "missing");
            }
            return 0;
        }
        if (!(v instanceof Number n) || !(n.doubleValue() >= 0) || Double.isInfinite(n.doubleValue())) {
            throw YamlMap.error(map.at(key), "must be a number of nanoseconds, 0 or more (got " + YamlMap.describe(v) + ")");
        }
        return n.doubleValue();
    }

    /** A rate in bits per second: {@code 50G}, {@code 2.5G}, {@code 800M}, {@code 10Gbps} or a plain number; > 0. */
    static long bitsPerSecond(YamlMap map, String key, long otherwise) {
        Object v = map.raw(key);
        if (v == null) {
            return otherwise;
        }
        long bits = v instanceof Integer || v instanceof Long ? ((Number) v).longValue() : parseRate(String.valueOf(v));
        if (bits <= 0) {
            throw YamlMap.error(map.at(key), "must be a rate in bits/s above 0, like 50G, 2.5G or 800M (got "
                    + YamlMap.describe(v) + ")");
        }
        return bits;
    }

    /** The bits per second {@code text} names, or -1 when it is not a rate. */
    static long parseRate(String text) {
        Matcher m = RATE.matcher(text.trim());
        if (!m.matches()) {
            return -1;
        }
        double unit = switch (m.group(2).toUpperCase(Locale.ROOT)) {
            case "K" -> 1e3;
            case "M" -> 1e6;
            case "G" -> 1e9;
            case "T" -> 1e12;
            default -> 1;
        };
        double bits = Double.parseDouble(m.group(1)) * unit;
        return bits >= Long.MAX_VALUE ? -1 : Math.round(bits);
    }
}
