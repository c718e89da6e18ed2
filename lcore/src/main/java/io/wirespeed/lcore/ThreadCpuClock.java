package io.wirespeed.lcore;

import io.wirespeed.sys.Clock;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * The calling thread's CPU time (user + system), read without allocating, for {@link LcoreStats}.
 *
 * <p>Why not {@link Clock#threadCpuNanos()} directly: it builds its error-message string before
 * the call succeeds, about 100 bytes per read until the JIT happens to remove it, and the poll path
 * must not allocate. The JVM's own reading (clock_gettime on the thread's CPU clock, the same
 * clock) allocates nothing, so it is used when the JVM supports it, and Clock otherwise.
 */
final class ThreadCpuClock {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final boolean JVM_CLOCK = THREADS.isCurrentThreadCpuTimeSupported();

    private ThreadCpuClock() {
    }

    static long nanos() {
        if (JVM_CLOCK) {
            long nanos = THREADS.getCurrentThreadCpuTime();
            if (nanos >= 0) { // -1: measurement disabled at run time, or a virtual thread
                return nanos;
            }
        }
        return Clock.threadCpuNanos();
    }
}
