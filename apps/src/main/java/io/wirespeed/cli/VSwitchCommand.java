package io.wirespeed.cli;

import io.wirespeed.app.common.DataPlaneResources;
import io.wirespeed.app.common.Json;
import io.wirespeed.ethdev.DriverRegistry;
import io.wirespeed.ethdev.Port;
import io.wirespeed.ethdev.PortConf;
import io.wirespeed.lcore.CoreList;
import io.wirespeed.lcore.IdlePolicy;
import io.wirespeed.lcore.LcoreRuntime;
import io.wirespeed.lcore.LcoreStats;
import io.wirespeed.mbuf.Mempool;
import io.wirespeed.virt.vswitch.DropReason;
import io.wirespeed.virt.vswitch.MacTable;
import io.wirespeed.virt.vswitch.VSwitch;
import io.wirespeed.virt.vswitch.VSwitchLoop;
import io.wirespeed.virt.vswitch.VSwitchPortStats;
import io.wirespeed.virt.vswitch.VlanMode;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code wirespeed vswitch}: the software switch between ports, standalone. The first lcore of
 * {@code -l} is the main one (statistics); the second polls every port, round-robin.
 */
@Command(name = "vswitch", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Switch frames between ports as a learning Ethernet switch (OVS's normal action): MAC learning per VLAN,"
                + " access and trunk ports, an exact-match cache, flooding of broadcast and unknown unicast.",
                "Example: wirespeed vswitch --vdev net_af_packet0,iface=veth0 --vdev net_af_packet1,iface=veth1 -l 0-1"
                        + " --vlan 0:access:10 --vlan 1:trunk:10,20 --duration 10 --json"})
public final class VSwitchCommand implements Callable<Integer> {
    private static final int DESCRIPTORS = 1024;
    private static final int MBUF_CACHE = 256;

    @Option(names = "--vdev", paramLabel = "DEVARGS", description = "a switch port, e.g. net_af_packet0,iface=veth0 (repeat for more ports)")
    List<String> vdevs = new ArrayList<>();

    @Mixin
    CoreOptions coreOptions = new CoreOptions();

    @Option(names = "--vlan", paramLabel = "PORT:MODE",
            description = "a port's VLAN mode: PORT:access:VID or PORT:trunk:VIDS[:native=VID], e.g. 1:trunk:10,20-29:native=1"
                    + " (default for every port: access:1)")
    List<String> vlans = new ArrayList<>();

    @Option(names = "--ageing", paramLabel = "S", description = "seconds a MAC address is remembered without a frame from it (default ${DEFAULT-VALUE})")
    double ageing = MacTable.DEFAULT_AGEING_NANOS / 1e9;

    @Option(names = "--mac-table", paramLabel = "N", description = "MAC addresses the table holds (default ${DEFAULT-VALUE})")
    int macTableCapacity = VSwitch.DEFAULT_MAC_TABLE_CAPACITY;

    @Option(names = "--idle", paramLabel = "POLICY", description = "what the switching lcore does when it finds nothing: busy, backoff, adaptive, interrupt (default ${DEFAULT-VALUE})")
    String idle = "busy";

    @Option(names = "--duration", paramLabel = "S", description = "switch for S seconds, then stop (default: until Ctrl-C, or until every port's capture file is read)")
    double duration;

    @Option(names = "--stats-period", paramLabel = "S", description = "print statistics every S seconds, 0 = never (default ${DEFAULT-VALUE})")
    double statsPeriod;

    @Option(names = "--no-huge", description = "4 KiB pages for the mbuf pool (default: 2 MiB pages when the host has them)")
    boolean noHuge;

    @Option(names = "--json", description = "print one JSON object as the last line")
    boolean json;

