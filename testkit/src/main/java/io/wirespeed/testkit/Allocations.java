package io.wirespeed.testkit;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import org.junit.jupiter.api.Assertions;

/**
 * Checks that a piece of work allocates nothing once warm: runs it round after round on the
 * calling thread, reading the thread's allocation counter around each, until three rounds in a
 * row allocate zero bytes. The first rounds may allocate (class loading, the JIT's profiling);
 * steady state may not.
 */
public final class Allocations {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final int ROUNDS = 30;
    private static final int ZERO_ROUNDS_NEEDED = 3;

    private Allocations() {}

    /** Fails, listing the bytes of every round, unless {@code round} reaches three allocation-free runs in a row within 30. */
    public static void assertSteadyStateAllocatesNothing(String what, Runnable round) {
        THREADS.getCurrentThreadAllocatedBytes();   // the first call may allocate itself
        long[] perRound = new long[ROUNDS];
        int zeroInARow = 0;
        int rounds = 0;
        while (rounds < ROUNDS && zeroInARow < ZERO_ROUNDS_NEEDED) {
            long before = THREADS.getCurrentThreadAllocatedBytes();
            round.run();
            perRound[rounds] = THREADS.getCurrentThreadAllocatedBytes() - before;
            zeroInARow = perRound[rounds] == 0 ? zeroInARow + 1 : 0;
            rounds++;
        }
        if (zeroInARow < ZERO_ROUNDS_NEEDED) {
            Assertions.fail(what + " allocates in steady state; bytes per round: " + Arrays.toString(perRound));
        }
    }
}
