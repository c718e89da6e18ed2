package io.wirespeed.driver.tap;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs a task on a thread that has dropped CAP_NET_ADMIN from its effective capabilities
 * (capabilities are per thread in Linux), so a root test can see what a user without it sees.
 */
final class WithoutNetAdmin {
    private static final int CAP_NET_ADMIN = 12;
    private static final int LINUX_CAPABILITY_VERSION_3 = 0x20080522;
    private static final Linker LINKER = Linker.nativeLinker();
    private static final MethodHandle CAPGET = bind("capget");
    private static final MethodHandle CAPSET = bind("capset");

    private WithoutNetAdmin() {
    }

    private static MethodHandle bind(String name) {
        return LINKER.downcallHandle(LINKER.defaultLookup().find(name).orElseThrow(),
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
    }

    /** What {@code task} returned or threw, run without CAP_NET_ADMIN. */
    static <T> T call(Callable<T> task) throws Throwable {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                dropNetAdmin();
                result.set(task.call());
            } catch (Throwable e) {
                thrown.set(e);
            }
        }, "without-cap-net-admin");
        t.start();
        t.join();
        if (thrown.get() != null) {
            throw thrown.get();
        }
        return result.get();
    }

    private static void dropNetAdmin() throws Throwable {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment header = arena.allocate(8, 4);
            header.set(JAVA_INT, 0, LINUX_CAPABILITY_VERSION_3);
            header.set(JAVA_INT, 4, 0);
            MemorySegment data = arena.allocate(24, 4); // two {effective, permitted, inheritable}
            if ((int) CAPGET.invokeExact(header, data) != 0) {
                throw new IllegalStateException("capget failed");
            }
            data.set(JAVA_INT, 0, data.get(JAVA_INT, 0) & ~(1 << CAP_NET_ADMIN));
            if ((int) CAPSET.invokeExact(header, data) != 0) {
                throw new IllegalStateException("capset failed");
            }
        }
    }
}
