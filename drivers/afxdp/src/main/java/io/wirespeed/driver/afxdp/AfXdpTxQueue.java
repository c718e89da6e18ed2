package io.wirespeed.driver.afxdp;

import io.wirespeed.ethdev.TxQueue;
import io.wirespeed.mbuf.Mbuf;
import io.wirespeed.mbuf.Mempool;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Sends through an AF_XDP socket. An mbuf of the socket's own pool (the UMEM) goes out without a
 * copy: its buffer is a chunk, so the TX descriptor names it in place (chunk address, data offset
 * in the top 16 bits, length) and the mbuf returns to the pool when the completion ring hands the
 * address back. Anything else — an mbuf of another pool, a chain, a clone — is copied into a fresh
 * mbuf of the socket's pool first (the only copy on this path).
 *
 * <p>Each burst: reap completions, post descriptors, and kick the kernel with one sendto() when
 * the TX ring asks for it (XDP_RING_NEED_WAKEUP; in copy mode it always does, and the kernel sends
 * at most 32 frames per kick).
 */
final class AfXdpTxQueue extends TxQueue {
    /** Completions freed per pool request. */
    private static final int REAP_BATCH = 64;
    private static final VarHandle COPIED;
    private static final VarHandle KICKS_REFUSED;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            COPIED = l.findVarHandle(AfXdpTxQueue.class, "copied", long.class);
            KICKS_REFUSED = l.findVarHandle(AfXdpTxQueue.class, "kicksRefused", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final int descriptors;
    private final Mbuf[] reaped = new Mbuf[REAP_BATCH];
    private final AfXdpBackend backend;

    // The socket's transmit side, set by attach() before the port starts; null while detached.
    private ProducerRing tx;
    private ConsumerRing completion;
    private UmemLayout umem;
    private Mempool pool;
    private int[] held;
    private int fd = -1;
    private int maxLength;

    @SuppressWarnings("unused") // through COPIED: packets that took the copy path
    private long copied;
    @SuppressWarnings("unused") // through KICKS_REFUSED: kicks the kernel refused (frames stay in the ring)
    private long kicksRefused;

    AfXdpTxQueue(AfXdpBackend backend, int portId, int queueId, int descriptors) {
        super(portId, queueId);
        this.backend = backend;
        this.descriptors = descriptors;
    }

    int descriptors() {
        return descriptors;
    }

    /** Control thread, before the lcores run: use this socket's TX and completion rings. */
    void attach(XskSocket socket) {
        this.umem = socket.umem();
        this.pool = umem.pool();
        this.held = socket.txHeld();
        this.completion = socket.completion();
        this.fd = socket.fd();
        // A TX descriptor may not exceed a chunk; a copied frame must fit an mbuf after its headroom.
        this.maxLength = Math.min(UmemLayout.CHUNK_SIZE, umem.bufferLength() - pool.headroom());
        this.tx = socket.tx();
        // Link the counters' var handles now (one-time JDK work that allocates), not at the
        // lcore's first packet; adding zero changes nothing, and no lcore runs the queue yet.
        count(0, 0);
        countErrors(0);
        COPIED.setOpaque(this, (long) COPIED.getOpaque(this) + 0);
        KICKS_REFUSED.setOpaque(this, (long) KICKS_REFUSED.getOpaque(this) + 0);
    }

    void detach() {
        this.tx = null;
        this.completion = null;
        this.fd = -1;
    }

    @Override
    public int txBurst(Mbuf[] mbufs, int offset, int n) {
        ProducerRing ring = tx;
        if (ring == null) {
            return 0;
        }
        reapCompletions();
        int room = ring.reserve(n);
        Mempool own = pool;
        UmemLayout layout = umem;
        int[] h = held;
        int at = ring.producerIndex();
        int posted = 0;
        int dropped = 0;
        long bytes = 0;
        int taken = 0;
        while (taken < n && posted < room) {
            Mbuf m = mbufs[offset + taken];
            int length = m.dataLength();
            if (m.pool() != own || m.next() != null || m.isIndirect() || length <= 0 || length > UmemLayout.CHUNK_SIZE) {
                Mbuf c = copyIntoUmem(m);
                if (c == null) {
                    if (m.packetLength() > 0 && m.packetLength() <= maxLength) {
                        break;                      // the pool is empty: the rest stay the caller's
                    }
                    m.free();                       // empty or too long for a chunk: dropped, counted
                    dropped++;
                    taken++;
                    continue;
                }
                m.free();
                m = c;
                length = c.dataLength();
            }
            int index = m.index();
            h[index]++;
            ring.setDescriptor(at + posted, layout.chunk(index) | (long) m.dataOffset() << Xdp.UNALIGNED_OFFSET_SHIFT,
                    length);
            posted++;
            taken++;
            bytes += length;
        }
        if (posted > 0) {
            // Release: the descriptors are visible before the producer index that covers them.
            ring.submit(posted);
            count(posted, bytes);
        }
        if (dropped > 0) {
            countErrors(dropped);
        }
        if ((posted > 0 || ring.outstanding() > 0) && ring.needsWakeup()) {
            kick();
        }
        return taken;
    }

    /**
     * A copy of {@code m} (all its segments) in a fresh mbuf of the socket's pool, or null when it
     * is empty, too long for a chunk, or the pool has none left.
     */
    private Mbuf copyIntoUmem(Mbuf m) {
        int total = m.packetLength();
        if (total <= 0 || total > maxLength) {
            return null;
        }
        Mbuf c = pool.alloc();
        if (c == null) {
            return null;
        }
        MemorySegment to = c.buffer();
        long at = c.dataOffset();
        int left = total;
        for (Mbuf seg = m; seg != null && left > 0; seg = seg.next()) {
            int n = Math.min(seg.dataLength(), left);
            MemorySegment.copy(seg.buffer(), seg.dataOffset(), to, at, n);
            at += n;
            left -= n;
        }
        c.length(total - left);
        COPIED.setOpaque(this, (long) COPIED.getOpaque(this) + 1);
        return c;
    }

    /** Frees the mbufs whose frames the kernel has sent (the completion ring's addresses). */
    private void reapCompletions() {
        ConsumerRing ring = completion;
        Mempool own = pool;
        UmemLayout layout = umem;
        int[] h = held;
        int ready;
        while ((ready = ring.peek(REAP_BATCH)) > 0) {
            int first = ring.consumerIndex();
            int k = 0;
            for (int i = 0; i < ready; i++) {
                int index = layout.indexOf(ring.address(first + i) & Xdp.UNALIGNED_ADDRESS_MASK);
                if (index >= 0 && h[index] > 0) {   // anything else is not a frame we sent: ignored
                    h[index]--;
                    reaped[k++] = own.get(index);
                }
            }
            // Release: the addresses are read before the kernel may reuse their slots.
            ring.release(ready);
            Mbuf.freeBulk(reaped, 0, k);
        }
    }

    /**
     * sendto(fd, NULL, 0, MSG_DONTWAIT): the kernel sends what the TX ring holds. A refusal
     * (EAGAIN: more than one kick's batch waiting or the device queue full; EBUSY: the device
     * dropped a frame, which still completes; ENETDOWN) leaves the descriptors in the ring for
     * the next kick; it is counted, not classified (see {@link Wakeup}).
     */
    private void kick() {
        if (!Wakeup.transmit(fd)) {
            KICKS_REFUSED.setOpaque(this, (long) KICKS_REFUSED.getOpaque(this) + 1);
        }
    }

    long copied() {
        return (long) COPIED.getOpaque(this);
    }

    long kicksRefused() {
        return (long) KICKS_REFUSED.getOpaque(this);
    }

    @Override
    protected void release() {
        backend.releaseQueue(queueId());
    }
}
