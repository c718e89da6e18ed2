package io.wirespeed.virt.nic;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.EnumMap;
import java.util.Map;

/**
 * What the NIC counted for one function (or for the whole NIC): frames and bytes each way and
 * drops by reason. Only the NIC's service thread writes (opaque stores, one writer); any thread
 * reads with opaque loads and sees each counter move forward.
 */
public final class FunctionStats {
    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(long[].class);
    private static final int RX_PACKETS = 0;
    private static final int RX_BYTES = 1;
    private static final int TX_PACKETS = 2;
    private static final int TX_BYTES = 3;
    private static final int INTERRUPTS = 4;
    private static final int REPLICAS = 5;
    private static final int DROPS = 6;

    private final long[] slots = new long[DROPS + DropReason.count()];
    /**
     * Drops the admin path counts (frames left in a ring when its function stops), written under
     * the NIC's lock: a second writer with slots of its own, so neither overwrites the other.
     */
    private final long[] adminDrops = new long[DropReason.count()];

    private void add(int slot, long n) {
        SLOT.setOpaque(slots, slot, (long) SLOT.getOpaque(slots, slot) + n);
    }

    private long get(int slot) {
        return (long) SLOT.getOpaque(slots, slot);
    }

    /** NIC thread: {@code bytes} were delivered into the function's receive ring as one frame. */
    void received(int bytes) {
        add(RX_PACKETS, 1);
        add(RX_BYTES, bytes);
    }

    /** NIC thread: {@code frames} frames of {@code bytes} in all arrived at once (a burst from the wire). */
    void received(int frames, long bytes) {
        add(RX_PACKETS, frames);
        add(RX_BYTES, bytes);
    }

    /** NIC thread: one frame of {@code bytes} was taken from the function's transmit ring (or sent to the wire). */
    void transmitted(int bytes) {
        add(TX_PACKETS, 1);
        add(TX_BYTES, bytes);
    }

    void interrupted() {
        add(INTERRUPTS, 1);
    }

    /** NIC thread: one frame went to {@code n} more places than one (copies beyond the first). */
    void replicated(int n) {
        add(REPLICAS, n);
    }

    void dropped(DropReason reason) {
        add(DROPS + reason.ordinal(), 1);
    }

    void dropped(DropReason reason, long n) {
        add(DROPS + reason.ordinal(), n);
    }

    public long rxPackets() {
        return get(RX_PACKETS);
    }

    public long rxBytes() {
        return get(RX_BYTES);
    }

    public long txPackets() {
        return get(TX_PACKETS);
    }

    public long txBytes() {
        return get(TX_BYTES);
    }

    public long interrupts() {
        return get(INTERRUPTS);
    }

    /**
     * Copies made beyond the first: a broadcast delivered to three pools counts 2 here. A frame
     * offered to the NIC has 1 + its replicas outcomes (delivered, sent to the wire or dropped).
     */
    /** Admin path, under the NIC's lock: {@code n} frames dropped while no pass could see them. */
    void droppedByAdmin(DropReason reason, long n) {
        SLOT.setOpaque(adminDrops, reason.ordinal(), (long) SLOT.getOpaque(adminDrops, reason.ordinal()) + n);
    }

    public long replicas() {
        return get(REPLICAS);
    }

    public long drops(DropReason reason) {
        return get(DROPS + reason.ordinal()) + (long) SLOT.getOpaque(adminDrops, reason.ordinal());
    }

    public long totalDrops() {
        long sum = 0;
        for (int r = 0; r < DropReason.count(); r++) {
            sum += drops(DropReason.at(r));
        }
        return sum;
    }

    /** The non-zero drop counters by reason. */
    public Map<DropReason, Long> dropsByReason() {
        Map<DropReason, Long> out = new EnumMap<>(DropReason.class);
        for (int r = 0; r < DropReason.count(); r++) {
            long n = drops(DropReason.at(r));
            if (n != 0) {
                out.put(DropReason.at(r), n);
            }
        }
        return out;
    }
}
