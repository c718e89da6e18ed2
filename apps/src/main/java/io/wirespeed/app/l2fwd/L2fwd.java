package io.wirespeed.app.l2fwd;

import io.wirespeed.app.common.DataPlaneResources;
import io.wirespeed.ethdev.DriverRegistry;
import io.wirespeed.ethdev.MacAddress;
import io.wirespeed.ethdev.Port;
import io.wirespeed.ethdev.PortConf;
import io.wirespeed.lcore.IdlePolicy;
import io.wirespeed.lcore.LcoreRuntime;
import io.wirespeed.lcore.LcoreStats;
import io.wirespeed.mbuf.Mempool;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * DPDK's l2fwd as an engine: forwards every packet received on an enabled port to its paired
 * port, optionally rewriting the Ethernet addresses (destination 02:00:00:00:00:TX_PORT, source
 * the tx port's MAC). Each enabled port has one rx and one tx queue; the forwarding lcores (every
 * lcore but the main one) take the enabled ports' rx queues in order, {@code portsPerLcore} each.
 * The main lcore, the thread that drives this object, prints statistics.
 *
 * <p>The command line drives it ({@link #start}, {@link #printStats}, {@link #stop},
 * {@link #close}); so do the integration tests, in-process.
 */
public final class L2fwd implements AutoCloseable {
    /** Forwarding before the allocation watch starts counting: time for the JIT to settle. */
    public static final long WARMUP_NANOS = 1_000_000_000L;

    private final L2fwdConfig config;
    private final PrintStream out;
    private final Mempool pool;
    private final List<Port> ports;
    private final PortPairing pairing;
    private final LcoreRuntime runtime;
    /** Rx ports per forwarding lcore, in worker order; lcores with none stay idle. */
    private final List<List<Integer>> assignment;
    private final L2fwdStatsPrinter printer;
    private PortCounters[] counters;
    private L2fwdLoop[] loops = new L2fwdLoop[0];
    private LcoreStats.Snapshot[] lcoresAtStart;
    private long startedAt;
    private boolean forwarding;

    private L2fwd(L2fwdConfig config, PrintStream out, Mempool pool, List<Port> ports, PortPairing pairing,
                  LcoreRuntime runtime, List<List<Integer>> assignment, boolean terminal) {
        this.config = config;
        this.out = out;
        this.pool = pool;
        this.ports = ports;
        this.pairing = pairing;
        this.runtime = runtime;
        this.assignment = assignment;
        this.printer = new L2fwdStatsPrinter(out, terminal);
        this.counters = freshCounters();
    }

    private PortCounters[] freshCounters() {
        PortCounters[] c = new PortCounters[ports.size()];
        for (int p : pairing.enabledPorts()) {
            c[p] = new PortCounters();
        }
        return c;
    }

    /**
     * Opens every port, checks the mask and the pairs, starts the enabled ports and the lcores.
     * On failure everything already opened is closed again before the exception leaves.
     */
    public static L2fwd open(L2fwdConfig config, DriverRegistry registry, PrintStream out) {
        return open(config, registry, out, false);
    }

    /** As {@link #open(L2fwdConfig, DriverRegistry, PrintStream)}; {@code terminal}: clear the screen before statistics. */
    public static L2fwd open(L2fwdConfig config, DriverRegistry registry, PrintStream out, boolean terminal) {
        List<Port> ports = new ArrayList<>();
        Mempool pool = null;
        LcoreRuntime runtime = null;
        try {
            for (String vdev : config.vdevs()) {
                ports.add(registry.open(ports.size(), vdev));
            }
            PortPairing pairing = PortPairing.of(config.portMask(), config.portmap(), ports.size());
            List<List<Integer>> assignment = assign(pairing.enabledPorts(), config);
            out.printf("MAC updating %s%n", config.macUpdating() ? "enabled" : "disabled");
            for (int w = 0; w < assignment.size(); w++) {
                for (int p : assignment.get(w)) {
                    out.printf("Lcore %d: RX port %d TX port %d%n", config.cores().workerLcores().get(w), p, pairing.destination(p));
                }
            }
            pool = Mempool.builder("mbuf_pool", config.mbufCount())
                    .cacheSize(Math.min(config.mbufCache(), config.mbufCount() / 2))
                    .hugePages(config.hugePages())
                    .build();
            for (int p : pairing.enabledPorts()) {
                Port port = ports.get(p);
                out.printf("Initializing port %d (%s)... ", p, port.name());
                port.configure(1, 1, PortConf.defaults());
                port.rxQueueSetup(0, config.rxDescriptors(), pool);
                port.txQueueSetup(0, config.txDescriptors());
                port.start();
                out.printf("done: MAC address %s, link %s%n", port.macAddress(), port.link());
            }
            runtime = LcoreRuntime.start(config.cores());
            return new L2fwd(config, out, pool, ports, pairing, runtime, assignment, terminal);
        } catch (RuntimeException | Error e) {
            DataPlaneResources.release(runtime, ports, pool);
            throw e;
        }
    }

    /** DPDK's rx port to lcore assignment: in port order, {@code -q} ports per forwarding lcore. */
    private static List<List<Integer>> assign(int[] enabled, L2fwdConfig config) {
        List<Integer> workers = config.cores().workerLcores();
        int needed = (enabled.length + config.portsPerLcore() - 1) / config.portsPerLcore();
        if (needed > workers.size()) {
            int q = (enabled.length + workers.size() - 1) / workers.size();
            throw new IllegalArgumentException("not enough lcores: " + enabled.length + " ports at -q " + config.portsPerLcore()
                    + " per lcore need " + needed + " forwarding lcores, and " + workers.size() + (workers.size() == 1 ? " lcore" : " lcores")
                    + " forward (the first of -l is the main one): give -q " + q + " or more lcores");
        }
        List<List<Integer>> assignment = new ArrayList<>();
        for (int i = 0; i < enabled.length; i++) {
            if (i % config.portsPerLcore() == 0) {
                assignment.add(new ArrayList<>());
            }
            assignment.getLast().add(enabled[i]);
        }
        return assignment;
    }

    public List<Port> ports() {
        return ports;
    }

    public PortPairing pairing() {
        return pairing;
    }

    public Mempool pool() {
        return pool;
    }

    public boolean isForwarding() {
        return forwarding;
    }

    /** Launches the forwarding loops; counts start from zero. */
    public void start() {
        if (forwarding) {
            throw new IllegalStateException("l2fwd is already forwarding");
        }
        counters = freshCounters();
        List<Integer> workers = runtime.workerLcores();
        loops = new L2fwdLoop[assignment.size()];
        for (int w = 0; w < assignment.size(); w++) {
            List<L2fwdLoop.Route> routes = new ArrayList<>();
            for (int p : assignment.get(w)) {
                int dst = pairing.destination(p);
                Port tx = ports.get(dst);
                routes.add(new L2fwdLoop.Route(p, ports.get(p).rxQueue(0), counters[p], dst, tx.txQueue(0), counters[dst],
                        MacAddress.local(dst).bits(), tx.macAddress().bits()));
            }
            loops[w] = new L2fwdLoop(routes, config.macUpdating(), IdlePolicy.named(config.idle()), config.burst(), WARMUP_NANOS);
        }
        for (int p : pairing.enabledPorts()) {
            ports.get(p).resetStats(); // the NIC counters in the report cover this run, as l2fwd's own do
        }
        lcoresAtStart = new LcoreStats.Snapshot[loops.length];
        for (int w = 0; w < loops.length; w++) {
            lcoresAtStart[w] = runtime.stats(workers.get(w)).snapshot();
            out.printf("L2FWD: entering main loop on lcore %d (rx ports %s)%n", workers.get(w), assignment.get(w));
        }
        startedAt = System.nanoTime();
        for (int w = 0; w < loops.length; w++) {
            runtime.launch(workers.get(w), loops[w]);
        }
        forwarding = true;
    }

    /** The per-port block DPDK l2fwd prints every -T seconds: counts since {@link #start}. */
    public void printStats() {
        printer.print(portReports());
    }

    /** The figures so far, while forwarding (lcore figures are complete only after {@link #stop}). */
    public L2fwdReport snapshot() {
        double seconds = forwarding ? (System.nanoTime() - startedAt) / 1e9 : 0;
        return new L2fwdReport(seconds, config.macUpdating(), portReports(), List.of());
    }

    /** Stops the forwarding lcores, waits for them, and reports the run. */
    public L2fwdReport stop() {
        if (!forwarding) {
            throw new IllegalStateException("l2fwd is not forwarding");
        }
        runtime.requestStop();
        long stoppedAt = System.nanoTime();
        runtime.awaitAll();
        forwarding = false;
        List<L2fwdReport.LcoreReport> lcores = new ArrayList<>();
        List<Integer> workers = runtime.workerLcores();
        for (int w = 0; w < loops.length; w++) {
            int id = workers.get(w);
            LcoreStats.Snapshot used = runtime.stats(id).snapshot().minus(lcoresAtStart[w]);
            lcores.add(new L2fwdReport.LcoreReport(id, cpuList(runtime.cpusOf(id)), runtime.isPinned(id),
                    List.copyOf(assignment.get(w)), used.busyCpuNanos(), used.idleCpuNanos(), used.polls(),
                    loops[w].allocations.steadyBytes(), loops[w].allocations.steadyPackets()));
        }
        return new L2fwdReport((stoppedAt - startedAt) / 1e9, config.macUpdating(), portReports(), lcores);
    }

    private List<L2fwdReport.PortReport> portReports() {
        List<L2fwdReport.PortReport> reports = new ArrayList<>();
        for (int p : pairing.enabledPorts()) {
            Port port = ports.get(p);
            PortCounters c = counters[p];
            reports.add(new L2fwdReport.PortReport(p, port.name(), pairing.destination(p), c.received(), c.sent(), c.dropped(),
                    port.stats()));
        }
        return reports;
    }

    private static String cpuList(BitSet cpus) {
        return cpus.toString().replaceAll("[{} ]", "");
    }

    /** Stops forwarding if it runs, closes the lcores and the ports, frees the pool. */
    @Override
    public void close() {
        if (forwarding) {
            runtime.requestStop();
            runtime.awaitAll();
            forwarding = false;
        }
        DataPlaneResources.release(runtime, ports, pool);
    }
}
