package io.wirespeed.driver.pcap;

import static io.wirespeed.driver.pcap.CaptureFormat.PCAP_RECORD_HEADER;
import static io.wirespeed.driver.pcap.FileBytes.i32;
import static io.wirespeed.driver.pcap.FileBytes.u32;

import io.wirespeed.mbuf.Mbuf;
import io.wirespeed.mbuf.Mempool;
import java.lang.foreign.MemorySegment;

/**
 * Reads a classic pcap file once, front to back: per packet it reads the 16-byte record header
 * from the mapping and copies the frame into an mbuf. The file was checked at open, so no length
 * is checked again; after the last packet the queue is exhausted.
 */
final class ClassicRxQueue extends FileRxQueue {
    private final MemorySegment file;
    private final boolean swap;
    private final long tsMultiplier;
    private final long packets;
    private final boolean truncated;
    private long position;
    private long delivered;

    ClassicRxQueue(int portId, int queueId, Mempool pool, CaptureFile capture) {
        super(portId, queueId, pool, capture.summary().maxCapture());
        CaptureSummary s = capture.summary();
        this.file = capture.data();
        this.swap = s.swap();
        this.tsMultiplier = s.tsMultiplier();
        this.packets = s.packets();
        this.truncated = s.truncated();
        this.position = s.firstRecord();
    }

    @Override
    public int rxBurst(Mbuf[] mbufs, int offset, int n) {
        long left = packets - delivered;
        if (n <= 0 || left <= 0) {
            if (left <= 0) {
                reachedEnd(truncated);
            }
            return 0;
        }
        int taken = takeMbufs(mbufs, offset, left < n ? (int) left : n);
        MemorySegment f = file;
        boolean sw = swap;
        int port = portId();
        long pos = position;
        long bytes = 0;
        int got = 0;
        while (got < taken) {
            int length = i32(f, pos + 8, sw);
            Mbuf m = mbufs[offset + got];
            if (!fill(m, f, pos + PCAP_RECORD_HEADER, length)) {
                break;
            }
            m.port(port);
            m.timestamp(u32(f, pos, sw) * InterfaceTable.NANOS + u32(f, pos + 4, sw) * tsMultiplier);
            bytes += length;
            pos += PCAP_RECORD_HEADER + length;
            got++;
        }
        position = pos;
        delivered += got;
        if (delivered == packets) {
            reachedEnd(truncated);
        }
        return finish(mbufs, offset, taken, got, bytes);
    }

    /** Read once: the queue ends after the file's last packet. */
    @Override
    public boolean isFinite() {
        return true;
    }

    @Override
    public boolean isExhausted() {
        return delivered == packets;
    }
}
