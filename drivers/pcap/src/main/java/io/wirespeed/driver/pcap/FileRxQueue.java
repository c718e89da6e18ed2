package io.wirespeed.driver.pcap;

import io.wirespeed.ethdev.RxQueue;
import io.wirespeed.mbuf.Mbuf;
import io.wirespeed.mbuf.Mempool;
import java.lang.foreign.MemorySegment;

/**
 * What every capture-file receive queue shares: taking mbufs for a burst, copying a frame from
 * the mapped file into one mbuf or a chain of them, and the accounting at the end of a burst.
 *
 * <p>A packet that finds no mbuf is not lost: the queue stops before it, counts rx_nombuf once
 * for the burst, and delivers it on a later burst.
 */
abstract class FileRxQueue extends RxQueue {
    private final Mempool pool;
    /** Bytes one mbuf holds after its headroom: a longer frame becomes a chain. */
    private final int segmentRoom;
    /** The extra segments of one chained frame, taken from the pool in one bulk get. */
    private final Mbuf[] chainSegments;
    private boolean truncationCounted;

    FileRxQueue(int portId, int queueId, Mempool pool, int maxCapture) {
        super(portId, queueId);
        this.pool = pool;
        this.segmentRoom = pool.dataRoom();
        this.chainSegments = new Mbuf[Math.max(0, segmentsFor(maxCapture, segmentRoom) - 1)];
    }

    /** Mbufs that a frame of {@code length} bytes fills in a pool with {@code room} bytes per mbuf. */
    static int segmentsFor(int length, int room) {
        return length <= room ? 1 : (int) ((length + (long) room - 1) / room);
    }

    /**
     * Takes mbufs for up to {@code want} packets into {@code mbufs[offset..]}; returns how many
     * it got. Getting fewer than wanted counts rx_nombuf once (the packet that found none).
     */
    final int takeMbufs(Mbuf[] mbufs, int offset, int want) {
        if (pool.allocBulk(mbufs, offset, want) == want) {
            return want;
        }
        return takeFew(mbufs, offset, want);
    }

    /** The pool cannot give the whole burst (it is nearly empty): one at a time, as many as it has. */
    private int takeFew(Mbuf[] mbufs, int offset, int want) {
        int got = 0;
        while (got < want) {
            Mbuf m = pool.alloc();
            if (m == null) {
                break;
            }
            mbufs[offset + got++] = m;
        }
        countNoMbuf(1);
        return got;
    }

    /**
     * Copies {@code length} bytes at {@code at} of {@code file} into {@code m} (as a chain when
     * they do not fit one mbuf). Returns false, changing nothing, when the pool has no mbufs for
     * the chain's other segments.
     */
    final boolean fill(Mbuf m, MemorySegment file, long at, int length) {
        if (length <= segmentRoom) {
            MemorySegment.copy(file, at, m.buffer(), m.dataOffset(), length);
            m.length(length);
            return true;
        }
        return fillChain(m, file, at, length);
    }

    private boolean fillChain(Mbuf head, MemorySegment file, long at, int length) {
        int room = segmentRoom;
        int extra = segmentsFor(length, room) - 1;
        Mbuf[] segs = chainSegments;
        if (pool.allocBulk(segs, 0, extra) == 0) {
            return false;
        }
        MemorySegment.copy(file, at, head.buffer(), head.dataOffset(), room);
        head.length(room);
        long src = at + room;
        int left = length - room;
        for (int i = 0; i < extra; i++) {
            Mbuf s = segs[i];
            int n = Math.min(left, room);
            MemorySegment.copy(file, src, s.buffer(), s.dataOffset(), n);
            s.length(n);
            src += n;
            left -= n;
        }
        // Linked back to front, so that each chain() finds the end of its packet at once.
        for (int i = extra - 1; i > 0; i--) {
            segs[i - 1].chain(segs[i]);
        }
        head.chain(segs[0]);
        return true;
    }

    /**
     * Ends a burst that took {@code taken} mbufs and filled {@code got}: returns the unfilled
     * ones to the pool (a chain found no segments: counted as rx_nombuf) and counts the rest.
     */
    final int finish(Mbuf[] mbufs, int offset, int taken, int got, long bytes) {
        if (got < taken) {
            Mbuf.freeBulk(mbufs, offset + got, taken - got);
            countNoMbuf(1);
        }
        count(got, bytes);
        return got;
    }

    /**
     * Owner only, once the last complete packet is delivered: the partial record after it in a
     * truncated file is counted as one input error (ierrors), once.
     */
    final void reachedEnd(boolean truncated) {
        if (truncated && !truncationCounted) {
            truncationCounted = true;
            countErrors(1);
        }
    }
}
