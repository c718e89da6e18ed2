package io.wirespeed.virt.vswitch;

import static io.wirespeed.net.NetworkOrder.getU16;
import static io.wirespeed.net.NetworkOrder.getI32;
import static io.wirespeed.net.NetworkOrder.getI64;

import io.wirespeed.ethdev.Port;
import io.wirespeed.mbuf.Mbuf;
import io.wirespeed.mbuf.Mempool;
import io.wirespeed.mbuf.OffloadFlags;
import io.wirespeed.net.EthernetHeader;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.Objects;

/**
 * A learning Ethernet switch in software, as Open vSwitch's normal action or a Linux bridge is:
 * ports with VLAN modes ({@link VlanMode}), MAC learning per VLAN with ageing ({@link MacTable}),
 * an exact-match cache in front of the table, flooding of broadcast, multicast and unknown
 * unicast to the VLAN's other ports, and 802.1Q tags pushed, popped or rewritten as each output
 * port needs.
 *
 * <p>Per frame: a runt is dropped ({@code malformed}); the in-port's mode gives its VLAN or drops
 * it ({@code vlan_not_allowed}); its source is learned on the in-port; its destination is looked
 * up (cache, then table); a known one gets the frame, unless it is the in-port
 * ({@code same_port}); anything else is flooded. A frame that goes to several ports is cloned by
 * reference count; a port that needs another encapsulation than the shared bytes gets a copy, so
 * a shared buffer is never rewritten. Frames are staged per output port and each port gets one
 * transmit burst at the end of {@link #switchBurst}; what a queue does not take is freed and
 * counted as {@code tx_full}.
 *
 * <p>One thread switches (calls {@link #poll} and {@link #switchBurst}); ports are added before it
 * starts. The counters ({@link #stats}, {@link #emcHits}) may be read from any thread; the MAC
 * table only from the switching thread or once it stopped. The data path allocates nothing.
 */
public final class VSwitch {
    /** Frames {@link #poll} asks a port for. */
    public static final int BURST = 32;
    public static final int DEFAULT_MAC_TABLE_CAPACITY = 8192;
    /** OVS's EMC size. */
    public static final int DEFAULT_EMC_ENTRIES = 8192;
    /** The largest burst {@link #switchBurst} sends with one transmit burst per port; larger ones go in slices. */
    public static final int DEFAULT_MAX_BURST = 256;

    private static final int ETHER_HEADER = EthernetHeader.LENGTH;
    private static final int TAG = 4;
    private static final int TAGGED_HEADER = ETHER_HEADER + TAG;
    /** The group bit, the least significant bit of a MAC's first octet. */
    private static final long MULTICAST = 1L << 40;
    private static final int UNTAGGED = VlanMode.UNTAGGED;
    /** No (VLAN, source) key has all 64 bits set. */
    private static final long NOTHING_LEARNED = -1L;

    private final Mempool copyPool;
    private final MacTable macTable;
    private final ExactMatchCache emc;
    private final int maxBurst;
    private final Mbuf[] received = new Mbuf[BURST];

    private int portCount;
    private String[] names = new String[0];
    private Port[] ports = new Port[0];
    private int[] rxQueues = new int[0];
    private int[] txQueues = new int[0];
    private VlanMode[] modes = new VlanMode[0];
    private VSwitchPortStats[] stats = new VSwitchPortStats[0];

    /** Per output port: the frames to send at the end of the burst, and their lengths. */
    private Mbuf[][] staged = new Mbuf[0][];
    private int[][] stagedBytes = new int[0][];
    private int[] stagedCount = new int[0];
    /** The output ports with something staged, in the order they got it. */
    private int[] pending = new int[0];
    private int pendingCount;
    /** The ports a frame is flooded to (scratch). */
    private int[] floodPorts = new int[0];

    /**
     * The (VLAN, source) last learned in this slice: a slice has one in-port and one clock
     * reading, so learning the same source again would change nothing (bursts mostly come from
     * few stations).
     */
    private long learnedInSlice;

