package io.wirespeed.bench;

import io.wirespeed.classify.lpm.Ipv6Prefixes;
import io.wirespeed.classify.lpm.Lpm6;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * IPv6 LPM lookups, the work of DPDK's lpm6_perf_autotest: 1000 random routes with depths spread
 * evenly over 1..128 and 100 addresses inside each (random host bits), 100 000 in all, looked up
 * one at a time and in bulks of 32. With {@code order=routes} the addresses come route by route,
 * as DPDK's table lists them, so a route's groups stay in cache for its 100 lookups; with
 * {@code order=shuffled} every lookup walks another route's path. Scores are ns per lookup.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+UseParallelGC", "-XX:+UseTransparentHugePages"})
public class Lpm6Benchmark {
    private static final int ROUTES = 1000;
    private static final int PER_ROUTE = 100;
    private static final int ADDRESSES = ROUTES * PER_ROUTE;
    private static final int BULK = 32;
    private static final int BATCH = 1024;

    @Param({"routes", "shuffled"})
    String order;

    Lpm6 lpm;
    long[] highs;
    long[] lows;
    int[] hops;
    int cursor;

    @Setup(Level.Trial)
    public void setUp() {
        SplittableRandom r = new SplittableRandom(2026);
        lpm = new Lpm6(ROUTES, 1 << 16);
        long[][] routes = new long[ROUTES][];
        for (int added = 0; added < ROUTES; ) {
            int depth = 1 + r.nextInt(128);
            long high = r.nextLong() & Ipv6Prefixes.highMask(depth);
            long low = r.nextLong() & Ipv6Prefixes.lowMask(depth);
            if (!lpm.isRulePresent(high, low, depth)) {
                lpm.add(high, low, depth, r.nextInt(Lpm6.MAX_NEXT_HOP + 1));
                routes[added++] = new long[] {high, low, depth};
            }
        }
        highs = new long[ADDRESSES];
        lows = new long[ADDRESSES];
        for (int i = 0; i < ADDRESSES; i++) {
            long[] route = routes[order.equals("routes") ? i / PER_ROUTE : r.nextInt(ROUTES)];
            int depth = (int) route[2];
            highs[i] = route[0] | (r.nextLong() & ~Ipv6Prefixes.highMask(depth));
            lows[i] = route[1] | (r.nextLong() & ~Ipv6Prefixes.lowMask(depth));
        }
        hops = new int[BULK];
    }

    /** {@value #BATCH} lookups, one call each, in one loop that counts misses (as DPDK's single-lookup loop). */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int single() {
        int at = next();
        int misses = 0;
        for (int i = at; i < at + BATCH; i++) {
            misses += lpm.lookup(highs[i], lows[i]) == Lpm6.MISS ? 1 : 0;
        }
        return misses;
    }

    /** The same batch looked up {@value #BULK} at a time into one small array of next hops. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int bulk() {
        int at = next();
        int misses = 0;
        for (int i = at; i < at + BATCH; i += BULK) {
            lpm.lookupBulk(highs, lows, i, BULK, hops, 0);
            for (int j = 0; j < BULK; j++) {
                misses += hops[j] == Lpm6.MISS ? 1 : 0;
            }
        }
        return misses;
    }

    /** The first address of the next batch, wrapping before the end of the table. */
    private int next() {
        int at = cursor;
        cursor = at + 2 * BATCH > ADDRESSES ? 0 : at + BATCH;
        return at;
    }
}
