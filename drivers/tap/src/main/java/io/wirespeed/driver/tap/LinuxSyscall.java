package io.wirespeed.driver.tap;

import static java.lang.foreign.ValueLayout.JAVA_LONG;

import io.wirespeed.sys.Libc;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.util.Arrays;

/**
 * The raw system calls libc has no wrapper for (io_uring_setup, io_uring_enter), through glibc's
 * variadic {@code long syscall(long number, ...)}.
 *
 * <p>Every argument is passed as a {@code long}: glibc reads its variadic arguments with
 * {@code va_arg(ap, long)}, so a 32-bit int would leave the upper half of the register undefined.
 * (A candidate for the sys module, which has no variadic binding yet.)
 */
final class LinuxSyscall {
    /** The generic syscall table numbers, the same on x86-64 and arm64 for these late additions. */
    static final long IO_URING_SETUP = 425;
    static final long IO_URING_ENTER = 426;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final MethodHandle SYSCALL2 = bind(2, true);
    private static final MethodHandle SYSCALL6 = bind(6, true);
    private static final MethodHandle SYSCALL6_PLAIN = bind(6, false);

    private LinuxSyscall() {
    }

    private static MethodHandle bind(int arguments, boolean captureErrno) {
        MemoryLayout[] layouts = new MemoryLayout[arguments + 1];
        Arrays.fill(layouts, JAVA_LONG);
        MemorySegment symbol = LINKER.defaultLookup().find("syscall")
                .orElseThrow(() -> new UnsatisfiedLinkError("libc has no symbol syscall"));
        FunctionDescriptor descriptor = FunctionDescriptor.of(JAVA_LONG, layouts);
        return captureErrno
                ? LINKER.downcallHandle(symbol, descriptor, Linker.Option.firstVariadicArg(1), Linker.Option.captureCallState("errno"))
                : LINKER.downcallHandle(symbol, descriptor, Linker.Option.firstVariadicArg(1));
    }

    /** syscall(number, a, b): the raw result, -1 with errno in {@code errnoState} on failure. */
    static long call2(MemorySegment errnoState, long number, long a, long b) {
        try {
            return (long) SYSCALL2.invokeExact(errnoState, number, a, b);
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        }
    }

    /**
     * syscall(number, a..f) without errno: the data path's call. A downcall that captures errno
     * allocates until C2 has compiled its call site, so the hot path leaves errno alone and, on a
     * failure (rare), asks again through {@link #call6} to learn why.
     */
    static long call6(long number, long a, long b, long c, long d, long e, long f) {
        try {
            return (long) SYSCALL6_PLAIN.invokeExact(number, a, b, c, d, e, f);
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        }
    }

    /** syscall(number, a..f): the raw result, -1 with errno in {@code errnoState} on failure. */
    static long call6(MemorySegment errnoState, long number, long a, long b, long c, long d, long e, long f) {
        try {
            return (long) SYSCALL6.invokeExact(errnoState, number, a, b, c, d, e, f);
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        }
    }
}
