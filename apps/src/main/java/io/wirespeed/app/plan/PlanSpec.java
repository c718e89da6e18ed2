package io.wirespeed.app.plan;

import io.wirespeed.virt.paths.VmPath;
import java.nio.file.Path;
import java.util.List;

/**
 * A capacity plan as its file states it (schema in docs/PLAN.md).
 *
 * @param portBitsPerSecond the speed of each physical port
 * @param ports physical ports of that speed
 * @param hostCores cores available for the host's and the guests' packet work
 * @param costsFile where the per-packet costs come from; null to measure them on this host
 * @param paths the paths to plan, in report order
 */
public record PlanSpec(long portBitsPerSecond, int ports, int hostCores, Path costsFile, List<VmPath> paths,
        List<VmDemand> vms) {
    public PlanSpec {
        paths = List.copyOf(paths);
        vms = List.copyOf(vms);
    }

    public boolean measureCosts() {
        return costsFile == null;
    }

    /** The frame sizes the VMs use, ascending, each once: the sizes whose costs the plan needs. */
    public List<Integer> frameSizes() {
        return vms.stream().map(VmDemand::frameSize).distinct().sorted().toList();
    }

    public PlanSpec withCostsFile(Path file) {
        return new PlanSpec(portBitsPerSecond, ports, hostCores, file, paths, vms);
    }
}
