package io.wirespeed.cli;

import io.wirespeed.virt.nic.NicConfig;
import io.wirespeed.virt.paths.PathComparison;
import io.wirespeed.virt.paths.PathMeter;
import io.wirespeed.virt.paths.PathRig;
import io.wirespeed.virt.paths.VmPath;
import io.wirespeed.virt.scenario.GuestSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code wirespeed compare}: the demo's measurement with the paths, sizes and settings chosen. */
@Command(name = "compare", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Measure chosen VM paths at chosen frame sizes on the emulated NIC (as wirespeed demo does).",
                "Example: wirespeed compare --paths normal,sriov --sizes 64,1500 --json"})
public final class CompareCommand implements Callable<Integer> {
    @Option(names = "--paths", paramLabel = "LIST", description = "normal, vmdq, sriov, passthrough, ovs-dpdk (default all)")
    String paths = "normal,vmdq,sriov,passthrough,ovs-dpdk";

    @Option(names = "--sizes", paramLabel = "LIST", description = "frame sizes in bytes, 64..1518 (default ${DEFAULT-VALUE})")
    String sizes = "64,512,1500";

    @Option(names = "--speed", paramLabel = "SPEED", description = "the NIC's link speed, e.g. 10G, 25G, 100G (default ${DEFAULT-VALUE})")
    String speed = "10G";

    @Option(names = "--descriptors", paramLabel = "N", description = "receive ring size on every path, a power of two (default ${DEFAULT-VALUE})")
    int descriptors = 2048;

    @Option(names = "--interrupt-interval", paramLabel = "US", description = "the NIC's interrupt moderation in microseconds (default ${DEFAULT-VALUE})")
    double interruptIntervalMicros = NicConfig.DEFAULT_INTERRUPT_INTERVAL_NANOS / 1e3;

    @Option(names = "--sriov-mode", paramLabel = "MODE", description = "how the SR-IOV guest receives: poll, interrupt or adaptive (default ${DEFAULT-VALUE})")
    String sriovMode = "poll";

    @Option(names = "--trial-ms", paramLabel = "MS", description = "how long each trial offers frames (default ${DEFAULT-VALUE})")
    int trialMillis = 200;

    @Option(names = "--steps", paramLabel = "N", description = "trials per binary search (zero-loss and PDR) (default ${DEFAULT-VALUE})")
    int steps = 6;

    @Option(names = "--loads", paramLabel = "LIST", description = "shares of the line rate for one fixed-load trial each,"
            + " e.g. 0.01,0.1 (default ${DEFAULT-VALUE}; none: empty)")
    String loads = "0.01,0.1";

    @Option(names = "--app", paramLabel = "APP", description = "what the guest runs: rxonly, macswap, l2fwd or l3fwd"
            + " (the last three send every frame back to the wire; default ${DEFAULT-VALUE})")
    String app = "rxonly";

    @Option(names = "--no-pin", description = "leave the threads where the scheduler puts them (default: the NIC's"
            + " thread on the first CPU, the host's and the guest's on the second)")
    boolean noPin;

    @Option(names = "--report", paramLabel = "DIR", description = "also write DIR/index.html")
    Path report;

    @Option(names = "--json", description = "print one JSON object as the last line")
    boolean json;

    @Override
    public Integer call() {
        List<VmPath> chosen = new ArrayList<>();
        for (String p : paths.split(",")) {
            VmPath path = VmPath.parse(p.trim());
            if (chosen.contains(path)) {
                throw new IllegalArgumentException("--paths names " + path.label() + " twice");
            }
            chosen.add(path);
        }
        List<Integer> frameSizes = new ArrayList<>();
        for (String s : sizes.split(",")) {
            try {
                frameSizes.add(Integer.parseInt(s.trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--sizes: '" + s.trim() + "' is not a number of bytes");
            }
        }
        if (descriptors < 64 || descriptors > 4096 || Integer.bitCount(descriptors) != 1) {
            throw new IllegalArgumentException("--descriptors must be a power of two in 64..4096 (got " + descriptors + ")");
        }
        if (interruptIntervalMicros < 0 || trialMillis < 1 || steps < 0 || steps > 30) {
            throw new IllegalArgumentException("--interrupt-interval >= 0, --trial-ms >= 1, --steps 0..30");
        }
        GuestSpec.Mode mode = switch (sriovMode.toLowerCase(Locale.ROOT)) {
            case "poll" -> GuestSpec.Mode.POLL;
            case "interrupt" -> GuestSpec.Mode.INTERRUPT;
            case "adaptive" -> GuestSpec.Mode.ADAPTIVE;
            default -> throw new IllegalArgumentException("--sriov-mode must be poll, interrupt or adaptive (got '" + sriovMode + "')");
        };
        PathRig.Options options = new PathRig.Options(NicConfig.parseSpeed(speed), descriptors,
                (long) (interruptIntervalMicros * 1e3), mode, !noPin, guestApp());
        PathComparison.Plan plan = new PathComparison.Plan(chosen, frameSizes, options,
                new PathMeter.Settings(trialMillis / 1e3, steps, 20_000, shares(loads)));
        return PathsRun.run("compare", plan, report, json);
    }

    private GuestSpec.App guestApp() {
        return switch (app.toLowerCase(Locale.ROOT)) {
            case "rxonly" -> GuestSpec.App.RXONLY;
            case "macswap" -> GuestSpec.App.MACSWAP;
            case "l2fwd" -> GuestSpec.App.L2FWD;
            case "l3fwd" -> GuestSpec.App.L3FWD;
            default -> throw new IllegalArgumentException("--app must be rxonly, macswap, l2fwd or l3fwd (got '" + app + "')");
        };
    }

    private static List<Double> shares(String list) {
        List<Double> out = new ArrayList<>();
        for (String s : list.split(",")) {
            if (s.isBlank()) {
                continue;
            }
            try {
                out.add(Double.parseDouble(s.trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--loads: '" + s.trim() + "' is not a share of the line rate");
            }
        }
        return out;
    }
}
