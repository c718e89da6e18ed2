package io.wirespeed.classify.rss;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Hashing and steering allocate nothing. */
class RssAllocationTest {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    @Test
    void hashingAndSteeringAllocateNothing() {
        ToeplitzHash h = ToeplitzHash.microsoft();
        SortedTupleHash sorted = new SortedTupleHash(h);
        RssFunction f = new RssFunction(h, RssHashTypes.DEFAULT);
        RedirectionTable reta = new RedirectionTable(128, 4);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment seg = arena.allocate(64);
            THREADS.getCurrentThreadAllocatedBytes();
            int zeroRoundsInARow = 0;
            long[] perRound = new long[30];
            int sink = 0;
            for (int round = 0; round < perRound.length && zeroRoundsInARow < 3; round++) {
                long before = THREADS.getCurrentThreadAllocatedBytes();
                for (int i = 0; i < 20_000; i++) {
                    sink += reta.queueFor(h.ipv4(i, ~i, i & 0xffff, 80));
                    sink += h.ipv4(i, sink);
                    sink += h.ipv6(i, sink, ~i, 7, 53, i);
                    sink += h.ipv6(seg, 8, 24, 1, 2);
                    sink += h.hash(seg, 0, 36);
                    sink += sorted.ipv4(i, sink, 1, 2) + sorted.ipv6(i, 1, sink, 2, 3, 4);
                    sink += f.ipv4(i, sink, i & 31, 5, 6) + f.ipv6(i, 1, 2, 3, 6, 7, 8);
                }
                perRound[round] = THREADS.getCurrentThreadAllocatedBytes() - before;
                zeroRoundsInARow = perRound[round] == 0 ? zeroRoundsInARow + 1 : 0;
            }
            assertThat(zeroRoundsInARow).as("bytes per round %s (sink %d)", Arrays.toString(perRound), sink).isEqualTo(3);
        }
    }
}
