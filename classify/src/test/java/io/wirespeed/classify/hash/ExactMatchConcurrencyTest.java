package io.wirespeed.classify.hash;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * One writer adding and deleting keys at over 90% load (so adds displace keys all the time) while
 * two readers look up, singly and in bulk, keys that stay present throughout, and keys never
 * added. Every present key must be found at its position with its value, every absent key must
 * miss. Bounded by operation counts, not time.
 */
class ExactMatchConcurrencyTest {
    private static final long SEED = 0xc0c0_7a11L;
    private static final int KEY = 13;
    private static final int STABLE = 1800;
    private static final int CHURN = 3000;
    private static final int ABSENT = 500;
    private static final int CHURN_PRESENT = 2000; // with the stable keys: ~93% of 4096 slots
    private static final int WRITER_OPS = 300_000;
    private static final int READER_ROUNDS_MAX = 2_000_000;

    @Test
    void keysPresentThroughoutAreAlwaysFoundWhileTheWriterDisplacesOthers() throws Exception {
        Random rnd = new Random(SEED);
        byte[][] all = ExactMatchTableReferenceTest.distinctKeys(rnd, KEY, STABLE + CHURN + ABSENT);
        try (Arena arena = Arena.ofShared(); ExactMatchTable table = new ExactMatchTable(KEY, 4096)) {
            MemorySegment block = arena.allocate((long) all.length * KEY);
            for (int i = 0; i < all.length; i++) {
                MemorySegment.copy(all[i], 0, block, ValueLayout.JAVA_BYTE, (long) i * KEY, KEY);
            }
            int[] stablePositions = new int[STABLE];
            for (int i = 0; i < STABLE; i++) {
                stablePositions[i] = table.add(block, (long) i * KEY, i);
                assertThat(stablePositions[i]).isNotNegative();
            }
            long displacementsBefore = table.displacements();
            AtomicBoolean writerDone = new AtomicBoolean();
            AtomicReference<String> firstError = new AtomicReference<>();
            CountDownLatch start = new CountDownLatch(1);
            long[] readerLookups = new long[2];

            Thread writer = new Thread(() -> {
                await(start);
                Random w = new Random(SEED + 1);
                int[] present = new int[CHURN];
                int[] where = new int[CHURN];
                java.util.Arrays.fill(where, -1);
                int count = 0;
                for (int op = 0; op < WRITER_OPS; op++) {
                    if (count < CHURN_PRESENT) {
                        int c = w.nextInt(CHURN);
                        if (where[c] < 0 && table.add(block, (long) (STABLE + c) * KEY, -1) >= 0) {
                            where[c] = count;
                            present[count++] = c;
                        }
                    } else {
                        int slot = w.nextInt(count);
                        int c = present[slot];
                        table.delete(block, (long) (STABLE + c) * KEY);
                        present[slot] = present[--count];
                        where[present[slot]] = slot;
                        where[c] = -1;
                    }
                }
                writerDone.set(true);
            }, "writer");

            Thread[] readers = new Thread[2];
            for (int r = 0; r < readers.length; r++) {
                int id = r;
                readers[r] = new Thread(() -> {
                    await(start);
                    Random rr = new Random(SEED + 10 + id);
                    ExactMatchReader reader = table.reader();
                    long[] offsets = new long[32];
                    int[] stableIndex = new int[32];
                    int[] positions = new int[32];
                    long[] values = new long[32];
                    long lookups = 0;
                    for (int round = 0; round < READER_ROUNDS_MAX && !writerDone.get(); round++) {
                        int s = rr.nextInt(STABLE);
                        int p = table.lookup(block, (long) s * KEY);
                        if (p != stablePositions[s]) {
                            firstError.compareAndSet(null, "single lookup of stable key " + s + " gave " + p);
                        }
                        int a = STABLE + CHURN + rr.nextInt(ABSENT);
                        if (table.lookup(block, (long) a * KEY) != ExactMatchTable.NOT_FOUND) {
                            firstError.compareAndSet(null, "absent key " + a + " found");
                        }
                        for (int i = 0; i < 32; i++) {
                            stableIndex[i] = rr.nextInt(STABLE);
                            offsets[i] = (long) stableIndex[i] * KEY;
                        }
                        long hits = reader.lookupBulk(block, offsets, 32, positions, values);
                        if (hits != 0xffff_ffffL) {
                            firstError.compareAndSet(null, "bulk lookup of stable keys: hit mask " + Long.toHexString(hits));
                        }
                        for (int i = 0; i < 32; i++) {
                            if (positions[i] != stablePositions[stableIndex[i]] || values[i] != stableIndex[i]) {
                                firstError.compareAndSet(null, "bulk lookup of stable key " + stableIndex[i] + " gave "
                                        + positions[i] + " value " + values[i]);
                            }
                        }
                        lookups += 34;
                    }
                    readerLookups[id] = lookups;
                }, "reader-" + r);
            }
            writer.start();
            for (Thread t : readers) {
                t.start();
            }
            start.countDown();
            writer.join();
            for (Thread t : readers) {
                t.join();
            }
            long moved = table.displacements() - displacementsBefore;
            System.out.printf("concurrency: %d displacements during the run; reader lookups %d and %d%n",
                    moved, readerLookups[0], readerLookups[1]);
            assertThat(firstError.get()).isNull();
            assertThat(moved).as("the writer displaced keys").isGreaterThan(1_000);
            assertThat(Math.min(readerLookups[0], readerLookups[1])).as("both readers ran while the writer worked").isPositive();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
