package io.wirespeed.sys;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * The calling thread's timer slack (prctl PR_SET_TIMERSLACK / PR_GET_TIMERSLACK): how late the
 * kernel may fire the thread's timers so it can batch wake-ups. The default 50 µs turns a
 * 10 µs nanosleep into about 60 µs; a poll loop that pauses between empty polls wants it near 0.
 */
public final class TimerSlack {
    private static final int PR_SET_TIMERSLACK = 29;
    private static final int PR_GET_TIMERSLACK = 30;
    // prctl(int option, ...) is variadic: the second argument onwards passes as variadic longs.
    private static final MethodHandle PRCTL = Libc.LINKER.downcallHandle(Libc.symbol("prctl"),
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG), Linker.Option.firstVariadicArg(1),
            Linker.Option.captureCallState("errno"));
    private static final MethodHandle PRCTL_GET = Libc.LINKER.downcallHandle(Libc.symbol("prctl"),
            FunctionDescriptor.of(JAVA_INT, JAVA_INT));

    private TimerSlack() {}

    /** Sets the calling thread's timer slack; {@code nanos} >= 1 (0 would mean "the default"). */
    public static void setCurrentThread(long nanos) {
        if (nanos < 1) {
            throw new IllegalArgumentException("timer slack must be at least 1 ns (0 restores the default)");
        }
        MemorySegment errno = Libc.errnoState();
        try {
            int r = (int) PRCTL.invokeExact(errno, PR_SET_TIMERSLACK, nanos);
            Syscalls.check(r, "prctl(PR_SET_TIMERSLACK)", errno);
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        }
    }

    /** The calling thread's timer slack in nanoseconds. */
    public static long currentThread() {
        try {
            return (int) PRCTL_GET.invokeExact(PR_GET_TIMERSLACK);
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        }
    }
}
