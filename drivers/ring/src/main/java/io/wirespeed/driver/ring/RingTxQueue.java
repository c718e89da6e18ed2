package io.wirespeed.driver.ring;

import io.wirespeed.ethdev.TxQueue;
import io.wirespeed.mbuf.Mbuf;
import io.wirespeed.ring.Ring;

/** Enqueues as much of a burst as the ring has room for; the rest is counted as an error and stays the caller's. */
public class RingTxQueue extends TxQueue {
    private final Ring<Mbuf> ring;

    public RingTxQueue(int portId, int queueId, Ring<Mbuf> ring) {
        super(portId, queueId);
        this.ring = ring;
    }

    @Override
    public int txBurst(Mbuf[] mbufs, int offset, int n) {
        // Read the lengths before the enqueue: once in the ring the mbufs belong to the receiver.
        long bytes = 0;
        for (int i = offset; i < offset + n; i++) {
            bytes += mbufs[i].packetLength();
        }
        int sent = ring.enqueueBurst(mbufs, offset, n);
        if (sent < n) {
            for (int i = offset + sent; i < offset + n; i++) {
                bytes -= mbufs[i].packetLength();
            }
            countErrors(n - sent);
        }
        count(sent, bytes);
        return sent;
    }
}
