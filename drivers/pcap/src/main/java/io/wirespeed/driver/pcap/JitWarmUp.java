package io.wirespeed.driver.pcap;

import io.wirespeed.lcore.LcoreThread;
import io.wirespeed.mbuf.Mbuf;
import io.wirespeed.mbuf.Mempool;
import java.util.function.Function;

/**
 * Runs a large capture file's receive path for a moment before the port's own queue first
 * polls, on a throw-away queue and a throw-away pool, so that the JIT has compiled it by then.
 *
 * <p>Why: a file is read once, and a JVM runs the first tens of thousands of bursts interpreted
 * or through C1, several times slower; on a one-million-packet file that start dominates the
 * rate (measured here: 1-2 Mpps for the whole file cold, 20-40 Mpps once compiled). The
 * warm-up reads the same file through a second queue of the same class, on an lcore thread so
 * that the mempool's lcore-cache path is the one profiled, with mbufs of the same data room so
 * that the same copy and chain paths are taken. Nothing of it is visible: its counters and its
 * pool are discarded, and the port's queue starts at the first packet.
 */
final class JitWarmUp {
    /** Files smaller than this are read quickly enough cold; tests open many of them. */
    static final long MIN_PACKETS = 100_000;
    private static final int BURST = 32;
    private static final int MAX_BURSTS = 20_000;
    private static final long MAX_NANOS = 300_000_000L;
    private static final int POOL_SIZE = 1024;
    /**
     * Out of every 64 bursts, the first this many are held before being freed together. So the
     * pool's lcore cache runs dry and refills, and then overflows back to the ring, as it does on
     * the port's own first bursts from a fresh cache. A branch the profile never saw taken is
     * compiled as a trap: without this, the real queue's first burst threw the compiled receive
     * path away (Mempool.getBulk's refill, an unstable_if), and the pass began in profiled C1 code.
     */
    private static final int HELD_BURSTS = 12;
    private static final int POOL_CACHE = 256;

    private JitWarmUp() {
    }

    /**
     * Polls queues made by {@code newQueue} (a fresh one whenever the last is exhausted) for up
     * to 20 000 bursts or 300 ms, on a pool shaped like {@code like}.
     */
    static void run(CaptureSummary summary, Mempool like, Function<Mempool, FileRxQueue> newQueue) {
        if (summary.packets() < MIN_PACKETS) {
            return;
        }
        int segments = FileRxQueue.segmentsFor(summary.maxCapture(), like.dataRoom());
        int size = Math.max(POOL_SIZE, BURST * segments * (HELD_BURSTS + 2) + POOL_CACHE);
        try (Mempool scratch = Mempool.builder("pcap-warm-up", size).cacheSize(POOL_CACHE).headroom(like.headroom())
                .dataRoom(like.dataRoom()).hugePages(false).build()) {
            LcoreThread t = new LcoreThread(0, "pcap-warm-up", () -> poll(scratch, newQueue));
            t.start();
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void poll(Mempool pool, Function<Mempool, FileRxQueue> newQueue) {
        FileRxQueue q = newQueue.apply(pool);
        Mbuf[] burst = new Mbuf[BURST];
        Mbuf[] held = new Mbuf[BURST * HELD_BURSTS];
        int heldCount = 0;
        long deadline = System.nanoTime() + MAX_NANOS;
        for (int i = 0; i < MAX_BURSTS && System.nanoTime() < deadline; i++) {
            int n = q.rxBurst(burst, 0, BURST);
            if ((i & 63) < HELD_BURSTS) {
                System.arraycopy(burst, 0, held, heldCount, n);
                heldCount += n;
            } else {
                Mbuf.freeBulk(held, 0, heldCount);
                heldCount = 0;
                Mbuf.freeBulk(burst, 0, n);
            }
            if (n == 0 && q.isExhausted()) {
                q = newQueue.apply(pool);
            }
        }
        Mbuf.freeBulk(held, 0, heldCount);
    }
}
