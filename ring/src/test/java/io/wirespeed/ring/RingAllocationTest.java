package io.wirespeed.ring;

import io.wirespeed.testkit.Allocations;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every enqueue and dequeue path, the output overloads included, allocates nothing. */
class RingAllocationTest {
    /**
     * Linking the VarHandle call sites and the JIT's tier changes allocate a little, once: the
     * helper runs rounds until three in a row allocate nothing, which a path that allocates on
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
        Allocations.assertSteadyStateAllocatesNothing(p + "/" + c + " ring operations", () -> {
            exercise(untyped, src, dst, out, 5_000);
            exercise(typed, src, dst, out, 5_000);
        });
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
