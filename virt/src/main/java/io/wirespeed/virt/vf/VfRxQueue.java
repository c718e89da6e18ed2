package io.wirespeed.virt.vf;

import io.wirespeed.ethdev.RxQueue;
import io.wirespeed.mbuf.Mbuf;
import io.wirespeed.mbuf.Mempool;
import io.wirespeed.mbuf.OffloadFlags;
import io.wirespeed.sys.EventFd;

/**
 * The VF driver's receive queue: every slot of the ring holds a buffer of the guest's mempool;
 * the device writes a frame into one and sets its done bit, and {@link #rxBurst} hands that very
 * mbuf to the application (zero copy) after posting a fresh one in its place.
 *
 * <p>The device may use slots {@code [head, tail)}. All slots carry a buffer; the one at the tail
 * is the gap that tells a full ring from an empty one, so after refilling slot {@code k} the
 * driver moves the tail to {@code k} (once per burst).
 */
final class VfRxQueue extends RxQueue {
    private static final int MAX_BURST = 64;
    private final DescriptorRing ring;
    private final Mempool pool;
    private final EventFd interrupt;
    /** The mbuf posted in each slot (the 82599 driver's sw_ring). */
    private final Mbuf[] posted;
    /** Replacement buffers for one burst. */
    private final Mbuf[] fresh;
    private final long zoneBase;
    private final int mask;
    /** The next slot the device will complete. */
    private int next;

    VfRxQueue(int portId, int queueId, DescriptorRing ring, Mempool pool, EventFd interrupt) {
        super(portId, queueId);
        this.ring = ring;
        this.pool = pool;
        this.interrupt = interrupt;
        this.posted = new Mbuf[ring.size()];
        this.fresh = new Mbuf[Math.min(ring.size(), MAX_BURST)];
        this.zoneBase = pool.zone().segment().address();
        this.mask = ring.mask();
        ring.interruptMasked(true);
        for (int slot = 0; slot < ring.size(); slot++) {
            Mbuf m = pool.alloc();
            if (m == null) {
                releaseBuffers();
                throw new IllegalArgumentException("net_vf: mempool " + pool.name() + " has too few mbufs for a ring of "
                        + ring.size() + " descriptors");
            }
            post(slot, m);
        }
        ring.headOpaque(0);
        ring.tailRelease(ring.size() - 1);
    }

    private void post(int slot, Mbuf m) {
        posted[slot] = m;
        ring.write(slot, m.dataAddress() - zoneBase, Math.min(m.tailroom(), 0xffff), 0, 0);
    }

    @Override
    public int rxBurst(Mbuf[] mbufs, int offset, int n) {
        int ready = 0;
        int limit = Math.min(n, fresh.length);
        while (ready < limit && (ring.statusAcquire((next + ready) & mask) & DescriptorRing.DD) != 0) {
            ready++;
        }
        if (ready == 0) {
            return 0;
        }
        // One pool operation for the burst's replacement buffers, as the 82599 driver's bulk refill.
        if (pool.allocBulk(fresh, 0, ready) == 0) {
            countNoMbuf(ready); // the frames stay in their slots until buffers free up
            return 0;
        }
        int slot = next;
        long bytes = 0;
        for (int k = 0; k < ready; k++) {
            int status = ring.statusAcquire(slot);
            Mbuf m = posted[slot];
            int length = ring.length(slot);
            m.length(length);
            m.port(portId());
            if ((status & DescriptorRing.VLAN) != 0) {
                m.vlanTci(ring.tci(slot));
                m.offloadFlags(OffloadFlags.RX_VLAN | OffloadFlags.RX_VLAN_STRIPPED);
            }
            mbufs[offset + k] = m;
            bytes += length;
            post(slot, fresh[k]);
            fresh[k] = null;
            slot = (slot + 1) & mask;
        }
        next = slot;
        ring.tailRelease((slot - 1) & mask);
        count(ready, bytes);
        return ready;
    }

    @Override
    public int interruptFd() {
        return interrupt.fd();
    }

    /**
     * Unmasking re-checks the ring after the (volatile) mask store: a frame the device completed
     * while the interrupt was masked raises the line here, as a real driver's re-check after
     * enabling its vector does, instead of waiting for the next frame.
     */
    @Override
    public void interruptEnable(boolean on) {
        ring.interruptMasked(!on);
        if (on) {
            if ((ring.statusAcquire(next) & DescriptorRing.DD) != 0) {
                interrupt.signal();
            }
        } else {
            interrupt.drain();
        }
    }

    @Override
    protected void release() {
        releaseBuffers();
    }

    private void releaseBuffers() {
        for (int i = 0; i < posted.length; i++) {
            if (posted[i] != null) {
                posted[i].free();
                posted[i] = null;
            }
        }
    }
}
