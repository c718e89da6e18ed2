package io.wirespeed.sys;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/** clock_gettime: monotonic wall time and the CPU time of the calling thread or process. */
public final class Clock {
    public static final int CLOCK_MONOTONIC = 1;
    public static final int CLOCK_PROCESS_CPUTIME_ID = 2;
    public static final int CLOCK_THREAD_CPUTIME_ID = 3;

    private static final MethodHandle GETTIME = Libc.errnoCall("clock_gettime",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS));
    /** One struct timespec per thread: reading a clock allocates nothing. */
    private static final ThreadLocal<MemorySegment> TIMESPEC =
            ThreadLocal.withInitial(() -> Arena.ofAuto().allocate(16, 8));

    private Clock() {
    }

    /** Nanoseconds of the given clock. */
    public static long nanos(int clockId) {
        MemorySegment ts = TIMESPEC.get();
        MemorySegment errno = Libc.errnoState();
        int rc;
        try {
            rc = (int) GETTIME.invokeExact(errno, clockId, ts);
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        }
        if (rc != 0) { // the message is built only on failure: reading a clock allocates nothing
            throw new SysException("clock_gettime(" + clockId + ")", Libc.lastErrno(errno));
        }
        return ts.get(JAVA_LONG, 0) * 1_000_000_000L + ts.get(JAVA_LONG, 8);
    }

    public static long monotonicNanos() {
        return nanos(CLOCK_MONOTONIC);
    }

    /** CPU time (user + system) the calling thread has used. */
    public static long threadCpuNanos() {
        return nanos(CLOCK_THREAD_CPUTIME_ID);
    }

    public static long processCpuNanos() {
        return nanos(CLOCK_PROCESS_CPUTIME_ID);
    }
}
