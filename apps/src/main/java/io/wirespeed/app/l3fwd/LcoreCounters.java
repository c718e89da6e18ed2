package io.wirespeed.app.l3fwd;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One forwarding lcore's counts: packets received and sent per port, and dropped per
 * {@link DropReason}. The lcore is the only writer (opaque stores: never torn, never kept in a
 * register across the loop); the main lcore sums every lcore's counts with opaque loads.
 */
final class LcoreCounters {
    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(long[].class);
    private static final int REASONS = DropReason.values().length;

    private final long[] received;
    private final long[] sent;
    private final long[] dropped = new long[REASONS];

    LcoreCounters(int ports) {
        received = new long[ports];
        sent = new long[ports];
    }

    void countReceived(int port, int n) {
        add(received, port, n);
    }

    void countSent(int port, int n) {
        add(sent, port, n);
    }

    void countDropped(DropReason reason, int n) {
        add(dropped, reason.ordinal(), n);
    }

    long received(int port) {
        return (long) SLOT.getOpaque(received, port);
    }

    long sent(int port) {
        return (long) SLOT.getOpaque(sent, port);
    }

    long dropped(DropReason reason) {
        return (long) SLOT.getOpaque(dropped, reason.ordinal());
    }

    private static void add(long[] counts, int i, int n) {
        SLOT.setOpaque(counts, i, counts[i] + n);
    }
}
