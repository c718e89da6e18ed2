package io.wirespeed.virt.vf;

import io.wirespeed.ethdev.TxQueue;
import io.wirespeed.mbuf.Mbuf;
import io.wirespeed.mbuf.OffloadFlags;

/**
 * The VF driver's transmit queue: one descriptor per segment, pointing at the mbuf's bytes in the
 * guest's memory (zero copy); one tail store per burst rings the doorbell. Mbufs go back to their
 * pool once the device has set the done bit on their last descriptor.
 */
final class VfTxQueue extends TxQueue {
    private final DescriptorRing ring;
    private final Mbuf[] queued;
    /** Done mbufs on their way back to the pool. */
    private final Mbuf[] reclaimed = new Mbuf[64];
    private final long zoneBase;
    private final long zoneSize;
    private final int mask;
    /** The next slot the driver fills. */
    private int tail;
    /** The oldest slot whose mbuf has not been reclaimed. */
    private int clean;

    VfTxQueue(int portId, int queueId, DescriptorRing ring, long zoneBase, long zoneSize) {
        super(portId, queueId);
        this.ring = ring;
        this.queued = new Mbuf[ring.size()];
        this.zoneBase = zoneBase;
        this.zoneSize = zoneSize;
        this.mask = ring.mask();
        ring.headOpaque(0);
        ring.tailRelease(0);
    }

    @Override
    public int txBurst(Mbuf[] mbufs, int offset, int n) {
        reclaim();
        int free = mask - ((tail - clean) & mask);
        int sent = 0;
        long bytes = 0;
        int slot = tail;
        while (sent < n) {
            Mbuf m = mbufs[offset + sent];
            int segments = m.segmentCount();
            if (segments > free) {
                break;
            }
            if (!inGuestMemory(m)) {
                // The device could not reach it (an IOMMU fault on real hardware): refuse and count.
                countErrors(1);
                m.free();
                sent++;
                continue;
            }
            int tci = (m.offloadFlags() & OffloadFlags.TX_VLAN) != 0 ? m.vlanTci() : 0;
            int vlanFlag = (m.offloadFlags() & OffloadFlags.TX_VLAN) != 0 ? DescriptorRing.VLAN : 0;
            Mbuf seg = m;
            for (int s = 0; s < segments; s++) {
                int eop = seg.next() == null ? DescriptorRing.EOP : 0;
                ring.write(slot, seg.dataAddress() - zoneBase, seg.dataLength(), tci, eop | vlanFlag);
                queued[slot] = eop != 0 ? m : null;
                slot = (slot + 1) & mask;
                seg = seg.next();
            }
            free -= segments;
            bytes += m.packetLength();
            sent++;
        }
        if (slot != tail) {
            tail = slot;
            ring.tailRelease(slot);
        }
        count(sent, bytes);
        return sent;
    }

    private boolean inGuestMemory(Mbuf m) {
        for (Mbuf seg = m; seg != null; seg = seg.next()) {
            long at = seg.dataAddress() - zoneBase;
            if (at < 0 || at + seg.dataLength() > zoneSize) {
                return false;
            }
        }
        return true;
    }

    /** Frees the mbufs of every frame the device is done with, a burst at a time. */
    private void reclaim() {
        int slot = clean;
        int done = 0;
        while (slot != tail && (ring.statusAcquire(slot) & DescriptorRing.DD) != 0) {
            Mbuf m = queued[slot];
            if (m != null) {
                queued[slot] = null;
                reclaimed[done++] = m;
                if (done == reclaimed.length) {
                    Mbuf.freeBulk(reclaimed, 0, done);
                    done = 0;
                }
            }
            slot = (slot + 1) & mask;
        }
        Mbuf.freeBulk(reclaimed, 0, done);
        clean = slot;
    }

    @Override
    protected void release() {
        for (int i = 0; i < queued.length; i++) {
            if (queued[i] != null) {
                queued[i].free();
                queued[i] = null;
            }
        }
    }
}
