package io.wirespeed.driver.afpacket;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import io.wirespeed.sys.Libc;
import io.wirespeed.sys.Sockets;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * {@code sendto(fd, NULL, 0, MSG_DONTWAIT)}: tells the kernel to send every slot of the
 * transmit ring marked TP_STATUS_SEND_REQUEST.
 *
 * <p>Bound without errno capture on purpose. The capturing downcall checks its state segment
 * with an {@code asSlice} that allocates 40 bytes per call unless C2 inlines the call and
 * removes the slice by escape analysis, which it does in some runs and not in others; and the
 * kick needs no errno: whatever failed (EAGAIN, ENOBUFS, ENXIO on a link going down), the slots
 * stay requested and the next burst kicks again.
 */
final class TxKick {
    private static final MethodHandle SENDTO = Libc.call("sendto",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT));

    private TxKick() {
    }

    /** Returns true when the kernel took the kick, false when the next burst should kick again. */
    static boolean kick(int fd) {
        try {
            return (long) SENDTO.invokeExact(fd, MemorySegment.NULL, 0L, Sockets.MSG_DONTWAIT, MemorySegment.NULL, 0) >= 0;
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        }
    }
}
