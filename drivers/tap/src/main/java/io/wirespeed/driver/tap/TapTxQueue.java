package io.wirespeed.driver.tap;

import static java.lang.foreign.ValueLayout.JAVA_LONG;

import io.wirespeed.ethdev.TxQueue;
import io.wirespeed.mbuf.Mbuf;
import io.wirespeed.sys.Log;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * Transmits on one tap queue descriptor: each burst queues one write(2) per frame (writev(2) for
 * a segment chain) on an io_uring and enters the kernel once. Each write is RWF_NOWAIT: the
 * kernel copies the frame into a buffer of its own during the call or refuses it, so the mbufs
 * are freed as the completions are reaped, right after it, and the lcore never waits.
 *
 * <p>The queue takes every frame it has a slot for. A frame the kernel refuses (shorter than an
 * Ethernet header, the interface down, more than {@value #MAX_SEGMENTS} segments) is counted in
 * oerrors and freed: nothing is dropped uncounted.
 */
final class TapTxQueue extends TxQueue {
    static final int MAX_SEGMENTS = 16;
    private static final int IOVEC_SIZE = 16;

    private final int fd;
    private final IoUring ring;
    private final Arena arena;
    /** struct iovec[MAX_SEGMENTS] per slot, for chained frames. */
    private final MemorySegment iovecs;
    private final Mbuf[] slotMbuf;
    private final int[] freeSlots;
    private int freeSlotCount;
    /** Frames finished (sent or refused), freed in one bulk call. */
    private final Mbuf[] done;
    private int inFlight;

    TapTxQueue(int portId, int queueId, int fd, int ringEntries, String who) {
        super(portId, queueId);
        this.fd = fd;
        this.ring = IoUring.create(ringEntries, who);
        int slots = ring.entries();
        this.arena = Arena.ofShared();
        try {
            this.iovecs = arena.allocate((long) slots * MAX_SEGMENTS * IOVEC_SIZE, 8);
        } catch (RuntimeException | OutOfMemoryError e) {
            arena.close();
            ring.close();
            throw e;
        }
        this.slotMbuf = new Mbuf[slots];
        this.freeSlots = new int[slots];
        for (int i = 0; i < slots; i++) {
            freeSlots[i] = slots - 1 - i;
        }
        this.freeSlotCount = slots;
        this.done = new Mbuf[slots];
    }

    @Override
    public int txBurst(Mbuf[] mbufs, int offset, int n) {
        if (inFlight > 0) {
            reap();
        }
        int take = Math.min(n, Math.min(freeSlotCount, ring.submissionSpace()));
        int refused = 0;
        for (int i = offset; i < offset + take; i++) {
            Mbuf m = mbufs[i];
            if (m.next() == null) {
                int slot = freeSlots[--freeSlotCount];
                slotMbuf[slot] = m;
                ring.queue(IoUring.OP_WRITE, fd, m.dataAddress(), m.dataLength(), IoUring.RWF_NOWAIT, slot);
            } else if (m.segmentCount() <= MAX_SEGMENTS) {
                int slot = freeSlots[--freeSlotCount];
                slotMbuf[slot] = m;
                int segments = writeIovecs(slot, m);
                ring.queue(IoUring.OP_WRITEV, fd, iovecs.address() + (long) slot * MAX_SEGMENTS * IOVEC_SIZE, segments,
                        IoUring.RWF_NOWAIT, slot);
            } else {
                done[refused++] = m;
            }
        }
        if (refused > 0) {
            Mbuf.freeBulk(done, 0, refused);
            countErrors(refused);
        }
        inFlight += take - refused;
        ring.submit(); // one system call for the whole burst
        reap();
        return take;
    }

    private int writeIovecs(int slot, Mbuf m) {
        long at = (long) slot * MAX_SEGMENTS * IOVEC_SIZE;
        int segments = 0;
        for (Mbuf seg = m; seg != null; seg = seg.next()) {
            iovecs.set(JAVA_LONG, at, seg.dataAddress());
            iovecs.set(JAVA_LONG, at + 8, seg.dataLength());
            at += IOVEC_SIZE;
            segments++;
        }
        return segments;
    }

    /** Frees the frames whose writes completed, counting what was sent and what the kernel refused. */
    private void reap() {
        int ready = ring.completions();
        if (ready == 0) {
            return;
        }
        int sent = 0;
        long bytes = 0;
        int errors = 0;
        for (int i = 0; i < ready; i++) {
            int slot = (int) ring.completionUserData(i);
            int res = ring.completionResult(i);
            done[i] = slotMbuf[slot];
            slotMbuf[slot] = null;
            freeSlots[freeSlotCount++] = slot;
            if (res >= 0) {
                sent++;
                bytes += res;
            } else {
                errors++;
            }
        }
        ring.consume(ready);
        inFlight -= ready;
        Mbuf.freeBulk(done, 0, ready);
        if (sent > 0) {
            count(sent, bytes);
        }
        if (errors > 0) {
            countErrors(errors);
        }
    }

    /** Reaps what completed and closes the ring; see {@link TapRxQueue#release()} for a write still in flight. */
    @Override
    protected void release() {
        reap();
        if (inFlight > 0) {
            Log.info("net_tap", "port " + portId() + " tx queue " + queueId() + ": " + inFlight
                    + " writes still in flight at close; their mbufs stay out of the pool");
        }
        ring.close();
        arena.close();
    }
}
