package io.wirespeed.classify.hash;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirespeed.testkit.Allocations;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Lookups (single and bulk) and the writer's add / delete of segment keys allocate nothing. */
class ExactMatchAllocationTest {
    private static final int KEYS = 6000;

    @Test
    void lookupsAndSegmentUpdatesAllocateNothing() {
        try (Arena arena = Arena.ofConfined(); ExactMatchTable table = new ExactMatchTable(13, 8192)) {
            MemorySegment block = arena.allocate(KEYS * 13L);
            byte[] bytes = new byte[KEYS * 13];
            new Random(42).nextBytes(bytes);
            MemorySegment.copy(MemorySegment.ofArray(bytes), 0, block, 0, bytes.length);
            for (int i = 0; i < KEYS / 2; i++) {
                table.add(block, i * 13L, i);
            }
            ExactMatchReader reader = table.reader();
            long[] offsets = new long[64];
            int[] positions = new int[64];
            long[] values = new long[64];
            MemorySegment[] segs = new MemorySegment[64];
            Arrays.fill(segs, block);
            long[] sink = {0};
            Allocations.assertSteadyStateAllocatesNothing("exact-match lookups and updates", () -> {
                for (int i = 0; i < 5_000; i++) {
                    int k = (i * 7919) % KEYS;
                    sink[0] += table.lookup(block, k * 13L);
                    for (int j = 0; j < 64; j++) {
                        offsets[j] = ((k + j * 31) % KEYS) * 13L;
                    }
                    sink[0] += reader.lookupBulk(block, offsets, 32, positions);
                    sink[0] += reader.lookupBulk(segs, offsets, 64, positions, values);
                    // Churn half the table: a key of the upper half in, then out again.
                    int up = KEYS / 2 + (i % (KEYS / 2));
                    sink[0] += table.add(block, up * 13L, i);
                    sink[0] += table.delete(block, up * 13L);
                }
            });
            assertThat(sink[0]).as("work was done").isNotZero();
        }
    }
}
