package io.wirespeed.virt.vhost;

import io.wirespeed.ethdev.RxQueue;
import io.wirespeed.mbuf.Mbuf;
import io.wirespeed.mbuf.Mempool;
import io.wirespeed.mbuf.OffloadFlags;
import io.wirespeed.virt.vf.DescriptorRing;
import java.lang.foreign.MemorySegment;

/**
 * Guest -> host: the frames the guest queued on its transmit ring are copied into mbufs of the
 * host's pool and their descriptors completed, so the guest can reuse its buffers at once.
 * Multi-descriptor frames are gathered into one mbuf; a frame larger than it is dropped and counted.
 */
final class FromGuestQueue extends RxQueue {
    private final VhostDevice device;
    private final Mempool pool;
    private GuestRings known;
    private int head;

    FromGuestQueue(int portId, int queueId, VhostDevice device, Mempool pool) {
        super(portId, queueId);
        this.device = device;
        this.pool = pool;
    }

    @Override
    public int rxBurst(Mbuf[] mbufs, int offset, int n) {
        GuestRings r = device.beginBurst();
        if (r == null) {
            return 0;
        }
        try {
            DescriptorRing ring = r.tx()[queueId()];
            if (r != known) {
                known = r;
                head = ring.headOpaque();
            }
            MemorySegment guest = r.memory();
            int mask = ring.mask();
            int tail = ring.tailAcquire();
            int got = 0;
            long bytes = 0;
            while (got < n && head != tail) {
                Mbuf m = pool.alloc();
                if (m == null) {
                    countNoMbuf(1); // the frame stays queued in the guest until the host has buffers
                    break;
                }
                int length = 0;
                boolean fits = true;
                int status;
                int tci = 0;
                do {
                    status = ring.statusAcquire(head);
                    int segment = ring.length(head);
                    long address = ring.address(head);
                    if (fits && length + segment <= m.tailroom() && address >= 0 && address + segment <= guest.byteSize()) {
                        MemorySegment.copy(guest, address, m.buffer(), m.dataOffset() + length, segment);
                        length += segment;
                    } else {
                        fits = false;
                    }
                    if ((status & DescriptorRing.VLAN) != 0) {
                        tci = ring.tci(head);
                    }
                    ring.complete(head);
                    head = (head + 1) & mask;
                } while ((status & DescriptorRing.EOP) == 0 && head != tail);
                if (!fits) {
                    countErrors(1);
                    m.free();
                    continue;
                }
                m.length(length);
                m.port(portId());
                if (tci != 0) {
                    m.vlanTci(tci);
                    m.offloadFlags(OffloadFlags.TX_VLAN);
                }
                mbufs[offset + got++] = m;
                bytes += length;
            }
            ring.headOpaque(head);
            if (got > 0) {
                count(got, bytes);
                device.copiesFromGuest.setOpaque(device.copiesFromGuest.getOpaque() + got);
            }
            return got;
        } finally {
            device.endBurst();
        }
    }
}
