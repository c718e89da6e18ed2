package io.wirespeed.app.testpmd;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * What one forwarding stream did. Written only by the lcore that runs the stream (opaque stores:
 * no fence, but never hoisted out of the loop), read by the main lcore (opaque loads).
 *
 * <p>Every packet is accounted for: {@code received + generated = transmitted + txDropped + consumed}.
 */
class StreamCounters {
    private static final VarHandle RECEIVED;
    private static final VarHandle GENERATED;
    private static final VarHandle TRANSMITTED;
    private static final VarHandle TX_DROPPED;
    private static final VarHandle CONSUMED;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            RECEIVED = l.findVarHandle(StreamCounters.class, "received", long.class);
            GENERATED = l.findVarHandle(StreamCounters.class, "generated", long.class);
            TRANSMITTED = l.findVarHandle(StreamCounters.class, "transmitted", long.class);
            TX_DROPPED = l.findVarHandle(StreamCounters.class, "txDropped", long.class);
            CONSUMED = l.findVarHandle(StreamCounters.class, "consumed", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private long received;
    private long generated;
    private long transmitted;
    private long txDropped;
    private long consumed;

    /** Packets taken from the receive queue. */
    final void countReceived(int n) {
        RECEIVED.setOpaque(this, received + n);
    }

    /** Packets the mode made itself (txonly, flowgen). */
    final void countGenerated(int n) {
        GENERATED.setOpaque(this, generated + n);
    }

    final void countTransmitted(int n) {
        TRANSMITTED.setOpaque(this, transmitted + n);
    }

    /** Packets the transmit queue refused, freed by the mode. */
    final void countTxDropped(int n) {
        TX_DROPPED.setOpaque(this, txDropped + n);
    }

    /** Packets the mode ended on purpose (rxonly; icmpecho's non-requests). */
    final void countConsumed(int n) {
        CONSUMED.setOpaque(this, consumed + n);
    }

    public final long received() {
        return (long) RECEIVED.getOpaque(this);
    }

    public final long generated() {
        return (long) GENERATED.getOpaque(this);
    }

    public final long transmitted() {
        return (long) TRANSMITTED.getOpaque(this);
    }

    public final long txDropped() {
        return (long) TX_DROPPED.getOpaque(this);
    }

    public final long consumed() {
        return (long) CONSUMED.getOpaque(this);
    }

    /** Sets all counters back to zero. Only while no lcore runs the stream. */
    final void clear() {
        received = 0;
        generated = 0;
        transmitted = 0;
        txDropped = 0;
        consumed = 0;
        VarHandle.releaseFence();
    }
}
