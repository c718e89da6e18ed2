package io.wirespeed.driver.afpacket;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import io.wirespeed.sys.Libc;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/** Test helper: drops a capability from the calling thread only (capget/capset act per thread). */
final class Capabilities {
    static final int CAP_NET_RAW = 13;
    private static final int LINUX_CAPABILITY_VERSION_3 = 0x20080522;
    private static final MethodHandle CAPGET = Libc.call("capget", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
    private static final MethodHandle CAPSET = Libc.call("capset", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));

    private Capabilities() {
    }

    static void dropFromThisThread(int capability) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment header = arena.allocate(8, 4);
            header.set(JAVA_INT, 0, LINUX_CAPABILITY_VERSION_3);
            MemorySegment data = arena.allocate(24, 4); // 2 x {effective, permitted, inheritable}
            if ((int) CAPGET.invokeExact(header, data) != 0) {
                throw new IllegalStateException("capget failed");
            }
            int word = capability / 32 * 12;
            int bit = 1 << (capability % 32);
            data.set(JAVA_INT, word, data.get(JAVA_INT, word) & ~bit);
            data.set(JAVA_INT, word + 4, data.get(JAVA_INT, word + 4) & ~bit);
            if ((int) CAPSET.invokeExact(header, data) != 0) {
                throw new IllegalStateException("capset failed");
            }
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        }
    }
}
