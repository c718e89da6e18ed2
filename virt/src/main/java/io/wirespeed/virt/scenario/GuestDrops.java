package io.wirespeed.virt.scenario;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

/** Frames a guest's app received and did not forward, by reason. Written by the guest's thread (opaque), read by any. */
final class GuestDrops {
    enum Reason {
        /** Too short, not IPv4, a bad header checksum or length. */
        MALFORMED("malformed"),
        /** l3fwd: no route for the destination. */
        NO_ROUTE("no_route"),
        /** l3fwd: the TTL would reach 0. */
        TTL_EXCEEDED("ttl_exceeded"),
        /** The port's transmit ring had no room for the forwarded frame. */
        TX_FULL("tx_full");

        final String key;

        Reason(String key) {
            this.key = key;
        }
    }

    private final AtomicLongArray counts = new AtomicLongArray(Reason.values().length);

    void add(Reason reason, long n) {
        counts.setOpaque(reason.ordinal(), counts.getOpaque(reason.ordinal()) + n);
    }

    long get(Reason reason) {
        return counts.getOpaque(reason.ordinal());
    }

    /** Every drop, all reasons. */
    long total() {
        long n = 0;
        for (int r = 0; r < counts.length(); r++) {
            n += counts.getOpaque(r);
        }
        return n;
    }

    /** Every reason that counted something. */
    Map<String, Long> nonZero() {
        Map<String, Long> out = new LinkedHashMap<>();
        for (Reason r : Reason.values()) {
            long n = get(r);
            if (n != 0) {
                out.put(r.key, n);
            }
        }
        return out;
    }
}
