package io.wirespeed.virt.scenario;

import io.wirespeed.ethdev.Port;
import io.wirespeed.ethdev.PortConf;
import io.wirespeed.lcore.InterruptSource;
import io.wirespeed.mbuf.Mbuf;
import io.wirespeed.mbuf.Mempool;
import io.wirespeed.memory.MemoryZone;
import io.wirespeed.virt.traffic.FlowSource;
import io.wirespeed.virt.traffic.FlowSpec;
import io.wirespeed.virt.traffic.WireStamp;
import io.wirespeed.virt.vf.DescriptorRing;
import io.wirespeed.virt.vf.MailboxReply;
import io.wirespeed.virt.vf.MailboxRequest;
import io.wirespeed.virt.vf.VfDevice;
import io.wirespeed.virt.vf.VfPortBackend;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLongArray;
import org.HdrHistogram.Recorder;

/**
 * A guest on one NIC function: a memory zone of its own, a mempool in it, a started
 * {@code net_vf} port whose rings live there, and the app it runs. One thread calls
 * {@link #poll}; the counters are written by that thread alone (opaque stores) and read by any.
 */
public final class Guest implements AutoCloseable {
    static final int BURST = 32;
    /** NAPI's weight: the most frames a pass takes from one queue before it lets the loop go on. */
    static final int BUDGET = 64;
    private static final int RX_PACKETS = 0;
    private static final int RX_BYTES = 1;
    private static final int TX_PACKETS = 2;
    private static final int TX_BYTES = 3;
    /** An mbuf's footprint in the zone: headroom, data room and alignment. */
    private static final int MBUF_BYTES = 128 + 2048 + 128;
    /** Mbufs beyond what the rings hold: a burst being made, a burst being freed. */
    private static final int POOL_SLACK = 4 * BURST;

    final GuestSpec spec;
    private final MemoryZone zone;
    private final Mempool pool;
    private final Port port;
    private final FlowSource[] sources;
    private final Mbuf[] burst = new Mbuf[BURST];
    private final AtomicLongArray counters = new AtomicLongArray(4);
    private final List<String> refusals;
    private int nextSource;
    /** Wire-to-app latency of every stamped frame received, when measured (set before the guest's thread starts). */
    private Recorder latency;
    /** The longest latency a recorder must hold (longer ones are recorded as this). */
    public static final long MAX_LATENCY_NANOS = 60_000_000_000L;
    /** Written by the guest's thread before it ends, read after it was joined. */
    private long sleeps;
    private long wakeups;

    private final GuestApp app;
    private final GuestDrops drops = new GuestDrops();

    private Guest(GuestSpec spec, MemoryZone zone, Mempool pool, Port port, FlowSource[] sources, List<String> refusals,
            GuestApp app) {
        this.spec = spec;
        this.app = app;
        this.refusals = List.copyOf(refusals);
        this.zone = zone;
        this.pool = pool;
        this.port = port;
        this.sources = sources;
    }

    /**
     * Boots the guest: its memory, the driver's probe (the mailbox reset), the queues, the
     * start, then the mailbox requests the scenario lists (refusals are recorded, not errors).
     */
    static Guest boot(GuestSpec spec, VfDevice function, int portId) {
        return boot(spec, function, portId, MemoryZone.anonymous("guest-" + spec.name(), zoneBytes(spec)));
    }

    /** The memory a guest needs: its mempool and its rings. */
    public static long zoneBytes(GuestSpec spec) {
        int poolSize = poolSize(spec);
        return (long) poolSize * MBUF_BYTES + 2L * spec.queues() * DescriptorRing.bytes(spec.descriptors()) + (1 << 20);
    }

    private static int poolSize(GuestSpec spec) {
        return spec.queues() * spec.descriptors() * 2 + POOL_SLACK;
    }

    /**
     * Boots a guest in {@code zone} (at least {@link #zoneBytes} long; the guest owns it from here
     * on) on {@code function}, which may be a VF of a NIC in another process.
     */
    public static Guest boot(GuestSpec spec, VfDevice function, int portId, MemoryZone zone) {
        int descriptors = spec.descriptors();
        int poolSize = poolSize(spec);
        Mempool pool = null;
        Port port = null;
        try {
            pool = Mempool.builder("guest-" + spec.name(), poolSize).cacheSize(0).zone(zone).build();
            port = new Port(portId, "net_vf_" + spec.name(), VfPortBackend.DRIVER, new VfPortBackend(function, zone));
            // A VF's driver starts unicast + multicast, as Linux's do; promiscuous is a request the PF may refuse.
            port.configure(spec.queues(), spec.queues(), new PortConf(PortConf.DEFAULT_MTU, false));
            for (int q = 0; q < spec.queues(); q++) {
                port.rxQueueSetup(q, descriptors, pool);
                port.txQueueSetup(q, descriptors);
            }
            port.start();
            List<String> refusals = new ArrayList<>();
            long own = port.macAddress().bits();
            for (MailboxRequest r : spec.requests()) {
                MailboxReply reply = function.request(r);
                if (!reply.acknowledged()) {
                    refusals.add(r.name() + ": " + reply.refusal());
                } else if (r instanceof MailboxRequest.SetMac m) {
                    own = m.mac();
                }
            }
            FlowSource[] sources = new FlowSource[spec.frames().size()];
            for (int i = 0; i < sources.length; i++) {
                FlowSpec f = spec.frames().get(i);
                sources[i] = new FlowSource(f.source() != 0 ? f : new FlowSpec(f.destination(), own, f.vlan(),
                        f.outerTpid(), f.innerVlan(), f.qos(), f.size(), f.count(), f.ratePps()));
            }
            Guest guest = new Guest(spec, zone, pool, port, sources, refusals, GuestApp.of(spec.app(), own, portId));
            return guest;
        } catch (RuntimeException e) {
            if (port != null) {
                port.close();
            }
            if (pool != null) {
                pool.close();
            }
            zone.close();
            throw e;
        }
    }

