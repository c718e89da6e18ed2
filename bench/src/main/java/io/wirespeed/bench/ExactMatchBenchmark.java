package io.wirespeed.bench;

import io.wirespeed.classify.hash.ExactMatchReader;
import io.wirespeed.classify.hash.ExactMatchTable;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Random;
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
import org.openjdk.jmh.annotations.TearDown;

/**
 * Lookups of keys that are in the exact-match cuckoo table, the work of DPDK's hash_perf_autotest
 * ("Lookup" and "Lookup_bulk", without data and without pre-computed hashes): a table of
 * {@code entries} positions (2^19, as the autotest's MAX_ENTRIES) filled to {@code load} (75 %)
 * with random keys, which then sit in their primary or their alternative bucket, and lookups that
 * walk the added keys in a shuffled order, singly and in bulks of 64 (the autotest's burst) or 32.
 * As in the autotest the keys looked up lie one per 64-byte line in an array read front to back,
 * while the buckets (4 MiB at 2^19) and the key store are hit at random. Scores are ns per key.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+UseParallelGC"})
public class ExactMatchBenchmark {
    /** Bytes between the keys looked up (the autotest's keys[][MAX_KEYSIZE]). */
    private static final int QUERY_STRIDE = 64;

    @Param({"16"})
    int keyLength;

    @Param({"524288"})
    int entries;

    @Param({"0.75"})
    double load;

    Arena arena;
    ExactMatchTable table;
    ExactMatchReader reader;
    /** The added keys, shuffled, QUERY_STRIDE bytes apart. */
    MemorySegment queries;
    int keys;
    final long[] offsets = new long[ExactMatchReader.MAX_BURST];
    final int[] positions = new int[ExactMatchReader.MAX_BURST];
    int cursor;

    @Setup(Level.Trial)
    public void setUp() {
        keys = (int) (entries * load);
        keys -= keys % ExactMatchReader.MAX_BURST; // whole bursts, as the autotest's keys_to_add / BURST_SIZE
        arena = Arena.ofShared();
        queries = arena.allocate((long) keys * QUERY_STRIDE, 64);
        table = new ExactMatchTable(keyLength, entries);
        Random rnd = new Random(7);
        byte[] key = new byte[keyLength];
        int added = 0;
        while (added < keys) {
            rnd.nextBytes(key);
            int before = table.size();
            int position = table.add(key);
            if (position < 0) {
                throw new IllegalStateException("table full at " + added + " keys: " + position);
            }
            if (table.size() > before) { // a repeated random key is simply drawn again
                MemorySegment.copy(MemorySegment.ofArray(key), 0, queries, (long) added * QUERY_STRIDE, keyLength);
                added++;
            }
        }
        shuffle(rnd);
        for (int i = 0; i < keys; i++) {
            if (table.lookup(queries, (long) i * QUERY_STRIDE) < 0) {
                throw new IllegalStateException("key " + i + " not found after the adds");
            }
        }
        reader = table.reader();
        System.out.printf("table: %d keys in %d slots (load %.2f), %d displaced while adding%n",
                table.size(), table.slotCount(), table.loadFactor(), table.displacements());
    }

    private void shuffle(Random rnd) {
        byte[] a = new byte[keyLength];
        byte[] b = new byte[keyLength];
        for (int i = keys - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            MemorySegment.copy(queries, ValueLayout.JAVA_BYTE, (long) i * QUERY_STRIDE, a, 0, keyLength);
            MemorySegment.copy(queries, ValueLayout.JAVA_BYTE, (long) j * QUERY_STRIDE, b, 0, keyLength);
            MemorySegment.copy(b, 0, queries, ValueLayout.JAVA_BYTE, (long) i * QUERY_STRIDE, keyLength);
            MemorySegment.copy(a, 0, queries, ValueLayout.JAVA_BYTE, (long) j * QUERY_STRIDE, keyLength);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        table.close();
        arena.close();
    }

    @Benchmark
    public int lookup() {
        int i = cursor;
        cursor = i + 1 == keys ? 0 : i + 1;
        return table.lookup(queries, (long) i * QUERY_STRIDE);
    }

    @Benchmark
    @OperationsPerInvocation(32)
    public long lookupBulk32() {
        return bulk(32);
    }

    @Benchmark
    @OperationsPerInvocation(64)
    public long lookupBulk64() {
        return bulk(64);
    }

    private long bulk(int n) {
        int c = cursor;
        for (int k = 0; k < n; k++) {
            offsets[k] = (long) (c + k) * QUERY_STRIDE;
        }
        cursor = c + n == keys ? 0 : c + n;
        return reader.lookupBulk(queries, offsets, n, positions);
    }
}
