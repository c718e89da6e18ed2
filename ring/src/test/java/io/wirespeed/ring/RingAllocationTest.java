package io.wirespeed.ring;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every enqueue and dequeue path, the output overloads included, allocates nothing. */
class RingAllocationTest {

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    /**
     * Linking the VarHandle call sites and the JIT's tier changes allocate a little, once: the
     * test runs rounds until three in a row allocate nothing, which a path that allocates on
     * every call (or every few calls) can never do.
     */
    @ParameterizedTest(name = "{0}/{1}")
    @MethodSource("io.wirespeed.ring.Modes#all")
    void enqueueAndDequeueAllocateNothing(SyncMode p, SyncMode c) {
        Ring<Integer> untyped = Ring.create("r", 64, p, c);
        Ring<Integer> typed = Ring.create("r", 64, p, c, Integer.class);
        Integer[] src = Modes.seq(0, 32);
        Integer[] dst = new Integer[32];
        int[] out = new int[1];
        THREADS.getCurrentThreadAllocatedBytes(); // its own first call allocates

        int zeroRoundsInARow = 0;
        long[] allocatedPerRound = new long[30];
        for (int round = 0; round < allocatedPerRound.length && zeroRoundsInARow < 3; round++) {
            long before = THREADS.getCurrentThreadAllocatedBytes();
            exercise(untyped, src, dst, out, 5_000);
            exercise(typed, src, dst, out, 5_000);
            allocatedPerRound[round] = THREADS.getCurrentThreadAllocatedBytes() - before;
            zeroRoundsInARow = allocatedPerRound[round] == 0 ? zeroRoundsInARow + 1 : 0;
        }

        assertThat(zeroRoundsInARow).as("bytes allocated per round: %s", Arrays.toString(allocatedPerRound)).isEqualTo(3);
    }

    private static void exercise(Ring<Integer> ring, Integer[] src, Integer[] dst, int[] out, int rounds) {
        for (int i = 0; i < rounds; i++) {
            int n = 1 + (i & 31);
            ring.enqueueBulk(src, 0, n);
            ring.dequeueBulk(dst, 0, n);
            ring.enqueueBurst(src, 0, n, out);
            ring.dequeueBurst(dst, 0, n, out);
            ring.enqueueBulk(src, 0, n, out);
            ring.dequeueBulk(dst, 0, n, out);
            ring.enqueueBurst(src, 0, n);
            ring.dequeueBurst(dst, 0, n);
            ring.offer(src[0]);
            ring.poll();
            ring.count();
        }
    }
}
