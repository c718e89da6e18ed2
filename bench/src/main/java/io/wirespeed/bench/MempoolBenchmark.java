package io.wirespeed.bench;

import io.wirespeed.lcore.LcoreThread;
import io.wirespeed.mbuf.Mbuf;
import io.wirespeed.mbuf.Mempool;
import io.wirespeed.sys.Log;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * A burst of mbufs out of the pool and back (DPDK's mempool_perf_autotest, one core): the cost the
 * null driver and every receive path pay per packet. Scores are ns per burst (get + put).
 *
 * <ul>
 *   <li>{@code cachedGetPut}: an lcore with a per-lcore cache (the data path).
 *   <li>{@code ringGetPut}: no cache: straight to the pool's MP/MC ring (what non-lcore threads do).
 *   <li>{@code allocFree}: {@code allocBulk} (get + reset each mbuf) and {@code Mbuf.freeBulk}, as the
 *       null port's rx and tx do.
 * </ul>
 *
 * The fork runs JMH's threads as lcores ({@link LcoreExecutor}), so the cached path is the one an
 * lcore takes.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+UseParallelGC", "--enable-native-access=ALL-UNNAMED",
        "-Djmh.executor=CUSTOM", "-Djmh.executor.class=io.wirespeed.bench.LcoreExecutor"})
public class MempoolBenchmark {
    @Param({"1", "8", "32"})
    int burst;

    Mempool cached;
    Mempool uncached;
    Mbuf[] mbufs;

    @Setup(Level.Trial)
    public void setUp() {
        Log.quiet(true);
        cached = Mempool.builder("bench-cached", 8192).cacheSize(256).hugePages(false).build();
        uncached = Mempool.builder("bench-ring", 8192).cacheSize(0).hugePages(false).build();
        mbufs = new Mbuf[burst];
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        cached.close();
        uncached.close();
    }

    @Setup(Level.Trial)
    public void checkLcore() {
        if (LcoreThread.currentLcoreId() < 0) {
            throw new IllegalStateException("run with -Djmh.executor=CUSTOM -Djmh.executor.class=" + LcoreExecutor.class.getName());
        }
    }

    @Benchmark
    public int cachedGetPut() {
        int n = cached.getBulk(mbufs, 0, burst);
        cached.putBulk(mbufs, 0, burst);
        return n;
    }

    @Benchmark
    public int ringGetPut() {
        int n = uncached.getBulk(mbufs, 0, burst);
        uncached.putBulk(mbufs, 0, burst);
        return n;
    }

    @Benchmark
    public int allocFree() {
        int n = cached.allocBulk(mbufs, 0, burst);
        Mbuf.freeBulk(mbufs, 0, burst);
        return n;
    }
}
