package io.wirespeed.cli;

import io.wirespeed.app.common.Json;
import io.wirespeed.app.plan.CapacityPlan;
import io.wirespeed.app.plan.CostsFile;
import io.wirespeed.app.plan.PlanFile;
import io.wirespeed.app.plan.PlanReport;
import io.wirespeed.app.plan.PlanSpec;
import io.wirespeed.app.plan.StageCosts;
import io.wirespeed.virt.paths.PathComparison;
import io.wirespeed.virt.paths.PathMeasurement;
import io.wirespeed.virt.paths.PathMeter;
import io.wirespeed.virt.paths.PathRig;
import io.wirespeed.virt.paths.VmPath;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code wirespeed plan PLAN.yaml}: cores and ports each VM path needs for the VMs' demands, and which fit (docs/PLAN.md). */
@Command(name = "plan", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"From per-packet costs (a wirespeed compare --json file, or measured now), work out how many"
                + " host and guest cores each path (normal, vmdq, sriov, passthrough) needs for the VMs' demanded"
                + " rates on the plan's NIC, which demands fit, and the SR-IOV rate limits that share a port.",
                "Example: wirespeed plan examples/plans/vnf-50g.yaml --costs costs.json --json"})
public final class PlanCommand implements Callable<Integer> {
    /** Short trials: a plan needs per-packet costs, not a precise zero-loss rate. */
    static final PathMeter.Settings MEASURE_SETTINGS = new PathMeter.Settings(0.05, 4, 20_000);

    @Parameters(index = "0", paramLabel = "PLAN", description = "the plan file (YAML)")
    Path file;

    @Option(names = "--costs", paramLabel = "FILE", description = "per-packet costs from wirespeed compare --json"
            + " (instead of the plan's costs)")
    Path costsFile;

    @Option(names = "--measure", description = "measure the costs on this host now (instead of the plan's costs)")
    boolean measure;

    @Option(names = "--json", description = "print one JSON object as the last line")
    boolean json;

    @Override
    public Integer call() {
        if (measure && costsFile != null) {
            throw new IllegalArgumentException("--costs and --measure: choose one");
        }
        PlanSpec spec = PlanFile.read(file);
        if (costsFile != null) {
            spec = spec.withCostsFile(costsFile);
        } else if (measure) {
            spec = spec.withCostsFile(null);
        }
        PrintStream out = System.out;
        out.println("plan " + file + ": " + String.join(", ", spec.paths().stream().map(VmPath::label).toList()));
        out.flush();
        StageCosts costs = spec.measureCosts() ? measured(spec, out) : CostsFile.read(spec.costsFile(), spec.paths());
        PlanReport report = new PlanReport(spec, costs, CapacityPlan.plan(spec, costs));
        report.lines().forEach(out::println);
        if (json) {
            out.println(Json.write(report.toJson()));
        }
        out.flush();
        return 0;
    }

    private static StageCosts measured(PlanSpec spec, PrintStream out) {
        PathComparison.Plan plan = new PathComparison.Plan(spec.paths(), spec.frameSizes(), PathRig.Options.defaults(),
                MEASURE_SETTINGS);
        out.printf(Locale.ROOT, "measuring per-packet costs on this host: %s B, %d short trials (%.0f ms each)%n",
                String.join(", ", spec.frameSizes().stream().map(String::valueOf).toList()), plan.trials(),
                MEASURE_SETTINGS.trialSeconds() * 1e3);
        out.flush();
        PathsRun.ProgressBar bar = new PathsRun.ProgressBar(plan.trials(), System.err);
        List<PathMeasurement> results = PathComparison.run(plan, bar);
        bar.finish();
        return StageCosts.of(results, "measured on this host");
    }
}
