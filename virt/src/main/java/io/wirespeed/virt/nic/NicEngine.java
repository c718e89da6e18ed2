package io.wirespeed.virt.nic;

import io.wirespeed.classify.rss.RedirectionTable;
import io.wirespeed.classify.rss.RssFunction;
import io.wirespeed.classify.rss.RssHashTypes;
import io.wirespeed.classify.rss.ToeplitzHash;
import io.wirespeed.ethdev.Port;
import io.wirespeed.mbuf.Mbuf;
import io.wirespeed.mbuf.Mempool;
import io.wirespeed.net.MacAddress;
import java.lang.invoke.VarHandle;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The NIC's "silicon": one pass takes a burst from the wire and sorts it into the functions'
 * receive rings, drains every active function's transmit ring through spoof check, rate limit,
 * port VLAN insertion and the internal switch, sends what leaves to the wire, and raises the
 * interrupts that are due. Runs on the NIC's service thread only; reads the forwarding table
 * the NIC publishes once per pass, allocates nothing.
 */
final class NicEngine {
    static final int BURST = 32;
    /** Preamble, start delimiter and inter-frame gap (20 bytes) plus the FCS the frames in memory lack. */
    private static final int WIRE_OVERHEAD_BYTES = 24;
    private static final long LINK_BURST_NANOS = 100_000;

    private final Supplier<ForwardingTable> tables;
    private final LongSupplier clock;
    private final Port uplink;
    private final Mempool wirePool;
    private final FunctionStats uplinkStats;
    private final FunctionStats nicStats;
    private final long interruptIntervalNanos;
    private final RatePacer wireIn;
    private final RatePacer wireOut;
    private final RssFunction rss = new RssFunction(ToeplitzHash.microsoft(), RssHashTypes.DEFAULT);
    private final RedirectionTable[] retaByQueues = new RedirectionTable[EmulatedNic.MAX_QUEUES_PER_FUNCTION + 1];
    private final Frame frame = new Frame();
    private final Mbuf[] fromWire = new Mbuf[BURST];
    private final Mbuf[] toWire = new Mbuf[BURST];
    private int toWireCount;
    private RxDma[] pending = new RxDma[64];
    private int pendingCount;
    private ForwardingTable lastTable;
    /** Where the next pass starts its round of the transmitters. */
    private int nextFirst;
    private long now;

    NicEngine(Supplier<ForwardingTable> tables, Port uplink, Mempool wirePool, FunctionStats uplinkStats,
              FunctionStats nicStats, long linkBitsPerSecond, long interruptIntervalNanos, LongSupplier clock) {
        this.tables = tables;
        this.clock = clock;
        this.uplink = uplink;
        this.wirePool = wirePool;
        this.uplinkStats = uplinkStats;
        this.nicStats = nicStats;
        this.interruptIntervalNanos = interruptIntervalNanos;
        this.wireIn = new RatePacer(linkBitsPerSecond, LINK_BURST_NANOS);
        this.wireOut = new RatePacer(linkBitsPerSecond, LINK_BURST_NANOS);
        for (int q = 1; q < retaByQueues.length; q++) {
            retaByQueues[q] = new RedirectionTable(RedirectionTable.MIN_SIZE, q);
        }
    }

    /** One pass; returns the frames it moved (0: idle). */
    int runOnce() {
        ForwardingTable t = tables.get();
        if (t != lastTable) {
            keepPendingOf(t);
            lastTable = t;
        }
        now = clock.getAsLong();
        int work = receiveFromWire(t);
        if (wireOut.admits(now)) {
            // min_tx_rate first: each guaranteed VF up to its share, while the wire has room ...
            for (int i : t.guaranteed) {
                for (TxDma ring : t.tx[i]) {
                    work += drain(t, i, ring, t.guarantees[i]);
                }
            }
            // ... then every VF, starting one further along each pass so that none is always first.
            int[] transmitters = t.transmitters;
            int n = transmitters.length;
            int first = nextFirst < n ? nextFirst : 0;
            for (int k = 0, at = first; k < n; k++, at = at + 1 == n ? 0 : at + 1) {
                int i = transmitters[at];
                for (TxDma ring : t.tx[i]) {
                    work += drain(t, i, ring, null);
                }
            }
            nextFirst = first + 1;
        }
        flushToWire();
        raiseInterrupts();
        return work;
    }

    // ---- wire -> functions --------------------------------------------------------------------