    @Override
    public Integer call() throws Exception {
        CoreList cores = checkedCores();
        Map<Integer, VlanMode> modes = vlanModes();
        IdlePolicy policy = IdlePolicy.named(idle);
        long ageingNanos = ageingNanos();
        PrintStream out = System.out;
        List<Port> ports = new ArrayList<>();
        Mempool pool = null;
        LcoreRuntime runtime = null;
        try {
            DriverRegistry registry = DriverRegistry.load();
            for (String vdev : vdevs) {
                ports.add(registry.open(ports.size(), vdev));
            }
            pool = Mempool.builder("vswitch_pool", mbufCount(ports, cores)).cacheSize(MBUF_CACHE).hugePages(!noHuge).build();
            VSwitch vswitch = new VSwitch(pool, macTableCapacity, ageingNanos, VSwitch.DEFAULT_EMC_ENTRIES, VSwitch.DEFAULT_MAX_BURST);
            for (int p = 0; p < ports.size(); p++) {
                Port port = ports.get(p);
                port.configure(1, 1, PortConf.defaults());
                port.rxQueueSetup(0, port.info().descriptors(0, DESCRIPTORS), pool);
                port.txQueueSetup(0, port.info().descriptors(0, DESCRIPTORS));
                port.promiscuous(true); // a switch port takes every frame, whatever its destination
                port.start();
                VlanMode mode = modes.getOrDefault(p, VlanMode.access(1));
                vswitch.addPort(port.name(), port, 0, 0, mode);
                out.printf("port %d: %s, %s, MAC %s, link %s%n", p, port.name(), mode, port.macAddress(), port.link());
            }
            runtime = LcoreRuntime.start(cores);
            Run run = new Run(vswitch, new VSwitchLoop(vswitch, policy), runtime, runtime.workerLcores().getFirst(), out);
            Map<String, Object> report = ForwardingSession.run("vswitch", duration, statsPeriod, json, out, run::start,
                    run::printStats, run.loop::isDrained, run::stop);
            if (json) {
                out.println(Json.write(report));
            }
            out.flush();
        } finally {
            DataPlaneResources.release(runtime, ports, pool);
        }
        return 0;
    }

    /** One switching run: launch the loop, print while it runs, stop it and report. */
    private static final class Run {
        final VSwitch vswitch;
        final VSwitchLoop loop;
        final LcoreRuntime runtime;
        final int lcore;
        final PrintStream out;
        private LcoreStats.Snapshot atStart;
        private long startedAt;

        Run(VSwitch vswitch, VSwitchLoop loop, LcoreRuntime runtime, int lcore, PrintStream out) {
            this.vswitch = vswitch;
            this.loop = loop;
            this.runtime = runtime;
            this.lcore = lcore;
            this.out = out;
        }

        void start() {
            out.printf("vswitch: %d ports, switching on lcore %d (cpu %s)%n", vswitch.portCount(), lcore,
                    runtime.cpusOf(lcore).toString().replaceAll("[{} ]", ""));
            atStart = runtime.stats(lcore).snapshot();
            startedAt = System.nanoTime();
            runtime.launch(lcore, loop);
        }

        void printStats() {
            for (int p = 0; p < vswitch.portCount(); p++) {
                VSwitchPortStats s = vswitch.stats(p);
                out.printf("port %d %-16s rx %12d  tx %12d  flooded %10d  dropped in %10d  out %10d%n", p, vswitch.portName(p),
                        s.rxPackets(), s.txPackets(), s.flooded(), s.ingressDrops(), s.egressDrops());
            }
            out.printf("emc hits %d, misses %d%n", vswitch.emcHits(), vswitch.emcMisses());
        }

        Map<String, Object> stop() {
            runtime.requestStop();
            long stoppedAt = System.nanoTime();
            runtime.awaitAll();
            LcoreStats.Snapshot used = runtime.stats(lcore).snapshot().minus(atStart);
            printStats();
            Map<String, Object> report = report((stoppedAt - startedAt) / 1e9, used, stoppedAt);
            @SuppressWarnings("unchecked")
            Map<String, Object> totals = (Map<String, Object>) report.get("totals");
            Object cpuPerPacket = report.get("cpu_ns_per_packet");
            out.printf("%nvswitch over %.3f s: received %d, transmitted %d, %d MAC addresses; conservation: %s; %s CPU per packet%n",
                    report.get("duration_s"), totals.get("rx_packets"), totals.get("tx_packets"), report.get("mac_table_entries"),
                    vswitch.balanced() ? "ok" : "MISMATCH", cpuPerPacket == null ? "no packets, no" : cpuPerPacket + " ns");
            return report;
        }

