package io.wirespeed.app.plan;

import io.wirespeed.virt.paths.VmPath;
import io.wirespeed.virt.scenario.YamlMap;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a capacity plan from YAML (docs/PLAN.md). Every mistake is one
 * {@link IllegalArgumentException} line naming the file and the key, e.g.
 * {@code vnf.yaml: vms.vnf1.demand: must be a rate in bits/s above 0, ... (got '-5G')}.
 */
public final class PlanFile {
    static final int MIN_FRAME = 64;
    static final int MAX_FRAME = 1518;
    static final int DEFAULT_FRAME = 64;

    private PlanFile() {}

    public static PlanSpec read(Path file) {
        String text = YamlMap.readText(file, "no such plan file");
        return parse(text, file.toString(), file.toAbsolutePath().getParent());
    }

    /** Parses plan text; {@code source} names it in errors, {@code directory} anchors a relative costs file. */
    public static PlanSpec parse(String text, String source, Path directory) {
        Object document = YamlMap.load(text, source);
        try {
            return plan(YamlMap.of("", document), directory);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
        }
    }

    private static PlanSpec plan(YamlMap root, Path directory) {
        root.finish("nic", "host", "frame_size", "costs", "paths", "vms");
        YamlMap nic = root.map("nic");
        nic.finish("speed", "ports");
        if (!nic.has("speed")) {
            throw YamlMap.error(nic.at("speed"), "missing: the speed of each port, e.g. 100G");
        }
        long speed = PlanValues.bitsPerSecond(nic, "speed", 0);
        int ports = (int) nic.integer("ports", 1, 1, 64);
        YamlMap host = root.map("host");
        host.finish("cores");
        if (!host.has("cores")) {
            throw YamlMap.error(host.at("cores"), "missing: the cores the host has for packet work, e.g. 16");
        }
        int cores = (int) host.integer("cores", 0, 1, 4096);
        int frameSize = (int) root.integer("frame_size", DEFAULT_FRAME, MIN_FRAME, MAX_FRAME);
        String costs = root.string("costs", "measure");
        Path costsFile = costs.equals("measure") ? null : directory.resolve(costs);
        return new PlanSpec(speed, ports, cores, costsFile, paths(root), vms(root, frameSize));
    }

    private static List<VmPath> paths(YamlMap root) {
        List<String> words = root.words("paths");
        if (words.isEmpty()) {
            return List.of(VmPath.values());
        }
        List<VmPath> out = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            String at = root.at("paths") + "[" + i + "]";
            VmPath path;
            try {
                path = VmPath.parse(words.get(i));
            } catch (IllegalArgumentException e) {
                throw YamlMap.error(at, e.getMessage());
            }
            if (out.contains(path)) {
                throw YamlMap.error(at, path.label() + " is listed twice");
            }
            out.add(path);
        }
        return out;
    }

    private static List<VmDemand> vms(YamlMap root, int defaultFrame) {
        YamlMap vms = root.map("vms");
        if (vms.keys().isEmpty()) {
            throw YamlMap.error("vms", "missing: at least one VM, e.g. vms: {vnf1: {demand: 50G}}");
        }
        List<VmDemand> out = new ArrayList<>();
        for (String name : vms.keys()) {
            YamlMap vm = vms.map(name);
            vm.finish("demand", "frame_size");
            if (!vm.has("demand")) {
                throw YamlMap.error(vm.at("demand"), "missing: the rate the VM must receive, e.g. 50G");
            }
            out.add(new VmDemand(name, PlanValues.bitsPerSecond(vm, "demand", 0),
                    (int) vm.integer("frame_size", defaultFrame, MIN_FRAME, MAX_FRAME)));
        }
        return out;
    }
}
