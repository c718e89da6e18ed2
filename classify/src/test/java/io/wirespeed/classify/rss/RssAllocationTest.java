package io.wirespeed.classify.rss;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirespeed.testkit.Allocations;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import org.junit.jupiter.api.Test;

/** Hashing and steering allocate nothing. */
class RssAllocationTest {
    @Test
    void hashingAndSteeringAllocateNothing() {
        ToeplitzHash h = ToeplitzHash.microsoft();
        SortedTupleHash sorted = new SortedTupleHash(h);
        RssFunction f = new RssFunction(h, RssHashTypes.DEFAULT);
        RedirectionTable reta = new RedirectionTable(128, 4);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment seg = arena.allocate(64);
            int[] sink = {0};
            Allocations.assertSteadyStateAllocatesNothing("hashing and steering", () -> {
                for (int i = 0; i < 20_000; i++) {
                    sink[0] += reta.queueFor(h.ipv4(i, ~i, i & 0xffff, 80));
                    sink[0] += h.ipv4(i, sink[0]);
                    sink[0] += h.ipv6(i, sink[0], ~i, 7, 53, i);
                    sink[0] += h.ipv6(seg, 8, 24, 1, 2);
                    sink[0] += h.hash(seg, 0, 36);
                    sink[0] += sorted.ipv4(i, sink[0], 1, 2) + sorted.ipv6(i, 1, sink[0], 2, 3, 4);
                    sink[0] += f.ipv4(i, sink[0], i & 31, 5, 6) + f.ipv6(i, 1, 2, 3, 6, 7, 8);
                }
            });
            assertThat(sink[0]).as("work was done").isNotZero();
        }
    }
}
