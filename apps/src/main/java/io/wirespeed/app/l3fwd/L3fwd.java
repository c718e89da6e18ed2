package io.wirespeed.app.l3fwd;

import io.wirespeed.app.common.DataPlaneResources;
import io.wirespeed.ethdev.DriverRegistry;
import io.wirespeed.ethdev.Port;
import io.wirespeed.ethdev.PortConf;
import io.wirespeed.lcore.IdlePolicy;
import io.wirespeed.lcore.LcoreRuntime;
import io.wirespeed.lcore.LcoreStats;
import io.wirespeed.mbuf.Mempool;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * DPDK's l3fwd as an engine: routes IPv4 packets between the enabled ports by a lookup in the
 * routes file's table (LPM, exact match or ACL), decrementing the TTL and rewriting the Ethernet
 * addresses. Each (port, queue) of {@code --config} is polled by its lcore; every forwarding
 * lcore has its own transmit queue on every enabled port, so no queue has two writers. The main
 * lcore, the thread that drives this object, reports.
 */
public final class L3fwd implements AutoCloseable {
    /** Forwarding before the allocation watch starts counting: time for the JIT to settle. */
    public static final long WARMUP_NANOS = 1_000_000_000L;

    private final L3fwdConfig config;
    private final PrintStream out;
    private final RouteTable routes;
    private final Mempool pool;
    private final List<Port> ports;
    private final LcoreRuntime runtime;
    /** Forwarding lcore id -> the queues it polls; its transmit queue index is its rank here. */
    private final TreeMap<Integer, List<RxQueueConfig>> assignment;
    private L3fwdLoop[] loops = new L3fwdLoop[0];
    private LcoreStats.Snapshot[] lcoresAtStart;
    private long startedAt;
    private boolean forwarding;

    private L3fwd(L3fwdConfig config, PrintStream out, RouteTable routes, Mempool pool, List<Port> ports,
                  LcoreRuntime runtime, TreeMap<Integer, List<RxQueueConfig>> assignment) {
        this.config = config;
        this.out = out;
        this.routes = routes;
        this.pool = pool;
        this.ports = ports;
        this.runtime = runtime;
        this.assignment = assignment;
    }

    /**
     * Reads the routes, opens every port, checks the mask and the queue assignment, starts the
     * enabled ports and the lcores. On failure everything already opened is closed again.
     */
    public static L3fwd open(L3fwdConfig config, DriverRegistry registry, PrintStream out) {
        RouteTable routes = RoutesFile.load(config.lookup(), config.routes());
        List<Port> ports = new ArrayList<>();
        Mempool pool = null;
        LcoreRuntime runtime = null;
        try {
            out.println(routes.describe());
            for (String vdev : config.vdevs()) {
                ports.add(registry.open(ports.size(), vdev));
            }
            checkMask(config, ports.size());
            TreeMap<Integer, List<RxQueueConfig>> assignment = assign(config, ports.size());
            int txQueues = assignment.size();
            int[] rxQueues = rxQueueCounts(config, ports.size(), assignment);
            pool = Mempool.builder("mbuf_pool", mbufCount(config, rxQueues, txQueues, assignment.size()))
                    .cacheSize(config.mbufCache())
                    .hugePages(config.hugePages())
                    .build();
            for (int p = 0; p < ports.size(); p++) {
                if (!config.enabled(p)) {
                    continue;
                }
                Port port = ports.get(p);
                out.printf("Initializing port %d (%s) with %d rx queues, %d tx queues... ", p, port.name(), rxQueues[p], txQueues);
                port.configure(rxQueues[p], txQueues, PortConf.defaults());
                for (int q = 0; q < rxQueues[p]; q++) {
                    port.rxQueueSetup(q, config.rxDescriptors(), pool);
                }
                for (int q = 0; q < txQueues; q++) {
                    port.txQueueSetup(q, config.txDescriptors());
                }
                port.start();
                out.printf("done: MAC address %s, next hop %s, link %s%n", port.macAddress(), config.nextHop(p), port.link());
            }
            runtime = LcoreRuntime.start(config.cores());
            return new L3fwd(config, out, routes, pool, ports, runtime, assignment);
        } catch (RuntimeException | Error e) {
            DataPlaneResources.release(runtime, ports, pool);
            routes.close();
            throw e;
        }
    }

