package io.wirespeed.virt.scenario;

import io.wirespeed.net.MacAddress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * One mapping of a YAML file (a scenario, a capacity plan), read key by key with its path for
 * error messages ({@code guests.b.frames[0].size: ...}). {@link #finish} rejects keys the section
 * does not have, so a misspelt key is an error rather than a silently ignored default.
 */
public final class YamlMap {
    private final String path;
    private final Map<String, Object> entries = new LinkedHashMap<>();

    private YamlMap(String path, Map<?, ?> map) {
        this.path = path;
        map.forEach((k, v) -> entries.put(String.valueOf(k), v));
    }

    /** The text of {@code file}; a missing or unreadable file is one line naming it. */
    public static String readText(Path file, String whenMissing) {
        try {
            return Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(file + ": " + whenMissing);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read it (" + e.getMessage() + ")");
        }
    }

    /** The document {@code text} holds; invalid YAML is one line naming {@code source}, line and column. */
    public static Object load(String text, String source) {
        try {
            return new Load(LoadSettings.builder().setLabel(source).build()).loadFromString(text);
        } catch (MarkedYamlEngineException e) {
            String where = e.getProblemMark().map(m -> ":" + (m.getLine() + 1) + ":" + (m.getColumn() + 1)).orElse("");
            throw new IllegalArgumentException(source + where + ": not valid YAML: " + e.getProblem());
        } catch (YamlEngineException e) {
            throw new IllegalArgumentException(source + ": not valid YAML: " + e.getMessage());
        }
    }

    /** {@code value} as a mapping; null (an empty section) reads as an empty one. */
    public static YamlMap of(String path, Object value) {
        if (value == null) {
            return new YamlMap(path, Map.of());
        }
        if (!(value instanceof Map<?, ?> m)) {
            throw error(path, "must be a mapping of keys to values (got " + describe(value) + ")");
        }
        return new YamlMap(path, m);
    }

    public static IllegalArgumentException error(String path, String problem) {
        return new IllegalArgumentException((path.isEmpty() ? "" : path + ": ") + problem);
    }

    public String path() {
        return path;
    }

    public String at(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    public boolean has(String key) {
        return entries.containsKey(key);
    }

    /** The keys in file order (for sections keyed by name or number). */
    public List<String> keys() {
        return new ArrayList<>(entries.keySet());
    }

    public Object raw(String key) {
        return entries.get(key);
    }

    public YamlMap map(String key) {
        return of(at(key), raw(key));
    }

    /** A list of single values as strings; a single value reads as a list of one. */
    public List<String> words(String key) {
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

    public List<Object> list(String key) {
        Object v = raw(key);
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof List<?> l)) {
            throw error(at(key), "must be a list (got " + describe(v) + ")");
        }
        return new ArrayList<>(l);
    }

    public String string(String key, String otherwise) {
        Object v = raw(key);
        if (v == null) {
            return otherwise;
        }
        if (v instanceof Map<?, ?> || v instanceof List<?>) {
            throw error(at(key), "must be a single value (got " + describe(v) + ")");
        }
        return String.valueOf(v);
    }

    public long integer(String key, long otherwise, long min, long max) {
        Object v = raw(key);
        if (v == null) {
            return otherwise;
        }
        long n = integerValue(at(key), v);
        if (n < min || n > max) {
            throw error(at(key), n + " is outside " + min + ".." + max);
        }
        return n;
    }

    /** {@code on|off} (ip link's words), or a YAML boolean. */
    public boolean onOff(String key, boolean otherwise) {
        Object v = raw(key);
        if (v == null) {
            return otherwise;
        }
        return onOffValue(at(key), v);
    }

    /** A MAC address, or {@code otherwise} when the key is absent. */
    public long mac(String key, long otherwise) {
        String text = string(key, null);
        if (text == null) {
            return otherwise;
        }
        try {
            return MacAddress.parse(text);
        } catch (IllegalArgumentException e) {
            throw error(at(key), e.getMessage());
        }
    }

    /** One of {@code words} (case-insensitive), returned in lower case. */
    public String word(String key, String otherwise, String... words) {
        String text = string(key, null);
        if (text == null) {
            return otherwise;
        }
        String lower = text.toLowerCase(Locale.ROOT);
        for (String w : words) {
            if (w.equals(lower)) {
                return w;
            }
        }
        throw error(at(key), "'" + text + "' is not one of " + String.join(", ", words));
    }

    /** Fails on the first key that is not one of {@code known}: a misspelling, or a key from another section. */
    public void finish(String... known) {
        Set<String> all = new LinkedHashSet<>(List.of(known));
        for (String key : entries.keySet()) {
            if (!all.contains(key)) {
                throw error(at(key), "unknown key (this section has: " + String.join(", ", all) + ")");
            }
        }
    }

    public static long integerValue(String path, Object v) {
        if (v instanceof Integer || v instanceof Long) {
            return ((Number) v).longValue();
        }
        if (v instanceof String s) {
            try {
                return s.startsWith("0x") || s.startsWith("0X") ? Long.parseLong(s.substring(2), 16) : Long.parseLong(s);
            } catch (NumberFormatException e) {
                // fall through to the error below
            }
        }
        throw error(path, "must be a whole number (got " + describe(v) + ")");
    }

    public static boolean onOffValue(String path, Object v) {
        if (v instanceof Boolean b) {
            return b;
        }
        String s = String.valueOf(v).toLowerCase(Locale.ROOT);
        return switch (s) {
            case "on", "true", "yes" -> true;
            case "off", "false", "no" -> false;
            default -> throw error(path, "must be on or off (got " + describe(v) + ")");
        };
    }

    public static String describe(Object v) {
        return switch (v) {
            case null -> "nothing";
            case Map<?, ?> m -> "a mapping";
            case List<?> l -> "a list";
            case String s -> "'" + s + "'";
            default -> String.valueOf(v);
        };
    }
}
