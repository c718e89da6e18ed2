package io.wirespeed.ethdev;

import io.wirespeed.mbuf.Mbuf;
import io.wirespeed.ring.Ring;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One receive queue of a {@link SteeredPortBackend}. Packets steered here by any drainer wait in
 * {@link #arrivals}, a ring with many producers and this queue's lcore as its one consumer. A queue
 * whose number the device also has drains that device queue itself: it keeps the packets steered
 * to it, stages the others per target queue and enqueues each target's share in one burst; a
 * packet that finds its target's ring full is freed and counted ({@link #ringFull}), as a NIC
 * counts a full queue's drops.
 *
 * <p>Memory ordering: the peer array and the device queues are set up by the control thread before
 * the port starts, and lcores are launched after, so the lcores see them fully built. The ring's
 * release/acquire makes a staged packet's contents visible to the lcore that dequeues it.
 */
final class SteeredRxQueue extends RxQueue {
    /** Most packets taken from the device per burst, the size of each staging array. */
    static final int MAX_DEVICE_BURST = 256;

    private static final VarHandle COUNTER = MethodHandles.arrayElementVarHandle(long[].class);
    private static final VarHandle RING_FULL;
    private static final VarHandle DEVICE_DONE;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            RING_FULL = l.findVarHandle(SteeredRxQueue.class, "ringFull", long.class);
            DEVICE_DONE = l.findVarHandle(SteeredRxQueue.class, "deviceDone", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final Ring<Mbuf> arrivals;
    private final RxSteering steering;
    /** Every queue of the port by number, this one included. */
    private final SteeredRxQueue[] peers;
    /** The device queue this queue drains, or null when the device has fewer queues. */
    private final RxQueue device;
    private final RxSteering.Steerer steerer;
    private final Mbuf[][] staged;
    private final int[] stagedCount;
    private final int[] touched;
    /** Packets dropped by the steerer, per reason. */
    private final long[] dropped;
    @SuppressWarnings("unused") // through RING_FULL
    private long ringFull;
    /** Set once the device queue is exhausted and its last burst has been steered. */
    @SuppressWarnings("unused") // through DEVICE_DONE
    private boolean deviceDone;

    SteeredRxQueue(int portId, int queueId, Ring<Mbuf> arrivals, RxSteering steering, SteeredRxQueue[] peers,
                   RxQueue device, RxSteering.Steerer steerer, int dropReasons) {
        super(portId, queueId);
        this.arrivals = arrivals;
        this.steering = steering;
        this.peers = peers;
        this.device = device;
        this.steerer = steerer;
        this.dropped = new long[dropReasons];
        if (device != null) {
            staged = new Mbuf[peers.length][MAX_DEVICE_BURST];
            stagedCount = new int[peers.length];
            touched = new int[peers.length];
        } else {
            staged = null;
            stagedCount = null;
            touched = null;
        }
    }

    @Override
    public int rxBurst(Mbuf[] mbufs, int offset, int n) {
        // What others steered here first, but leave the device at least half the burst.
        int got = arrivals.dequeueBurst(mbufs, offset, device == null ? n : (n + 1) >>> 1);
        long bytes = 0;
        for (int i = offset; i < offset + got; i++) {
            bytes += mbufs[i].packetLength();
        }
        if (device != null && got < n) {
            boolean wasExhausted = device.isExhausted();
            int at = offset + got;
            long deviceBytes = device.bytes();
            int r = device.rxBurst(mbufs, at, Math.min(n - got, MAX_DEVICE_BURST));
            if (r > 0 && !steering.isPassThrough()) {
                r = steer(mbufs, at, r);
                for (int i = at; i < at + r; i++) {
                    bytes += mbufs[i].packetLength();
                }
            } else {
                // Passed through whole: the device counted the bytes, so no second walk over the burst.
                bytes += device.bytes() - deviceBytes;
            }
            got += r;
            if (wasExhausted && r == 0) {
                // Release: the last burst's packets are in their rings before another queue sees this.
                DEVICE_DONE.setRelease(this, true);
            }
        }
        if (got > 0) {
            count(got, bytes);
        }
        return got;
    }

    /** Keeps this queue's packets in {@code mbufs[at..]}, hands the others on; returns how many stay. */
    private int steer(Mbuf[] mbufs, int at, int n) {
        int self = queueId();
        int kept = 0;
        int targets = 0;
        for (int i = at; i < at + n; i++) {
            Mbuf m = mbufs[i];
            int q = steerer.queueFor(m);
            if (q == self) {
                mbufs[at + kept++] = m;
            } else if (q >= 0 && q < peers.length) {
                int c = stagedCount[q]++;
                if (c == 0) {
                    touched[targets++] = q;
                }
                staged[q][c] = m;
            } else {
                // A queue number past the port's is the steerer's bug: counted under the last reason.
                int reason = q < 0 && -1 - q < dropped.length ? -1 - q : dropped.length - 1;
                COUNTER.setOpaque(dropped, reason, (long) COUNTER.getOpaque(dropped, reason) + 1);
                m.free();
            }
        }
        for (int t = 0; t < targets; t++) {
            int q = touched[t];
            int c = stagedCount[q];
            stagedCount[q] = 0;
            int in = peers[q].arrivals.enqueueBurst(staged[q], 0, c);
            if (in < c) {
                Mbuf.freeBulk(staged[q], in, c - in);
                RING_FULL.setOpaque(this, (long) RING_FULL.getOpaque(this) + (c - in));
            }
        }
        return kept;
    }

    /** Packets this queue's drainer steered to a queue whose ring was full. */
    long ringFull() {
        return (long) RING_FULL.getOpaque(this);
    }

    /** Packets this queue's drainer dropped for reason {@code reason}. */
    long dropped(int reason) {
        return (long) COUNTER.getOpaque(dropped, reason);
    }

    RxQueue device() {
        return device;
    }

    /** The device's own drops for want of room, and the drops at full rings this queue's drainer saw. */
    @Override
    public long missed() {
        return super.missed() + ringFull() + (device != null ? device.missed() : 0);
    }

    @Override
    public long noMbuf() {
        return device != null ? device.noMbuf() : 0;
    }

    @Override
    public int interruptFd() {
        return device != null ? device.interruptFd() : -1;
    }

    @Override
    public void interruptEnable(boolean on) {
        if (device != null) {
            device.interruptEnable(on);
        }
    }

    @Override
    public void sleptOn() {
        if (device != null) {
            device.sleptOn();
        }
    }

    /** Finite when every device queue is: the port's packets then come from sources that end. */
    @Override
    public boolean isFinite() {
        for (SteeredRxQueue p : peers) {
            if (p == null || p.device != null && !p.device.isFinite()) {
                return false;
            }
        }
        return true;
    }

    /** Exhausted once every device queue has been read to its end and steered, and the ring is empty. */
    @Override
    public boolean isExhausted() {
        for (SteeredRxQueue p : peers) {
            if (p == null || p.device != null && !(boolean) DEVICE_DONE.getAcquire(p)) {
                return false;
            }
        }
        return arrivals.isEmpty();
    }

    @Override
    protected void release() {
        Mbuf m;
        while ((m = arrivals.poll()) != null) {
            m.free();
        }
        if (device != null) {
            device.release();
        }
    }
}
