package io.wirespeed.virt.paths;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * A path's counters at one moment, every one monotonic since the rig opened; {@link #minus} gives
 * what happened between two moments.
 *
 * @param offered frames the wire made
 * @param returned frames that left for the wire (what a forwarding guest sent back)
 * @param returnDrops frames a forwarding guest did not get back to the wire (its app's drops, a full
 *                    transmit ring on the way), counted apart from the receive path's {@code drops}
 * @param toRing frames the NIC wrote into the function's receive ring (the guest's, or the host's)
 * @param hostCopies frames the host's core copied into the guest's memory
 * @param delivered frames the guest's app received
 * @param drops frames dropped, by reason, on the NIC, in the host or at the guest's queue
 */
public record Snapshot(long nanos, long offered, long returned, long returnDrops, long toRing, long hostCopies, long delivered, Map<String, Long> drops,
        long hostInterrupts, long guestInterrupts, long nicCpuNanos, long hostCpuNanos, long guestCpuNanos) {
    public Snapshot {
        drops = Map.copyOf(drops);
    }

    public long dropped() {
        long sum = 0;
        for (long n : drops.values()) {
            sum += n;
        }
        return sum;
    }

    /** Frames offered that are neither delivered nor counted as dropped yet. */
    public long inFlight() {
        return offered - delivered - dropped();
    }

    public Snapshot minus(Snapshot earlier) {
        Map<String, Long> d = new HashMap<>(drops);
        earlier.drops.forEach((k, v) -> d.merge(k, -v, Long::sum));
        Map<String, Long> nonZero = new TreeMap<>();
        d.forEach((k, v) -> {
            if (v != 0) {
                nonZero.put(k, v);
            }
        });
        return new Snapshot(nanos - earlier.nanos, offered - earlier.offered, returned - earlier.returned,
                returnDrops - earlier.returnDrops, toRing - earlier.toRing,
                hostCopies - earlier.hostCopies, delivered - earlier.delivered, nonZero,
                hostInterrupts - earlier.hostInterrupts, guestInterrupts - earlier.guestInterrupts,
                nicCpuNanos - earlier.nicCpuNanos, hostCpuNanos - earlier.hostCpuNanos,
                guestCpuNanos - earlier.guestCpuNanos);
    }
}
