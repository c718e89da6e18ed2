package io.wirespeed.virt.paths;

import io.wirespeed.ethdev.Port;
import io.wirespeed.ethdev.PortConf;
import io.wirespeed.lcore.BackoffIdlePolicy;
import io.wirespeed.lcore.BusyIdlePolicy;
import io.wirespeed.lcore.IdlePolicy;
import io.wirespeed.lcore.SleepingIdlePolicy;
import io.wirespeed.mbuf.Mempool;
import io.wirespeed.memory.MemoryZone;
import io.wirespeed.sys.Affinity;
import io.wirespeed.virt.nic.DropReason;
import io.wirespeed.virt.nic.EmulatedNic;
import io.wirespeed.virt.nic.FunctionStats;
import io.wirespeed.virt.nic.NicConfig;
import io.wirespeed.virt.nic.NicFunction;
import io.wirespeed.virt.scenario.Guest;
import io.wirespeed.virt.scenario.GuestSpec;
import io.wirespeed.virt.traffic.FlowSpec;
import io.wirespeed.virt.vf.VfDevice;
import io.wirespeed.virt.vhost.VhostBackend;
import io.wirespeed.virt.vhost.VhostDevice;
import java.util.BitSet;
import java.util.EnumSet;
import java.util.Set;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * One VM path, built and running: the wire, the emulated NIC (its own service thread: the
 * hardware), for {@code normal} and {@code vmdq} the host's core, and the guest's core running
 * rxonly. Trials are offered one after another on the same rig ({@link #offer}), and every
 * counter is read as a {@link Snapshot}, so a trial is the difference of two.
 *
 * <ul>
 *   <li>{@code normal}: the PF's queue in host memory, the host's core asleep on its interrupt,
 *       the vswitch, a copy into the guest's virtio-like queue, the guest asleep on its interrupt;
 *   <li>{@code vmdq}: a VMDq pool (a VF) whose queue is in host memory, the host's core polling
 *       it and copying into the guest's queue, the guest asleep on its interrupt;
 *   <li>{@code sriov}: a VF whose rings are in the guest's memory; the guest polls (or sleeps);
 *   <li>{@code passthrough}: the PF itself, no VFs, its rings in the guest's memory; the guest polls;
 *   <li>{@code ovs-dpdk}: the normal path with both cores polling: the host's PMD thread runs the
 *       vswitch, the guest's driver polls its virtio-like queue.
 * </ul>
 */
public final class PathRig implements AutoCloseable {
    /** The guest's address; the wire's frames are sent to it. */
    public static final long GUEST_MAC = 0x02_00_00_00_00_10L;
    /** The wire's source address. */
    public static final long WIRE_MAC = 0x02_00_00_00_99_01L;
    private static final long BROADCAST = 0xffff_ffff_ffffL;
    /**
     * The NIC's reasons that can befall a frame from the wire; the others (spoof, rate limit, a full
     * uplink) concern what a guest sends, and on these paths only a forwarding app sends.
     */
    private static final Set<DropReason> RECEIVE_REASONS = EnumSet.of(DropReason.NO_POOL, DropReason.VLAN_FILTER,
            DropReason.RX_RING_FULL, DropReason.LINK_DOWN, DropReason.MALFORMED, DropReason.OVERSIZE, DropReason.DMA_FAULT);
    private static final int WIRE_POOL_SIZE = 8192;
    private static final int UPLINK_DESCRIPTORS = 1024;

    /**
     * @param linkBitsPerSecond the NIC's link speed (the wire is paced to it)
     * @param descriptors every receive ring's size on the path
     * @param interruptIntervalNanos the NIC's interrupt moderation (0: one interrupt per pass that wrote frames)
     * @param guestMode how the guest receives on {@code sriov} (the paravirtual paths' guests always sleep on
     *                  interrupts, passthrough's always polls)
     * @param pinned pin the NIC's thread to one CPU and the host's and guest's threads to another
     * @param app what the guest runs: rxonly, or an app that sends every frame back towards the wire
     */
    public record Options(long linkBitsPerSecond, int descriptors, long interruptIntervalNanos, GuestSpec.Mode guestMode,
            boolean pinned, GuestSpec.App app) {
        public Options {
            if (app == GuestSpec.App.TXONLY) {
                throw new IllegalArgumentException("a path's guest receives the wire's frames: rxonly, macswap, l2fwd or l3fwd");
            }
        }

        public static Options defaults() {
            return new Options(10_000_000_000L, 2048, NicConfig.DEFAULT_INTERRUPT_INTERVAL_NANOS, GuestSpec.Mode.POLL, true,
                    GuestSpec.App.RXONLY);
        }

        public Options withInterruptInterval(long nanos) {
            return new Options(linkBitsPerSecond, descriptors, nanos, guestMode, pinned, app);
        }

        public Options withGuestMode(GuestSpec.Mode mode) {
            return new Options(linkBitsPerSecond, descriptors, interruptIntervalNanos, mode, pinned, app);
        }

        public Options withLinkSpeed(long bitsPerSecond) {
            return new Options(bitsPerSecond, descriptors, interruptIntervalNanos, guestMode, pinned, app);
        }

        public Options withPinning(boolean on) {
            return new Options(linkBitsPerSecond, descriptors, interruptIntervalNanos, guestMode, on, app);
        }

        public Options withApp(GuestSpec.App guestApp) {
            return new Options(linkBitsPerSecond, descriptors, interruptIntervalNanos, guestMode, pinned, guestApp);
        }
    }

    private final VmPath path;
    private final WireSource wire = new WireSource();
    private final Mempool wirePool;
    private Port uplink;
    private EmulatedNic nic;
    /** Every function of the NIC (the PF, and the VF when the path has one). */
    private List<NicFunction> functions = List.of();
    /** The NIC function whose receive ring the NIC writes this path's frames into. */
    private NicFunction ringFunction;
    private VhostDevice vhost;
    private Port vhostPort;
    private HostStage host;
    private Guest guest;
    private Worker hostCore;
    private Worker guestCore;
    /** The address the wire sends to: the guest's (on passthrough, the port's own). */
    private long guestMac;
    private GuestSpec.Mode guestMode;
    /** The wire's total once the latest trial has made all its frames (controlling thread only). */
    private long requested;
    private final Recorder latency = new Recorder(Guest.MAX_LATENCY_NANOS, 3);

    private PathRig(VmPath path) {
        this.path = path;
        this.wirePool = Mempool.builder("wire-" + path.label(), WIRE_POOL_SIZE).cacheSize(0).hugePages(false).build();
    }

    /** Builds {@code path} and starts its threads; the wire is silent until the first {@link #offer}. */
    public static PathRig open(VmPath path, Options options) {
        PathRig rig = new PathRig(path);
        try {
            rig.build(options);
            return rig;
        } catch (RuntimeException e) {
            rig.close();
            throw e;
        }
    }

    private void build(Options options) {
        uplink = new Port(0, "net_wire0", WireSource.DRIVER, wire);
        uplink.configure(1, 1, PortConf.defaults());
        uplink.rxQueueSetup(0, UPLINK_DESCRIPTORS, wirePool);
        uplink.txQueueSetup(0, UPLINK_DESCRIPTORS);
        uplink.start();
        NicConfig config = NicConfig.defaults().withLinkSpeed(options.linkBitsPerSecond())
                .withInterruptInterval(options.interruptIntervalNanos()).withQueuesPerVf(1)
                // through the vswitch: the guest's frames are unknown unicast to the NIC, the PF (the host) takes them
                .withDefaultToPf(switched());
        guestMac = path == VmPath.PASSTHROUGH ? config.pfMac() : GUEST_MAC;
        nic = new EmulatedNic(config, uplink);
        guestMode = switch (path) {
            case NORMAL, VMDQ -> GuestSpec.Mode.INTERRUPT;
            case SRIOV -> options.guestMode();
            case PASSTHROUGH, OVS_DPDK -> GuestSpec.Mode.POLL;
        };
        // Through the vswitch the guest announces its address once (as QEMU's self-announce does), so the
        // vswitch learns where it lives; the announcement leaves for the wire and is not a trial's frame.
        GuestSpec spec = new GuestSpec("vm-" + path.label(), 0, guestMode, options.app(), 1, options.descriptors(),
                List.of(), switched() ? List.of(FlowSpec.of(BROADCAST, GUEST_MAC, 64, 1)) : List.of());
        VfDevice guestDevice = switch (path) {
            case SRIOV -> {
                nic.pf().numVfs(1);
                nic.pf().mac(0, GUEST_MAC);
                ringFunction = nic.vf(0);
                yield ringFunction;
            }
            case PASSTHROUGH -> {
                ringFunction = nic.pfFunction();
                yield ringFunction;
            }
            case VMDQ -> {
                nic.pf().numVfs(1);
                nic.pf().mac(0, GUEST_MAC);
                ringFunction = nic.vf(0);
                yield vhost = new VhostDevice("virtio-" + path.label(), GUEST_MAC, 1);
            }
            case NORMAL, OVS_DPDK -> {
                ringFunction = nic.pfFunction();
                yield vhost = new VhostDevice("virtio-" + path.label(), GUEST_MAC, 1);
            }
        };
        guest = Guest.boot(spec, guestDevice, 1, MemoryZone.anonymous("guest-" + path.label(), Guest.zoneBytes(spec)));
        guest.measureLatency(latency);
        if (vhost != null) {
            HostPort hostQueue = HostPort.open(path.label(), 2, ringFunction, options.descriptors());
            vhostPort = new Port(3, "net_vhost_" + path.label(), VhostBackend.DRIVER, vhost.hostBackend());
            vhostPort.configure(1, 1, PortConf.defaults());
            vhostPort.rxQueueSetup(0, options.descriptors(), hostQueue.pool);
            vhostPort.txQueueSetup(0, options.descriptors());
            vhostPort.start();
            host = path == VmPath.VMDQ ? new VmdqCopier(hostQueue, vhostPort)
                    : new SwitchedHost(hostQueue, vhostPort, path == VmPath.NORMAL);
        }
        functions = nic.functionsEver(); // a rig never changes numvfs: the list is final from here on
        // With two CPUs or more, the NIC (standing for hardware, with silicon of its own) is pinned to
        // the first and the host's and the guest's cores to the second, as a deployment pins its
        // cores: the scheduler then never stacks software onto the busy NIC nor moves threads mid-trial.
        int[] cpus = cpus(options.pinned());
        nic.start(cpus[0]);
        if (host != null) {
            // normal sleeps on the PF's interrupt; OVS-DPDK's PMD thread spins; VMDq's copier takes no
            // interrupt and backs off (16 spins, 16 yields, then parks of 10 to 100 µs) to leave the core to its guest.
            IdlePolicy idle = switch (path) {
                case NORMAL -> SleepingIdlePolicy.interrupt();
                case OVS_DPDK -> new BusyIdlePolicy();
                default -> new BackoffIdlePolicy(16, 16, 10_000, 100_000);
            };
            hostCore = Worker.start("host-" + path.label(), host::pass, idle, host.wakeups(), cpus[1]);
        }
        IdlePolicy guestIdle = switch (guestMode) {
            case POLL -> new BusyIdlePolicy();
            case INTERRUPT -> SleepingIdlePolicy.interrupt();
            case ADAPTIVE -> SleepingIdlePolicy.adaptive();
        };
        guestCore = Worker.start("guest-" + path.label(), guest::poll, guestIdle,
                guestMode == GuestSpec.Mode.POLL ? List.of() : guest.receiveQueues(), cpus[1]);
        if (switched() && !awaitUntil(() -> nic.uplinkStats().txPackets() >= 1, 5_000_000_000L)) {
            throw new IllegalStateException(path.label() + ": the guest's announcement did not reach the wire");
        }
    }

    /** The NIC's CPU and the software's (host and guest), or -1 each when not pinned (or fewer than two CPUs). */
    private static int[] cpus(boolean pinned) {
        BitSet allowed = Affinity.process();
        int first = allowed.nextSetBit(0);
        int second = first < 0 ? -1 : allowed.nextSetBit(first + 1);
        return pinned && second >= 0 ? new int[] {first, second} : new int[] {-1, -1};
    }

    /** The paths through the hypervisor's vswitch. */
    private boolean switched() {
        return path == VmPath.NORMAL || path == VmPath.OVS_DPDK;
    }

    public VmPath path() {
        return path;
    }

    /** Starts a trial: {@code count} frames of {@code size} bytes at {@code ratePps} (0: as fast as the link allows). */
    public void offer(long count, long ratePps, int size) {
        requested = wire.offered() + count;
        wire.offer(FlowSpec.of(guestMac, WIRE_MAC, size, count).withRate(ratePps));
    }

    /** Waits until the wire has made {@code total} frames since the rig opened; false on timeout. */
    public boolean awaitOffered(long total, long timeoutNanos) {
        return awaitUntil(() -> wire.offered() >= total, timeoutNanos);
    }

    /**
     * Waits until the latest trial has made all its frames and every one is delivered or counted
     * as dropped (checked twice, 1 ms apart); false on timeout, when frames are still in flight.
     */
    public boolean awaitSettled(long timeoutNanos) {
        return awaitUntil(() -> {
            long offered = wire.offered();
            if (offered < requested || inFlight() != 0) {
                return false;
            }
            LockSupport.parkNanos(1_000_000);
            return inFlight() == 0 && wire.offered() == offered;
        }, timeoutNanos);
    }

    /**
     * Frames offered and not yet delivered or counted as dropped. Reads the counters directly,
     * allocating nothing: the controlling thread asks often, and garbage from it would bring
     * collections (and their pauses) to the cores it measures.
     */
    private long inFlight() {
        return wire.offered() - guest.rxPackets() - receiveDrops();
    }

    /** The wire's frames dropped on their way to the guest's app (not what a forwarding app sent back). */
    private long receiveDrops() {
        long dropped = receiveDrops(nic.nicStats());
        for (NicFunction f : functions) {
            dropped += receiveDrops(f.stats());
        }
        if (host != null) {
            dropped += host.dropped() + vhostPort.txQueue(0).errors();
        }
        return dropped;
    }

    private static long receiveDrops(FunctionStats stats) {
        long n = 0;
        for (DropReason r : RECEIVE_REASONS) {
            n += stats.drops(r);
        }
        return n;
    }

    /** Every drop on the path in both directions, the receive drops' part included. */
    private long allDrops() {
        long dropped = nic.nicStats().totalDrops();
        for (NicFunction f : functions) {
            dropped += f.stats().totalDrops();
        }
        if (host != null) {
            dropped += host.dropped() + host.returnDropped() + vhostPort.txQueue(0).errors();
        }
        return dropped + guest.appDropped();
    }

    private boolean awaitUntil(java.util.function.BooleanSupplier done, long timeoutNanos) {
        long deadline = System.nanoTime() + timeoutNanos;
        while (!done.getAsBoolean()) {
            failIfBroken();
            if (System.nanoTime() > deadline) {
                return false;
            }
            LockSupport.parkNanos(500_000);
        }
        return true;
    }

    private void failIfBroken() {
        for (Worker w : new Worker[] {hostCore, guestCore}) {
            if (w != null && w.failure() != null) {
                throw new IllegalStateException(path.label() + ": a core failed: " + w.failure(), w.failure());
            }
        }
    }

    /** The wire's state for an error message: frames made, and its pool's free mbufs. */
    String wireState() {
        return "the wire made " + wire.offered() + " of " + requested + " frames; " + wirePool.availableCount() + " of "
                + wirePool.size() + " wire mbufs free, " + uplink.rxQueue(0).noMbuf() + " bursts without mbufs";
    }

    /** Latency of the frames the guest received since the previous call. */
    public Histogram takeLatency() {
        return latency.getIntervalHistogram();
    }

    /** Every counter of the path, now. */
    public Snapshot snapshot() {
        long nicCpu = nic.serviceCpuNanosNow();
        Map<String, Long> drops = new HashMap<>();
        addReceiveDrops(drops, nic.nicStats());
        for (NicFunction f : functions) {
            addReceiveDrops(drops, f.stats());
        }
        if (host != null) {
            host.drops().forEach((k, v) -> drops.merge(k, v, Long::sum));
            long oversize = vhostPort.txQueue(0).errors();
            if (oversize != 0) {
                drops.merge("oversize", oversize, Long::sum);
            }
        }
        long hostInterrupts = switched() ? ringFunction.stats().interrupts() : 0;
        long guestInterrupts = vhost != null ? vhost.interrupts() : ringFunction.stats().interrupts();
        return new Snapshot(System.nanoTime(), wire.offered(), nic.uplinkStats().txPackets(), allDrops() - receiveDrops(),
                ringFunction.stats().rxPackets(),
                vhost != null ? vhost.copiesToGuest() : 0, guest.rxPackets(), drops, hostInterrupts, guestInterrupts, nicCpu,
                hostCore != null ? hostCore.cpuNanos() : 0, guestCore.cpuNanos());
    }

    private static void addReceiveDrops(Map<String, Long> into, FunctionStats stats) {
        for (DropReason r : RECEIVE_REASONS) {
            long n = stats.drops(r);
            if (n != 0) {
                into.merge(r.key(), n, Long::sum);
            }
        }
    }

    /** The path's stages from the wire to the guest's app, with a run's counts (the difference of two snapshots). */
    public List<Stage> stages(Snapshot run) {
        return PathStages.of(path, guestMode, run);
    }

    /** Stops the cores and the NIC and frees the path's memory; the counters stay readable. */
    @Override
    public void close() {
        if (hostCore != null) {
            hostCore.close();
        }
        if (guestCore != null) {
            guestCore.close();
        }
        if (nic != null) {
            nic.close();
        }
        if (guest != null) {
            guest.stop();
            guest.close();
        }
        if (vhostPort != null) {
            vhostPort.close();
        }
        if (host != null) {
            host.close();
        }
        if (uplink != null) {
            uplink.close();
        }
        wirePool.close();
    }
}
