package io.wirespeed.driver.afpacket;

import static io.wirespeed.driver.afpacket.Tpacket3.BLOCK_DESC_SIZE;
import static io.wirespeed.driver.afpacket.Tpacket3.BLOCK_NUM_PKTS;
import static io.wirespeed.driver.afpacket.Tpacket3.BLOCK_OFFSET_TO_FIRST_PKT;
import static io.wirespeed.driver.afpacket.Tpacket3.BLOCK_STATUS;
import static io.wirespeed.driver.afpacket.Tpacket3.HDR_SIZE;
import static io.wirespeed.driver.afpacket.Tpacket3.STATUS_WORD;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT_UNALIGNED;

import io.wirespeed.ethdev.RxQueue;
import io.wirespeed.mbuf.Mbuf;
import io.wirespeed.mbuf.Mempool;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Receives from a TPACKET_V3 ring: takes closed blocks in ring order, copies each frame into an
 * mbuf (putting back a VLAN tag the kernel took out), and returns each block to the kernel as soon
 * as its last frame is copied. No system call: the kernel's retire timer closes a block that
 * fills slowly, so a quiet link delivers after at most {@code blocktmo} ms.
 *
 * <p>What is not delivered is counted: frames the kernel dropped for want of a free block
 * ({@link #missed}, from PACKET_STATISTICS, read when statistics are read); frames whose header
 * the ring contradicts or that the kernel truncated (errors); frames for which no mbuf chain
 * could be had (rx_nombuf); and, while the port is not promiscuous, frames addressed to other
 * hosts (an xstat, as a NIC's address filter would drop them).
 */
final class AfPacketRxQueue extends RxQueue {
    private static final ValueLayout.OfShort NET_SHORT = JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    private static final int ETH_ADDRESSES = 12;
    private static final int VLAN_TAG = 4;
    private static final int TPID_8021Q = 0x8100;
    private static final VarHandle FILTERED;

    static {
        try {
            FILTERED = MethodHandles.lookup().findVarHandle(AfPacketRxQueue.class, "filtered", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final QueuePair pair;
    private final MemorySegment ring;
    private final long blockSize;
    private final int blockCount;
    private final Mempool pool;
    private final AddressFilter filter;
    /** Extra segments for a frame longer than one mbuf, taken all at once before copying. */
    private final Mbuf[] spareSegments;
    @SuppressWarnings("unused") // through FILTERED
    private long filtered;

    AfPacketRxQueue(int portId, int queueId, QueuePair pair, Mempool pool, AddressFilter filter) {
        super(portId, queueId);
        this.pair = pair;
        this.ring = pair.rxRing;
        this.blockSize = pair.geometry.blockSize();
        this.blockCount = pair.geometry.blockCount();
        this.pool = pool;
        this.filter = filter;
        // A frame is never longer than a block, nor than the 64 KiB an skb carries without GSO.
        int longestFrame = Math.min(pair.geometry.blockSize(), 1 << 16);
        this.spareSegments = new Mbuf[longestFrame / pool.dataRoom() + 2];
    }

    @Override
    public int rxBurst(Mbuf[] mbufs, int offset, int n) {
        QueuePair p = pair;
        boolean checkType = p.filterOutgoing || !filter.promiscuous();
        int got = 0;
        long bytes = 0;
        int errors = 0;
        int otherHost = 0;
        while (got < n) {
            if (p.rxRemaining == 0 && !takeNextBlock(p)) {
                break;
            }
            if (p.rxRemaining == 0) {
                continue; // an empty block, already handed back
            }
            int want = Math.min(n - got, p.rxRemaining);
            if (pool.allocBulk(mbufs, offset + got, want) == 0) {
                // The frames stay in the ring for the next burst (or become kernel drops if it fills).
                countNoMbuf(want);
                break;
            }
            int filled = 0;
            long blockEnd = (long) p.rxBlock * blockSize + blockSize;
            for (int k = 0; k < want; k++) {
                long frame = p.rxNext;
                int snaplen = ring.get(JAVA_INT, frame + Tpacket3.SNAPLEN);
                int length = ring.get(JAVA_INT, frame + Tpacket3.LEN);
                int status = ring.get(JAVA_INT, frame + Tpacket3.STATUS);
                int mac = ring.get(JAVA_SHORT, frame + Tpacket3.MAC) & 0xffff;
                int next = ring.get(JAVA_INT, frame + Tpacket3.NEXT_OFFSET);
                boolean last = --p.rxRemaining == 0;
                if (!last && (next < HDR_SIZE || frame + next + HDR_SIZE > blockEnd)) {
                    // The chain of frames is broken: the rest of the block cannot be found.
                    errors += 1 + p.rxRemaining;
                    p.rxRemaining = 0;
                    break;
                }
                p.rxNext = frame + next;
                if (mac < HDR_SIZE || snaplen < ETH_ADDRESSES + 2 || frame + mac + snaplen > blockEnd || snaplen != length) {
                    errors++; // inconsistent, or truncated by the kernel (longer than a block holds)
                    continue;
                }
                if (checkType && dropByType(ring.get(JAVA_BYTE, frame + Tpacket3.SLL_PKTTYPE), p.filterOutgoing)) {
                    otherHost++;
                    continue;
                }
                Mbuf m = mbufs[offset + got + filled];
                int total = (status & Tpacket3.TP_STATUS_VLAN_VALID) != 0 ? snaplen + VLAN_TAG : snaplen;
                if (total > m.bufferLength() - m.dataOffset()) {
                    if (!copyChained(m, frame, mac, snaplen, status)) {
                        countNoMbuf(1); // consumed from the ring, no mbufs to hold it
                        continue;
                    }
                } else if (total == snaplen) {
                    MemorySegment.copy(ring, frame + mac, m.buffer(), m.dataOffset(), snaplen);
                    m.length(snaplen);
                } else {
                    copyRetagged(m, frame, mac, snaplen, status);
                }
                m.port(portId());
                m.timestamp(Integer.toUnsignedLong(ring.get(JAVA_INT, frame + Tpacket3.SEC)) * 1_000_000_000L
                        + ring.get(JAVA_INT, frame + Tpacket3.NSEC));
                bytes += total;
                filled++;
            }
            if (filled < want) {
                Mbuf.freeBulk(mbufs, offset + got + filled, want - filled);
            }
            got += filled;
            if (p.rxRemaining == 0) {
                handBack(p);
            }
        }
        if (got > 0) {
            count(got, bytes);
        }
        if (errors > 0) {
            countErrors(errors);
        }
        if (otherHost > 0) {
            FILTERED.setOpaque(this, (long) FILTERED.getOpaque(this) + otherHost);
        }
        return got;
    }

    /**
     * Takes the next block if the kernel has closed it. Returns false when it is still the
     * kernel's. A block the kernel closed with no frames, or whose descriptor makes no sense, goes
     * straight back.
     */
    private boolean takeNextBlock(QueuePair p) {
        long base = (long) p.rxBlock * blockSize;
        // Acquire: the frames the kernel wrote into the block are visible once we see
        // TP_STATUS_USER (the kernel publishes block_status after a write barrier).
        int status = (int) STATUS_WORD.getAcquire(ring, base + BLOCK_STATUS);
        if ((status & Tpacket3.TP_STATUS_USER) == 0) {
            return false;
        }
        int frames = ring.get(JAVA_INT, base + BLOCK_NUM_PKTS);
        int first = ring.get(JAVA_INT, base + BLOCK_OFFSET_TO_FIRST_PKT);
        if (frames < 0 || first < BLOCK_DESC_SIZE || first > blockSize - HDR_SIZE) {
            countErrors(Math.max(frames, 0));
            frames = 0;
        }
        p.rxRemaining = frames;
        p.rxNext = base + first;
        if (frames == 0) {
            handBack(p);
        }
        return true;
    }

    /** Returns the current block to the kernel and moves to the next one. */
    private void handBack(QueuePair p) {
        // Release: every read of the block's frames happens before the kernel may refill it.
        STATUS_WORD.setRelease(ring, (long) p.rxBlock * blockSize + BLOCK_STATUS, Tpacket3.TP_STATUS_KERNEL);
        p.rxBlock = p.rxBlock + 1 == blockCount ? 0 : p.rxBlock + 1;
    }

    private static boolean dropByType(byte packetType, boolean dropOutgoing) {
        return packetType == Tpacket3.PACKET_OTHERHOST || dropOutgoing && packetType == Tpacket3.PACKET_OUTGOING;
    }

    /** The tag a VLAN_VALID frame carried, as TPID << 16 | TCI. */
    private int tag(long frame, int status) {
        int tci = ring.get(JAVA_INT, frame + Tpacket3.VLAN_TCI) & 0xffff;
        int tpid = (status & Tpacket3.TP_STATUS_VLAN_TPID_VALID) != 0
                ? ring.get(JAVA_SHORT, frame + Tpacket3.VLAN_TPID) & 0xffff : TPID_8021Q;
        return tpid << 16 | tci;
    }

    /**
     * The kernel moved the frame's VLAN tag into the header (tp_vlan_tci): put it back after the
     * two addresses, so the frame leaves as it arrived.
     */
    private void copyRetagged(Mbuf m, long frame, int mac, int snaplen, int status) {
        MemorySegment dst = m.buffer();
        int at = m.dataOffset();
        int tag = tag(frame, status);
        MemorySegment.copy(ring, frame + mac, dst, at, ETH_ADDRESSES);
        dst.set(NET_SHORT, at + ETH_ADDRESSES, (short) (tag >>> 16));
        dst.set(NET_SHORT, at + ETH_ADDRESSES + 2, (short) tag);
        MemorySegment.copy(ring, frame + mac + ETH_ADDRESSES, dst, at + ETH_ADDRESSES + VLAN_TAG, snaplen - ETH_ADDRESSES);
        m.length(snaplen + VLAN_TAG);
    }

    /**
     * A frame longer than one mbuf: takes all the extra segments first (all or none, so a failure
     * leaves {@code head} as it was), then copies and chains.
     */
    private boolean copyChained(Mbuf head, long frame, int mac, int snaplen, int status) {
        boolean tagged = (status & Tpacket3.TP_STATUS_VLAN_VALID) != 0;
        int total = tagged ? snaplen + VLAN_TAG : snaplen;
        int headRoom = head.bufferLength() - head.dataOffset();
        int segmentRoom = pool.dataRoom();
        int extra = (total - headRoom + segmentRoom - 1) / segmentRoom;
        if (extra > spareSegments.length || pool.allocBulk(spareSegments, 0, extra) == 0) {
            return false;
        }
        MemorySegment dst = head.buffer();
        int at = head.dataOffset();
        long src = frame + mac;
        int left = snaplen;
        int room = headRoom;
        if (tagged) {
            int tag = tag(frame, status);
            MemorySegment.copy(ring, src, dst, at, ETH_ADDRESSES);
            dst.set(NET_SHORT, at + ETH_ADDRESSES, (short) (tag >>> 16));
            dst.set(NET_SHORT, at + ETH_ADDRESSES + 2, (short) tag);
            src += ETH_ADDRESSES;
            left -= ETH_ADDRESSES;
            at += ETH_ADDRESSES + VLAN_TAG;
            room -= ETH_ADDRESSES + VLAN_TAG;
        }
        int chunk = Math.min(room, left);
        MemorySegment.copy(ring, src, dst, at, chunk);
        head.length(headRoom - room + chunk);
        src += chunk;
        left -= chunk;
        for (int i = 0; i < extra; i++) {
            Mbuf seg = spareSegments[i];
            spareSegments[i] = null;
            chunk = Math.min(seg.bufferLength() - seg.dataOffset(), left);
            MemorySegment.copy(ring, src, seg.buffer(), seg.dataOffset(), chunk);
            seg.length(chunk);
            head.chain(seg);
            src += chunk;
            left -= chunk;
        }
        return true;
    }

    /** The socket's file descriptor: poll(2) reports POLLIN when a block is ready. */
    @Override
    public int interruptFd() {
        return pair.fd;
    }

    /**
     * What this queue could not deliver for want of room: the kernel's drops at this socket
     * (read from PACKET_STATISTICS now, so call it from the control thread, not per burst).
     */
    @Override
    public long missed() {
        return super.missed() + pair.kernelDrops();
    }

    Mempool pool() {
        return pool;
    }

    /** Frames for other hosts dropped while the port is not promiscuous. */
    long filtered() {
        return (long) FILTERED.getOpaque(this);
    }
}
