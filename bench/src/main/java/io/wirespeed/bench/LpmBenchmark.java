package io.wirespeed.bench;

import io.wirespeed.classify.lpm.Lpm4;
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
 * IPv4 LPM lookups, the work of DPDK's lpm_perf_autotest: a large random route table (depths
 * spread as in a BGP table: most /16-/24, a few longer) and uniformly random addresses, looked up
 * one at a time and in bulks of 32, in batches of 4096 as DPDK's loops do. Scores are ns per lookup.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
// Transparent huge pages for the heap, as the wirespeed launcher asks for: the 64 MiB tbl24 then
// takes 32 TLB entries instead of 16 K, the same footing as DPDK's tables in hugepage memory.
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+UseParallelGC", "-XX:+UseTransparentHugePages"})
public class LpmBenchmark {
    /**
     * Random addresses cycled through. DPDK draws a fresh batch of 4096 for each of its 1024
     * iterations, so its lookups miss the caches as often as uniform addresses into a 64 MiB tbl24
     * do; 4 M addresses (16 MiB, read in order) keep ours from ever finding a warm line.
     */
    private static final int ADDRESSES = 1 << 22;
    private static final int BULK = 32;
    private static final int BATCH = 4096;

    @Param({"1000000"})
    int routes;

    Lpm4 lpm;
    int[] ips;
    int[] hops;
    int cursor;

    @Setup(Level.Trial)
    public void setUp() {
        SplittableRandom r = new SplittableRandom(2026);
        lpm = new Lpm4(routes, 1 << 16);
        int added = 0;
        while (added < routes) {
            int depth = depth(r);
            int prefix = r.nextInt() & (-1 << (32 - depth));
            if (!lpm.isRulePresent(prefix, depth) && (depth <= 24 || lpm.tbl8GroupsInUse() < lpm.tbl8Groups() - 1)) {
                lpm.add(prefix, depth, r.nextInt(1 << 24));
                added++;
            }
        }
        ips = new int[ADDRESSES];
        for (int i = 0; i < ips.length; i++) {
            ips[i] = r.nextInt();
        }
        hops = new int[BULK];
    }

    /**
     * Depths as lpm_perf_autotest's table has them (DPDK 22.11 prints its distribution: 54 % /24,
     * 41 % /16-/23, 4 % longer than /24, 1 % shorter than /16).
     */
    private static int depth(SplittableRandom r) {
        int x = r.nextInt(1000);
        if (x < 542) {
            return 24;
        }
        if (x < 582) {
            return 25 + r.nextInt(8);
        }
        if (x < 990) {
            return 16 + r.nextInt(8);
        }
        return 8 + r.nextInt(8);
    }

    /**
     * DPDK's single-lookup loop: {@value #BATCH} lookups, one call each, in one tight loop that
     * counts the misses (lpm_perf_autotest times each batch of 4096 addresses this way).
     */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int single() {
        int at = (cursor += BATCH) & (ADDRESSES - 1);
        int misses = 0;
        for (int i = at; i < at + BATCH; i++) {
            misses += lpm.lookup(ips[i]) == Lpm4.MISS ? 1 : 0;
        }
        return misses;
    }

    /**
     * DPDK's bulk loop: a batch of {@value #BATCH} addresses looked up {@value #BULK} at a time
     * into one small array of next hops, as lpm_perf_autotest's {@code next_hops[BULK_SIZE]}.
     */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int bulk() {
        int at = (cursor += BATCH) & (ADDRESSES - 1);
        int misses = 0;
        for (int i = at; i < at + BATCH; i += BULK) {
            lpm.lookupBulk(ips, i, BULK, hops, 0);
            for (int j = 0; j < BULK; j++) {
                misses += hops[j] == Lpm4.MISS ? 1 : 0;
            }
        }
        return misses;
    }
}
