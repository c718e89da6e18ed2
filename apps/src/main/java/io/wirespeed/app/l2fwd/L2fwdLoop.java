package io.wirespeed.app.l2fwd;

import io.wirespeed.app.common.AllocationWatch;
import io.wirespeed.ethdev.RxQueue;
import io.wirespeed.ethdev.TxQueue;
import io.wirespeed.lcore.IdlePolicy;
import io.wirespeed.lcore.LcoreContext;
import io.wirespeed.lcore.LcoreFunction;
import io.wirespeed.lcore.PollPacer;
import io.wirespeed.mbuf.Mbuf;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.List;

/**
 * What one forwarding lcore runs (DPDK's l2fwd_main_loop): poll each of its ports' receive queue,
 * rewrite the Ethernet addresses when MAC updating is on, send the burst on the paired port's
 * transmit queue, free and count what that queue refused. Every packet received is sent or
 * counted as dropped, so rx = tx + dropped holds at all times.
 *
 * <p>DPDK buffers packets per destination and flushes every 100 µs; here a whole burst comes from
 * one port and goes to one port, so it is sent as it is, with no drain timer.
 */
final class L2fwdLoop implements LcoreFunction {
    /** Loop iterations between two looks at the clock for the allocation watch. */
    private static final int TICK_MASK = 1023;
    private static final int ETHER_HEADER = 14;
    private static final ValueLayout.OfLong U64 = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    private static final ValueLayout.OfInt U32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);

    /** One rx port this lcore polls and everything needed to forward its packets. */
    record Route(int rxPort, RxQueue rx, PortCounters rxCounters, int txPort, TxQueue tx, PortCounters txCounters,
                 long destinationMac, long sourceMac) {
    }

    private final Route[] routes;
    private final boolean macUpdating;
    private final IdlePolicy idle;
    private final Mbuf[] burst;
    final AllocationWatch allocations;

    L2fwdLoop(List<Route> routes, boolean macUpdating, IdlePolicy idle, int burstSize, long warmupNanos) {
        this.routes = routes.toArray(Route[]::new);
        this.macUpdating = macUpdating;
        this.idle = idle;
        this.burst = new Mbuf[burstSize];
        this.allocations = new AllocationWatch(warmupNanos);
    }

    Route[] routes() {
        return routes;
    }

    @Override
    public int run(LcoreContext ctx) {
        for (Route r : routes) {
            idle.watch(r.rx());
        }
        PollPacer pacer = ctx.pacer(idle);
        Route[] mine = routes;
        Mbuf[] b = burst;
        int size = b.length;
        long handled = 0;
        int iterations = 0;
        allocations.begin();
        try {
            while (!ctx.stopRequested()) {
                int work = 0;
                for (Route r : mine) {
                    work += forward(r, b, size);
                }
                handled += work;
                pacer.afterPoll(work);
                if ((++iterations & TICK_MASK) == 0) {
                    allocations.tick(handled);
                }
            }
        } finally {
            allocations.end(handled);
            idle.close();
        }
        return 0;
    }

    /** One burst from a route's rx port to its tx port; returns the packets received. */
    private int forward(Route r, Mbuf[] b, int size) {
        int n = r.rx().rxBurst(b, 0, size);
        if (n == 0) {
            return 0;
        }
        r.rxCounters().countReceived(n);
        int ready = n;
        if (macUpdating) {
            ready = updateMacs(b, n, r.destinationMac(), r.sourceMac());
            if (ready < n) {
                r.txCounters().countDropped(n - ready);
            }
        }
        int sent = ready == 0 ? 0 : r.tx().txBurst(b, 0, ready);
        r.txCounters().countSent(sent);
        if (sent < ready) {
            Mbuf.freeBulk(b, sent, ready - sent);
            r.txCounters().countDropped(ready - sent);
        }
        return n;
    }

    /**
     * l2fwd_mac_updating: destination 02:00:00:00:00:TX_PORT, source the tx port's address. A frame
     * too short to hold an Ethernet header is freed (and counted as dropped by the caller); the
     * rest are compacted to the front of the burst. Returns how many remain.
     */
    static int updateMacs(Mbuf[] b, int n, long destinationMac, long sourceMac) {
        long head = destinationMac << 16 | sourceMac >>> 32;
        int tail = (int) sourceMac;
        int kept = 0;
        for (int i = 0; i < n; i++) {
            Mbuf m = b[i];
            if (m.dataLength() < ETHER_HEADER) {
                m.free();
                continue;
            }
            MemorySegment buf = m.buffer();
            long at = m.dataOffset();
            buf.set(U64, at, head);
            buf.set(U32, at + 8, tail);
            b[kept++] = m;
        }
        return kept;
    }
}
