package io.wirespeed.cli;

import io.wirespeed.app.common.Json;
import io.wirespeed.app.l2fwd.L2fwd;
import io.wirespeed.app.l2fwd.L2fwdConfig;
import io.wirespeed.app.l2fwd.L2fwdReport;
import io.wirespeed.app.l2fwd.PortPairing;
import io.wirespeed.ethdev.DriverRegistry;
import io.wirespeed.lcore.CoreList;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code wirespeed l2fwd}: DPDK's l2fwd sample, with its option names. */
@Command(name = "l2fwd", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Forward every packet between paired ports, rewriting the Ethernet addresses, as DPDK's l2fwd does.",
                "Example: wirespeed l2fwd --vdev net_null0 --vdev net_null1 -l 0-1 -p 0x3 --duration 10 --json"})
public final class L2fwdCommand implements Callable<Integer> {
    @Option(names = "--vdev", paramLabel = "DEVARGS", description = "a port, e.g. net_af_packet0,iface=veth0 (repeat for more ports)")
    List<String> vdevs = new ArrayList<>();

    @Mixin
    CoreOptions coreOptions = new CoreOptions();

    @Option(names = "-p", paramLabel = "PORTMASK", required = true, description = "hexadecimal bit mask of the ports to forward, e.g. 0x3")
    String portMask;

    @Option(names = "--portmap", paramLabel = "PAIRS", description = "port pairs, e.g. \"(0,1),(2,3)\" (default: the enabled ports paired in order)")
    String portmap;

    @Option(names = "--no-mac-updating", description = "forward frames unchanged")
    boolean noMacUpdating;

    @Option(names = "--mac-updating", description = "rewrite destination (02:00:00:00:00:TX_PORT) and source (tx port's MAC): the default")
    boolean macUpdating;

    @Option(names = "-q", paramLabel = "N", description = "rx ports per forwarding lcore (default ${DEFAULT-VALUE})")
    int portsPerLcore = 1;

    @Option(names = "-T", paramLabel = "S", description = "print statistics every S seconds, 0 = never (default ${DEFAULT-VALUE})")
    double statsPeriod = 10;

    @Option(names = "--duration", paramLabel = "S", description = "forward for S seconds, then stop (default: until Ctrl-C)")
    double duration;

    @Option(names = "--idle", paramLabel = "POLICY", description = "what a forwarding lcore does when it finds nothing: busy, backoff, adaptive, interrupt (default ${DEFAULT-VALUE})")
    String idle = "busy";

    @Option(names = "--burst", paramLabel = "N", description = "packets per burst (default ${DEFAULT-VALUE})")
    int burst = L2fwdConfig.DEFAULT_BURST;

    @Option(names = "--no-huge", description = "4 KiB pages for the mbuf pool (default: 2 MiB pages when the host has them)")
    boolean noHuge;

    @Option(names = "--json", description = "print one JSON object as the last line")
    boolean json;

    @Override
    public Integer call() throws Exception {
        L2fwdConfig config = config();
        PrintStream out = System.out;
        boolean terminal = !json && System.console() != null && System.console().isTerminal();
        try (L2fwd l2fwd = L2fwd.open(config, DriverRegistry.load(), out, terminal)) {
            L2fwdReport report = forwardUntilDone(l2fwd, out);
            l2fwd.printStats();
            out.printf("%nl2fwd over %.3f s: %.3f Mpps forwarded; conservation: received %d = sent %d + dropped %d: %s%n",
                    report.seconds(), report.fwdMpps(), report.totals().rx(), report.totals().tx(), report.totals().dropped(),
                    report.totals().balanced() ? "ok" : "MISMATCH");
            for (L2fwdReport.LcoreReport l : report.lcores()) {
                long cpu = l.busyCpuNanos() + l.idleCpuNanos();
                out.printf("lcore %d (cpu %s%s): rx ports %s, %.3f s CPU, %d bytes allocated over %d packets after warm-up%n",
                        l.lcore(), l.cpus(), l.pinned() ? "" : ", not pinned", l.rxPorts(), cpu / 1e9, l.steadyAllocBytes(),
                        l.steadyPackets());
            }
            if (json) {
                out.println(Json.write(report.toJson()));
            }
            out.flush();
        }
        return 0;
    }

    /** Forwards until --duration passes or the process is told to stop, printing every -T s. */
    private L2fwdReport forwardUntilDone(L2fwd l2fwd, PrintStream out) throws InterruptedException {
        return ForwardingSession.run("l2fwd", duration, statsPeriod, json, out, l2fwd::start, l2fwd::printStats,
                () -> false, l2fwd::stop);
    }

    L2fwdConfig config() {
        if (macUpdating && noMacUpdating) {
            throw new IllegalArgumentException("give --mac-updating or --no-mac-updating, not both");
        }
        if (duration < 0) {
            throw new IllegalArgumentException("--duration " + duration + " must not be negative");
        }
        CoreList cores = coreOptions.cores();
        long mask = PortPairing.parseMask(portMask);
        return new L2fwdConfig(vdevs, cores, mask, portmap, !noMacUpdating, portsPerLcore, statsPeriod, burst,
                L2fwdConfig.DEFAULT_DESCRIPTORS, L2fwdConfig.DEFAULT_DESCRIPTORS, L2fwdConfig.DEFAULT_MBUF_CACHE, !noHuge, idle);
    }
}
