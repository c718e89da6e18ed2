package io.wirespeed.app.plan;

import io.wirespeed.virt.paths.VmPath;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

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
        String text = PlanYaml.readText(file, "no such plan file");
        return parse(text, file.toString(), file.toAbsolutePath().getParent());
    }

    /** Parses plan text; {@code source} names it in errors, {@code directory} anchors a relative costs file. */
    public static PlanSpec parse(String text, String source, Path directory) {
        Object document;
        try {
            document = new Load(LoadSettings.builder().setLabel(source).build()).loadFromString(text);
        } catch (MarkedYamlEngineException e) {
            String where = e.getProblemMark().map(m -> ":" + (m.getLine() + 1) + ":" + (m.getColumn() + 1)).orElse("");
            throw new IllegalArgumentException(source + where + ": not valid YAML: " + e.getProblem());
        } catch (YamlEngineException e) {
            throw new IllegalArgumentException(source + ": not valid YAML: " + e.getMessage());
        }
        try {
            return plan(PlanYaml.of("", document), directory);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
        }
    }

    private static PlanSpec plan(PlanYaml root, Path directory) {
        root.finish("nic", "host", "frame_size", "costs", "paths", "vms");
        PlanYaml nic = root.map("nic");
        nic.finish("speed", "ports");
        if (!nic.has("speed")) {
            throw PlanYaml.error(nic.at("speed"), "missing: the speed of each port, e.g. 100G");
        }
        long speed = nic.bitsPerSecond("speed", 0);
        int ports = (int) nic.integer("ports", 1, 1, 64);
        PlanYaml host = root.map("host");
        host.finish("cores");
        if (!host.has("cores")) {
            throw PlanYaml.error(host.at("cores"), "missing: the cores the host has for packet work, e.g. 16");
        }
        int cores = (int) host.integer("cores", 0, 1, 4096);
        int frameSize = (int) root.integer("frame_size", DEFAULT_FRAME, MIN_FRAME, MAX_FRAME);
        String costs = root.string("costs", "measure");
        Path costsFile = costs.equals("measure") ? null : directory.resolve(costs);
        return new PlanSpec(speed, ports, cores, costsFile, paths(root), vms(root, frameSize));
    }

    private static List<VmPath> paths(PlanYaml root) {
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
                throw PlanYaml.error(at, e.getMessage());
            }
            if (out.contains(path)) {
                throw PlanYaml.error(at, path.label() + " is listed twice");
            }
            out.add(path);
        }
        return out;
    }

    private static List<VmDemand> vms(PlanYaml root, int defaultFrame) {
        PlanYaml vms = root.map("vms");
        if (vms.keys().isEmpty()) {
            throw PlanYaml.error("vms", "missing: at least one VM, e.g. vms: {vnf1: {demand: 50G}}");
        }
        List<VmDemand> out = new ArrayList<>();
        for (String name : vms.keys()) {
            PlanYaml vm = vms.map(name);
            vm.finish("demand", "frame_size");
            if (!vm.has("demand")) {
                throw PlanYaml.error(vm.at("demand"), "missing: the rate the VM must receive, e.g. 50G");
            }
            out.add(new VmDemand(name, vm.bitsPerSecond("demand", 0),
                    (int) vm.integer("frame_size", defaultFrame, MIN_FRAME, MAX_FRAME)));
        }
        return out;
    }
}
