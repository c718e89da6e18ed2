package io.wirespeed.bench;

import io.wirespeed.classify.rss.ToeplitzHash;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The Toeplitz RSS hash of one tuple (DPDK's rte_softrss, here table-driven: one load and XOR per
 * input byte), over 1024 random tuples in turn so nothing folds to a constant. Scores are ns per
 * hash: {@code ipv4Tuple4} hashes 12 bytes, {@code ipv6Tuple4} 36.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms256m", "-Xmx256m", "-XX:+UseParallelGC"})
public class ToeplitzBenchmark {
    private static final int TUPLES = 1024;

    ToeplitzHash hash;
    int[] v4;
    long[] v6;
    int[] ports;
    int cursor;

    @Setup
    public void setUp() {
        hash = ToeplitzHash.microsoft();
        Random rnd = new Random(1);
        v4 = new int[TUPLES * 2];
        v6 = new long[TUPLES * 4];
        ports = new int[TUPLES * 2];
        for (int i = 0; i < v4.length; i++) {
            v4[i] = rnd.nextInt();
            ports[i] = rnd.nextInt(65536);
        }
        for (int i = 0; i < v6.length; i++) {
            v6[i] = rnd.nextLong();
        }
    }

    @Benchmark
    public int ipv4Tuple4() {
        int i = cursor = (cursor + 1) & (TUPLES - 1);
        return hash.ipv4(v4[2 * i], v4[2 * i + 1], ports[2 * i], ports[2 * i + 1]);
    }

    @Benchmark
    public int ipv6Tuple4() {
        int i = cursor = (cursor + 1) & (TUPLES - 1);
        return hash.ipv6(v6[4 * i], v6[4 * i + 1], v6[4 * i + 2], v6[4 * i + 3], ports[2 * i], ports[2 * i + 1]);
    }
}