    /** Counts of the slice being switched, published on the in-port's stats once per slice. */
    private long sliceUnicast;
    private long sliceFlooded;
    private long sliceOutputs;

    /**
     * A switch with a MAC table of {@link #DEFAULT_MAC_TABLE_CAPACITY} entries ageing after
     * {@link MacTable#DEFAULT_AGEING_NANOS}.
     *
     * @param copyPool where clones and re-tagged copies come from
     */
    public VSwitch(Mempool copyPool) {
        this(copyPool, DEFAULT_MAC_TABLE_CAPACITY, MacTable.DEFAULT_AGEING_NANOS, DEFAULT_EMC_ENTRIES, DEFAULT_MAX_BURST);
    }

    public VSwitch(Mempool copyPool, int macTableCapacity, long ageingNanos, int emcEntries, int maxBurst) {
        if (maxBurst < 1) {
            throw new IllegalArgumentException("the largest burst must be at least 1 (got " + maxBurst + ")");
        }
        this.copyPool = Objects.requireNonNull(copyPool, "copyPool");
        this.macTable = new MacTable(macTableCapacity, ageingNanos);
        this.emc = new ExactMatchCache(emcEntries);
        this.maxBurst = maxBurst;
    }

    /**
     * Attaches {@code port} (set up by the caller) as the next switch port: frames come from its
     * rx queue {@code rxQueue} (through {@link #poll}) or from the caller ({@link #switchBurst}),
     * and go out of its tx queue {@code txQueue}. Not while switching.
     *
     * @return the port's index in this switch, used by {@link #poll}, {@link #switchBurst} and {@link #stats}
     */
    public int addPort(String name, Port port, int rxQueue, int txQueue, VlanMode mode) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(port, "port");
        Objects.requireNonNull(mode, "mode");
        if (rxQueue < 0 || txQueue < 0) {
            throw new IllegalArgumentException(name + ": queue ids must not be negative (rx " + rxQueue + ", tx " + txQueue + ")");
        }
        for (int i = 0; i < portCount; i++) {
            if (names[i].equals(name)) {
                throw new IllegalArgumentException("the switch already has a port named " + name);
            }
        }
        int index = portCount++;
        names = Arrays.copyOf(names, portCount);
        ports = Arrays.copyOf(ports, portCount);
        rxQueues = Arrays.copyOf(rxQueues, portCount);
        txQueues = Arrays.copyOf(txQueues, portCount);
        modes = Arrays.copyOf(modes, portCount);
        stats = Arrays.copyOf(stats, portCount);
        staged = Arrays.copyOf(staged, portCount);
        stagedBytes = Arrays.copyOf(stagedBytes, portCount);
        stagedCount = Arrays.copyOf(stagedCount, portCount);
        pending = new int[portCount];
        floodPorts = new int[portCount];
        names[index] = name;
        ports[index] = port;
        rxQueues[index] = rxQueue;
        txQueues[index] = txQueue;
        modes[index] = mode;
        stats[index] = new VSwitchPortStats();
        staged[index] = new Mbuf[maxBurst];
        stagedBytes[index] = new int[maxBurst];
        return index;
    }

    /** Receives one burst of up to {@link #BURST} frames from a port and switches it; returns how many came. */
    public int poll(int portIndex, long nowNanos) {
        int n = ports[portIndex].rxBurst(rxQueues[portIndex], received, 0, BURST);
        if (n > 0) {
            switchBurst(portIndex, received, n, nowNanos);
        }
        return n;
    }

    /**
     * Switches {@code burst[0..count)}, frames already received on port {@code inPort}; the switch
     * takes them all (sends or frees them). Each output port gets one transmit burst for the
     * whole call, or one per {@code maxBurst} frames (the constructor's; {@link #DEFAULT_MAX_BURST}
     * by default) when more come at once.
     */
    public void switchBurst(int inPort, Mbuf[] burst, int count, long nowNanos) {
        for (int start = 0; start < count; start += maxBurst) {
            int end = Math.min(count, start + maxBurst);
            countReceived(inPort, burst, start, end);
            learnedInSlice = NOTHING_LEARNED;
            for (int i = start; i < end; i++) {
                switchFrame(inPort, burst[i], nowNanos);
            }
            flush(inPort);
        }
    }

    private void countReceived(int inPort, Mbuf[] burst, int start, int end) {
        long bytes = 0;
        for (int i = start; i < end; i++) {
            bytes += burst[i].packetLength();
        }
        VSwitchPortStats s = stats[inPort];
        s.add(VSwitchPortStats.RX_PACKETS, end - start);
        s.add(VSwitchPortStats.RX_BYTES, bytes);
    }

    private void switchFrame(int in, Mbuf m, long now) {
        int length = m.dataLength(); // the headers must be in the first segment
        if (length < ETHER_HEADER) {
            dropAtIngress(in, m, DropReason.MALFORMED);
            return;
        }
        MemorySegment bytes = m.buffer();
        long at = m.dataOffset();
        int frameTag = UNTAGGED;
        if (getU16(bytes, at + 12) == EthernetHeader.TYPE_VLAN) {
            if (length < TAGGED_HEADER) {
                dropAtIngress(in, m, DropReason.MALFORMED);
                return;
            }
            frameTag = getU16(bytes, at + ETHER_HEADER) & 0x0fff;
        }
        int vlan = modes[in].classify(frameTag == UNTAGGED ? strippedTag(m) : frameTag);
        if (vlan == VlanMode.NOT_ALLOWED) {
            dropAtIngress(in, m, DropReason.VLAN_NOT_ALLOWED);
            return;
        }
        long first8 = getI64(bytes, at); // both addresses in two reads rather than four
        long destination = first8 >>> 16;
        long source = (first8 & 0xffff) << 32 | getI32(bytes, at + 8) & 0xffff_ffffL;
        long learnKey = (long) vlan << 48 | source;
        if ((source & MULTICAST) == 0 && learnKey != learnedInSlice && macTable.learn(vlan, source, in, now)) {
            learnedInSlice = learnKey;
        }
        if ((destination & MULTICAST) != 0) {
            flood(in, m, frameTag, vlan);
            return;
        }
        int out = lookup(in, vlan, destination, now);
        if (out == MacTable.UNKNOWN) {
            flood(in, m, frameTag, vlan);
        } else if (out == in) {
            dropAtIngress(in, m, DropReason.SAME_PORT);
        } else {
            unicast(m, frameTag, vlan, out);
        }
    }

    /**
     * The VID of a tag the receiving driver took out of the bytes into the mbuf (a VF's VLAN
     * strip), or {@link VlanMode#UNTAGGED}. The flags are cleared: the frame goes on as the
     * untagged bytes it is, tagged again where an output port wants the tag (priority 0).
     */
    private static int strippedTag(Mbuf m) {
        long flags = m.offloadFlags();
        if ((flags & OffloadFlags.RX_VLAN_STRIPPED) == 0) {
            return UNTAGGED;
        }
        m.offloadFlags(flags & ~(OffloadFlags.RX_VLAN | OffloadFlags.RX_VLAN_STRIPPED));
        return m.vlanTci() & 0x0fff;
    }

    /** The cache, then the table (whose answer then fills the cache). */
    private int lookup(int in, int vlan, long destination, long now) {
        int generation = macTable.generation();
        int out = emc.lookup(in, vlan, destination, generation, now);
        if (out != ExactMatchCache.MISS) {
            return out;
        }
        out = macTable.lookup(vlan, destination, now);
        if (out != MacTable.UNKNOWN) {
            emc.insert(in, vlan, destination, out, generation, macTable.expiresAt(vlan, destination), now);
        }
        return out;
    }

    private void dropAtIngress(int in, Mbuf m, DropReason reason) {
        stats[in].drop(reason, 1);
        m.free();
    }

    private void unicast(Mbuf m, int frameTag, int vlan, int out) {
        sliceUnicast++;
        sliceOutputs++;
        int want = modes[out].egressTag(vlan);
        Mbuf ready = want == frameTag ? m : retagOwned(m, frameTag, want);
        if (ready == null) {
            stats[out].drop(DropReason.NO_MBUF, 1);
        } else {
            stage(out, ready);
        }
    }

    /**
     * Sends the frame to every other port of its VLAN. At most two encapsulations go out (the
     * VLAN's tag, or none); the group whose encapsulation the frame already has shares the frame,
     * the other gets one re-tagged copy, and within a group every port after the first gets a
     * clone. Only the last use of the frame may rewrite it, and only if nothing else holds it.
     */
    private void flood(int in, Mbuf m, int frameTag, int vlan) {
        int targets = 0;
        int untaggedTargets = 0;
        for (int p = 0; p < portCount; p++) {
            if (p != in && modes[p].carries(vlan)) {
                floodPorts[targets++] = p;
                untaggedTargets += modes[p].egressTag(vlan) == UNTAGGED ? 1 : 0;
            }
        }
        if (targets == 0) {
            dropAtIngress(in, m, DropReason.NO_OUTPUT);
            return;
        }
        sliceFlooded++;
        sliceOutputs += targets;
        boolean needUntagged = untaggedTargets > 0;
        boolean needTagged = untaggedTargets < targets;
        Mbuf untaggedFrame = needUntagged && frameTag == UNTAGGED ? m : null;
        Mbuf taggedFrame = needTagged && frameTag == vlan ? m : null;
        boolean frameUsed = untaggedFrame != null || taggedFrame != null;
        if (needTagged && taggedFrame == null) {
            boolean lastUse = !frameUsed && !(needUntagged && untaggedFrame == null);
            taggedFrame = lastUse ? retagOwned(m, frameTag, vlan) : retaggedCopy(m, frameTag, vlan);
            frameUsed |= lastUse;
        }
        if (needUntagged && untaggedFrame == null) {
            untaggedFrame = frameUsed ? retaggedCopy(m, frameTag, UNTAGGED) : retagOwned(m, frameTag, UNTAGGED);
        }
        boolean untaggedGiven = false;
        boolean taggedGiven = false;
        for (int i = 0; i < targets; i++) {
            int p = floodPorts[i];
            boolean untagged = modes[p].egressTag(vlan) == UNTAGGED;
            Mbuf frame = untagged ? untaggedFrame : taggedFrame;
            boolean given = untagged ? untaggedGiven : taggedGiven;
            Mbuf copy = frame == null ? null : given ? frame.cloneInto(copyPool) : frame;
            if (copy == null) {
                stats[p].drop(DropReason.NO_MBUF, 1);
                continue;
            }
            stage(p, copy);
            if (untagged) {
                untaggedGiven = true;
            } else {
                taggedGiven = true;
            }
        }
    }

    /**
     * The frame with tag {@code to} ({@link VlanMode#UNTAGGED} for none) instead of {@code from}:
     * rewritten in place when nobody else holds its buffer, else a copy (the frame is freed).
     * Null when the copy found no mbuf (the frame is freed then too).
     */
    private Mbuf retagOwned(Mbuf m, int from, int to) {
        if (!m.isIndirect() && m.refCount() == 1 && (from != UNTAGGED || m.headroom() >= TAG)) {
            VlanTags.retag(m, from, to);
            return m;
        }
        Mbuf copy = retaggedCopy(m, from, to);
        m.free();
        return copy;
    }

    /** A copy of the frame with tag {@code to} instead of {@code from}; the frame is untouched. Null without an mbuf. */
    private Mbuf retaggedCopy(Mbuf m, int from, int to) {
        Mbuf copy = m.copy(copyPool, 0, m.packetLength());
        if (copy != null) {
            VlanTags.retag(copy, from, to);
        }
        return copy;
    }

    private void stage(int out, Mbuf m) {
        int n = stagedCount[out];
        if (n == 0) {
            pending[pendingCount++] = out;
        }
        staged[out][n] = m;
        stagedBytes[out][n] = m.packetLength(); // read now: once sent, the mbuf is the driver's
        stagedCount[out] = n + 1;
    }

    /** One transmit burst per port with frames staged; publishes the slice's counts. */
    private void flush(int in) {
        VSwitchPortStats s = stats[in];
        if (sliceUnicast != 0) {
            s.add(VSwitchPortStats.UNICAST, sliceUnicast);
        }
        if (sliceFlooded != 0) {
            s.add(VSwitchPortStats.FLOODED, sliceFlooded);
        }
        if (sliceOutputs != 0) {
            s.add(VSwitchPortStats.OUTPUTS, sliceOutputs);
        }
        sliceUnicast = 0;
        sliceFlooded = 0;
        sliceOutputs = 0;
        emc.publish();
        for (int i = 0; i < pendingCount; i++) {
            int p = pending[i];
            int n = stagedCount[p];
            Mbuf[] frames = staged[p];
            int sent = ports[p].txBurst(txQueues[p], frames, 0, n);
            long bytes = 0;
            int[] lengths = stagedBytes[p];
            for (int j = 0; j < sent; j++) {
                bytes += lengths[j];
            }
            VSwitchPortStats out = stats[p];
            out.add(VSwitchPortStats.TX_PACKETS, sent);
            out.add(VSwitchPortStats.TX_BYTES, bytes);
            if (sent < n) {
                Mbuf.freeBulk(frames, sent, n - sent);
                out.drop(DropReason.TX_FULL, n - sent);
            }
            stagedCount[p] = 0;
        }
        pendingCount = 0;
    }

    /** Forgets the addresses learned on a port (its link went down). Switching thread only. */
    public void flushPort(int portIndex) {
        macTable.flushPort(portIndex);
    }

    // ---- what it did ----------------------------------------------------------------------------

    public int portCount() {
        return portCount;
    }

    public String portName(int portIndex) {
        return names[portIndex];
    }

    public Port port(int portIndex) {
        return ports[portIndex];
    }

    /** The queue of {@link #port} that {@link #poll} receives from. */
    public int rxQueueId(int portIndex) {
        return rxQueues[portIndex];
    }

    public int txQueueId(int portIndex) {
        return txQueues[portIndex];
    }

    public VlanMode vlanMode(int portIndex) {
        return modes[portIndex];
    }

    /** The port's counters; any thread. */
    public VSwitchPortStats stats(int portIndex) {
        return stats[portIndex];
    }

    /** Unicast lookups the exact-match cache answered; any thread. */
    public long emcHits() {
        return emc.hits();
    }

    /** Unicast lookups that went on to the MAC table; any thread. */
    public long emcMisses() {
        return emc.misses();
    }

    public int emcCapacity() {
        return emc.capacity();
    }

    /** Live MAC table entries at {@code nowNanos} (a scan). Switching thread, or once it stopped. */
    public int macTableSize(long nowNanos) {
        return macTable.size(nowNanos);
    }

    /** The forwarding database. Switching thread, or once it stopped. */
    public MacTable macTable() {
        return macTable;
    }

    /**
     * The conservation check, exact once switching stopped: every frame received was forwarded or
     * dropped at ingress, and every copy sent towards a port was transmitted or dropped there.
     */
    public boolean balanced() {
        long outputs = 0;
        long delivered = 0;
        for (int p = 0; p < portCount; p++) {
            VSwitchPortStats s = stats[p];
            if (!s.rxBalanced()) {
                return false;
            }
            outputs += s.outputs();
            delivered += s.txPackets() + s.egressDrops();
        }
        return outputs == delivered;
    }
}
