package io.wirespeed.driver.nulldev;

import io.wirespeed.ethdev.RxQueue;
import io.wirespeed.mbuf.Mbuf;
import io.wirespeed.mbuf.Mempool;
import java.lang.foreign.MemorySegment;

/** Receives {@code size}-byte packets straight from the pool: all of a burst or none. */
final class NullRxQueue extends RxQueue {
    private final Mempool pool;
    private final int size;
    private final boolean noRx;
    /** Source of the bytes in copy mode, null otherwise. */
    private final MemorySegment pattern;

    NullRxQueue(int portId, int queueId, Mempool pool, int size, boolean noRx, MemorySegment pattern) {
        super(portId, queueId);
        this.pool = pool;
        this.size = size;
        this.noRx = noRx;
        this.pattern = pattern;
    }

    @Override
    public int rxBurst(Mbuf[] mbufs, int offset, int n) {
        if (noRx || n <= 0) {
            return 0;
        }
        if (pool.allocBulk(mbufs, offset, n) == 0) {
            countNoMbuf(n);
            return 0;
        }
        int port = portId();
        for (int i = offset; i < offset + n; i++) {
            Mbuf m = mbufs[i];
            m.length(size);
            m.port(port);
        }
        if (pattern != null) {
            for (int i = offset; i < offset + n; i++) {
                Mbuf m = mbufs[i];
                MemorySegment.copy(pattern, 0, m.buffer(), m.dataOffset(), size);
            }
        }
        count(n, (long) n * size);
        return n;
    }
}
