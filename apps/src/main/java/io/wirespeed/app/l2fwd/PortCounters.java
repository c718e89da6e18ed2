package io.wirespeed.app.l2fwd;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * DPDK l2fwd's per-port statistics: packets received on the port, sent on it, and dropped on it
 * (refused by its transmit queue). Each counter has one writer, the lcore that polls the port for
 * {@code rx} and the lcore that forwards into it for {@code tx} and {@code dropped} (opaque
 * stores: never torn, never hoisted out of the loop); the main lcore reads them (opaque loads).
 */
final class PortCounters {
    private static final VarHandle RX;
    private static final VarHandle TX;
    private static final VarHandle DROPPED;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            RX = l.findVarHandle(PortCounters.class, "rx", long.class);
            TX = l.findVarHandle(PortCounters.class, "tx", long.class);
            DROPPED = l.findVarHandle(PortCounters.class, "dropped", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private long rx;
    private long tx;
    private long dropped;

    void countReceived(int n) {
        RX.setOpaque(this, rx + n);
    }

    void countSent(int n) {
        TX.setOpaque(this, tx + n);
    }

    void countDropped(int n) {
        DROPPED.setOpaque(this, dropped + n);
    }

    long received() {
        return (long) RX.getOpaque(this);
    }

    long sent() {
        return (long) TX.getOpaque(this);
    }

    long dropped() {
        return (long) DROPPED.getOpaque(this);
    }
}
