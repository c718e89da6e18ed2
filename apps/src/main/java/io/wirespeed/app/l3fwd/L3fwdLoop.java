package io.wirespeed.app.l3fwd;

import io.wirespeed.app.common.AllocationWatch;
import io.wirespeed.ethdev.RxQueue;
import io.wirespeed.ethdev.TxQueue;
import io.wirespeed.lcore.IdlePolicy;
import io.wirespeed.lcore.LcoreContext;
import io.wirespeed.lcore.LcoreFunction;
import io.wirespeed.lcore.PollPacer;
import io.wirespeed.mbuf.Mbuf;
import io.wirespeed.net.Checksums;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.List;

/**
 * What one forwarding lcore runs (DPDK l3fwd's main loop): for each of its receive queues, take a
 * burst, keep the routable IPv4 and IPv6 packets ({@link IpBurst}), look up the output ports of
 * each family in one call, then per packet decrement the TTL (IPv4: with the RFC 1624 checksum
 * update) or the hop limit (IPv6) and rewrite the Ethernet
 * addresses (destination: the port's next hop, source: the port's own), sort the packets by output
 * port and send each port's share in one burst on this lcore's transmit queue of that port.
 *
 * <p>Every packet received is sent or counted under a {@link DropReason}, so per lcore
 * received = sent + dropped at all times. DPDK buffers per port across bursts and drains every
 * 100 µs; here each burst's packets are sent before the next burst is taken, so there is no
 * drain timer and no packet waits for one.
 */
final class L3fwdLoop implements LcoreFunction {
    private static final int TICK_MASK = 1023;
    private static final ValueLayout.OfLong U64 = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    private static final ValueLayout.OfInt U32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);

    /** A receive queue this lcore polls. */
    record Source(int port, RxQueue queue) {
    }

    /** Where a port's packets go out: this lcore's transmit queue on it and the addresses to write. */
    record Output(TxQueue queue, long nextHopMac, long portMac) {
    }

    private final Source[] sources;
    /** Indexed by port id; null for a port that is not enabled. */
    private final Output[] outputs;
    /** Per port: the first 8 bytes of the rewritten Ethernet header (destination, then source's first 2). */
    private final long[] headWords;
    /** Per port: the last 4 bytes of the source address. */
    private final int[] tailWords;
    private final RouteLookup lookup;
    private final IdlePolicy idle;
    private final Mbuf[] received;
    private final IpBurst burst;
    private final int[] hops;
    private final Mbuf[][] outgoing;
    private final int[] outgoingCount;
    /** The ports that have packets in {@link #outgoing}, in the order first used. */
    private final int[] touched;
    final LcoreCounters counters;
    final AllocationWatch allocations;

    L3fwdLoop(List<Source> sources, Output[] outputs, RouteLookup lookup, IdlePolicy idle, int burstSize, long warmupNanos) {
        this.sources = sources.toArray(Source[]::new);
        this.outputs = outputs.clone();
        this.lookup = lookup;
        this.idle = idle;
        int ports = outputs.length;
        this.headWords = new long[ports];
        this.tailWords = new int[ports];
        this.outgoing = new Mbuf[ports][];
        for (int p = 0; p < ports; p++) {
            Output o = outputs[p];
            if (o != null) {
                headWords[p] = o.nextHopMac() << 16 | o.portMac() >>> 32;
                tailWords[p] = (int) o.portMac();
                outgoing[p] = new Mbuf[burstSize];
            }
        }
        this.outgoingCount = new int[ports];
        this.touched = new int[ports];
        this.received = new Mbuf[burstSize];
        this.burst = new IpBurst(burstSize);
        this.hops = new int[2 * burstSize];   // indexed by IpBurst slot
        this.counters = new LcoreCounters(ports);
        this.allocations = new AllocationWatch(warmupNanos);
    }

    List<Source> sources() {
        return List.of(sources);
    }

    @Override
    public int run(LcoreContext ctx) {
        for (Source s : sources) {
            idle.watch(s.queue());
        }
        PollPacer pacer = ctx.pacer(idle);
        Source[] mine = sources;
        long handled = 0;
        int iterations = 0;
        allocations.begin();
        try {
            while (!ctx.stopRequested()) {
                int work = 0;
                for (Source s : mine) {
                    work += forward(s);
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

    /** One burst from a receive queue; returns the packets received. */
    int forward(Source s) {
        Mbuf[] rx = received;
        int n = s.queue().rxBurst(rx, 0, rx.length);
        if (n == 0) {
            return 0;
        }
        counters.countReceived(s.port(), n);
        if (burst.fill(rx, n, counters) > 0) {
            int used = 0;
            if (burst.count > 0) {
                lookup.lookup(burst, hops);
                used = sort(0, burst.count, false, used);
            }
            if (burst.count6 > 0) {
                lookup.lookup6(burst, hops);
                used = sort(burst.capacity, burst.capacity + burst.count6, true, used);
            }
            send(used);
        }
        return n;
    }

    /**
     * Rewrites the packets of slots {@code [from, to)} (one family) and sorts them by output port
     * after the ports already {@code used}; returns how many ports have packets now.
     */
    private int sort(int from, int to, boolean ipv6, int used) {
        Mbuf[] packets = burst.packets;
        long[] l3 = burst.l3Offsets;
        Output[] out = outputs;
        for (int i = from; i < to; i++) {
            Mbuf m = packets[i];
            int port = hops[i];
            if (port < 0 || port >= out.length || out[port] == null) {
                m.free();
                counters.countDropped(port == RouteLookup.DENIED ? DropReason.ACL_DENIED : DropReason.NO_ROUTE, 1);
                continue;
            }
            MemorySegment buf = m.buffer();
            if (ipv6) {
                decrementHopLimit(buf, l3[i]);
            } else {
                decrementTtl(buf, l3[i]);
            }
            long eth = m.dataOffset();
            buf.set(U64, eth, headWords[port]);
            buf.set(U32, eth + 8, tailWords[port]);
            int c = outgoingCount[port];
            if (c == 0) {
                touched[used++] = port;
            }
            outgoing[port][c] = m;
            outgoingCount[port] = c + 1;
        }
        return used;
    }

    /**
     * TTL − 1 and the RFC 1624 checksum update, in one 4-byte load and one store (TTL, protocol,
     * checksum). IpBurst checked the TTL is at least 2.
     */
    private static void decrementTtl(MemorySegment buf, long ip) {
        int word = buf.get(U32, ip + 8);
        int ttlProtocol = word >>> 16;
        int decremented = ttlProtocol - 0x100;
        buf.set(U32, ip + 8, decremented << 16 | Checksums.update16(word & 0xffff, ttlProtocol, decremented));
    }

    /** Hop limit − 1: IPv6 has no header checksum. IpBurst checked the hop limit is at least 2. */
    private static void decrementHopLimit(MemorySegment buf, long ip) {
        buf.set(ValueLayout.JAVA_BYTE, ip + 7, (byte) (buf.get(ValueLayout.JAVA_BYTE, ip + 7) - 1));
    }

    /** Sends each used port's packets in one burst; frees and counts what its queue refused. */
    private void send(int used) {
        for (int t = 0; t < used; t++) {
            int port = touched[t];
            Mbuf[] q = outgoing[port];
            int c = outgoingCount[port];
            outgoingCount[port] = 0;
            int sent = outputs[port].queue().txBurst(q, 0, c);
            counters.countSent(port, sent);
            if (sent < c) {
                Mbuf.freeBulk(q, sent, c - sent);
                counters.countDropped(DropReason.TX_FULL, c - sent);
            }
        }
    }
}
