package io.wirespeed.cli;

import io.wirespeed.app.common.Json;
import io.wirespeed.app.testpmd.ForwardMode;
import io.wirespeed.app.testpmd.RunReport;
import io.wirespeed.app.testpmd.Testpmd;
import io.wirespeed.app.testpmd.TestpmdConfig;
import io.wirespeed.app.testpmd.TestpmdShell;
import io.wirespeed.ethdev.DriverRegistry;
import io.wirespeed.ethdev.MacAddress;
import io.wirespeed.lcore.CoreList;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code wirespeed testpmd}: DPDK's testpmd, with its option names. */
@Command(name = "testpmd", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Forward packets between ports on dedicated lcores, as DPDK's testpmd does.",
                "Example: wirespeed testpmd --vdev net_null0 --vdev net_null1 -l 0-1 --nb-cores 1 --fwd io --duration 10 --json"})
public final class TestpmdCommand implements Callable<Integer> {
    @Option(names = "--vdev", paramLabel = "DEVARGS", description = "a port, e.g. net_null0,size=64 (repeat for more ports)")
    List<String> vdevs = new ArrayList<>();

    @Mixin
    CoreOptions coreOptions = new CoreOptions();

    @Option(names = "--nb-cores", paramLabel = "N", description = "forwarding lcores (default ${DEFAULT-VALUE})")
    int nbCores = 1;

    @Option(names = {"--fwd", "--forward-mode"}, paramLabel = "MODE",
            description = "io, mac, macswap, rxonly, txonly, flowgen, icmpecho (default ${DEFAULT-VALUE})")
    String fwd = "io";

    @Option(names = "--burst", paramLabel = "N", description = "packets per burst (default ${DEFAULT-VALUE})")
    int burst = 32;

    @Option(names = "--duration", paramLabel = "S", description = "forward for S seconds, then stop (default: until Ctrl-C)")
    double duration;

    @Option(names = "--stats-period", paramLabel = "S", description = "print port statistics every S seconds")
    double statsPeriod;

    @Option(names = {"-i", "--interactive"}, description = "read testpmd commands from standard input")
    boolean interactive;

    @Option(names = "--cmdline-file", paramLabel = "FILE",
            description = "run the testpmd commands of FILE (flow rules, RSS) once the ports are up, before forwarding")
    java.nio.file.Path cmdlineFile;

    @Option(names = "--tx-first", description = "send one txonly burst per stream before forwarding")
    boolean txFirst;

    @Option(names = "--json", description = "print one JSON object as the last line")
    boolean json;

    @Option(names = "--port-topology", paramLabel = "T", description = "paired, chained or loop (default ${DEFAULT-VALUE})")
    String topology = "paired";

    @Option(names = "--rxq", paramLabel = "N", description = "rx queues per port (default ${DEFAULT-VALUE})")
    int rxq = 1;

    @Option(names = "--txq", paramLabel = "N", description = "tx queues per port (default ${DEFAULT-VALUE})")
    int txq = 1;

    @Option(names = "--rxd", paramLabel = "N", description = "rx descriptors per queue (default: the driver's preferred size, else "
            + TestpmdConfig.FALLBACK_DESCRIPTORS + ")")
    int rxd;

    @Option(names = "--txd", paramLabel = "N", description = "tx descriptors per queue (default: the driver's preferred size, else "
            + TestpmdConfig.FALLBACK_DESCRIPTORS + ")")
    int txd;

    @Option(names = "--total-num-mbufs", paramLabel = "N", description = "mbufs in the pool (default: enough for the queues)")
    int totalMbufs;

    @Option(names = "--mbcache", paramLabel = "N", description = "mbufs cached per lcore (default ${DEFAULT-VALUE})")
    int mbcache = 256;

    @Option(names = "--mbuf-size", paramLabel = "N", description = "data room per mbuf after the 128-byte headroom (default ${DEFAULT-VALUE})")
    int mbufSize = 2048;

    @Option(names = "--no-huge", description = "4 KiB pages for the mbuf pool (default: 2 MiB pages when the host has them)")
    boolean noHuge;

    @Option(names = "--txpkts", paramLabel = "N", description = "frame length of txonly/flowgen packets (default ${DEFAULT-VALUE})")
    int txpkts = 64;

    @Option(names = "--flowgen-flows", paramLabel = "N", description = "flows flowgen cycles through (default ${DEFAULT-VALUE})")
    int flowgenFlows = 1024;

    @Option(names = "--eth-peer", paramLabel = "PORT,MAC", description = "destination MAC for a port's mac/txonly/flowgen packets")
    List<String> ethPeers = new ArrayList<>();

    @Option(names = "--idle", paramLabel = "POLICY", description = "what a forwarding lcore does when it finds nothing: busy, backoff, adaptive, interrupt (default ${DEFAULT-VALUE})")
    String idle = "busy";

    @Override
    public Integer call() throws Exception {
        TestpmdConfig config = config();
        PrintStream out = System.out;
        try (Testpmd testpmd = Testpmd.open(config, DriverRegistry.load(), out)) {
            TestpmdShell shell = new TestpmdShell(testpmd, out);
            if (cmdlineFile != null) {
                shell.runFile(cmdlineFile);
            }
            if (interactive) {
                shell.run(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)));
                return 0;
            }
            RunReport report = forwardUntilDone(testpmd, out);
            if (json) {
                out.println(Json.write(report.toJson()));
            }
            out.flush();
        }
        return 0;
    }

    /** Forwards until --duration passes, every capture file is drained, or the process is told to stop. */
    private RunReport forwardUntilDone(Testpmd testpmd, PrintStream out) throws InterruptedException {
        return ForwardingSession.run("testpmd", duration, statsPeriod, json, out, () -> testpmd.start(txFirst ? 1 : 0),
                testpmd::showAllPortStats, testpmd::allSourcesDrained, testpmd::stop);
    }

    TestpmdConfig config() {
        CoreList cores = coreOptions.cores();
        if (burst < 1 || burst > TestpmdConfig.MAX_BURST) {
            throw new IllegalArgumentException("--burst " + burst + " must be 1.." + TestpmdConfig.MAX_BURST);
        }
        if (duration < 0 || statsPeriod < 0) {
            throw new IllegalArgumentException("--duration and --stats-period must not be negative");
        }
        Map<Integer, MacAddress> peers = new HashMap<>();
        for (String p : ethPeers) {
            int comma = p.indexOf(',');
            if (comma < 1) {
                throw new IllegalArgumentException("--eth-peer " + p + ": expected PORT,MAC (e.g. 0,02:00:00:00:00:01)");
            }
            try {
                peers.put(Integer.parseInt(p.substring(0, comma)), MacAddress.parse(p.substring(comma + 1)));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--eth-peer " + p + ": port '" + p.substring(0, comma) + "' is not a number");
            }
        }
        io.wirespeed.lcore.IdlePolicy.named(idle); // validates the name with the list of valid ones
        return new TestpmdConfig(vdevs, cores, nbCores, burst, ForwardMode.parse(fwd), TestpmdConfig.Topology.parse(topology),
                rxq, txq, rxd, txd, totalMbufs, mbcache, mbufSize, !noHuge, txpkts, flowgenFlows, peers, idle);
    }
}
