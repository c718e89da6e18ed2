package io.wirespeed.app.plan;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One mapping of a plan file, read key by key with its dotted path for error messages
 * ({@code vms.vnf1.demand: ...}). {@link #finish} rejects keys the section does not have, so a
 * misspelt key is an error rather than an ignored default.
 */
final class PlanYaml {
    private static final Pattern RATE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([kKmMgGtT]?)(?:bps|bit/s|b/s)?");

    private final String path;
    private final Map<String, Object> entries = new LinkedHashMap<>();

    private PlanYaml(String path, Map<?, ?> map) {
        this.path = path;
        map.forEach((k, v) -> entries.put(String.valueOf(k), v));
    }

    /** {@code value} as a mapping; null (an empty section) reads as an empty one. */
    static PlanYaml of(String path, Object value) {
        if (value == null) {
            return new PlanYaml(path, Map.of());
        }
        if (!(value instanceof Map<?, ?> m)) {
            throw error(path, "must be a mapping of keys to values (got " + describe(value) + ")");
        }
        return new PlanYaml(path, m);
    }

    /** The text of {@code file}; a missing or unreadable file is one line naming it. */
    static String readText(Path file, String whenMissing) {
        try {
            return Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(file + ": " + whenMissing);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read it (" + e.getMessage() + ")");
        }
    }

    static IllegalArgumentException error(String path, String problem) {
        return new IllegalArgumentException((path.isEmpty() ? "" : path + ": ") + problem);
    }

    String at(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    boolean has(String key) {
        return entries.containsKey(key);
    }

    /** The keys in file order (for sections keyed by name). */
    List<String> keys() {
        return new ArrayList<>(entries.keySet());
    }

    Object raw(String key) {
        return entries.get(key);
    }

    PlanYaml map(String key) {
        return of(at(key), entries.get(key));
    }

    /** A list of single values as strings; a single value reads as a list of one. */
    List<String> words(String key) {
        Object v = entries.get(key);
        if (v == null) {
            return List.of();
        }
        List<?> items = v instanceof List<?> l ? l : List.of(v);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Object item = items.get(i);
            if (item == null || item instanceof Map<?, ?> || item instanceof List<?>) {
                throw error(at(key) + "[" + i + "]", "must be a single value (got " + describe(item) + ")");
            }
            out.add(String.valueOf(item));
        }
        return out;
    }

    String string(String key, String otherwise) {
        Object v = entries.get(key);
        if (v == null) {
            return otherwise;
        }
        if (v instanceof Map<?, ?> || v instanceof List<?>) {
            throw error(at(key), "must be a single value (got " + describe(v) + ")");
        }
        return String.valueOf(v);
    }

    long integer(String key, long otherwise, long min, long max) {
        Object v = entries.get(key);
        if (v == null) {
            return otherwise;
        }
        if (!(v instanceof Integer || v instanceof Long)) {
            throw error(at(key), "must be a whole number (got " + describe(v) + ")");
        }
        long n = ((Number) v).longValue();
        if (n < min || n > max) {
            throw error(at(key), n + " is outside " + min + ".." + max);
        }
        return n;
    }

    /** A duration in nanoseconds, 0 or more; a missing key is an error when {@code required}, else 0. */
    double nanos(String key, boolean required) {
        Object v = entries.get(key);
        if (v == null) {
            if (required) {
                throw error(at(key), "missing");
            }
            return 0;
        }
        if (!(v instanceof Number n) || !(n.doubleValue() >= 0) || Double.isInfinite(n.doubleValue())) {
            throw error(at(key), "must be a number of nanoseconds, 0 or more (got " + describe(v) + ")");
        }
        return n.doubleValue();
    }

    /** A rate in bits per second: {@code 50G}, {@code 2.5G}, {@code 800M}, {@code 10Gbps} or a plain number; > 0. */
    long bitsPerSecond(String key, long otherwise) {
        Object v = entries.get(key);
        if (v == null) {
            return otherwise;
        }
        long bits = v instanceof Integer || v instanceof Long ? ((Number) v).longValue() : parseRate(String.valueOf(v));
        if (bits <= 0) {
            throw error(at(key), "must be a rate in bits/s above 0, like 50G, 2.5G or 800M (got " + describe(v) + ")");
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

    /** Fails on the first key that is not one of {@code known}: a misspelling, or a key from another section. */
    void finish(String... known) {
        List<String> all = List.of(known);
        for (String key : entries.keySet()) {
            if (!all.contains(key)) {
                throw error(at(key), "unknown key (this section has: " + String.join(", ", all) + ")");
            }
        }
    }

    static String describe(Object v) {
        return switch (v) {
            case null -> "nothing";
            case Map<?, ?> m -> "a mapping";
            case List<?> l -> "a list";
            case String s -> "'" + s + "'";
            default -> String.valueOf(v);
        };
    }
}
