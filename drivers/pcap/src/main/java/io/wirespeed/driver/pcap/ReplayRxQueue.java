package io.wirespeed.driver.pcap;

import static java.lang.foreign.ValueLayout.JAVA_LONG;

import io.wirespeed.mbuf.Mbuf;
import io.wirespeed.mbuf.Mempool;
import java.lang.foreign.MemorySegment;

/**
 * Replays a capture file forever (DPDK's infinite_rx=1): walks the {@link ReplayIndex} built at
 * open and starts again at its first packet after the last, so no record header is parsed on the
 * data path. Packets keep the time stamps the file gives them; the queue is never exhausted.
 */
final class ReplayRxQueue extends FileRxQueue {
    private final MemorySegment file;
    private final MemorySegment index;
    private final long packets;
    private final boolean truncated;
    private long next;

    ReplayRxQueue(int portId, int queueId, Mempool pool, CaptureFile capture) {
        super(portId, queueId, pool, capture.summary().maxCapture());
        this.file = capture.data();
        this.index = capture.index().entries();
        this.packets = capture.index().packets();
        this.truncated = capture.summary().truncated();
    }

    @Override
    public int rxBurst(Mbuf[] mbufs, int offset, int n) {
        if (n <= 0) {
            return 0;
        }
        int taken = takeMbufs(mbufs, offset, n);
        MemorySegment f = file;
        MemorySegment ix = index;
        int port = portId();
        long i = next;
        long bytes = 0;
        int got = 0;
        while (got < taken) {
            long at = i * ReplayIndex.ENTRY;
            long where = ix.get(JAVA_LONG, at);
            int length = (int) (where & ReplayIndex.LENGTH_MASK);
            Mbuf m = mbufs[offset + got];
            if (!fill(m, f, where >>> ReplayIndex.LENGTH_BITS, length)) {
                break;
            }
            m.port(port);
            m.timestamp(ix.get(JAVA_LONG, at + 8));
            bytes += length;
            got++;
            if (++i == packets) {
                i = 0;
                reachedEnd(truncated);
            }
        }
        next = i;
        return finish(mbufs, offset, taken, got, bytes);
    }

    /** Replays forever: never ends. */
    @Override
    public boolean isFinite() {
        return false;
    }
}