    private static void checkMask(L3fwdConfig config, int portCount) {
        long valid = portCount >= 64 ? -1L : (1L << portCount) - 1;
        if ((config.portMask() & ~valid) != 0) {
            throw new IllegalArgumentException("-p 0x" + Long.toHexString(config.portMask()) + " names port "
                    + Long.numberOfTrailingZeros(config.portMask() & ~valid) + ", but there " + (portCount == 1 ? "is " : "are ")
                    + portCount + (portCount == 1 ? " port" : " ports") + " (--vdev)");
        }
    }

    /** --config checked against the mask and the lcores, or the default: queue 0 of each enabled port, lcores in turn. */
    private static TreeMap<Integer, List<RxQueueConfig>> assign(L3fwdConfig config, int portCount) {
        List<Integer> workers = config.cores().workerLcores();
        List<RxQueueConfig> queues = config.rxQueues();
        if (queues.isEmpty()) {
            List<RxQueueConfig> defaults = new ArrayList<>();
            for (int p = 0; p < portCount; p++) {
                if (config.enabled(p)) {
                    defaults.add(new RxQueueConfig(p, 0, workers.get(defaults.size() % workers.size())));
                }
            }
            queues = defaults;
        }
        TreeMap<Integer, List<RxQueueConfig>> byLcore = new TreeMap<>();
        for (RxQueueConfig q : queues) {
            if (!config.enabled(q.port())) {
                throw new IllegalArgumentException("--config " + q + ": port " + q.port() + " is not enabled in -p 0x"
                        + Long.toHexString(config.portMask()));
            }
            if (q.lcore() == config.cores().mainLcore()) {
                throw new IllegalArgumentException("--config " + q + ": lcore " + q.lcore() + " is the main lcore (it reports);"
                        + " give one of the other lcores of -l " + config.cores());
            }
            if (!workers.contains(q.lcore())) {
                throw new IllegalArgumentException("--config " + q + ": lcore " + q.lcore() + " is not in -l " + config.cores());
            }
            byLcore.computeIfAbsent(q.lcore(), k -> new ArrayList<>()).add(q);
        }
        return byLcore;
    }

    /** Per port, 1 + the highest queue --config names (at least 1 for an enabled port). */
    private static int[] rxQueueCounts(L3fwdConfig config, int portCount, Map<Integer, List<RxQueueConfig>> assignment) {
        int[] counts = new int[portCount];
        for (int p = 0; p < portCount; p++) {
            counts[p] = config.enabled(p) ? 1 : 0;
        }
        for (List<RxQueueConfig> qs : assignment.values()) {
            for (RxQueueConfig q : qs) {
                counts[q.port()] = Math.max(counts[q.port()], q.queue() + 1);
            }
        }
        return counts;
    }

    /** DPDK l3fwd's estimate: every queue's descriptors, a burst per lcore and port, every lcore's cache; at least 8192. */
    private static int mbufCount(L3fwdConfig config, int[] rxQueues, int txQueues, int lcores) {
        long need = 0;
        for (int rx : rxQueues) {
            if (rx > 0) {
                need += (long) rx * config.rxDescriptors() + (long) txQueues * config.txDescriptors()
                        + (long) lcores * config.burst();
            }
        }
        need += (long) lcores * config.mbufCache();
        return (int) Math.max(8192, Math.min(need, 1 << 22));
    }

    public List<Port> ports() {
        return ports;
    }

    public boolean isForwarding() {
        return forwarding;
    }

