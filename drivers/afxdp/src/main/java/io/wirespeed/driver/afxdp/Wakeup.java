package io.wirespeed.driver.afxdp;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import io.wirespeed.sys.Libc;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * The two data-path system calls, the kicks that wake the kernel: sendto(fd, NULL, 0,
 * MSG_DONTWAIT) for the TX ring, recvfrom(fd, NULL, 0, MSG_DONTWAIT) for the fill ring.
 *
 * <p>Bound without errno capture, unlike {@link io.wirespeed.sys.Sockets}: a capturing downcall
 * allocates (40 bytes per call) until the JIT's last tier has compiled its call site, and a kick
 * site runs once per burst, so it reaches that tier late — after a forwarding loop that started
 * polling before traffic came has been marked warm. A failed kick needs no errno anyway: every
 * failure leaves the frames in the ring for the next kick.
 */
final class Wakeup {
    private static final int MSG_DONTWAIT = 0x40;
    private static final MethodHandle SENDTO = Libc.call("sendto",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle RECVFROM = Libc.call("recvfrom",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT, ADDRESS, ADDRESS));


    private Wakeup() {
    }

    /**
     * Set-up time: loads this class and makes each handle go through the one-time work the JDK
     * does on a handle's first calls (linking, then generating a customized form after some 127
     * invocations), on descriptor -1 (EBADF: no socket is touched). Without this, that work falls
     * on the lcore at the first packets, after a loop that polled before traffic came was marked
     * warm, and shows as some 1 MB allocated on the data path.
     */
    static void warmUp() {
        for (int i = 0; i < Libc.HANDLE_WARM_UP_CALLS; i++) {
            transmit(-1);
            receive(-1);
        }
    }

    /** Asks the kernel to send what the TX ring holds; false when it refused (busy, or down). */
    static boolean transmit(int fd) {
        try {
            return (long) SENDTO.invokeExact(fd, MemorySegment.NULL, 0L, MSG_DONTWAIT, MemorySegment.NULL, 0) >= 0;
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        }
    }

    /** Wakes a zero-copy driver that sleeps until the fill ring has buffers. */
    static void receive(int fd) {
        try {
            long ignored = (long) RECVFROM.invokeExact(fd, MemorySegment.NULL, 0L, MSG_DONTWAIT, MemorySegment.NULL,
                    MemorySegment.NULL);
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        }
    }
}
