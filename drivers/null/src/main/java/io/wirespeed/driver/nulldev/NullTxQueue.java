package io.wirespeed.driver.nulldev;

import io.wirespeed.ethdev.TxQueue;
import io.wirespeed.mbuf.Mbuf;
import java.lang.foreign.MemorySegment;

/** Takes every packet and frees it (in copy mode after copying its first bytes out). */
final class NullTxQueue extends TxQueue {
    /** Destination of the bytes in copy mode, null otherwise. */
    private final MemorySegment sink;

    NullTxQueue(int portId, int queueId, MemorySegment sink) {
        super(portId, queueId);
        this.sink = sink;
    }

    @Override
    public int txBurst(Mbuf[] mbufs, int offset, int n) {
        long bytes = 0;
        for (int i = offset; i < offset + n; i++) {
            Mbuf m = mbufs[i];
            bytes += m.packetLength();
            if (sink != null) {
                MemorySegment.copy(m.buffer(), m.dataOffset(), sink, 0, Math.min(m.dataLength(), sink.byteSize()));
            }
        }
        Mbuf.freeBulk(mbufs, offset, n);
        count(n, bytes);
        return n;
    }
}
