package io.wirespeed.virt.paths;

import io.wirespeed.ethdev.Port;
import io.wirespeed.lcore.InterruptSource;
import io.wirespeed.mbuf.Mbuf;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * VMDq's host side: the NIC already sorted the guest's frames into this pool's queue, so the
 * host's core only copies them into the guest's queue (which signals the guest), and copies what
 * the guest sends out of its memory onto the pool's transmit queue. It polls: the only interrupt
 * on this path is the guest's.
 */
final class VmdqCopier implements HostStage {
    private static final int BURST = 32;
    private final HostPort pool;
    private final Port toGuest;
    private final Mbuf[] burst = new Mbuf[BURST];
    /** Frames the guest's queue had no room for (host thread writes, opaque). */
    private final AtomicLong guestRingFull = new AtomicLong();
    /** Frames the guest sent that the pool's transmit ring had no room for (host thread writes, opaque). */
    private final AtomicLong returnFull = new AtomicLong();

    VmdqCopier(HostPort pool, Port toGuest) {
        this.pool = pool;
        this.toGuest = toGuest;
    }

    @Override
    public int pass(long now) {
        int in = pool.port.rxBurst(0, burst, 0, BURST);
        if (in > 0) {
            int sent = toGuest.txBurst(0, burst, 0, in);
            if (sent < in) {
                Mbuf.freeBulk(burst, sent, in - sent);
                guestRingFull.setOpaque(guestRingFull.getOpaque() + in - sent);
            }
        }
        int out = toGuest.rxBurst(0, burst, 0, BURST);
        if (out > 0) {
            int sent = pool.port.txBurst(0, burst, 0, out);
            if (sent < out) {
                Mbuf.freeBulk(burst, sent, out - sent);
                returnFull.setOpaque(returnFull.getOpaque() + out - sent);
            }
        }
        return in + out;
    }

    @Override
    public List<InterruptSource> wakeups() {
        return List.of();
    }

    @Override
    public Map<String, Long> drops() {
        return Map.of("rx_ring_full", guestRingFull.getOpaque());
    }

    @Override
    public long dropped() {
        return guestRingFull.getOpaque();
    }

    @Override
    public long returnDropped() {
        return returnFull.getOpaque();
    }

    @Override
    public void close() {
        pool.close();
    }
}
