package io.wirespeed.app.testpmd;

import io.wirespeed.app.common.DataPlaneResources;
import io.wirespeed.classify.steer.FlowSteering;
import io.wirespeed.ethdev.DriverRegistry;
import io.wirespeed.ethdev.Port;
import io.wirespeed.ethdev.PortConf;
import io.wirespeed.ethdev.PortInfo;
import io.wirespeed.ethdev.PortStats;
import io.wirespeed.ethdev.SteeredPortBackend;
import io.wirespeed.lcore.IdlePolicy;
import io.wirespeed.lcore.LcoreRuntime;
import io.wirespeed.lcore.LcoreStats;
import io.wirespeed.mbuf.Mempool;
import java.io.PrintStream;
import java.lang.foreign.Arena;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

/**
 * DPDK's testpmd as an engine: opens the ports, builds the forwarding streams, runs them on the
 * forwarding lcores, and reports. The command line (and tests) drive it: {@link #start},
 * {@link #stop}, {@link #mode}, the show/clear commands, {@link #close}.
 *
 * <p>Control methods are called from one thread, the main lcore.
 */
public final class Testpmd implements AutoCloseable {
    /** Forwarding before the allocation watch starts counting: time for the JIT to settle. */
    static final long WARMUP_NANOS = 1_000_000_000L;

    private final TestpmdConfig config;
    private final PrintStream out;
    private final Mempool pool;
    private final List<Port> ports;
    private final LcoreRuntime runtime;
    private final Arena templates = Arena.ofShared();
    private final StatsPrinter printer;
    private ForwardMode mode;
    private ForwardingLoop[] loops = new ForwardingLoop[0];
    private PortStats[] atStart;
    private LcoreStats.Snapshot[] lcoresAtStart;
    private long startedAt;
    private boolean forwarding;
    private RunReport lastReport;

    private Testpmd(TestpmdConfig config, PrintStream out, Mempool pool, List<Port> ports, LcoreRuntime runtime) {
        this.config = config;
        this.out = out;
        this.pool = pool;
        this.ports = ports;
        this.runtime = runtime;
        this.mode = config.mode();
        this.printer = new StatsPrinter(out, ports.size());
    }

    /**
     * Opens and starts every port and the lcores. On failure everything already opened is closed
     * again before the exception leaves.
     */
    public static Testpmd open(TestpmdConfig config, DriverRegistry registry, PrintStream out) {
        List<Port> ports = new ArrayList<>();
        Mempool pool = null;
        LcoreRuntime runtime = null;
        try {
            // Devargs first: a mistake in them is the only line the user sees, before any memory is reserved.
            for (String vdev : config.vdevs()) {
                // Every port gets the software receive stage: flow rules, RSS and more queues than its device.
                ports.add(registry.open(ports.size(), vdev, device -> new SteeredPortBackend(device, new FlowSteering())));
            }
            // Ring sizes the user left open are the driver's choice (DPDK's default_rxportconf).
            int[] rxd = new int[ports.size()];
            int[] txd = new int[ports.size()];
            for (int p = 0; p < ports.size(); p++) {
                PortInfo info = ports.get(p).info();
                rxd[p] = info.descriptors(config.rxDescriptors(), TestpmdConfig.FALLBACK_DESCRIPTORS);
                txd[p] = info.descriptors(config.txDescriptors(), TestpmdConfig.FALLBACK_DESCRIPTORS);
            }
            int mbufs = config.mbufCount(Arrays.stream(rxd).max().orElseThrow(), Arrays.stream(txd).max().orElseThrow());
            pool = Mempool.builder("mbuf_pool", mbufs)
                    .cacheSize(Math.min(config.mbufCache(), mbufs / 2))
                    .dataRoom(config.mbufDataRoom())
                    .hugePages(config.hugePages())
                    .build();
            for (int p = 0; p < ports.size(); p++) {
                Port port = ports.get(p);
                port.configure(config.rxQueues(), config.txQueues(), PortConf.defaults());
                for (int q = 0; q < config.rxQueues(); q++) {
                    port.rxQueueSetup(q, rxd[p], pool);
                }
                for (int q = 0; q < config.txQueues(); q++) {
                    port.txQueueSetup(q, txd[p]);
                }
                port.start();
            }
            runtime = LcoreRuntime.start(config.cores());
            return new Testpmd(config, out, pool, ports, runtime);
        } catch (RuntimeException | Error e) {
            DataPlaneResources.release(runtime, ports, pool);
            throw e;
        }
    }

    public List<Port> ports() {
        return ports;
    }

    /** Port {@code portId}'s flow rules, RSS function and redirection table. */
    public FlowSteering steering(int portId) {
        if (portId < 0 || portId >= ports.size()) {
            throw new IllegalArgumentException("port " + portId + " does not exist (ports: " + ports.size() + ")");
        }
        return (FlowSteering) ((SteeredPortBackend) ports.get(portId).backend()).steering();
    }

    public ForwardMode mode() {
        return mode;
    }

