package io.wirespeed.sys;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * Sockets and the descriptor calls drivers make on them: socket, bind, setsockopt, getsockopt,
 * sendto, recvfrom, poll, ioctl.
 *
 * <p>Set-up calls throw {@link SysException}. The data-path calls ({@link #sendto},
 * {@link #recvfrom}, {@link #poll}) return the raw result instead: a negative value means
 * failure and {@link #lastErrno()} says why, so that an expected EAGAIN costs neither an
 * exception nor an allocation.
 */
public final class Sockets {
    public static final int AF_UNIX = 1;
    public static final int AF_INET = 2;
    public static final int AF_PACKET = 17;
    public static final int AF_XDP = 44;
    public static final int SOCK_STREAM = 1;
    public static final int SOCK_DGRAM = 2;
    public static final int SOCK_RAW = 3;
    public static final int SOCK_SEQPACKET = 5;
    public static final int SOCK_NONBLOCK = 0x800;
    public static final int SOCK_CLOEXEC = 0x80000;
    public static final int SOL_SOCKET = 1;
    public static final int SO_RCVBUF = 8;
    public static final int SO_SNDBUF = 7;
    public static final int SO_RCVBUFFORCE = 33;
    public static final int SO_SNDBUFFORCE = 32;
    public static final int MSG_DONTWAIT = 0x40;
    public static final short POLLIN = 0x1;
    public static final short POLLOUT = 0x4;
    public static final short POLLERR = 0x8;

    private static final MethodHandle SOCKET = Libc.errnoCall("socket",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle BIND = Libc.errnoCall("bind",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle SETSOCKOPT = Libc.errnoCall("setsockopt",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle GETSOCKOPT = Libc.errnoCall("getsockopt",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
    private static final MethodHandle SENDTO = Libc.errnoCall("sendto",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle RECVFROM = Libc.errnoCall("recvfrom",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT, ADDRESS, ADDRESS));
    private static final MethodHandle POLL = Libc.errnoCall("poll",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT));
    private static final MethodHandle IOCTL = Libc.errnoCall("ioctl",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, ADDRESS));

    private Sockets() {
    }

    public static int socket(int domain, int type, int protocol) {
        MemorySegment errno = Libc.errnoState();
        int fd;
        try {
            fd = (int) SOCKET.invokeExact(errno, domain, type, protocol);
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        }
        if (fd < 0) {
            throw new SysException("socket(" + domain + ", " + type + ", " + protocol + ")", Libc.lastErrno(errno));
        }
        return fd;
    }

    public static void bind(int fd, MemorySegment address) {
        MemorySegment errno = Libc.errnoState();
        try {
            Syscalls.check((int) BIND.invokeExact(errno, fd, address, (int) address.byteSize()), "bind(" + fd + ")", errno);
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        }
    }

    /** setsockopt with the option value in {@code value} (its whole size is passed). */
    public static void setsockopt(int fd, int level, int option, MemorySegment value) {
        MemorySegment errno = Libc.errnoState();
        int rc;
        try {
            rc = (int) SETSOCKOPT.invokeExact(errno, fd, level, option, value, (int) value.byteSize());
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        }
        if (rc < 0) {
            throw new SysException("setsockopt(" + fd + ", level " + level + ", option " + option + ")", Libc.lastErrno(errno));
        }
    }

    /** setsockopt with an int value. */
    public static void setsockopt(int fd, int level, int option, int value) {
        try (Arena arena = Arena.ofConfined()) {
            setsockopt(fd, level, option, arena.allocateFrom(JAVA_INT, value));
        }
    }

    /** getsockopt into {@code value}; returns the length the kernel wrote. */
    public static int getsockopt(int fd, int level, int option, MemorySegment value) {
        MemorySegment errno = Libc.errnoState();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment length = arena.allocateFrom(JAVA_INT, (int) value.byteSize());
            int rc = (int) GETSOCKOPT.invokeExact(errno, fd, level, option, value, length);
            if (rc < 0) {
                throw new SysException("getsockopt(" + fd + ", level " + level + ", option " + option + ")", Libc.lastErrno(errno));
            }
            return length.get(JAVA_INT, 0);
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        }
    }

    /**
     * sendto(2) for the data path: {@code buf} may be {@link MemorySegment#NULL} with length 0
     * (AF_XDP's transmit kick). Returns the byte count or -1; see {@link #lastErrno()}.
     */
    public static long sendto(int fd, MemorySegment buf, long length, int flags) {
        try {
            return (long) SENDTO.invokeExact(Libc.errnoState(), fd, buf, length, flags, MemorySegment.NULL, 0);
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        }
    }

    /** recvfrom(2) for the data path, without the source address. Returns the count or -1. */
    public static long recvfrom(int fd, MemorySegment buf, long length, int flags) {
        try {
            return (long) RECVFROM.invokeExact(Libc.errnoState(), fd, buf, length, flags, MemorySegment.NULL, MemorySegment.NULL);
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        }
    }

    /**
     * poll(2) over {@code count} struct pollfd (8 bytes each: int fd, short events, short revents)
     * in {@code fds}. Returns the ready count, 0 on timeout, or -1; see {@link #lastErrno()}.
     */
    public static int poll(MemorySegment fds, int count, int timeoutMillis) {
        try {
            return (int) POLL.invokeExact(Libc.errnoState(), fds, (long) count, timeoutMillis);
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        }
    }

    /** ioctl(2) with a pointer argument; throws on failure. */
    public static int ioctl(int fd, long request, MemorySegment argument, String what) {
        MemorySegment errno = Libc.errnoState();
        int rc;
        try {
            rc = (int) IOCTL.invokeExact(errno, fd, request, argument);
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        }
        if (rc < 0) {
            throw new SysException("ioctl(" + what + ")", Libc.lastErrno(errno));
        }
        return rc;
    }

    /** The errno of this thread's last data-path call ({@link #sendto}, {@link #recvfrom}, {@link #poll}). */
    public static int lastErrno() {
        return Libc.lastErrno(Libc.errnoState());
    }
}
