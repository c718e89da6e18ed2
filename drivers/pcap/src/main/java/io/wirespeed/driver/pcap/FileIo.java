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
 */
final class FileIo {
    private static final MethodHandle WRITE = Libc.errnoCall("write",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_LONG));

    private static final int EIO = 5;

    private FileIo() {
    }

    /**
     * Writes {@code length} bytes from {@code buffer} at {@code offset}, retrying short writes and
     * EINTR. Returns 0, or the errno of the write that failed.
     */
    static int writeFully(int fd, MemorySegment buffer, long offset, long length) {
        MemorySegment errno = Libc.errnoState();
        long address = buffer.address() + offset;
        long left = length;
        try {
            while (left > 0) {
                long n = (long) WRITE.invokeExact(errno, fd, address, left);
                if (n < 0) {
                    int e = Libc.lastErrno(errno);
                    if (e == Errno.EINTR) {
                        continue;
                    }
                    return e;
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
