package io.wirespeed.classify.lpm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Lpm6 against a plain scan of the routes for the longest match, on seeded random route sets. */
class Lpm6ReferenceTest {
    private static final long SEED = 0x1F6_2026L;

    /** A route: masked address, depth. */
    record Route(long high, long low, int depth) {
        static Route of(long high, long low, int depth) {
            return new Route(high & Ipv6Prefixes.highMask(depth), low & Ipv6Prefixes.lowMask(depth), depth);
        }

        boolean covers(long h, long l) {
            return (h & Ipv6Prefixes.highMask(depth)) == high && (l & Ipv6Prefixes.lowMask(depth)) == low;
        }
    }

    /** The obvious longest-prefix match: every route, longest covering one wins. */
    static final class Reference {
        final Map<Route, Integer> routes = new HashMap<>();

        int lookup(long high, long low) {
            int best = 0;
            int hop = Lpm6.MISS;
            for (Map.Entry<Route, Integer> e : routes.entrySet()) {
                Route r = e.getKey();
                if (r.depth() > best && r.covers(high, low)) {
                    best = r.depth();
                    hop = e.getValue();
                }
            }
            return hop;
        }
    }

    /** Depths as IPv6 tables have them: mostly /32../48, then /64, some host routes and odd lengths. */
    private static int randomDepth(SplittableRandom r) {
        int x = r.nextInt(100);
        if (x < 10) {
            return 1 + r.nextInt(31);
        }
        if (x < 60) {
            return 32 + r.nextInt(17);
        }
        if (x < 80) {
            return 64;
        }
        if (x < 90) {
            return 128;
        }
        return 49 + r.nextInt(79);
    }

    /**
     * Addresses near the routes: inside one (random host bits), just past its end, or anywhere.
     * Routes share their first bytes often, so that deep and shallow routes nest.
     */
    private static long[] probe(SplittableRandom r, List<Route> added) {
        if (added.isEmpty() || r.nextInt(5) == 0) {
            return new long[] {r.nextLong(), r.nextLong()};
        }
        Route route = added.get(r.nextInt(added.size()));
        long high = route.high() | (r.nextLong() & ~Ipv6Prefixes.highMask(route.depth()));
        long low = route.low() | (r.nextLong() & ~Ipv6Prefixes.lowMask(route.depth()));
        if (r.nextInt(8) == 0) {   // the first address after the route
            if (route.depth() <= 64) {
                high = route.high() + (1L << (64 - route.depth()));
                low = route.low();
            } else {
                low = route.low() + (1L << (128 - route.depth()));
                high = route.high() + (Long.compareUnsigned(low, route.low()) < 0 ? 1 : 0);
            }
        }
        return new long[] {high, low};
    }

    /** A new prefix: half of them inside an existing route, so routes nest at every level. */
    private static Route randomRoute(SplittableRandom r, List<Route> added) {
        int depth = randomDepth(r);
        if (!added.isEmpty() && r.nextBoolean()) {
            Route base = added.get(r.nextInt(added.size()));
            return Route.of(base.high() ^ (r.nextLong() >>> Math.min(base.depth(), 63) >>> 1),
                    base.low() ^ (base.depth() > 64 ? r.nextLong() >>> (base.depth() - 64) >>> 1 : r.nextLong()), depth);
        }
        // A few distinct first bytes, so routes share tbl24 slots and groups.
        return Route.of(0x2001_0000_0000_0000L | (long) r.nextInt(4) << 40 | r.nextLong() >>> 24, r.nextLong(), depth);
    }

    @Test
    void lookupsAgreeWithTheReferenceOnARandomRouteSet() {
        SplittableRandom r = new SplittableRandom(SEED);
        Lpm6 lpm = new Lpm6(4096, 1 << 15);
        Reference ref = new Reference();
        List<Route> added = new ArrayList<>();
        for (int i = 0; i < 1500; i++) {
            Route route = randomRoute(r, added);
            int hop = r.nextInt(Lpm6.MAX_NEXT_HOP + 1);
            lpm.add(route.high(), route.low(), route.depth(), hop);
            ref.routes.put(route, hop);
            added.add(route);
        }
        for (int i = 0; i < 100_000; i++) {
            long[] a = probe(r, added);
            assertThat(lpm.lookup(a[0], a[1])).as("lookup %s", Ipv6Prefixes.formatAddress(a[0], a[1]))
                    .isEqualTo(ref.lookup(a[0], a[1]));
        }
    }

