package io.wirespeed.cli;

import io.wirespeed.virt.paths.PathComparison;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code wirespeed demo}: the four VM paths side by side on the emulated NIC, with the HTML report (docs/VIRTUALIZATION.md). */
@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run the normal, VMDq, SR-IOV, passthrough and OVS-DPDK paths on the emulated 10G NIC with its"
                + " built-in wire (no root, no NIC), at 64, 512 and 1500 B: zero-loss and partial-drop searches per path"
                + " and size, CPU per packet on the NIC, host and guest threads, interrupts and copies per packet,"
                + " wire-to-app latency, and trials at 1 % and 10 % of the line rate.",
                "Prints the comparison and writes report/index.html (flow diagrams and charts)."})
public final class DemoCommand implements Callable<Integer> {
    @Option(names = "--report", paramLabel = "DIR", description = "where index.html goes (default ${DEFAULT-VALUE})")
    Path report = Path.of("report");

    @Option(names = "--json", description = "print one JSON object as the last line")
    boolean json;

    @Override
    public Integer call() {
        return PathsRun.run("demo", PathComparison.Plan.demo(), report, json);
    }
}