    /**
     * One pass: takes up to {@link #BUDGET} frames from each receive queue and hands them to the
     * app (which frees them or sends them back), then sends what the flows have due. Returns the
     * frames it moved.
     */
    public int poll(long now) {
        int work = 0;
        for (int q = 0; q < spec.queues(); q++) {
            int taken = 0;
            int n;
            while (taken < BUDGET && (n = port.rxBurst(q, burst, 0, Math.min(BURST, BUDGET - taken))) > 0) {
                long bytes = 0;
                for (int i = 0; i < n; i++) {
                    bytes += burst[i].packetLength();
                }
                if (latency != null) {
                    recordLatency(n);
                }
                add(RX_PACKETS, n);
                add(RX_BYTES, bytes);
                taken += n;
                forward(q, app.handle(burst, n, drops));
            }
            work += taken;
        }
        return work + send(now);
    }

    /** Sends the app's rewritten frames back out of queue {@code q}; what does not fit is freed and counted. */
    private void forward(int q, int n) {
        if (n == 0) {
            return;
        }
        long bytes = 0;
        for (int i = 0; i < n; i++) {
            bytes += burst[i].packetLength();
        }
        int sent = port.txBurst(q, burst, 0, n);
        if (sent < n) {
            for (int i = sent; i < n; i++) {
                bytes -= burst[i].packetLength();
            }
            Mbuf.freeBulk(burst, sent, n - sent);
            drops.add(GuestDrops.Reason.TX_FULL, n - sent);
        }
        add(TX_PACKETS, sent);
        add(TX_BYTES, bytes);
    }

    /** One clock read per burst: the app sees the whole burst at once. */
    private void recordLatency(int n) {
        long now = System.nanoTime();
        for (int i = 0; i < n; i++) {
            Mbuf m = burst[i];
            long stamp = WireStamp.read(m.buffer(), m.dataOffset(), m.dataLength());
            if (stamp > 0 && stamp <= now) {
                latency.recordValue(Math.min(now - stamp, MAX_LATENCY_NANOS));
            }
        }
    }

    /**
     * Measures wire-to-app latency into {@code recorder} from here on (frames stamped by the wire's
     * generator, see {@link WireStamp}). Call before the guest's thread starts polling.
     */
    public void measureLatency(Recorder recorder) {
        this.latency = recorder;
    }

    private int send(long now) {
        for (int tried = 0; tried < sources.length; tried++) {
            FlowSource s = sources[nextSource];
            nextSource = nextSource + 1 == sources.length ? 0 : nextSource + 1;
            int made = s.make(pool, burst, 0, BURST, now);
            if (made == 0) {
                continue;
            }
            int sent = port.txBurst(0, burst, 0, made);
            if (sent < made) {
                Mbuf.freeBulk(burst, sent, made - sent);
                s.unmake(made - sent); // the ring is full (a rate limit pushing back): made again later
            }
            add(TX_PACKETS, sent);
            add(TX_BYTES, (long) sent * s.spec().size());
            return sent;
        }
        return 0;
    }

    private void add(int counter, long n) {
        counters.setOpaque(counter, counters.getOpaque(counter) + n);
    }

    /** Every flow has handed all its frames to the port. */
    public boolean sendingDone() {
        for (FlowSource s : sources) {
            if (!s.done()) {
                return false;
            }
        }
        return true;
    }

    public List<InterruptSource> receiveQueues() {
        List<InterruptSource> out = new ArrayList<>();
        for (int q = 0; q < spec.queues(); q++) {
            out.add(port.rxQueue(q));
        }
        return out;
    }

    public long rxPackets() {
        return counters.getOpaque(RX_PACKETS);
    }

    public long rxBytes() {
        return counters.getOpaque(RX_BYTES);
    }

    public long txPackets() {
        return counters.getOpaque(TX_PACKETS);
    }

    public long txBytes() {
        return counters.getOpaque(TX_BYTES);
    }

    /** Guest thread, as its loop ends: how often it slept on its interrupts, and how often one woke it. */
    public void recordSleeps(long sleeps, long wakeups) {
        this.sleeps = sleeps;
        this.wakeups = wakeups;
    }

    public long sleeps() {
        return sleeps;
    }

    public long wakeups() {
        return wakeups;
    }

    /** Frames the app received and did not forward, all reasons (allocating nothing). */
    public long appDropped() {
        return drops.total();
    }

    /** Frames the app received and did not forward, by reason ({@code no_route}, {@code tx_full}, ...). */
    public java.util.Map<String, Long> appDrops() {
        return drops.nonZero();
    }

    /** The mailbox requests the PF refused, as {@code request: why}. */
    public List<String> refusals() {
        return refusals;
    }

    /** Stops the port: the NIC counts what the guest queued and it never sent. */
    public void stop() {
        port.stop();
    }

    @Override
    public void close() {
        port.close();
        pool.close();
        zone.close();
    }
}
