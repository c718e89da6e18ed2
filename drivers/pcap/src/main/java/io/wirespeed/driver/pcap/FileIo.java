package io.wirespeed.driver.pcap;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import io.wirespeed.sys.Errno;
import io.wirespeed.sys.Libc;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * write(2) that reports failure as a value, not an exception: a capture writer counts a failed
 * write (oerrors) and says so once, and must not throw from a transmit burst. The buffer is
 * passed as a raw address so that writing part of it makes no slice object.
 *
 * <p>Two bindings: a plain one for the normal case, and one that captures errno, used only to
 * repeat a write that failed and learn why (a repeated EINTR or EAGAIN may simply succeed). A
 * downcall that captures errno allocates about 40 heap bytes a call until the JIT compiles it,
 * and a writer calls write only once per 1 MiB, so the capturing handle would stay interpreted
 * for a long time; the plain one allocates nothing even then.
 */
final class FileIo {
    private static final MethodHandle WRITE = Libc.call("write",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_LONG));
    private static final MethodHandle WRITE_ERRNO = Libc.errnoCall("write",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_LONG));
    private static final int EIO = 5;
    /** Failed writes repeated (with errno capture) before giving up: EINTR and EAGAIN get these chances. */
    private static final int RETRIES = 8;

    private FileIo() {
    }

    /**
     * Writes {@code length} bytes from {@code buffer} at {@code offset}, continuing after short
     * writes. Returns 0, or the errno of the write that failed.
     */
    static int writeFully(int fd, MemorySegment buffer, long offset, long length) {
        long address = buffer.address() + offset;
        long left = length;
        int retries = 0;
        try {
            while (left > 0) {
                long n = (long) WRITE.invokeExact(fd, address, left);
                if (n < 0) {
                    MemorySegment errno = Libc.errnoState();
                    n = (long) WRITE_ERRNO.invokeExact(errno, fd, address, left);
                    if (n < 0) {
                        int e = Libc.lastErrno(errno);
                        if ((e == Errno.EINTR || e == Errno.EAGAIN) && ++retries < RETRIES) {
                            continue;
                        }
                        return e;
                    }
                }
                if (n == 0) {
                    return EIO;
                }
                address += n;
                left -= n;
            }
            return 0;
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        }
    }
}
