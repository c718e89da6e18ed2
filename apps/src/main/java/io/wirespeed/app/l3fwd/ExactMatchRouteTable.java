package io.wirespeed.app.l3fwd;

import io.wirespeed.classify.hash.ExactMatchReader;
import io.wirespeed.classify.hash.ExactMatchTable;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;

/**
 * {@code --lookup em}: two cuckoo tables. Host routes are keyed by the 4-byte destination
 * address, read in place from each packet (no key is copied); 5-tuple routes (DPDK l3fwd-em's
 * key: destination and source address, destination and source port, protocol: 13 bytes) are
 * keyed by a key the lookup writes per packet. A 5-tuple route wins over a host route.
 */
final class ExactMatchRouteTable implements RouteTable {
    static final int HOST_KEY = 4;
    static final int TUPLE_KEY = 13;
    private static final ValueLayout.OfInt U32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);

    /** A 5-tuple route, addresses and ports in host order. */
    record TupleRoute(int src, int dst, int srcPort, int dstPort, int protocol, int port) {
    }

    /** A host route: the destination address and its port. */
    record HostRoute(int dst, int port) {
    }

    private final ExactMatchTable hosts;
    private final ExactMatchTable tuples;

    ExactMatchRouteTable(List<HostRoute> hostRoutes, List<TupleRoute> tupleRoutes) {
        hosts = hostRoutes.isEmpty() ? null : new ExactMatchTable(HOST_KEY, capacityFor(hostRoutes.size()));
        tuples = tupleRoutes.isEmpty() ? null : new ExactMatchTable(TUPLE_KEY, capacityFor(tupleRoutes.size()));
        // Keys are written off-heap, as the lookups' keys are: one kind of segment for the table's
        // hash and compare code to see (heap keys here made the lookups' calls polymorphic).
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment key = arena.allocate(16, 8);
            for (HostRoute r : hostRoutes) {
                key.set(U32, 0, r.dst());
                add(hosts, key, r.port());
            }
            for (TupleRoute r : tupleRoutes) {
                writeTuple(key, 0, r.dst(), r.src(), r.dstPort() << 16 | r.srcPort(), r.protocol());
                add(tuples, key, r.port());
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Room for the routes at a load the cuckoo displacement always reaches (rte_hash's tests go to 95 %). */
    private static int capacityFor(int routes) {
        return Math.max(64, (int) Math.min(1 << 28, routes * 5L / 4));
    }

    private static void add(ExactMatchTable table, MemorySegment key, int port) {
        int position = table.add(key, 0, port);
        if (position < 0) {
            throw new IllegalArgumentException("the exact-match table cannot take another route (error " + position + ")");
        }
    }

    /** The 5-tuple key: dst address, src address, dst port, src port (as {@code dstPort << 16 | srcPort}), protocol. */
    static void writeTuple(MemorySegment s, long at, int dst, int src, int dstSrcPorts, int protocol) {
        s.set(U32, at, dst);
        s.set(U32, at + 4, src);
        s.set(U32, at + 8, dstSrcPorts);
        s.set(ValueLayout.JAVA_BYTE, at + 12, (byte) protocol);
    }

    @Override
    public RouteLookup newLookup() {
        return new Lookup(hosts == null ? null : hosts.reader(), tuples == null ? null : tuples.reader());
    }

    @Override
    public int size() {
        return (hosts == null ? 0 : hosts.size()) + (tuples == null ? 0 : tuples.size());
    }

    @Override
    public String describe() {
        return "EM: " + (hosts == null ? 0 : hosts.size()) + " host routes, " + (tuples == null ? 0 : tuples.size())
                + " 5-tuple routes (cuckoo hash)";
    }

    @Override
    public void close() {
        if (hosts != null) {
            hosts.close();
        }
        if (tuples != null) {
            tuples.close();
        }
    }

    /** One lcore's bulk lookups, 64 keys at a time (the cuckoo table's bulk limit). */
    private static final class Lookup implements RouteLookup {
        private static final int CHUNK = ExactMatchReader.MAX_BURST;

        private final ExactMatchReader hosts;
        private final ExactMatchReader tuples;
        private final MemorySegment[] segments = new MemorySegment[CHUNK];
        private final long[] offsets = new long[CHUNK];
        private final int[] positions = new int[CHUNK];
        private final long[] values = new long[CHUNK];
        /**
         * The 5-tuple keys of a chunk, 16 bytes apart; off-heap like the table's key store, so the
         * hash and compare code sees one kind of segment (a heap segment made both polymorphic).
         */
        private final MemorySegment tupleKeys = Arena.ofAuto().allocate(CHUNK * 16L, 16);
        private final long[] tupleOffsets = new long[CHUNK];

        Lookup(ExactMatchReader hosts, ExactMatchReader tuples) {
            this.hosts = hosts;
            this.tuples = tuples;
            for (int i = 0; i < CHUNK; i++) {
                tupleOffsets[i] = 16L * i;
            }
        }

        @Override
        public void lookup(IpBurst burst, int[] hops) {
            for (int from = 0; from < burst.count; from += CHUNK) {
                int n = Math.min(CHUNK, burst.count - from);
                if (hosts != null) {
                    hostChunk(burst, from, n, hops);
                } else {
                    Arrays.fill(hops, from, from + n, NO_ROUTE);
                }
                if (tuples != null) {
                    tupleChunk(burst, from, n, hops);
                }
            }
        }

        private void hostChunk(IpBurst burst, int from, int n, int[] hops) {
            for (int i = 0; i < n; i++) {
                segments[i] = burst.packets[from + i].buffer();
                offsets[i] = burst.l3Offsets[from + i] + 16; // the destination address, in network order
            }
            long hits = hosts.lookupBulk(segments, offsets, n, positions, values);
            for (int i = 0; i < n; i++) {
                hops[from + i] = (hits >>> i & 1) != 0 ? (int) values[i] : NO_ROUTE;
            }
        }

        private void tupleChunk(IpBurst burst, int from, int n, int[] hops) {
            for (int i = 0; i < n; i++) {
                int p = from + i;
                int ports = burst.ports[p];
                writeTuple(tupleKeys, tupleOffsets[i], burst.destinations[p], burst.sources[p],
                        ports << 16 | ports >>> 16, burst.protocols[p]);
            }
            long hits = tuples.lookupBulk(tupleKeys, tupleOffsets, n, positions, values);
            for (int i = 0; i < n; i++) {
                if ((hits >>> i & 1) != 0) {
                    hops[from + i] = (int) values[i];
                }
            }
        }
    }
}
