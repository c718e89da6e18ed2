package io.wirespeed.driver.pcap;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import io.wirespeed.sys.Libc;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * Wall-clock time in nanoseconds since the epoch (CLOCK_REALTIME, a vDSO call: no system call),
 * for stamping packets that carry no time stamp. One per transmit queue, so its timespec belongs
 * to one lcore. Bound without errno capture: clock_gettime cannot fail for CLOCK_REALTIME and a
 * valid buffer, and a capturing downcall may allocate where the JIT does not remove its state
 * segment (seen when inlined into a transmit burst).
 */
final class RealtimeClock {
    private static final int CLOCK_REALTIME = 0;
    private static final MethodHandle CLOCK_GETTIME = Libc.call("clock_gettime",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG));

    private final MemorySegment timespec = Arena.ofAuto().allocate(16, 8);
    private final long address = timespec.address();

    long nanos() {
        try {
            int rc = (int) CLOCK_GETTIME.invokeExact(CLOCK_REALTIME, address);
            if (rc != 0) {
                return 0;
            }
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        }
        return timespec.get(JAVA_LONG, 0) * InterfaceTable.NANOS + timespec.get(JAVA_LONG, 8);
    }
}
