package io.wirespeed.virt.vhost;

import io.wirespeed.ethdev.TxQueue;
import io.wirespeed.mbuf.Mbuf;
import io.wirespeed.virt.vf.DescriptorRing;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.VarHandle;

/**
 * Host -> guest: each frame is copied into the next buffer the guest posted on its receive ring
 * (the one CPU copy the paravirtual paths pay) and its descriptor written back; the host's mbufs go
 * back to their pool in one bulk. After a burst, the guest is signalled unless it masked the
 * queue. Frames the ring has no room for are left to the caller, as a full transmit ring leaves them.
 */
final class ToGuestQueue extends TxQueue {
    private final VhostDevice device;
    /** The rings the positions below belong to; a restart of the guest's driver brings new ones. */
    private GuestRings known;
    private int head;
    private int cachedTail;

    ToGuestQueue(int portId, int queueId, VhostDevice device) {
        super(portId, queueId);
        this.device = device;
    }

    @Override
    public int txBurst(Mbuf[] mbufs, int offset, int n) {
        GuestRings r = device.beginBurst();
        if (r == null) {
            return 0; // the guest's driver is stopped: nothing can be delivered
        }
        try {
            DescriptorRing ring = r.rx()[queueId()];
            if (r != known) {
                known = r;
                head = ring.headOpaque();
                cachedTail = ring.tailAcquire();
            }
            MemorySegment guest = r.memory();
            int mask = ring.mask();
            int sent = 0;
            long bytes = 0;
            int copied = 0;
            while (sent < n) {
                if (head == cachedTail && head == (cachedTail = ring.tailAcquire())) {
                    break;
                }
                Mbuf m = mbufs[offset + sent];
                int length = m.packetLength();
                long address = ring.address(head);
                if (length > ring.length(head) || address < 0 || address + length > guest.byteSize()) {
                    countErrors(1); // a frame the guest's buffer cannot hold: dropped here, counted
                    sent++;
                    continue;
                }
                long at = address;
                for (Mbuf seg = m; seg != null; seg = seg.next()) {
                    MemorySegment.copy(seg.buffer(), seg.dataOffset(), guest, at, seg.dataLength());
                    at += seg.dataLength();
                }
                ring.writeBack(head, length, 0, DescriptorRing.DD | DescriptorRing.EOP);
                head = (head + 1) & mask;
                bytes += length;
                copied++;
                sent++;
            }
            Mbuf.freeBulk(mbufs, offset, sent); // copied (or refused): the host's buffers go back in one bulk
            if (copied > 0) {
                ring.headOpaque(head);
                count(copied, bytes);
                device.copiesToGuest.setOpaque(device.copiesToGuest.getOpaque() + copied);
                // Descriptor stores before the mask load; the guest orders its unmask before its ring re-check.
                VarHandle.fullFence();
                if (!ring.interruptMasked()) {
                    r.interrupts()[queueId()].signal();
                    device.interruptsRaised.setOpaque(device.interruptsRaised.getOpaque() + 1);
                }
            }
            return sent;
        } finally {
            device.endBurst();
        }
    }
}
