package io.wirespeed.driver.afxdp;

import io.wirespeed.ethdev.RxQueue;
import io.wirespeed.mbuf.Mbuf;
import io.wirespeed.mbuf.Mempool;

/**
 * Receives from an AF_XDP socket without copying: the kernel writes each frame into a chunk the
 * fill ring gave it, and a chunk is an mbuf's buffer, so the RX descriptor names the very mbuf to
 * hand out (data offset and length set, nothing copied). Each burst then restocks the fill ring
 * with as many fresh mbufs as it delivered.
 *
 * <p>One system call at most per burst: a recvfrom when the RX ring is empty and preferred busy
 * polling is on (the kernel then runs the queue's receive work in it), or when a zero-copy
 * socket's kernel asks for one (XDP_RING_NEED_WAKEUP on the fill ring, which zero-copy drivers
 * set when they sleep); none in copy mode otherwise.
 */
final class AfXdpRxQueue extends RxQueue {
    /** Fill-ring slots restocked per pool request. */
    private static final int RESTOCK_BATCH = 64;

    private final Mempool pool;
    private final int descriptors;
    private final Mbuf[] restock = new Mbuf[RESTOCK_BATCH];
    private final AfXdpBackend backend;

    // The socket's receive side, set by attach() before the port starts; null while detached.
    private ConsumerRing rx;
    private XskSocket socket;
    private ProducerRing fill;
    private UmemLayout umem;
    private byte[] held;
    private int fd = -1;
    private int bufferLength;
    private boolean busyPolling;
    /**
     * Zero-copy sockets only: there the device driver sleeps once the fill ring runs dry and the
     * kernel asks for a recvfrom to wake it. A copy-mode socket is fed by the device's own receive
     * work, its fill ring keeps the flag set, and the kick would be a system call that does nothing
     * (Linux's xsk_recvmsg returns at once unless busy polling or zero-copy), on every poll.
     */
    private boolean kicksFillRing;
    /** A sleeping idle policy watches this queue: no busy polling, whatever the socket offers. */
    private boolean sleptOn;

    /** Fill-ring slots emptied by delivered packets and not restocked yet (the pool ran dry). */
    private int unstocked;
    /** Of those, how many rx_nombuf has counted already: each slot is counted once. */
    private int unstockedCounted;

    AfXdpRxQueue(AfXdpBackend backend, int portId, int queueId, int descriptors, Mempool pool) {
        super(portId, queueId);
        this.backend = backend;
        this.descriptors = descriptors;
        this.pool = pool;
    }

    Mempool pool() {
        return pool;
    }

    int descriptors() {
        return descriptors;
    }

    /**
     * An lcore that sleeps on this queue polls it seldom and mostly to find it empty; with busy
     * polling each such poll's recvfrom, and each transmit kick's sendto, would run the kernel's
     * receive loop for up to 20 us (measured at 2,000 pps in adaptive mode: 37 % of a core with
     * it, 8 % without). The frames then come through the device's own receive work, which raises
     * EPOLLIN. Before the loop starts, on its thread.
     */
    @Override
    public void sleptOn() {
        sleptOn = true;
        busyPolling = false;
        if (socket != null) {
            socket.stopBusyPolling();
        }
    }

    /** Control thread, before the lcores run: use this socket's fill and RX rings. */
    void attach(XskSocket socket) {
        if (sleptOn) {
            socket.stopBusyPolling();
        }
        this.socket = socket;
        this.umem = socket.umem();
        this.held = socket.rxHeld();
        this.fill = socket.fill();
        this.fd = socket.fd();
        this.bufferLength = umem.bufferLength();
        this.busyPolling = socket.busyPolling();
        this.kicksFillRing = socket.zeroCopy();
        this.unstocked = 0;
        this.unstockedCounted = 0;
        this.rx = socket.rx();
        // Link the counters' var handles now (one-time JDK work that allocates), not at the
        // lcore's first packet; adding zero changes nothing, and no lcore runs the queue yet.
        count(0, 0);
        countNoMbuf(0);
        countErrors(0);
    }

    void detach() {
        this.rx = null;
        this.socket = null;
        this.fill = null;
        this.fd = -1;
    }

    @Override
    public int rxBurst(Mbuf[] mbufs, int offset, int n) {
        ConsumerRing ring = rx;
        if (ring == null || n <= 0) {
            return 0;
        }
        int ready = ring.peek(n);
        int delivered = 0;
        if (ready > 0) {
            Mempool p = pool;
            UmemLayout layout = umem;
            byte[] h = held;
            int port = portId();
            int first = ring.consumerIndex();
            long bytes = 0;
            int ours = 0;
            int bad = 0;
            for (int i = 0; i < ready; i++) {
                long address = ring.descriptorAddress(first + i);
                int length = ring.descriptorLength(first + i);
                int index = layout.indexOf(address & Xdp.UNALIGNED_ADDRESS_MASK);
                if (index < 0 || h[index] == 0) {
                    bad++;                          // not a chunk we gave the kernel: count, touch nothing
                    continue;
                }
                h[index] = 0;
                ours++;
                Mbuf m = p.get(index);
                int dataOffset = (int) (address >>> Xdp.UNALIGNED_OFFSET_SHIFT);
                if (length <= 0 || dataOffset + length > bufferLength) {
                    bad++;                          // malformed: drop it, the buffer goes back to the pool
                    m.free();
                    continue;
                }
                m.dataOffset(dataOffset);
                m.length(length);
                m.port(port);
                mbufs[offset + delivered++] = m;
                bytes += length;
            }
            // Release: the descriptors are read before the kernel may reuse their slots.
            ring.release(ready);
            unstocked += ours;
            count(delivered, bytes);
            if (bad > 0) {
                countErrors(bad);
            }
        }
        if (unstocked > 0) {
            restock();
        }
        if (ready == 0 && busyPolling || kicksFillRing && fill.needsWakeupPolled()) {
            // Busy polling: an empty ring lets the kernel run the queue's NAPI here, now. And
            // zero-copy drivers sleep when the fill ring ran dry; recvfrom wakes them. No data moves.
            Wakeup.receive(fd);
        }
        return delivered;
    }

    /** Puts fresh mbufs in the fill ring for the slots delivered packets emptied. */
    private void restock() {
        ProducerRing ring = fill;
        byte[] h = held;
        UmemLayout layout = umem;
        boolean starved = false;
        while (unstocked > 0) {
            int want = ring.reserve(Math.min(unstocked, RESTOCK_BATCH));
            if (want == 0) {
                // The kernel publishes its fill-ring consumer index after the RX producer index:
                // a frame can be seen before its buffer's slot is. The next burst restocks it.
                break;
            }
            if (pool.allocBulk(restock, 0, want) == 0) {
                starved = true;
                break;
            }
            int at = ring.producerIndex();
            for (int i = 0; i < want; i++) {
                int index = restock[i].index();
                h[index] = 1;
                ring.setAddress(at + i, layout.chunk(index));
            }
            ring.submit(want);
            unstocked -= want;
        }
        // rx_nombuf: each slot left empty for want of an mbuf is counted once, when it first fails.
        if (starved && unstocked > unstockedCounted) {
            countNoMbuf(unstocked - unstockedCounted);
            unstockedCounted = unstocked;
        } else if (unstockedCounted > unstocked) {
            unstockedCounted = unstocked;
        }
    }

    /** The socket's descriptor: POLLIN/EPOLLIN when the RX ring holds frames. */
    @Override
    public int interruptFd() {
        return fd;
    }

    @Override
    protected void release() {
        backend.releaseQueue(queueId());
    }
}
