package io.wirespeed.ethdev;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A parsed DPDK device-argument string: {@code net_null0,size=64,copy=1} is the device name
 * {@code net_null0} and the keys {@code size} and {@code copy}. Parsing checks syntax only; the
 * driver checks its keys ({@link #requireOnly}) and values ({@link #intValue} and friends), and
 * every error is one line that names the device and the offending key.
 */
public final class Devargs {
    private final String text;
    private final String name;
    private final Map<String, String> values;

    private Devargs(String text, String name, Map<String, String> values) {
        this.text = text;
        this.name = name;
        this.values = values;
    }

    public static Devargs parse(String text) {
        String trimmed = text == null ? "" : text.strip();
        if (trimmed.isEmpty()) {
            throw new IllegalArgumentException("empty device arguments (expected e.g. net_null0,size=64)");
        }
        String[] parts = trimmed.split(",", -1);
        String name = parts[0];
        if (name.isEmpty() || name.contains("=")) {
            throw new IllegalArgumentException("'" + trimmed + "': devargs start with a device name (e.g. net_null0,size=64)");
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 1; i < parts.length; i++) {
            String part = parts[i];
            int eq = part.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException(name + ": '" + part + "' is not key=value");
            }
            String key = part.substring(0, eq);
            if (values.putIfAbsent(key, part.substring(eq + 1)) != null) {
                throw new IllegalArgumentException(name + ": key '" + key + "' given twice");
            }
        }
        return new Devargs(trimmed, name, Collections.unmodifiableMap(values));
    }

    /** The device (instance) name, e.g. {@code net_null0}. */
    public String name() {
        return name;
    }

    public Map<String, String> values() {
        return values;
    }

    public boolean has(String key) {
        return values.containsKey(key);
    }

    /** Fails naming the first key not in {@code validKeys}, and listing the valid ones. */
    public Devargs requireOnly(Set<String> validKeys) {
        for (String key : values.keySet()) {
            if (!validKeys.contains(key)) {
                throw new IllegalArgumentException(name + ": unknown key '" + key + "' (valid keys: "
                        + (validKeys.isEmpty() ? "none" : String.join(", ", validKeys.stream().sorted().toList())) + ")");
            }
        }
        return this;
    }

    public String string(String key, String defaultValue) {
        return values.getOrDefault(key, defaultValue);
    }

    public String requiredString(String key) {
        String v = values.get(key);
        if (v == null || v.isEmpty()) {
            throw new IllegalArgumentException(name + ": key '" + key + "' is required");
        }
        return v;
    }

    /** An integer in [min, max]; a missing key gives {@code defaultValue}. */
    public int intValue(String key, int defaultValue, int min, int max) {
        String v = values.get(key);
        if (v == null) {
            return defaultValue;
        }
        long parsed;
        try {
            parsed = Long.decode(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + ": " + key + "=" + v + " is not a number");
        }
        if (parsed < min || parsed > max) {
            throw new IllegalArgumentException(name + ": " + key + "=" + v + " is out of range " + min + ".." + max);
        }
        return (int) parsed;
    }

    /** 0/1 (also no/yes, off/on, false/true). */
    public boolean flag(String key, boolean defaultValue) {
        String v = values.get(key);
        if (v == null) {
            return defaultValue;
        }
        return switch (v.toLowerCase(java.util.Locale.ROOT)) {
            case "1", "yes", "on", "true" -> true;
            case "0", "no", "off", "false" -> false;
            default -> throw new IllegalArgumentException(name + ": " + key + "=" + v + " must be 0 or 1");
        };
    }

    @Override
    public String toString() {
        return text;
    }
}