    public boolean isForwarding() {
        return forwarding;
    }

    public Mempool pool() {
        return pool;
    }

    /** The report of the last run that ended, or null. */
    public RunReport lastReport() {
        return lastReport;
    }

    /** "set fwd MODE": only while stopped, as in DPDK. */
    public void mode(ForwardMode newMode) {
        if (forwarding) {
            throw new IllegalStateException("stop forwarding before changing the mode");
        }
        mode = newMode;
    }

    /**
     * "start" / "start tx_first": builds the streams for the current mode and launches them on the
     * forwarding lcores. With {@code txFirstBursts > 0}, first sends that many txonly bursts on
     * every stream, to seed loops of ports that only forward.
     */
    public void start(int txFirstBursts) {
        if (forwarding) {
            throw new IllegalStateException("packet forwarding already started");
        }
        List<ForwardStream> streams = buildStreams();
        int lcoreCount = Math.min(config.forwardingCores(), streams.size());
        List<Integer> workers = runtime.workerLcores().subList(0, lcoreCount);
        loops = new ForwardingLoop[lcoreCount];
        ForwardEngine engine = engineFor(mode);
        for (int i = 0; i < lcoreCount; i++) {
            // Contiguous shares, as DPDK's rss/stream assignment does: lcore i gets streams [from, to).
            int from = i * streams.size() / lcoreCount;
            int to = (i + 1) * streams.size() / lcoreCount;
            loops[i] = new ForwardingLoop(streams.subList(from, to).toArray(ForwardStream[]::new), engine,
                    IdlePolicy.named(config.idle()), WARMUP_NANOS);
        }
        atStart = new PortStats[ports.size()];
        for (Port p : ports) {
            atStart[p.id()] = p.stats();
        }
        lcoresAtStart = new LcoreStats.Snapshot[lcoreCount];
        for (int i = 0; i < lcoreCount; i++) {
            lcoresAtStart[i] = runtime.stats(workers.get(i)).snapshot();
        }
        if (txFirstBursts > 0) {
            TxOnlyEngine seeder = new TxOnlyEngine();
            for (ForwardStream s : streams) {
                if (s.template == null) {
                    s.template = templateFor(s);
                }
                for (int b = 0; b < txFirstBursts; b++) {
                    seeder.forward(s);
                }
            }
        }
        out.printf("%s packet forwarding - ports=%d - cores=%d - streams=%d - burst=%d%n", mode.dpdkName(), ports.size(),
                lcoreCount, streams.size(), config.burst());
        for (int i = 0; i < lcoreCount; i++) {
            out.printf("Logical Core %d (socket 0) forwards packets on %d streams:%n", workers.get(i), loops[i].streams().length);
            for (ForwardStream s : loops[i].streams()) {
                out.printf("  %s%n", s);
            }
        }
        startedAt = System.nanoTime();
        for (int i = 0; i < lcoreCount; i++) {
            runtime.launch(workers.get(i), loops[i]);
        }
        forwarding = true;
    }

    private List<ForwardStream> buildStreams() {
        List<ForwardStream> streams = new ArrayList<>();
        for (Port rxPort : ports) {
            int peer = config.topology().peer(rxPort.id(), ports.size());
            Port txPort = ports.get(peer);
            for (int q = 0; q < config.rxQueues(); q++) {
                ForwardStream s = new ForwardStream(rxPort.id(), q, rxPort.rxQueue(q), peer, q, txPort.txQueue(q), pool,
                        config.burst(), rxPort.macAddress(), txPort.macAddress(), config.peerOf(peer));
                if (mode.generates()) {
                    s.template = templateFor(s);
                }
                streams.add(s);
            }
        }
        return streams;
    }

    private UdpTemplate templateFor(ForwardStream s) {
        return new UdpTemplate(templates, s.peerMac.bits(), s.txPortMac.bits(), config.txPacketLength());
    }

    private ForwardEngine engineFor(ForwardMode m) {
        return switch (m) {
            case IO -> new IoEngine();
            case MAC -> new MacEngine();
            case MACSWAP -> new MacSwapEngine();
            case RXONLY -> new RxOnlyEngine();
            case TXONLY -> new TxOnlyEngine();
            case FLOWGEN -> new FlowGenEngine(config.flowgenFlows());
            case ICMPECHO -> new IcmpEchoEngine();
        };
    }

    /**
     * True when every forwarding lcore ended by itself because all its sources are drained
     * capture files (testpmd with pcap ports and no infinite_rx stops by itself).
     */
    public boolean allSourcesDrained() {
        if (!forwarding || loops.length == 0) {
            return false;
        }
        for (ForwardingLoop loop : loops) {
            if (!loop.isDrained()) {
                return false;
            }
        }
        return true;
    }

