package io.wirespeed.app.plan;

import io.wirespeed.virt.paths.VmPath;
import io.wirespeed.virt.scenario.YamlMap;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * Reads per-packet costs from what {@code wirespeed compare --json} or {@code demo --json}
 * printed: the file's last non-blank line is the JSON object, so the whole output redirected to
 * a file serves as well as the line alone. Each path's {@code sizes.SIZE} entries give
 * {@code host_ns_per_packet}, {@code guest_ns_per_packet} and {@code nic_ns_per_packet}.
 */
public final class CostsFile {
    private CostsFile() {}

    /** The costs in {@code file}; every path in {@code needed} must have at least one frame size. */
    public static StageCosts read(Path file, List<VmPath> needed) {
        String text = YamlMap.readText(file, "no such costs file (write one with wirespeed compare --json > FILE)");
        try {
            return parse(lastLine(text), needed, file.getFileName().toString());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    static StageCosts parse(String json, List<VmPath> needed, String source) {
        Object document;
        try {
            // JSON is YAML 1.2's flow style: the YAML reader the project already has parses it.
            document = new Load(LoadSettings.builder().build()).loadFromString(json);
        } catch (YamlEngineException e) {
            throw new IllegalArgumentException("not the JSON line of wirespeed compare --json (" + firstLine(e.getMessage()) + ")");
        }
        YamlMap root = YamlMap.of("", document);
        if (!root.has("paths")) {
            throw new IllegalArgumentException("no \"paths\" object: not the JSON line of wirespeed compare --json");
        }
        YamlMap paths = root.map("paths");
        Map<VmPath, Map<Integer, StageCosts.Cost>> costs = new EnumMap<>(VmPath.class);
        for (VmPath path : needed) {
            if (!paths.has(path.label())) {
                throw YamlMap.error(paths.at(path.label()), "missing (the plan needs it: measure it with wirespeed compare"
                        + " --paths " + path.label() + " --json)");
            }
            YamlMap entry = paths.map(path.label());
            costs.put(path, sizes(entry.at("sizes"), entry.raw("sizes")));
        }
        return new StageCosts(costs, source);
    }

    private static Map<Integer, StageCosts.Cost> sizes(String at, Object value) {
        if (!(value instanceof Map<?, ?> sizes) || sizes.isEmpty()) {
            throw YamlMap.error(at, "missing: no frame size measured on this path");
        }
        Map<Integer, StageCosts.Cost> out = new TreeMap<>();
        for (Map.Entry<?, ?> e : sizes.entrySet()) {
            String sizeAt = at + "." + e.getKey();
            int size;
            try {
                size = Integer.parseInt(String.valueOf(e.getKey()));
            } catch (NumberFormatException x) {
                throw YamlMap.error(sizeAt, "not a frame size in bytes");
            }
            YamlMap figures = YamlMap.of(sizeAt, e.getValue());
            out.put(size, new StageCosts.Cost(PlanValues.nanos(figures, "host_ns_per_packet", true),
                    PlanValues.nanos(figures, "guest_ns_per_packet", true), PlanValues.nanos(figures, "nic_ns_per_packet", false)));
        }
        return out;
    }

    private static String lastLine(String text) {
        List<String> lines = text.lines().filter(l -> !l.isBlank()).toList();
        return lines.isEmpty() ? "" : lines.getLast();
    }

    private static String firstLine(String message) {
        return message == null ? "unreadable" : message.lines().findFirst().orElse("unreadable").trim();
    }
}