        private Map<String, Object> report(double seconds, LcoreStats.Snapshot used, long now) {
            List<Object> portList = new ArrayList<>();
            Map<String, Long> drops = new LinkedHashMap<>();
            for (DropReason r : DropReason.values()) {
                drops.put(r.label(), 0L);
            }
            long rx = 0;
            long tx = 0;
            long rxBytes = 0;
            long txBytes = 0;
            for (int p = 0; p < vswitch.portCount(); p++) {
                VSwitchPortStats s = vswitch.stats(p);
                Map<String, Object> portDrops = new LinkedHashMap<>();
                for (DropReason r : DropReason.values()) {
                    portDrops.put(r.label(), s.drops(r));
                    drops.merge(r.label(), s.drops(r), Long::sum);
                }
                portList.add(Json.object("id", p, "name", vswitch.portName(p), "vlan", vswitch.vlanMode(p).toString(),
                        "rx_packets", s.rxPackets(), "rx_bytes", s.rxBytes(), "tx_packets", s.txPackets(), "tx_bytes", s.txBytes(),
                        "unicast", s.unicast(), "flooded", s.flooded(), "outputs", s.outputs(), "drops", portDrops));
                rx += s.rxPackets();
                tx += s.txPackets();
                rxBytes += s.rxBytes();
                txBytes += s.txBytes();
            }
            long cpuNanos = used.busyCpuNanos() + used.idleCpuNanos();
            return Json.object(
                    "command", "vswitch",
                    "duration_s", Json.round(seconds, 3),
                    "ended", loop.isDrained() ? "drained" : "stopped",
                    "ports", portList,
                    "drops", drops,
                    "emc_hits", vswitch.emcHits(),
                    "emc_misses", vswitch.emcMisses(),
                    "mac_table_entries", vswitch.macTableSize(now),
                    "mac_table_moves", vswitch.macTable().moves(),
                    "mac_table_learn_failures", vswitch.macTable().learnFailures(),
                    "totals", Json.object("rx_packets", rx, "tx_packets", tx, "rx_bytes", rxBytes, "tx_bytes", txBytes,
                            "balanced", vswitch.balanced()),
                    "rx_mpps", Json.round(seconds > 0 ? rx / seconds / 1e6 : 0, 3),
                    "lcore", Json.object("lcore", lcore, "pinned", runtime.isPinned(lcore), "busy_cpu_s", Json.round(used.busyCpuNanos() / 1e9, 3),
                            "idle_cpu_s", Json.round(used.idleCpuNanos() / 1e9, 3), "polls", used.polls()),
                    "cpu_ns_per_packet", rx > 0 ? Json.round((double) cpuNanos / rx, 1) : null);
        }
    }

    private CoreList checkedCores() {
        if (vdevs.size() < 2) {
            throw new IllegalArgumentException("a switch needs at least two ports: give two or more --vdev"
                    + " (e.g. --vdev net_ring0,rx=a,tx=b --vdev net_ring1,rx=b,tx=a)");
        }
        if (duration < 0 || statsPeriod < 0) {
            throw new IllegalArgumentException("--duration and --stats-period must not be negative");
        }
        CoreList cores = coreOptions.cores();
        if (cores.size() < 2) {
            throw new IllegalArgumentException("-l " + cores + " has no lcore to switch on: the first lcore is the main one"
                    + " (try -l 0-1)");
        }
        return cores;
    }

    /** The --vlan options by port, each port at most once. */
    private Map<Integer, VlanMode> vlanModes() {
        Map<Integer, VlanMode> modes = new HashMap<>();
        for (String v : vlans) {
            int colon = v.indexOf(':');
            int port;
            try {
                port = Integer.parseInt(colon < 0 ? v : v.substring(0, colon));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--vlan " + v + ": expected PORT:access:VID or PORT:trunk:VIDS[:native=VID]"
                        + " with PORT a port number (e.g. 0:access:10)");
            }
            if (port < 0 || port >= vdevs.size()) {
                throw new IllegalArgumentException("--vlan " + v + ": there is no port " + port + " (ports: 0.." + (vdevs.size() - 1) + ")");
            }
            if (colon < 0) {
                throw new IllegalArgumentException("--vlan " + v + ": the mode is missing (e.g. " + port + ":access:10)");
            }
            VlanMode mode;
            try {
                mode = VlanMode.parse(v.substring(colon + 1));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--vlan " + v + ": " + e.getMessage());
            }
            if (modes.put(port, mode) != null) {
                throw new IllegalArgumentException("--vlan " + v + ": port " + port + " already has a VLAN mode");
            }
        }
        return modes;
    }

    private long ageingNanos() {
        if (!(ageing > 0 && ageing <= 1e6)) {
            throw new IllegalArgumentException("--ageing " + ageing + " must be more than 0 and at most 1000000 seconds");
        }
        if (macTableCapacity < 1 || macTableCapacity > 1 << 24) {
            throw new IllegalArgumentException("--mac-table " + macTableCapacity + " must be 1.." + (1 << 24));
        }
        return (long) (ageing * 1e9);
    }

    /**
     * Every port's descriptors (at the size its driver prefers) and staged frames, every lcore's
     * cache, and room for clones: at least 8192.
     */
    private static int mbufCount(List<Port> ports, CoreList cores) {
        long need = (long) cores.size() * MBUF_CACHE;
        for (Port port : ports) {
            need += 2L * port.info().descriptors(0, DESCRIPTORS) + VSwitch.DEFAULT_MAX_BURST;
        }
        return (int) Math.max(8192, Math.min(need, 1 << 22));
    }
}
