package io.wirespeed.driver.pcap;

import static io.wirespeed.driver.pcap.CaptureFormat.EPB;
import static io.wirespeed.driver.pcap.CaptureFormat.EPB_DATA;
import static io.wirespeed.driver.pcap.CaptureFormat.IDB;
import static io.wirespeed.driver.pcap.CaptureFormat.OPB;
import static io.wirespeed.driver.pcap.CaptureFormat.SHB;
import static io.wirespeed.driver.pcap.CaptureFormat.SPB;
import static io.wirespeed.driver.pcap.CaptureFormat.SPB_DATA;
import static io.wirespeed.driver.pcap.FileBytes.INT;
import static io.wirespeed.driver.pcap.FileBytes.i32;
import static io.wirespeed.driver.pcap.FileBytes.u16;
import static io.wirespeed.driver.pcap.FileBytes.u32;

import io.wirespeed.mbuf.Mbuf;
import io.wirespeed.mbuf.Mempool;
import java.lang.foreign.MemorySegment;

/**
 * Reads a pcapng file once, block by block. Enhanced packet blocks are read in the loop; a
 * section header (new byte order, new interfaces), an interface description and every other
 * block go through {@link #otherBlock}, which keeps the section state the packet blocks need.
 * The file was checked at open, so lengths and interface numbers are trusted.
 */
final class PcapngRxQueue extends FileRxQueue {
    private final MemorySegment file;
    private final InterfaceTable interfaces;
    private final long packets;
    private final boolean truncated;
    private long position;
    private long delivered;
    /** The current section's byte order differs from this machine's. */
    private boolean swap;
    /** Table index of the current section's interface 0. */
    private int firstInterface;
    /** Interfaces described so far, in all sections. */
    private int interfacesSeen;

    PcapngRxQueue(int portId, int queueId, Mempool pool, CaptureFile capture) {
        super(portId, queueId, pool, capture.summary().maxCapture());
        CaptureSummary s = capture.summary();
        this.file = capture.data();
        this.interfaces = s.interfaces();
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
        InterfaceTable ifs = interfaces;
        int port = portId();
        long pos = position;
        long bytes = 0;
        int got = 0;
        while (got < taken) {
            boolean sw = swap;
            int type = i32(f, pos, sw);
            if (type != EPB && type != SPB && type != OPB) {
                pos = otherBlock(f, pos, type);
                continue;
            }
            int blockLength = i32(f, pos + 4, sw);
            Mbuf m = mbufs[offset + got];
            int length;
            long ts;
            if (type == SPB) {
                int iface = firstInterface;
                long capture = Math.min(u32(f, pos + 8, sw), blockLength - 16L);
                long snaplen = ifs.snaplen(iface);
                length = (int) (snaplen != 0 ? Math.min(capture, snaplen) : capture);
                if (!fill(m, f, pos + SPB_DATA, length)) {
                    break;
                }
                ts = 0;
            } else {
                int iface = firstInterface + (type == EPB ? i32(f, pos + 8, sw) : u16(f, pos + 8, sw));
                length = i32(f, pos + 20, sw);
                if (!fill(m, f, pos + EPB_DATA, length)) {
                    break;
                }
                ts = ifs.toNanos(iface, u32(f, pos + 12, sw) << 32 | u32(f, pos + 16, sw));
            }
            m.port(port);
            m.timestamp(ts);
            bytes += length;
            pos += blockLength;
            got++;
        }
        position = pos;
        delivered += got;
        if (delivered == packets) {
            reachedEnd(truncated);
        }
        return finish(mbufs, offset, taken, got, bytes);
    }

    /** A block that is not a packet: follows section and interface changes; returns the next block's offset. */
    private long otherBlock(MemorySegment f, long pos, int type) {
        if (type == SHB) {
            swap = f.get(INT, pos + 8) != CaptureFormat.BYTE_ORDER_MAGIC;
            firstInterface = interfacesSeen;
        } else if (type == IDB) {
            interfacesSeen++;
        }
        return pos + u32(f, pos + 4, swap);
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
