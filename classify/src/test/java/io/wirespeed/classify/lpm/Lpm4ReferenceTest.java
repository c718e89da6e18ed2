package io.wirespeed.classify.lpm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Lpm4 against a plain scan of the routes for the longest match, on seeded random route sets. */
class Lpm4ReferenceTest {
    private static final long SEED = 0x1F4_2026L;

    /** The obvious longest-prefix match: every route, longest covering one wins. */
    static final class Reference {
        final Map<Long, Integer> routes = new HashMap<>();   // (depth << 32 | prefix) -> hop

        void add(int prefix, int depth, int hop) {
            routes.put(key(prefix & mask(depth), depth), hop);
        }

        boolean delete(int prefix, int depth) {
            return routes.remove(key(prefix & mask(depth), depth)) != null;
        }

        int lookup(int ip) {
            int best = -1;
            int hop = Lpm4.MISS;
            for (Map.Entry<Long, Integer> e : routes.entrySet()) {
                int depth = (int) (e.getKey() >>> 32);
                int prefix = (int) (long) e.getKey();
                if (depth > best && (ip & mask(depth)) == prefix) {
                    best = depth;
                    hop = e.getValue();
                }
            }
            return hop;
        }

        static long key(int prefix, int depth) {
            return (long) depth << 32 | (prefix & 0xffff_ffffL);
        }

        static int mask(int depth) {
            return -1 << (32 - depth);
        }
    }

    /** Depths as routing tables have them: mostly /16../24, some short, some beyond /24. */
    private static int randomDepth(SplittableRandom r) {
        int x = r.nextInt(100);
        if (x < 10) {
            return 1 + r.nextInt(15);
        }
        if (x < 75) {
            return 16 + r.nextInt(9);
        }
        return 25 + r.nextInt(8);
    }

    /** Addresses near the routes (inside them, or at their edges), so lookups hit, not just miss. */
    private static int probe(SplittableRandom r, List<int[]> added) {
        if (added.isEmpty() || r.nextInt(4) == 0) {
            return r.nextInt();
        }
        int[] route = added.get(r.nextInt(added.size()));
        long span = 1L << (32 - route[1]);
        long inside = r.nextLong() & (span - 1);
        return (int) (route[0] + inside + (r.nextInt(8) == 0 ? span : 0));
    }

    @Test
    void lookupsAgreeWithTheReferenceOnARandomRouteSet() {
        SplittableRandom r = new SplittableRandom(SEED);
        Lpm4 lpm = new Lpm4(4096, 2048);
        Reference ref = new Reference();
        List<int[]> added = new ArrayList<>();
        for (int i = 0; i < 1500; i++) {
            int depth = randomDepth(r);
            int[] route = {r.nextInt() & Reference.mask(depth), depth};
            int hop = r.nextInt(1 << 24);
            lpm.add(route[0], route[1], hop);
            ref.add(route[0], route[1], hop);
            added.add(route);
        }
        for (int i = 0; i < 100_000; i++) {
            int ip = probe(r, added);
            assertThat(lpm.lookup(ip)).as("lookup %s", Prefixes.formatAddress(ip)).isEqualTo(ref.lookup(ip));
        }
    }

    @Test
    void lookupsAgreeWithTheReferenceWhileRoutesAreAddedAndDeleted() {
        SplittableRandom r = new SplittableRandom(SEED + 1);
        Lpm4 lpm = new Lpm4(1024, 1024);
        Reference ref = new Reference();
        List<int[]> added = new ArrayList<>();
        int lookups = 0;
        for (int op = 0; op < 6000; op++) {
            if (!added.isEmpty() && r.nextInt(3) == 0) {
                int[] route = added.remove(r.nextInt(added.size()));
                assertThat(lpm.delete(route[0], route[1])).isEqualTo(ref.delete(route[0], route[1]));
            } else if (lpm.ruleCount() < 1000) {
                int depth = randomDepth(r);
                // Nested routes: half the new ones sit inside an existing route.
                int base = !added.isEmpty() && r.nextBoolean() ? added.get(r.nextInt(added.size()))[0] : r.nextInt();
                int prefix = (base ^ (r.nextInt() >>> Math.min(depth, 31))) & Reference.mask(depth);
                int hop = r.nextInt(1 << 24);
                lpm.add(prefix, depth, hop);
                ref.add(prefix, depth, hop);
                added.add(new int[] {prefix, depth});
            }
            if (op % 100 == 99) {
                for (int i = 0; i < 2000; i++, lookups++) {
                    int ip = probe(r, added);
                    assertThat(lpm.lookup(ip)).as("op %d, lookup %s", op, Prefixes.formatAddress(ip)).isEqualTo(ref.lookup(ip));
                }
            }
        }
        assertThat(lookups).isGreaterThanOrEqualTo(100_000);
    }

    @Test
    void bulkLookupEqualsSingleLookups() {
        SplittableRandom r = new SplittableRandom(SEED + 2);
        Lpm4 lpm = new Lpm4(2048, 512);
        List<int[]> added = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            int depth = randomDepth(r);
            int prefix = r.nextInt() & Reference.mask(depth);
            lpm.add(prefix, depth, i);
            added.add(new int[] {prefix, depth});
        }
        int[] ips = new int[64];
        int[] hops = new int[64];
        for (int round = 0; round < 1000; round++) {
            for (int i = 0; i < ips.length; i++) {
                ips[i] = probe(r, added);
            }
            lpm.lookupBulk(ips, 3, 59, hops);
            for (int i = 3; i < 62; i++) {
                assertThat(hops[i]).isEqualTo(lpm.lookup(ips[i]));
            }
        }
    }
}