    private int receiveFromWire(ForwardingTable t) {
        if (!wireIn.admits(now)) {
            return 0;
        }
        int n = uplink.rxBurst(0, fromWire, 0, BURST);
        long bytes = 0;
        for (int k = 0; k < n; k++) {
            Mbuf m = fromWire[k];
            bytes += m.packetLength();
            if (!m.isContiguous() && !m.linearize()) {
                nicStats.dropped(DropReason.OVERSIZE);
            } else if (!frame.reset(m.buffer(), m.dataOffset(), m.dataLength())) {
                nicStats.dropped(DropReason.MALFORMED);
            } else {
                sortFromWire(t);
            }
        }
        if (n > 0) {
            // The burst arrived together: one count and one charge (the pacer admits per pass).
            uplinkStats.received(n, bytes);
            wireIn.charge(now, (bytes + (long) n * WIRE_OVERHEAD_BYTES) * 8);
            Mbuf.freeBulk(fromWire, 0, n);
        }
        return n;
    }

    private void sortFromWire(ForwardingTable t) {
        int vlan = frame.vlanKey();
        long destination = frame.destination;
        if (MacAddress.isMulticast(destination)) {
            int copies = MacAddress.isBroadcast(destination)
                    ? replicate(t, t.broadcast(vlan), -1)
                    : replicate(t, t.allMulticast(vlan), -1) + replicate(t, t.multicast(destination, vlan), -1);
            if (copies == 0) {
                nicStats.dropped(DropReason.NO_POOL);
            } else if (copies > 1) {
                nicStats.replicated(copies - 1);
            }
            return;
        }
        int to = t.unicast(destination, vlan);
        if (to != ForwardingTable.NONE) {
            deliver(t, to);
            return;
        }
        int copies = replicate(t, t.promiscuous(vlan), -1);
        if (copies > 0) {
            if (copies > 1) {
                nicStats.replicated(copies - 1);
            }
            return;
        }
        int owner = t.owner(destination);
        if (owner != ForwardingTable.NONE) {
            t.functions[owner].stats().dropped(DropReason.VLAN_FILTER);
        } else if (t.defaultFunction != ForwardingTable.NONE) {
            deliver(t, t.defaultFunction);
        } else {
            nicStats.dropped(DropReason.NO_POOL);
        }
    }

    /** Copies the frame to each active function in {@code to} but {@code except}; returns how many it addressed. */
    private int replicate(ForwardingTable t, int[] to, int except) {
        int copies = 0;
        for (int i : to) {
            if (i != except && t.active[i]) {
                deliver(t, i);
                copies++;
            }
        }
        return copies;
    }

    private void deliver(ForwardingTable t, int function) {
        RxDma[] rings = t.rx[function];
        if (rings == null) {
            t.functions[function].stats().dropped(DropReason.LINK_DOWN);
            return;
        }
        RxDma ring = rings.length == 1 ? rings[0]
                : rings[retaByQueues[rings.length].queueFor(frame.rssHash(rss))];
        DropReason refused = ring.deliver(frame, t.stripsOuter[function]);
        if (refused != null) {
            ring.stats.dropped(refused);
        } else if (!ring.interruptPending) {
            ring.interruptPending = true;
            addPending(ring);
        }
    }

    // ---- functions -> switch / wire -----------------------------------------------------------

    /**
     * Sends up to a burst from one transmit ring while its max_tx_rate and the wire allow, and
     * (when {@code within} is the VF's guarantee) only as far as its min_tx_rate has credit.
     */
    private int drain(ForwardingTable t, int function, TxDma ring, RatePacer within) {
        FunctionStats stats = t.functions[function].stats();
        RatePacer pacer = t.pacers[function];
        RatePacer guarantee = t.guarantees[function];
        int taken = 0;
        while (taken < BURST && (pacer == null || pacer.admits(now)) && (within == null || within.admits(now))
                && wireOut.admits(now)) {
            int descriptors = ring.peek(frame);
            if (descriptors == 0) {
                break;
            }
            taken++;
            if (descriptors < 0) {
                stats.transmitted(0);
                stats.dropped(descriptors == TxDma.FAULT ? DropReason.DMA_FAULT : DropReason.MALFORMED);
                ring.complete(ring.badSpan);
                continue;
            }
            int length = frame.length;
            stats.transmitted(length);
            long bits = (long) (length + WIRE_OVERHEAD_BYTES) * 8;
            if (pacer != null) {
                pacer.charge(now, bits);
            }
            if (guarantee != null) {
                guarantee.charge(now, bits); // what it sends in either round counts towards its share
            }
            transmit(t, function, ring.insertTci(), stats);
            ring.complete(descriptors);
        }
        return taken;
    }

    private void transmit(ForwardingTable t, int function, int offloadTci, FunctionStats stats) {
        if (frame.length < Frame.ETHER_HEADER) {
            stats.dropped(DropReason.MALFORMED);
            return;
        }
        if (t.spoofCheck[function] && isSpoofed(t, function, offloadTci)) {
            stats.dropped(DropReason.SPOOF);
            return;
        }
        if (offloadTci >= 0) {
            frame.insertOuter(0x8100, offloadTci);
        }
        int portTag = t.portTag[function];
        if (portTag != 0) {
            frame.insertOuter(portTag >>> 16, portTag & 0xffff);
        }
        if (t.mode == SwitchMode.VEPA || switchInside(t, function)) {
            sendToWire();
        }
    }

