package io.wirespeed.driver.afpacket;

import static io.wirespeed.driver.afpacket.Tpacket3.STATUS_WORD;
import static io.wirespeed.driver.afpacket.Tpacket3.TX_DATA_OFFSET;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT_UNALIGNED;

import io.wirespeed.ethdev.TxQueue;
import io.wirespeed.mbuf.Mbuf;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * Transmits through a PACKET_TX_RING: copies each packet of the burst into the next free slot,
 * marks it TP_STATUS_SEND_REQUEST, and kicks the kernel with one
 * {@code sendto(fd, NULL, 0, MSG_DONTWAIT)} for the whole burst. Packets the ring has no free
 * slot for stay the caller's. Packets no device could send (shorter than an Ethernet header,
 * longer than the MTU allows or a slot holds) are taken, freed and counted as errors, as are
 * slots the kernel refused (TP_STATUS_WRONG_FORMAT), found when the slot comes round again.
 */
final class AfPacketTxQueue extends TxQueue {
    private static final ValueLayout.OfShort NET_SHORT = JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    private static final int ETH_HEADER = 14;
    private static final int ETHERTYPE_OFFSET = 12;
    private static final short ETHERTYPE_8021Q = (short) 0x8100;
    /** A slot the kernel has not finished with: requested, or being sent. */
    private static final int KERNEL_OWNED = Tpacket3.TP_STATUS_SEND_REQUEST | Tpacket3.TP_STATUS_SENDING;

    private final QueuePair pair;
    private final MemorySegment ring;
    private final int frameSize;
    private final int frameCount;
    private final int fd;
    private final boolean vnetHeader;

    AfPacketTxQueue(int portId, int queueId, QueuePair pair) {
        super(portId, queueId);
        this.pair = pair;
        this.ring = pair.txRing;
        this.frameSize = pair.geometry.frameSize();
        this.frameCount = pair.geometry.frameCount();
        this.fd = pair.fd;
        this.vnetHeader = pair.vnetHeader;
    }

    @Override
    public int txBurst(Mbuf[] mbufs, int offset, int n) {
        QueuePair p = pair;
        int head = p.txHead;
        int maxUntagged = p.txMaxUntagged;
        int maxTagged = p.txMaxFrame;
        int taken = 0;
        int queued = 0;
        int errors = 0;
        long bytes = 0;
        for (; taken < n; taken++) {
            long slot = (long) head * frameSize;
            // Acquire: the kernel is done with the slot (and its bytes) once it reads AVAILABLE.
            int status = (int) STATUS_WORD.getAcquire(ring, slot + Tpacket3.STATUS);
            if ((status & KERNEL_OWNED) != 0) {
                break; // ring full: this and the rest stay the caller's
            }
            if ((status & Tpacket3.TP_STATUS_WRONG_FORMAT) != 0) {
                errors++; // the kernel refused the frame this slot held last time round
                ring.set(JAVA_INT, slot + Tpacket3.STATUS, Tpacket3.TP_STATUS_AVAILABLE);
            }
            Mbuf m = mbufs[offset + taken];
            int length = m.packetLength();
            if (length < ETH_HEADER || length > maxUntagged && (length > maxTagged || !isTagged(m))) {
                errors++; // no device sends this: dropped here rather than wedging the ring
                continue;
            }
            long at = slot + TX_DATA_OFFSET;
            int slotLength = length;
            if (vnetHeader) {
                VnetHeader.writeWholeFrameLinear(ring, at, length);
                at += VnetHeader.SIZE;
                slotLength += VnetHeader.SIZE;
            }
            if (m.next() == null) {
                if (m.dataLength() != length) {
                    errors++; // a one-segment packet whose lengths disagree: which bytes to send?
                    continue;
                }
                MemorySegment.copy(m.buffer(), m.dataOffset(), ring, at, length);
            } else if (!copyChain(m, at, length)) {
                errors++; // the segments hold fewer bytes than packetLength says
                continue;
            }
            ring.set(JAVA_INT, slot + Tpacket3.LEN, slotLength);
            // Release: the frame's bytes and tp_len are written before the kernel can see the request.
            STATUS_WORD.setRelease(ring, slot + Tpacket3.STATUS, Tpacket3.TP_STATUS_SEND_REQUEST);
            head = head + 1 == frameCount ? 0 : head + 1;
            queued++;
            bytes += length;
        }
        p.txHead = head;
        if (queued > 0 || p.txKickPending) {
            // One system call for the burst. On EAGAIN/ENOBUFS the slots stay requested and the
            // next burst kicks again; nothing is lost and no exception is built.
            p.txKickPending = !TxKick.kick(fd);
        }
        if (taken > 0) {
            Mbuf.freeBulk(mbufs, offset, taken);
        }
        if (queued > 0) {
            count(queued, bytes);
        }
        if (errors > 0) {
            countErrors(errors);
        }
        return taken;
    }

    /**
     * Copies a chain's segments one after the other to {@code at}, never past {@code length}
     * bytes (the next slot may be the kernel's). False when the segments hold fewer bytes.
     */
    private boolean copyChain(Mbuf m, long at, int length) {
        long end = at + length;
        for (Mbuf seg = m; seg != null && at < end; seg = seg.next()) {
            int chunk = (int) Math.min(seg.dataLength(), end - at);
            MemorySegment.copy(seg.buffer(), seg.dataOffset(), ring, at, chunk);
            at += chunk;
        }
        return at == end;
    }

    /** An 802.1Q-tagged frame may be 4 bytes over MTU + 14, as the kernel allows. */
    private static boolean isTagged(Mbuf m) {
        return m.dataLength() >= ETH_HEADER
                && m.buffer().get(NET_SHORT, m.dataOffset() + ETHERTYPE_OFFSET) == ETHERTYPE_8021Q;
    }
}
