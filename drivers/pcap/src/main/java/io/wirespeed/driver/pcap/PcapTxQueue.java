package io.wirespeed.driver.pcap;

import io.wirespeed.ethdev.TxQueue;
import io.wirespeed.mbuf.Mbuf;

/**
 * Writes every packet it is given into the capture file, then frees it. A packet without a time
 * stamp (mbuf timestamp 0) is stamped with the current time, read once per burst. opackets and
 * obytes count what was accepted for the file; a failed write adds the packets it lost to oerrors,
 * and after it every packet is freed and counted in oerrors only.
 */
final class PcapTxQueue extends TxQueue {
    private final CaptureWriter writer;
    private final RealtimeClock clock = new RealtimeClock();

    PcapTxQueue(int portId, int queueId, CaptureWriter writer) {
        super(portId, queueId);
        this.writer = writer;
    }

    @Override
    public int txBurst(Mbuf[] mbufs, int offset, int n) {
        if (n <= 0) {
            return 0;
        }
        CaptureWriter w = writer;
        if (w.failed()) {
            return drop(mbufs, offset, n);
        }
        long need = 0;
        boolean unstamped = false;
        for (int i = offset; i < offset + n; i++) {
            Mbuf m = mbufs[i];
            need += w.recordLength(m.packetLength());
            unstamped |= m.timestamp() == 0;
        }
        int take = n;
        if (need > w.free()) {
            flush();
            if (w.failed()) {
                return drop(mbufs, offset, n);
            }
            if (need > w.free()) {
                take = fitting(mbufs, offset, n);
            }
        }
        long now = unstamped ? clock.nanos() : 0;
        long bytes = 0;
        for (int i = offset; i < offset + take; i++) {
            Mbuf m = mbufs[i];
            long ts = m.timestamp();
            w.append(m, ts != 0 ? ts : now);
            bytes += m.packetLength();
        }
        Mbuf.freeBulk(mbufs, offset, take);
        count(take, bytes);
        return take;
    }

    /** A burst larger than the whole buffer: the packets that fit; the others stay the caller's. */
    private int fitting(Mbuf[] mbufs, int offset, int n) {
        long room = writer.free();
        int take = 0;
        while (take < n && writer.recordLength(mbufs[offset + take].packetLength()) <= room) {
            room -= writer.recordLength(mbufs[offset + take].packetLength());
            take++;
        }
        return take;
    }

    private int drop(Mbuf[] mbufs, int offset, int n) {
        Mbuf.freeBulk(mbufs, offset, n);
        countErrors(n);
        return n;
    }

    /** Writes what is buffered; a failed write's packets become oerrors. Owner, or control thread after the owner stopped. */
    void flush() {
        int lost = writer.flush();
        if (lost > 0) {
            countErrors(lost);
        }
    }

    @Override
    protected void release() {
        flush();
    }
}