    @Test
    void lookupsAgreeWithTheReferenceWhileRoutesAreAddedAndDeleted() {
        SplittableRandom r = new SplittableRandom(SEED + 1);
        Lpm6 lpm = new Lpm6(1024, 1 << 14);
        Reference ref = new Reference();
        List<Route> added = new ArrayList<>();
        int lookups = 0;
        for (int op = 0; op < 6000; op++) {
            if (!added.isEmpty() && r.nextInt(3) == 0) {
                Route route = added.remove(r.nextInt(added.size()));
                assertThat(lpm.delete(route.high(), route.low(), route.depth()))
                        .isEqualTo(ref.routes.remove(route) != null);
            } else if (lpm.ruleCount() < 1000) {
                Route route = randomRoute(r, added);
                int hop = r.nextInt(1 << 21);
                lpm.add(route.high(), route.low(), route.depth(), hop);
                ref.routes.put(route, hop);
                added.add(route);
            }
            if (op % 100 == 99) {
                for (int i = 0; i < 2000; i++, lookups++) {
                    long[] a = probe(r, added);
                    assertThat(lpm.lookup(a[0], a[1])).as("op %d, lookup %s", op, Ipv6Prefixes.formatAddress(a[0], a[1]))
                            .isEqualTo(ref.lookup(a[0], a[1]));
                }
            }
        }
        assertThat(lookups).isGreaterThanOrEqualTo(100_000);
        assertThat(lpm.ruleCount()).isEqualTo(ref.routes.size());
    }

    @Test
    void deletingEveryRouteGivesBackEveryGroup() {
        SplittableRandom r = new SplittableRandom(SEED + 3);
        Lpm6 lpm = new Lpm6(2048, 1 << 15);
        List<Route> added = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            Route route = randomRoute(r, added);
            if (!lpm.isRulePresent(route.high(), route.low(), route.depth())) {
                lpm.add(route.high(), route.low(), route.depth(), i);
                added.add(route);
            }
        }
        assertThat(lpm.tbl8GroupsInUse()).isPositive();
        java.util.Collections.shuffle(added, new java.util.Random(SEED));
        for (Route route : added) {
            assertThat(lpm.delete(route.high(), route.low(), route.depth())).isTrue();
        }
        assertThat(lpm.ruleCount()).isZero();
        assertThat(lpm.tbl8GroupsInUse()).isZero();
    }

    @Test
    void groupsNeededIsExactlyWhatTheRoutesTake() {
        SplittableRandom r = new SplittableRandom(SEED + 4);
        List<Route> added = new ArrayList<>();
        List<RouteFile.Route6> routes = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            Route route = randomRoute(r, added);
            added.add(route);
            routes.add(new RouteFile.Route6(route.high(), route.low(), route.depth(), i));
        }
        int needed = Lpm6.groupsNeeded(routes);
        Lpm6 lpm = new Lpm6(routes.size(), needed);
        for (RouteFile.Route6 route : routes) {
            lpm.add(route.high(), route.low(), route.depth(), route.port());
        }
        assertThat(lpm.tbl8GroupsInUse()).isEqualTo(needed).isEqualTo(lpm.tbl8Groups());
    }

    @Test
    void bulkLookupEqualsSingleLookups() {
        SplittableRandom r = new SplittableRandom(SEED + 2);
        Lpm6 lpm = new Lpm6(2048, 1 << 15);
        List<Route> added = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            Route route = randomRoute(r, added);
            lpm.add(route.high(), route.low(), route.depth(), i);
            added.add(route);
        }
        long[] highs = new long[64];
        long[] lows = new long[64];
        int[] hops = new int[64];
        for (int round = 0; round < 1000; round++) {
            for (int i = 0; i < highs.length; i++) {
                long[] a = probe(r, added);
                highs[i] = a[0];
                lows[i] = a[1];
            }
            lpm.lookupBulk(highs, lows, 3, 59, hops);
            for (int i = 3; i < 62; i++) {
                assertThat(hops[i]).isEqualTo(lpm.lookup(highs[i], lows[i]));
            }
        }
    }
}
