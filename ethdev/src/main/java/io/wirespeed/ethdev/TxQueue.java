package io.wirespeed.ethdev;

import io.wirespeed.mbuf.Mbuf;

/**
 * One transmit queue of a port, used by one lcore. {@link #txBurst} takes ownership of the
 * packets it accepts; the ones it does not accept stay the caller's, to retry or to free and
 * count as dropped.
 */
public abstract class TxQueue extends QueueCounters {
    private final int portId;
    private final int queueId;

    protected TxQueue(int portId, int queueId) {
        this.portId = portId;
        this.queueId = queueId;
    }

    /** Sends up to {@code n} packets from {@code mbufs[offset..]}; returns how many it took. */
    public abstract int txBurst(Mbuf[] mbufs, int offset, int n);

    public final int portId() {
        return portId;
    }

    public final int queueId() {
        return queueId;
    }

    /** Releases what the queue holds (called when the port closes). */
    protected void release() {
    }
}