    /** "stop": asks the forwarding lcores to finish, waits, prints the forward statistics. */
    public RunReport stop() {
        if (!forwarding) {
            throw new IllegalStateException("packet forwarding not started");
        }
        out.println("Telling cores to stop...");
        runtime.requestStop();
        long stoppedAt = System.nanoTime();
        out.println("Waiting for lcores to finish...");
        runtime.awaitAll();
        forwarding = false;
        lastReport = report((stoppedAt - startedAt) / 1e9);
        printer.forwardStats(lastReport);
        out.println("\nDone.");
        return lastReport;
    }

    private RunReport report(double seconds) {
        List<RunReport.PortReport> portReports = new ArrayList<>();
        long received = 0;
        long generated = 0;
        long transmitted = 0;
        long txDropped = 0;
        long consumed = 0;
        for (Port p : ports) {
            long fwdRx = 0;
            long fwdGenerated = 0;
            long fwdTx = 0;
            long fwdDropped = 0;
            long fwdConsumed = 0;
            for (ForwardingLoop loop : loops) {
                for (ForwardStream s : loop.streams()) {
                    if (s.rxPort == p.id()) {
                        fwdRx += s.received();
                        fwdGenerated += s.generated();
                        fwdConsumed += s.consumed();
                    }
                    if (s.txPort == p.id()) {
                        fwdTx += s.transmitted();
                        fwdDropped += s.txDropped();
                    }
                }
            }
            portReports.add(new RunReport.PortReport(p.id(), p.name(), minus(p.stats(), atStart[p.id()]), fwdRx,
                    fwdGenerated, fwdTx, fwdDropped, fwdConsumed));
        }
        boolean allFinite = true;
        long firstReceive = Long.MAX_VALUE;
        long lastReceive = Long.MIN_VALUE;
        for (ForwardingLoop loop : loops) {
            for (ForwardStream s : loop.streams()) {
                if (s.received() > 0) {
                    allFinite &= s.finite;
                    firstReceive = Math.min(firstReceive, s.firstReceiveNanos);
                    lastReceive = Math.max(lastReceive, s.lastReceiveNanos);
                }
                received += s.received();
                generated += s.generated();
                transmitted += s.transmitted();
                txDropped += s.txDropped();
                consumed += s.consumed();
            }
        }
        List<RunReport.LcoreReport> lcoreReports = new ArrayList<>();
        List<Integer> workers = runtime.workerLcores();
        for (int i = 0; i < loops.length; i++) {
            int id = workers.get(i);
            LcoreStats.Snapshot used = runtime.stats(id).snapshot().minus(lcoresAtStart[i]);
            lcoreReports.add(new RunReport.LcoreReport(id, cpuList(runtime.cpusOf(id)), runtime.isPinned(id),
                    loops[i].streams().length, used.busyCpuNanos(), used.idleCpuNanos(), used.polls(),
                    loops[i].packetsHandled(), loops[i].idle.name(), loops[i].idle.sleeps(), loops[i].idle.wakeups(),
                    loops[i].allocations.steadyBytes(), loops[i].allocations.steadyPackets()));
        }
        // A capture file's rate is its packets over the span from the first to the last one received.
        double receiveSeconds = allFinite && received > 0 && lastReceive > firstReceive
                ? (lastReceive - firstReceive) / 1e9 : seconds;
        return new RunReport(mode, seconds, receiveSeconds, portReports, lcoreReports,
                new RunReport.Totals(received, generated, transmitted, txDropped, consumed));
    }

    private static PortStats minus(PortStats a, PortStats b) {
        return new PortStats(a.ipackets() - b.ipackets(), a.opackets() - b.opackets(), a.ibytes() - b.ibytes(),
                a.obytes() - b.obytes(), a.imissed() - b.imissed(), a.ierrors() - b.ierrors(), a.oerrors() - b.oerrors(),
                a.rxNombuf() - b.rxNombuf(), a.qIpackets(), a.qIbytes(), a.qOpackets(), a.qObytes());
    }

    private static String cpuList(BitSet cpus) {
        return cpus.toString().replaceAll("[{} ]", "");
    }

    // ---- show / clear ------------------------------------------------------------------------------

    public void showPortStats(int portId) {
        for (Port p : select(portId)) {
            printer.portStats(p);
        }
    }

    public void showPortXStats(int portId) {
        for (Port p : select(portId)) {
            printer.xstats(p);
        }
    }

    public void showAllPortStats() {
        printer.allPorts(ports);
    }

    public void clearPortStats(int portId) {
        for (Port p : select(portId)) {
            p.resetStats();
            printer.forgetPort(p.id());
            out.printf("%n  NIC statistics for port %d cleared%n", p.id());
        }
    }

    public void showPortInfo(int portId) {
        for (Port p : select(portId)) {
            printer.portInfo(p);
        }
    }

    /** Port {@code id}, or every port for -1. */
    private List<Port> select(int id) {
        if (id < 0) {
            return ports;
        }
        if (id >= ports.size()) {
            throw new IllegalArgumentException("invalid port " + id + " (ports: 0.." + (ports.size() - 1) + ")");
        }
        return List.of(ports.get(id));
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
        templates.close();
    }
}
