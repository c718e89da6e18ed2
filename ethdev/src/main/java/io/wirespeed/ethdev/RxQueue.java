package io.wirespeed.ethdev;

import io.wirespeed.lcore.InterruptSource;
import io.wirespeed.mbuf.Mbuf;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One receive queue of a port, polled by one lcore. A driver extends it with its
 * {@link #rxBurst}, counting what it delivers ({@link #count}), what it could not deliver for want
 * of mbufs ({@link #countNoMbuf}) and what the device dropped for want of room ({@link #countMissed}).
 */
public abstract class RxQueue extends QueueCounters implements InterruptSource {
    private static final VarHandle NO_MBUF;
    private static final VarHandle MISSED;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            NO_MBUF = l.findVarHandle(RxQueue.class, "noMbuf", long.class);
            MISSED = l.findVarHandle(RxQueue.class, "missed", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final int portId;
    private final int queueId;
    @SuppressWarnings("unused") // through NO_MBUF
    private long noMbuf;
    @SuppressWarnings("unused") // through MISSED
    private long missed;

    protected RxQueue(int portId, int queueId) {
        this.portId = portId;
        this.queueId = queueId;
    }

    /**
     * Receives up to {@code n} packets into {@code mbufs[offset..]}; returns how many. The caller
     * owns the mbufs returned and must free or transmit them.
     */
    public abstract int rxBurst(Mbuf[] mbufs, int offset, int n);

    /**
     * A file descriptor that becomes readable (EPOLLIN) when packets arrive, for interrupt mode,
     * or -1 when the queue can only be polled.
     */
    @Override
    public int interruptFd() {
        return -1;
    }

    /**
     * Asks the device to signal {@link #interruptFd()} when packets arrive (true) or to stop
     * signalling (false): DPDK's rte_eth_dev_rx_intr_enable/disable. Queues whose descriptor is
     * level-triggered by the kernel (sockets, tap) need do nothing.
     */
    @Override
    public void interruptEnable(boolean on) {
    }

    /**
     * True for a source that ends (a capture file read once); false for live devices and for
     * replays that loop forever. Applications may then stop by themselves once every finite
     * queue {@link #isExhausted() is exhausted}.
     */
    public boolean isFinite() {
        return false;
    }

    /**
     * True once the queue will never deliver another packet (a capture file read to its end):
     * an application may stop polling it. Live devices are never exhausted.
     */
    public boolean isExhausted() {
        return false;
    }

    public final int portId() {
        return portId;
    }

    public final int queueId() {
        return queueId;
    }

    /** Owner only: an mbuf allocation failed for {@code n} packets (DPDK's rx_nombuf). */
    protected final void countNoMbuf(long n) {
        NO_MBUF.setOpaque(this, (long) NO_MBUF.getOpaque(this) + n);
    }

    /** Owner only: the device dropped {@code n} packets because the queue was full (imissed). */
    protected final void countMissed(long n) {
        MISSED.setOpaque(this, (long) MISSED.getOpaque(this) + n);
    }

    public long noMbuf() {
        return (long) NO_MBUF.getOpaque(this);
    }

    public long missed() {
        return (long) MISSED.getOpaque(this);
    }

    /** Releases what the queue holds (called when the port closes). */
    protected void release() {
    }
}
