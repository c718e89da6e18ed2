package io.wirespeed.cli;

import io.wirespeed.app.common.Json;
import io.wirespeed.app.l2fwd.PortPairing;
import io.wirespeed.app.l3fwd.DropReason;
import io.wirespeed.app.l3fwd.L3fwd;
import io.wirespeed.app.l3fwd.L3fwdConfig;
import io.wirespeed.app.l3fwd.L3fwdReport;
import io.wirespeed.app.l3fwd.LookupMode;
import io.wirespeed.app.l3fwd.RxQueueConfig;
import io.wirespeed.ethdev.DriverRegistry;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code wirespeed l3fwd}: DPDK's l3fwd sample, with its option names. */
@Command(name = "l3fwd", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Route IPv4 packets between ports by longest-prefix match, exact match or ACL, as DPDK's l3fwd does:",
                "decrement the TTL, rewrite the Ethernet addresses, count every packet not forwarded by its reason.",
                "Example: wirespeed l3fwd --vdev net_pcap0,rx_pcap=in.pcap,infinite_rx=1 --vdev net_null1 -l 0-1 -p 0x3"
                        + " --lookup lpm --routes routes.txt --duration 5 --json"})
public final class L3fwdCommand implements Callable<Integer> {
    @Option(names = "--vdev", paramLabel = "DEVARGS", description = "a port, e.g. net_af_packet0,iface=veth0 (repeat for more ports)")
    List<String> vdevs = new ArrayList<>();

    @Mixin
    CoreOptions coreOptions = new CoreOptions();

    @Option(names = "-p", paramLabel = "PORTMASK", required = true, description = "hexadecimal bit mask of the ports to forward, e.g. 0x3")
    String portMask;

    @Option(names = "--lookup", paramLabel = "MODE", description = "lpm, em or acl (default ${DEFAULT-VALUE})")
    String lookup = "lpm";

    @Option(names = {"--routes", "--rule_ipv4"}, paramLabel = "FILE", required = true,
            description = "routes: one 'PREFIX PORT' a line (em: host routes or 'DST SRC DPORT SPORT PROTO PORT'; acl: also DPDK's @/R rules; DPDK's leading R is accepted)")
    Path routes;

    @Option(names = "--config", paramLabel = "(PORT,QUEUE,LCORE),...",
            description = "which lcore polls which rx queue (default: queue 0 of each enabled port, lcores in turn)")
    String rxConfig;

    @Option(names = "--eth-dest", paramLabel = "PORT,MAC", description = "next-hop MAC address of a port (default 02:00:00:00:00:PORT)")
    List<String> ethDest = new ArrayList<>();

    @Option(names = "--burst", paramLabel = "N", description = "packets per burst (default ${DEFAULT-VALUE})")
    int burst = L3fwdConfig.DEFAULT_BURST;

    @Option(names = "--rxd", paramLabel = "N", description = "rx descriptors per queue (default ${DEFAULT-VALUE})")
    int rxd = L3fwdConfig.DEFAULT_RX_DESCRIPTORS;

    @Option(names = "--txd", paramLabel = "N", description = "tx descriptors per queue (default ${DEFAULT-VALUE})")
    int txd = L3fwdConfig.DEFAULT_TX_DESCRIPTORS;

    @Option(names = "--duration", paramLabel = "S", description = "forward for S seconds, then stop (default: until Ctrl-C)")
    double duration;

    @Option(names = "--idle", paramLabel = "POLICY", description = "what a forwarding lcore does when it finds nothing: busy, backoff, adaptive, interrupt (default ${DEFAULT-VALUE})")
    String idle = "busy";

    @Option(names = "--no-huge", description = "4 KiB pages for the mbuf pool (default: 2 MiB pages when the host has them)")
    boolean noHuge;

    @Option(names = "--json", description = "print one JSON object as the last line")
    boolean json;

    @Override
    public Integer call() throws Exception {
        L3fwdConfig config = config();
        PrintStream out = System.out;
        try (L3fwd l3fwd = L3fwd.open(config, DriverRegistry.load(), out)) {
            L3fwdReport report = ForwardingSession.run("l3fwd", duration, 0, json, out, l3fwd::start, () -> { },
                    () -> false, l3fwd::stop);
            print(report, out);
            if (json) {
                out.println(Json.write(report.toJson()));
            }
            out.flush();
        }
        return 0;
    }

    private static void print(L3fwdReport report, PrintStream out) {
        out.printf("%nl3fwd (%s) over %.3f s: %.3f Mpps forwarded%n", report.lookup().label(), report.seconds(), report.fwdMpps());
        for (L3fwdReport.PortReport p : report.ports()) {
            out.printf("  port %d (%s): rx %d, tx %d, NIC imissed %d, rx_nombuf %d%n", p.id(), p.name(), p.rx(), p.tx(),
                    p.nic().imissed(), p.nic().rxNombuf());
        }
        StringBuilder drops = new StringBuilder();
        for (DropReason r : DropReason.values()) {
            drops.append(drops.isEmpty() ? "" : ", ").append(r.label()).append(' ').append(report.dropped(r));
        }
        out.printf("  dropped: %s%n", drops);
        out.printf("  conservation: received %d = sent %d + dropped %d: %s%n", report.received(), report.sent(),
                report.dropped(), report.balanced() ? "ok" : "MISMATCH");
        for (L3fwdReport.LcoreReport l : report.lcores()) {
            out.printf("  lcore %d: rx queues %s, %.3f s CPU, %d bytes allocated over %d packets after warm-up%n", l.lcore(),
                    l.rxQueues(), (l.busyCpuNanos() + l.idleCpuNanos()) / 1e9, l.steadyAllocBytes(), l.steadyPackets());
        }
    }

    L3fwdConfig config() {
        if (duration < 0) {
            throw new IllegalArgumentException("--duration " + duration + " must not be negative");
        }
        List<RxQueueConfig> queues = rxConfig == null ? List.of() : RxQueueConfig.parseList(rxConfig);
        return new L3fwdConfig(vdevs, coreOptions.cores(), PortPairing.parseMask(portMask), LookupMode.parse(lookup), routes,
                queues, PortMacOptions.parse("--eth-dest", ethDest), burst, rxd, txd, L3fwdConfig.DEFAULT_MBUF_CACHE, !noHuge,
                idle);
    }
}
