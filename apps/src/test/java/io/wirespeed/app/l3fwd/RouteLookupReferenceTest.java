package io.wirespeed.app.l3fwd;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirespeed.mbuf.Mbuf;
import io.wirespeed.mbuf.Mempool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Each lookup, fed bursts of packets parsed by {@link IpBurst}, picks the port a plain scan of
 * the routes picks: the longest prefix (lpm, acl), the exact host or 5-tuple (em).
 */
class RouteLookupReferenceTest {
    private static final long SEED = 0x13f3d;
    private static final int PACKETS = 30_000;
    private static final int PORTS = 4;

    @TempDir
    Path dir;
    private Mempool pool;

    @BeforeEach
    void pool() {
        pool = Mempool.builder("l3ref" + System.nanoTime(), 1024).cacheSize(0).hugePages(false).build();
    }

    @AfterEach
    void close() {
        pool.close();
    }

    record Prefix(int address, int depth, int port) {
        boolean covers(int ip) {
            int mask = -1 << (32 - depth);
            return (ip & mask) == address;
        }
    }

    @ParameterizedTest
    @EnumSource(value = LookupMode.class, names = {"LPM", "ACL"})
    void prefixLookupsPickTheLongestMatchingPrefix(LookupMode mode) throws IOException {
        Random rnd = new Random(SEED);
        List<Prefix> routes = new ArrayList<>();
        StringBuilder file = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            int depth = 1 + rnd.nextInt(32);
            int address = rnd.nextInt() & (-1 << (32 - depth));
            int port = rnd.nextInt(PORTS);
            routes.add(new Prefix(address, depth, port));
            file.append(text(address)).append('/').append(depth).append(' ').append(port).append('\n');
        }
        List<Integer> destinations = new ArrayList<>();
        for (int i = 0; i < PACKETS; i++) {
            // Half near a route (its prefix, random low bits), half anywhere.
            Prefix near = routes.get(rnd.nextInt(routes.size()));
            int low = near.depth() == 32 ? 0 : rnd.nextInt() >>> near.depth();
            destinations.add(rnd.nextBoolean() ? near.address() | low : rnd.nextInt());
        }
        try (RouteTable table = RoutesFile.load(mode, write(file))) {
            assertAgree(table.newLookup(), destinations, d -> longestMatch(routes, d));
        }
    }

    @Test
    void exactMatchPicksTheHostRoute() throws IOException {
        Random rnd = new Random(SEED);
        Map<Integer, Integer> hosts = new HashMap<>();
        StringBuilder file = new StringBuilder();
        List<Integer> known = new ArrayList<>();
        while (hosts.size() < 2000) {
            int address = rnd.nextInt();
            int port = rnd.nextInt(PORTS);
            if (hosts.putIfAbsent(address, port) == null) {
                known.add(address);
                file.append(text(address)).append("/32 ").append(port).append('\n');
            }
        }
        List<Integer> destinations = new ArrayList<>();
        for (int i = 0; i < PACKETS; i++) {
            destinations.add(rnd.nextInt(4) == 0 ? rnd.nextInt() : known.get(rnd.nextInt(known.size())));
        }
        try (RouteTable table = RoutesFile.load(LookupMode.EM, write(file))) {
            assertAgree(table.newLookup(), destinations, d -> hosts.getOrDefault(d, RouteLookup.NO_ROUTE));
        }
    }

    private interface Reference {
        int port(int destination);
    }

    /** Feeds the destinations through the lookup in bursts of 32 and compares every hop. */
    private void assertAgree(RouteLookup lookup, List<Integer> destinations, Reference reference) {
        IpBurst burst = new IpBurst(32);
        LcoreCounters counters = new LcoreCounters(PORTS);
        Mbuf[] rx = new Mbuf[32];
        int[] hops = new int[32];
        int mismatches = 0;
        String first = null;
        for (int from = 0; from < destinations.size(); from += 32) {
            int n = Math.min(32, destinations.size() - from);
            for (int i = 0; i < n; i++) {
                rx[i] = pool.alloc();
                rx[i].write(Ipv4Frames.udp(text(destinations.get(from + i)), 64));
            }
            assertThat(burst.fill(rx, n, counters)).isEqualTo(n);
            lookup.lookup(burst, hops);
            for (int i = 0; i < n; i++) {
                int d = destinations.get(from + i);
                int expected = reference.port(d);
                if (hops[i] != expected) {
                    mismatches++;
                    if (first == null) {
                        first = text(d) + ": lookup " + hops[i] + ", reference " + expected;
                    }
                }
            }
            Mbuf.freeBulk(rx, 0, n);
        }
        assertThat(mismatches).as("mismatches of %d lookups (seed %s); first: %s", destinations.size(), SEED, first).isZero();
    }

    private static int longestMatch(List<Prefix> routes, int ip) {
        int best = -1;
        int port = RouteLookup.NO_ROUTE;
        for (Prefix p : routes) {
            // ">=": a later route of the same prefix replaces an earlier one, as in the routes file.
            if (p.covers(ip) && p.depth() >= best) {
                best = p.depth();
                port = p.port();
            }
        }
        return port;
    }

    private Path write(StringBuilder text) throws IOException {
        Path f = dir.resolve("routes.txt");
        Files.writeString(f, text);
        return f;
    }

    private static String text(int ip) {
        return (ip >>> 24) + "." + (ip >>> 16 & 0xff) + "." + (ip >>> 8 & 0xff) + "." + (ip & 0xff);
    }
}
