package io.wirespeed.sys;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/** File descriptors: open, close, ftruncate, read, write, and the errno check they all share. */
public final class Syscalls {
    public static final int O_RDONLY = 0;
    public static final int O_RDWR = 2;
    public static final int O_CREAT = 0x40;
    public static final int O_EXCL = 0x80;
    public static final int O_TRUNC = 0x200;
    public static final int O_NONBLOCK = 0x800;
    public static final int O_CLOEXEC = 0x80000;

    private static final MethodHandle OPEN = Libc.errnoCall("open",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT));
    private static final MethodHandle CLOSE = Libc.errnoCall("close",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle FTRUNCATE = Libc.errnoCall("ftruncate",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG));
    private static final MethodHandle READ = Libc.errnoCall("read",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));
    private static final MethodHandle WRITE = Libc.errnoCall("write",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));
    private static final MethodHandle GETPID = Libc.call("getpid", FunctionDescriptor.of(JAVA_INT));
    private static final MethodHandle GETTID = Libc.call("gettid", FunctionDescriptor.of(JAVA_INT));

    private Syscalls() {
    }

    public static int open(String path, int flags, int mode) {
        MemorySegment errno = Libc.errnoState();
        try (Arena arena = Arena.ofConfined()) {
            int fd = (int) OPEN.invokeExact(errno, arena.allocateFrom(path), flags, mode);
            return check(fd, "open(\"" + path + "\")", errno);
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        }
    }

    public static void close(int fd) {
        MemorySegment errno = Libc.errnoState();
        try {
            check((int) CLOSE.invokeExact(errno, fd), "close(" + fd + ")", errno);
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        }
    }

    public static void ftruncate(int fd, long length) {
        MemorySegment errno = Libc.errnoState();
        try {
            check((int) FTRUNCATE.invokeExact(errno, fd, length), "ftruncate(" + fd + ", " + length + ")", errno);
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        }
    }

    /**
     * Reads up to {@code buf.byteSize()} bytes. Returns the count, or -1 when the descriptor is
     * non-blocking and has nothing (EAGAIN), so that a poll loop does not pay for an exception.
     */
    public static long read(int fd, MemorySegment buf) {
        MemorySegment errno = Libc.errnoState();
        try {
            long n = (long) READ.invokeExact(errno, fd, buf, buf.byteSize());
            return n >= 0 ? n : tolerateAgain("read(" + fd + ")", errno);
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        }
    }

    /** Writes {@code buf}; returns the count, or -1 on EAGAIN. */
    public static long write(int fd, MemorySegment buf) {
        MemorySegment errno = Libc.errnoState();
        try {
            long n = (long) WRITE.invokeExact(errno, fd, buf, buf.byteSize());
            return n >= 0 ? n : tolerateAgain("write(" + fd + ")", errno);
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        }
    }

    public static int getpid() {
        try {
            return (int) GETPID.invokeExact();
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        }
    }

    /** The calling thread's kernel id (what /proc/self/task lists and sched_setaffinity takes). */
    public static int gettid() {
        try {
            return (int) GETTID.invokeExact();
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        }
    }

    private static long tolerateAgain(String call, MemorySegment errnoState) {
        int errno = Libc.lastErrno(errnoState);
        if (errno == Errno.EAGAIN) {
            return -1;
        }
        throw new SysException(call, errno);
    }

    /** Returns {@code rc} when it is not negative, else throws with the errno the call captured. */
    public static int check(int rc, String call, MemorySegment errnoState) {
        if (rc < 0) {
            throw new SysException(call, Libc.lastErrno(errnoState));
        }
        return rc;
    }
}
