package io.wirespeed.driver.ring;

import io.wirespeed.ethdev.RxQueue;
import io.wirespeed.mbuf.Mbuf;
import io.wirespeed.ring.Ring;

/** Receives whatever the ring holds, up to a burst. */
public class RingRxQueue extends RxQueue {
    private final Ring<Mbuf> ring;

    public RingRxQueue(int portId, int queueId, Ring<Mbuf> ring) {
        super(portId, queueId);
        this.ring = ring;
    }

    @Override
    public int rxBurst(Mbuf[] mbufs, int offset, int n) {
        int got = ring.dequeueBurst(mbufs, offset, n);
        if (got > 0) {
            long bytes = 0;
            for (int i = offset; i < offset + got; i++) {
                bytes += mbufs[i].packetLength();
            }
            count(got, bytes);
        }
        return got;
    }
}
