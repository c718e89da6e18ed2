package io.wirespeed.virt.nic;

import io.wirespeed.classify.rss.RedirectionTable;
import io.wirespeed.classify.rss.ToeplitzHash;
import io.wirespeed.ethdev.Port;
import io.wirespeed.mbuf.Mempool;
import io.wirespeed.net.MacAddress;
import io.wirespeed.sys.Log;
import io.wirespeed.virt.vf.MailboxReply;
import io.wirespeed.virt.vf.MailboxRequest;
import io.wirespeed.virt.vf.XcastMode;
import java.lang.foreign.Arena;
import io.wirespeed.sys.Affinity;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * The emulated SR-IOV / VMDq NIC: an uplink port, a PF with its own pool and up to
 * {@code totalvfs} VFs, and the service thread that does the switching. Configuration (the PF's
 * admin operations, the VFs' mailbox requests, drivers starting and stopping) happens under one
 * lock and ends by publishing a new forwarding table; the service thread reads the table once
 * per pass and never takes the lock.
 */
public final class EmulatedNic implements AutoCloseable {
    public static final int MAX_QUEUES_PER_FUNCTION = 8;
    /** The multicast groups one VF may subscribe to (ixgbe's mailbox carries 30). */
    public static final int MAX_MULTICAST_GROUPS = 30;
    private static final int IDLE_SPINS_BEFORE_PARK = 1_000;
    private static final long IDLE_PARK_NANOS = 20_000;
    private static final long QUIESCENCE_TIMEOUT_NANOS = 2_000_000_000L;
    private static final String LOG = "nic";

    private final Object lock = new Object();
    private final NicConfig config;
    private final Port uplink;
    private final Arena arena = Arena.ofShared();
    private final Mempool wirePool;
    private final NicFunction[] vfs;
    private final NicFunction pf;
    private final FunctionStats uplinkStats = new FunctionStats();
    private final FunctionStats nicStats = new FunctionStats();
    private final PhysicalFunction admin;
    private final NicEngine engine;
    private final byte[] rssKey = ToeplitzHash.microsoftKey();
    private volatile ForwardingTable table;
    /** Passes the service thread has finished; waiters for quiescence watch it move. */
    private volatile long passes;
    private volatile boolean running;
    private Thread thread;
    private boolean closed;
    private volatile long serviceCpuNanos;
    private int numVfs;
    /** VFs removed by numvfs 0, kept so that what they counted is never lost. Guarded by the lock. */
    private final List<NicFunction> retired = new ArrayList<>();

    /**
     * A NIC on {@code uplink} (a started port with one queue pair). The NIC owns neither the port
     * nor its pool; {@link #close} stops the service thread and releases the NIC's own memory.
     */
    public EmulatedNic(NicConfig config, Port uplink) {
        this(config, uplink, System::nanoTime);
    }

    /** A NIC whose pacing and interrupt moderation read {@code clock} (tests drive time themselves). */
    EmulatedNic(NicConfig config, Port uplink, LongSupplier clock) {
        this.config = config;
        this.uplink = uplink;
        this.vfs = new NicFunction[config.totalVfs()];
        this.pf = new NicFunction(this, config.totalVfs(), "pf", true, config.queuesPerVf(),
                VfSettings.DEFAULT.withMac(config.pfMac()).withTrust(true).withSpoofCheck(false));
        this.wirePool = Mempool.builder("nic-wire", 4096).cacheSize(0).hugePages(false).build();
        this.admin = new PhysicalFunction(this);
        this.engine = new NicEngine(() -> table, uplink, wirePool, uplinkStats, nicStats, config.linkBitsPerSecond(),
                config.interruptIntervalNanos(), clock);
        synchronized (lock) {
            pf.resetDone(true);
            republish();
        }
    }

    public NicConfig config() {
        return config;
    }

    /** The PF's administration: numvfs and the per-VF settings ({@code ip link set ... vf N ...}). */
    public PhysicalFunction pf() {
        return admin;
    }

    /** The PF's own pool, a function a host driver can attach to like a VF. */
    public NicFunction pfFunction() {
        return pf;
    }

    /** VF {@code index}; it must exist (index below numvfs). */
    public NicFunction vf(int index) {
        synchronized (lock) {
            admin.checkVf(index);
            return vfs[index];
        }
    }

    /**
     * Every function that has counted anything: the VFs that exist, the VFs removed since the
     * NIC was made (numvfs 0), and the PF's pool. Summing their counters with the NIC's own gives
     * the conservation account however numvfs changed.
     */
    public List<NicFunction> functionsEver() {
        synchronized (lock) {
            List<NicFunction> all = new ArrayList<>(retired);
            all.addAll(allFunctions());
            return all;
        }
    }

    /** The VFs removed by numvfs 0 since the NIC was made, oldest first. */
    public List<NicFunction> retiredVfs() {
        synchronized (lock) {
            return List.copyOf(retired);
        }
    }

    /** Frames from and to the wire: rx = arrived on the uplink, tx = left through it. */
    public FunctionStats uplinkStats() {
        return uplinkStats;
    }

    /** Drops no function is to blame for (no pool, malformed from the wire, uplink full). */
    public FunctionStats nicStats() {
        return nicStats;
    }

    /** CPU time the service thread has used so far: the NIC's time, never the host's or a guest's. */
    public long serviceCpuNanos() {
        return serviceCpuNanos;
    }

    /** The service thread's CPU time read now (while it runs), else its final figure. */
    public long serviceCpuNanosNow() {
        Thread t = thread;
        if (t != null && t.isAlive()) {
            long live = ManagementFactory.getThreadMXBean().getThreadCpuTime(t.threadId());
            if (live >= 0) {
                return Math.max(live, serviceCpuNanos);
            }
        }
        return serviceCpuNanos;
    }

    public Port uplink() {
        return uplink;
    }

    // ---- the service thread -------------------------------------------------------------------

    /** Starts the service thread (once). */
    public synchronized void start() {
        start(-1);
    }

    /** Starts the service thread (once) pinned to {@code cpu}, or wherever the scheduler puts it when -1. */
    public synchronized void start(int cpu) {
        if (thread != null) {
            return;
        }
        running = true;
        thread = Thread.ofPlatform().name("nic-service").daemon().start(() -> {
            if (cpu >= 0) {
                Affinity.setCurrentThread(cpu);
            }
            serve();
        });
    }

    private void serve() {
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        int idle = 0;
        long pass = 0;
        while (running) {
            int work = engine.runOnce();
            passes = ++pass;
            if (work > 0) {
                idle = 0;
            } else if (++idle < IDLE_SPINS_BEFORE_PARK) {
                Thread.onSpinWait();
            } else {
                LockSupport.parkNanos(IDLE_PARK_NANOS);
            }
            if ((pass & 1023) == 0) {
                serviceCpuNanos = cpu.getCurrentThreadCpuTime();
            }
        }
        engine.close();
        serviceCpuNanos = cpu.getCurrentThreadCpuTime();
    }

    /** Runs passes on the caller's thread (tests and benchmarks that drive the NIC themselves). */
    public int poll() {
        if (running) {
            throw new IllegalStateException("the NIC's service thread is running");
        }
        int work = engine.runOnce();
        passes = passes + 1;
        return work;
    }

    /** Waits until the service thread has begun a pass after the latest table was published. */
    void awaitQuiescence() {
        Thread t = thread;
        if (!running || t == null || Thread.currentThread() == t) {
            return;
        }
        long seen = passes;
        long deadline = System.nanoTime() + QUIESCENCE_TIMEOUT_NANOS;
        while (running && passes < seen + 2) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the NIC's service thread did not finish its pass within 2 s");
            }
            LockSupport.parkNanos(10_000);
        }
    }

    /** Stops the service thread and releases the NIC's memory; a second call does nothing. */
    @Override
    public void close() {
        Thread t;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            t = thread;
            running = false;
        }
        if (t != null) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        } else {
            engine.close();
        }
        synchronized (lock) {
            for (NicFunction f : allFunctions()) {
                f.closeInterrupts();
            }
        }
        wirePool.close();
        arena.close();
    }

    // ---- configuration, under the lock --------------------------------------------------------

    Object lock() {
        return lock;
    }

    Arena arena() {
        return arena;
    }

    boolean uplinkUp() {
        return uplink.link().up();
    }

    int numVfs() {
        return numVfs;
    }

    NicFunction[] vfSlots() {
        return vfs;
    }

    /** Creates or removes VFs (the caller validated the count). */
    void setNumVfs(int n) {
        if (n == 0) {
            for (int i = 0; i < numVfs; i++) {
                vfs[i].remove();
                retired.add(vfs[i]);
            }
        } else {
            for (int i = 0; i < n; i++) {
                vfs[i] = new NicFunction(this, i, "vf" + i, false, config.queuesPerVf(), VfSettings.DEFAULT);
            }
        }
        numVfs = n;
        republish();
    }

    List<NicFunction> allFunctions() {
        List<NicFunction> all = new ArrayList<>(numVfs + 1);
        for (int i = 0; i < numVfs; i++) {
            all.add(vfs[i]);
        }
        all.add(pf);
        return all;
    }

    /** Rebuilds the forwarding table from every function's state and publishes it. */
    void republish() {
        table = new ForwardingTable(allFunctions(), config.defaultToPf() ? pf : null, config.switchMode());
    }

    // ---- the mailbox --------------------------------------------------------------------------

    MailboxReply mailbox(NicFunction f, MailboxRequest request) {
        synchronized (lock) {
            if (f.removed()) {
                return refuse(f, request, "the function was removed (numvfs changed)");
            }
            if (request instanceof MailboxRequest.Reset) {
                return reset(f);
            }
            if (!f.resetDone()) {
                return refuse(f, request, "the VF has not completed a reset");
            }
            return switch (request) {
                case MailboxRequest.SetMac m -> setMac(f, m);
                case MailboxRequest.SetMulticast m -> setMulticast(f, m);
                case MailboxRequest.SetVlan v -> setVlan(f, v);
                case MailboxRequest.SetXcast x -> setXcast(f, x);
                case MailboxRequest.GetQueues q -> MailboxReply.ack(f.maxQueues());
                case MailboxRequest.GetRssKey k -> f.settings().queryRss() || f.isPhysical()
                        ? MailboxReply.ack(rssKey) : refuse(f, request, "query_rss is off for this VF");
                case MailboxRequest.GetReta r -> f.settings().queryRss() || f.isPhysical()
                        ? MailboxReply.ack(reta(f)) : refuse(f, request, "query_rss is off for this VF");
                case MailboxRequest.Reset r -> reset(f);
            };
        }
    }

    private MailboxReply refuse(NicFunction f, MailboxRequest request, String why) {
        f.countRefusal(request.name());
        Log.info(LOG, f.name() + ": refused " + request.name() + ": " + why);
        return MailboxReply.refused(why);
    }

    /**
     * The driver's reset: what it asked for before is forgotten; the PF answers with the MAC the
     * function is to use (the PF's choice, else a locally administered one made from the VF number).
     */
    private MailboxReply reset(NicFunction f) {
        long mac = f.settings().mac();
        GuestFilters cleared = GuestFilters.INITIAL;
        if (mac == 0) {
            mac = 0x02_00_00_00_00_00L | 0x57_00_00L | f.index(); // 02:00:00:57:xx:xx, one per VF
            cleared = cleared.withMac(mac);
        }
        f.filters(cleared);
        f.resetDone(true);
        republish();
        return MailboxReply.ack(mac);
    }

    private MailboxReply setMac(NicFunction f, MailboxRequest.SetMac m) {
        if (!MacAddress.isUnicast(m.mac()) || m.mac() == 0) {
            return refuse(f, m, MacAddress.format(m.mac()) + " is not a unicast address");
        }
        VfSettings s = f.settings();
        if (s.mac() != 0 && !s.trust()) {
            return refuse(f, m, "the PF set this VF's MAC and the VF is not trusted");
        }
        if (s.mac() != 0) {
            f.settings(s.withMac(m.mac()));
        } else {
            f.filters(f.filters().withMac(m.mac()));
        }
        republish();
        return MailboxReply.ack(m.mac());
    }

    private MailboxReply setMulticast(NicFunction f, MailboxRequest.SetMulticast m) {
        long[] groups = m.groups();
        if (groups.length > MAX_MULTICAST_GROUPS) {
            return refuse(f, m, groups.length + " multicast groups (at most " + MAX_MULTICAST_GROUPS + ")");
        }
        for (long g : groups) {
            if (!MacAddress.isMulticast(g) || MacAddress.isBroadcast(g)) {
                return refuse(f, m, MacAddress.format(g) + " is not a multicast group address");
            }
        }
        f.filters(f.filters().withMulticast(groups));
        republish();
        return MailboxReply.ack(groups.length);
    }

    private MailboxReply setVlan(NicFunction f, MailboxRequest.SetVlan v) {
        if (f.settings().vlan() != 0) {
            return refuse(f, v, "a port VLAN (" + f.settings().vlan() + ") is set for this VF");
        }
        if (v.vlan() < 1 || v.vlan() > 4094) {
            return refuse(f, v, "VLAN " + v.vlan() + " is outside 1..4094");
        }
        f.filters(f.filters().withVlan(v.vlan(), v.on()));
        republish();
        return MailboxReply.ack(v.vlan());
    }

    private MailboxReply setXcast(NicFunction f, MailboxRequest.SetXcast x) {
        XcastMode granted = x.mode();
        if (!f.settings().trust() && granted.compareTo(XcastMode.MULTI) > 0) {
            refuse(f, x, x.mode().word() + " needs trust; clamped to multi");
            granted = XcastMode.MULTI;
        }
        f.filters(f.filters().withXcast(granted));
        republish();
        return MailboxReply.ack(granted.ordinal());
    }

    private static byte[] reta(NicFunction f) {
        RedirectionTable t = new RedirectionTable(RedirectionTable.MIN_SIZE, f.maxQueues());
        byte[] out = new byte[t.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) t.entry(i);
        }
        return out;
    }
}
