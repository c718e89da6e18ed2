package io.wirespeed.driver.tap;

import io.wirespeed.ethdev.RxQueue;
import io.wirespeed.mbuf.Mbuf;
import io.wirespeed.mbuf.Mempool;
import io.wirespeed.sys.Log;

/**
 * Receives from one tap queue descriptor: each burst queues one read(2) per mbuf on an io_uring
 * and enters the kernel once. The reads are RWF_NOWAIT, so every one completes during that call,
 * with a frame or with EAGAIN; the mbufs whose read found nothing are kept for the next burst
 * rather than freed.
 *
 * <p>A read on an empty queue costs a little, so the number of reads per burst adapts: it
 * doubles while every read finds a frame and falls back to about what the last burst found, down
 * to one while the queue is idle. A poll of an idle queue is then one system call, as plain
 * read(2) would be, and a loaded queue is drained a full burst per call.
 *
 * <p>Frames longer than the mbuf's room would be cut by the kernel; a read that fills the room
 * exactly is taken for such a frame, counted in ierrors and dropped.
 */
final class TapRxQueue extends RxQueue {
    /** A read on a queue whose interface was deleted: no frame lost, nothing to count. */
    private static final int EBADFD = 77;
    private static final int EAGAIN = 11;
    private static final int EOPNOTSUPP = 95;

    private final int fd;
    private final Mempool pool;
    private final IoUring ring;
    /** The mbuf each in-flight read fills, by slot (the request's user data). */
    private final Mbuf[] slotMbuf;
    private final int[] freeSlots;
    private int freeSlotCount;
    /** Allocated mbufs waiting for a read, reused across bursts. */
    private final Mbuf[] spare;
    private int spareCount;
    private int inFlight;
    private int readAhead = 1;
    /** RWF_NOWAIT, unless the kernel's tun driver predates non-blocking io_uring reads. */
    private int rwFlags = IoUring.RWF_NOWAIT;

    TapRxQueue(int portId, int queueId, int fd, Mempool pool, int ringEntries, String who) {
        super(portId, queueId);
        this.fd = fd;
        this.pool = pool;
        this.ring = IoUring.create(ringEntries, who);
        int slots = ring.entries();
        this.slotMbuf = new Mbuf[slots];
        this.freeSlots = new int[slots];
        for (int i = 0; i < slots; i++) {
            freeSlots[i] = slots - 1 - i;
        }
        this.freeSlotCount = slots;
        this.spare = new Mbuf[slots];
    }

    @Override
    public int rxBurst(Mbuf[] mbufs, int offset, int n) {
        if (n <= 0) {
            return 0;
        }
        // Never more reads in flight than the caller can take completions for.
        int post = Math.min(Math.min(readAhead, n - inFlight), Math.min(freeSlotCount, ring.submissionSpace()));
        if (post > 0) {
            post = refill(post);
            for (int i = 0; i < post; i++) {
                Mbuf m = spare[--spareCount];
                int slot = freeSlots[--freeSlotCount];
                slotMbuf[slot] = m;
                ring.queue(IoUring.OP_READ, fd, m.dataAddress(), m.bufferLength() - m.dataOffset(), rwFlags, slot);
            }
            inFlight += post;
        }
        ring.submit(); // no system call when nothing is queued
        int got = harvest(mbufs, offset);
        // Adapt: a burst that filled every read asks for twice as many next time; otherwise the
        // queue was drained and about as many frames as just came are expected.
        readAhead = got >= post && post > 0 ? Math.min(readAhead * 2, slotMbuf.length) : Math.max(1, got * 2);
        return got;
    }

    /** Makes {@code want} spare mbufs ready; returns how many there are (fewer if the pool is dry). */
    private int refill(int want) {
        if (spareCount < want) {
            int need = want - spareCount;
            if (pool.allocBulk(spare, spareCount, need) == need) {
                spareCount += need;
            } else {
                countNoMbuf(1);
            }
        }
        return Math.min(want, spareCount);
    }

    /** Takes every completion: frames to {@code mbufs[offset..]}, empty reads back to the spares. */
    private int harvest(Mbuf[] mbufs, int offset) {
        int ready = ring.completions();
        if (ready == 0) {
            return 0;
        }
        int got = 0;
        long bytes = 0;
        int errors = 0;
        int port = portId();
        for (int i = 0; i < ready; i++) {
            int slot = (int) ring.completionUserData(i);
            int res = ring.completionResult(i);
            Mbuf m = slotMbuf[slot];
            slotMbuf[slot] = null;
            freeSlots[freeSlotCount++] = slot;
            if (res > 0 && res < m.bufferLength() - m.dataOffset()) {
                m.length(res);
                m.port(port);
                mbufs[offset + got++] = m;
                bytes += res;
            } else {
                spare[spareCount++] = m;
                if (res == -EOPNOTSUPP && rwFlags != 0) {
                    rwFlags = 0; // an O_NONBLOCK descriptor then fails fast by itself
                } else if (res != -EAGAIN && res != -EBADFD) {
                    errors++;      // a frame cut to the room, or a read the kernel failed
                }
            }
        }
        ring.consume(ready);
        inFlight -= ready;
        if (got > 0) {
            count(got, bytes);
        }
        if (errors > 0) {
            countErrors(errors);
        }
        return got;
    }

    /** The tap descriptor: readable while frames wait (level-triggered, nothing to arm). */
    @Override
    public int interruptFd() {
        return fd;
    }

    /**
     * Frees the spare mbufs and closes the ring. Reads complete within the burst that queued
     * them, so none is normally in flight; one that is (a kernel that armed it after all) keeps its
     * mbuf out of the pool rather than risk the kernel writing into a buffer handed out again.
     */
    @Override
    protected void release() {
        Mbuf[] sink = new Mbuf[slotMbuf.length];
        int got = harvest(sink, 0);
        Mbuf.freeBulk(sink, 0, got);
        Mbuf.freeBulk(spare, 0, spareCount);
        spareCount = 0;
        if (inFlight > 0) {
            Log.info("net_tap", "port " + portId() + " rx queue " + queueId() + ": " + inFlight
                    + " reads still in flight at close; their mbufs stay out of the pool");
        }
        ring.close();
    }
}