    /** Launches the forwarding loops; counts start from zero. */
    public void start() {
        if (forwarding) {
            throw new IllegalStateException("l3fwd is already forwarding");
        }
        loops = new L3fwdLoop[assignment.size()];
        int txQueue = 0;
        for (Map.Entry<Integer, List<RxQueueConfig>> e : assignment.entrySet()) {
            List<L3fwdLoop.Source> sources = new ArrayList<>();
            for (RxQueueConfig q : e.getValue()) {
                sources.add(new L3fwdLoop.Source(q.port(), ports.get(q.port()).rxQueue(q.queue())));
            }
            L3fwdLoop.Output[] outputs = new L3fwdLoop.Output[ports.size()];
            for (int p = 0; p < ports.size(); p++) {
                if (config.enabled(p)) {
                    Port port = ports.get(p);
                    outputs[p] = new L3fwdLoop.Output(port.txQueue(txQueue), config.nextHop(p).bits(), port.macAddress().bits());
                }
            }
            loops[txQueue] = new L3fwdLoop(sources, outputs, routes.newLookup(), IdlePolicy.named(config.idle()),
                    config.burst(), WARMUP_NANOS);
            txQueue++;
        }
        for (int p = 0; p < ports.size(); p++) {
            if (config.enabled(p)) {
                ports.get(p).resetStats(); // the NIC counters in the report cover this run, as l3fwd's own do
            }
        }
        lcoresAtStart = new LcoreStats.Snapshot[loops.length];
        int w = 0;
        for (Map.Entry<Integer, List<RxQueueConfig>> e : assignment.entrySet()) {
            lcoresAtStart[w++] = runtime.stats(e.getKey()).snapshot();
            out.printf("L3FWD: entering main loop on lcore %d, rx queues %s%n", e.getKey(), e.getValue());
        }
        startedAt = System.nanoTime();
        w = 0;
        for (int lcore : assignment.keySet()) {
            runtime.launch(lcore, loops[w++]);
        }
        forwarding = true;
    }

    /** The figures so far, while forwarding (lcore figures come only with {@link #stop}). */
    public L3fwdReport snapshot() {
        double seconds = forwarding ? (System.nanoTime() - startedAt) / 1e9 : 0;
        return report(seconds, List.of());
    }

    /** Stops the forwarding lcores, waits for them, and reports the run. */
    public L3fwdReport stop() {
        if (!forwarding) {
            throw new IllegalStateException("l3fwd is not forwarding");
        }
        runtime.requestStop();
        long stoppedAt = System.nanoTime();
        runtime.awaitAll();
        forwarding = false;
        List<L3fwdReport.LcoreReport> lcores = new ArrayList<>();
        int w = 0;
        for (Map.Entry<Integer, List<RxQueueConfig>> e : assignment.entrySet()) {
            LcoreStats.Snapshot used = runtime.stats(e.getKey()).snapshot().minus(lcoresAtStart[w]);
            L3fwdLoop loop = loops[w++];
            lcores.add(new L3fwdReport.LcoreReport(e.getKey(), e.getValue(), used.busyCpuNanos(), used.idleCpuNanos(),
                    used.polls(), loop.allocations.steadyBytes(), loop.allocations.steadyPackets()));
        }
        return report((stoppedAt - startedAt) / 1e9, lcores);
    }

    private L3fwdReport report(double seconds, List<L3fwdReport.LcoreReport> lcores) {
        List<L3fwdReport.PortReport> portReports = new ArrayList<>();
        for (int p = 0; p < ports.size(); p++) {
            if (!config.enabled(p)) {
                continue;
            }
            long rx = 0;
            long tx = 0;
            for (L3fwdLoop loop : loops) {
                rx += loop.counters.received(p);
                tx += loop.counters.sent(p);
            }
            Port port = ports.get(p);
            portReports.add(new L3fwdReport.PortReport(p, port.name(), rx, tx, port.stats()));
        }
        Map<DropReason, Long> drops = new EnumMap<>(DropReason.class);
        for (DropReason r : DropReason.values()) {
            long n = 0;
            for (L3fwdLoop loop : loops) {
                n += loop.counters.dropped(r);
            }
            drops.put(r, n);
        }
        return new L3fwdReport(seconds, config.lookup(), portReports, drops, lcores);
    }

    /** Stops forwarding if it runs, closes the lcores and the ports, frees the pool and the tables. */
    @Override
    public void close() {
        if (forwarding) {
            runtime.requestStop();
            runtime.awaitAll();
            forwarding = false;
        }
        DataPlaneResources.release(runtime, ports, pool);
        routes.close();
    }
}
