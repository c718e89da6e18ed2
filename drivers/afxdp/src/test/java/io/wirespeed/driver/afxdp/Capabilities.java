package io.wirespeed.driver.afxdp;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import io.wirespeed.sys.Libc;
import io.wirespeed.sys.SysException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * Linux capabilities belong to a thread, not to the process: a test thread that clears its
 * effective set behaves like an unprivileged process (uid 0 alone grants nothing) while the rest
 * of the JVM keeps root's.
 */
final class Capabilities {
    private static final int VERSION_3 = 0x20080522;
    private static final MethodHandle CAPGET = Libc.errnoCall("capget", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
    private static final MethodHandle CAPSET = Libc.errnoCall("capset", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));

    private Capabilities() {
    }

    /** Clears the calling thread's effective capabilities (permitted ones stay, unused). */
    static void dropEffective() {
        MemorySegment errno = Libc.errnoState();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment header = arena.allocate(8, 4);
            header.set(JAVA_INT, 0, VERSION_3);
            header.set(JAVA_INT, 4, 0);                       // this thread
            MemorySegment data = arena.allocate(24, 4);       // 2 x {effective, permitted, inheritable}
            if ((int) CAPGET.invokeExact(errno, header, data) < 0) {
                throw new SysException("capget", Libc.lastErrno(errno));
            }
            data.set(JAVA_INT, 0, 0);
            data.set(JAVA_INT, 12, 0);
            if ((int) CAPSET.invokeExact(errno, header, data) < 0) {
                throw new SysException("capset", Libc.lastErrno(errno));
            }
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        }
    }
}