    /** A source MAC not the function's own, or (without a port VLAN) a VLAN outside its filter. */
    private boolean isSpoofed(ForwardingTable t, int function, int offloadTci) {
        if (frame.source != t.mac[function]) {
            return true;
        }
        if (t.portTag[function] != 0) {
            return false; // the NIC's tag goes outside whatever the guest put there
        }
        int vid = offloadTci >= 0 ? offloadTci & 0xfff : frame.ownTpid() != 0 ? frame.ownTci() & 0xfff : 0;
        return !t.mayTag(function, vid);
    }

    /**
     * VEB: delivers the frame to the other functions it is for; true when it must also go to the
     * wire (broadcast, multicast, a destination no function owns).
     */
    private boolean switchInside(ForwardingTable t, int source) {
        int vlan = frame.vlanKey();
        long destination = frame.destination;
        if (MacAddress.isMulticast(destination)) {
            int copies = MacAddress.isBroadcast(destination)
                    ? replicate(t, t.broadcast(vlan), source)
                    : replicate(t, t.allMulticast(vlan), source) + replicate(t, t.multicast(destination, vlan), source);
            if (copies > 0) {
                nicStats.replicated(copies); // the wire gets the frame as well
            }
            return true;
        }
        int to = t.unicast(destination, vlan);
        if (to == ForwardingTable.NONE || to == source) {
            return true;
        }
        deliver(t, to);
        return false;
    }

    private void sendToWire() {
        int length = frame.wireLength();
        Mbuf m = wirePool.alloc();
        if (m == null) {
            nicStats.dropped(DropReason.UPLINK_FULL);
            return;
        }
        if (length > m.tailroom()) {
            m.free();
            nicStats.dropped(DropReason.OVERSIZE);
            return;
        }
        frame.copyTo(m.buffer(), m.dataOffset(), false);
        m.length(length);
        wireOut.charge(now, (long) (length + WIRE_OVERHEAD_BYTES) * 8);
        toWire[toWireCount++] = m;
        if (toWireCount == BURST) {
            flushToWire();
        }
    }

    private void flushToWire() {
        if (toWireCount == 0) {
            return;
        }
        int sent = uplink.txBurst(0, toWire, 0, toWireCount);
        for (int k = 0; k < sent; k++) {
            uplinkStats.transmitted(toWire[k].packetLength());
        }
        if (sent < toWireCount) {
            nicStats.dropped(DropReason.UPLINK_FULL, toWireCount - sent);
            Mbuf.freeBulk(toWire, sent, toWireCount - sent);
        }
        toWireCount = 0;
    }

    // ---- interrupts ---------------------------------------------------------------------------

    private void addPending(RxDma ring) {
        if (pendingCount == pending.length) {
            pending = java.util.Arrays.copyOf(pending, pending.length * 2); // grows once per new queue, not per frame
        }
        pending[pendingCount++] = ring;
    }

    /**
     * Signals every queue with new frames whose driver left its interrupt unmasked, at most once per
     * moderation interval. The full fence orders this pass's descriptor stores before the mask
     * loads (the driver orders its mask store before its ring check the same way).
     */
    private void raiseInterrupts() {
        if (pendingCount == 0) {
            return;
        }
        VarHandle.fullFence();
        int kept = 0;
        for (int k = 0; k < pendingCount; k++) {
            RxDma ring = pending[k];
            if (ring.ring.interruptMasked()) {
                ring.interruptPending = false; // poll mode: the driver will find the frames itself
            } else if (now - ring.lastInterruptNanos >= interruptIntervalNanos) {
                ring.interrupt.signal();
                ring.stats.interrupted();
                ring.lastInterruptNanos = now;
                ring.interruptPending = false;
            } else {
                pending[kept++] = ring;
            }
        }
        for (int k = kept; k < pendingCount; k++) {
            pending[k] = null;
        }
        pendingCount = kept;
    }

    /** After a table change: forget the rings of functions that stopped (their memory may go away). */
    private void keepPendingOf(ForwardingTable t) {
        int kept = 0;
        for (int k = 0; k < pendingCount; k++) {
            RxDma ring = pending[k];
            if (t.hasRing(ring)) {
                pending[kept++] = ring;
            } else {
                ring.interruptPending = false;
            }
        }
        for (int k = kept; k < pendingCount; k++) {
            pending[k] = null;
        }
        pendingCount = kept;
    }

    /** Frees frames still waiting for the wire (the NIC is closing). */
    void close() {
        flushToWire();
    }
}
