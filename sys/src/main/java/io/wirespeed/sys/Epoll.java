package io.wirespeed.sys;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_INT_UNALIGNED;
import static java.lang.foreign.ValueLayout.JAVA_LONG_UNALIGNED;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * An epoll instance with its own event buffer, owned by one thread. After {@link #await} returns
 * n, {@link #data(int)} and {@link #events(int)} read the i-th ready descriptor for i &lt; n.
 */
public final class Epoll implements AutoCloseable {
    public static final int EPOLLIN = 0x001;
    public static final int EPOLLOUT = 0x004;
    public static final int EPOLLERR = 0x008;
    public static final int EPOLLHUP = 0x010;
    public static final int EPOLLET = 1 << 31;

    private static final int EPOLL_CTL_ADD = 1;
    private static final int EPOLL_CTL_DEL = 2;
    private static final int EPOLL_CLOEXEC = 0x80000;
    /** struct epoll_event is packed on x86-64: u32 events, u64 data. */
    private static final long EVENT_SIZE = 12;
    private static final long DATA_OFFSET = 4;

    private static final MethodHandle CREATE = Libc.errnoCall("epoll_create1",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle CTL = Libc.errnoCall("epoll_ctl",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS));
    private static final FunctionDescriptor WAIT_DESCRIPTOR =
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT);
    /**
     * The sleeping lcore's wait, bound without errno capture: a capturing downcall allocates (some
     * 40 bytes a call) until the JIT's last tier compiles its call site, and an lcore that sleeps a
     * few hundred times a second takes minutes to get there. A failed wait is looked into with
     * {@link #WAIT_CHECKED} instead.
     */
    private static final MethodHandle WAIT = Libc.call("epoll_wait", WAIT_DESCRIPTOR);
    private static final MethodHandle WAIT_CHECKED = Libc.errnoCall("epoll_wait", WAIT_DESCRIPTOR);

    private final int epfd;
    private final int capacity;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment events;
    private final MemorySegment request;

    private Epoll(int epfd, int capacity) {
        this.epfd = epfd;
        this.capacity = capacity;
        this.events = arena.allocate(EVENT_SIZE * capacity, 8);
        this.request = arena.allocate(EVENT_SIZE, 8);
        warmUp();
    }

    /**
     * Set-up time, on the empty instance (each call returns at once): the one-time work the JDK
     * does on a handle's first calls (linking, then a customized form after some 127 calls), which
     * would otherwise allocate on the lcore's first sleeps.
     */
    private void warmUp() {
        for (int i = 0; i < Libc.HANDLE_WARM_UP_CALLS; i++) {
            await(0);
        }
    }

    /** An epoll instance whose {@link #await} reports at most {@code capacity} descriptors at a time. */
    public static Epoll create(int capacity) {
        MemorySegment errno = Libc.errnoState();
        try {
            int fd = (int) CREATE.invokeExact(errno, EPOLL_CLOEXEC);
            return new Epoll(Syscalls.check(fd, "epoll_create1", errno), capacity);
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        }
    }

    /** Watches {@code fd} for {@code eventMask}; {@code data} comes back with each of its events. */
    public void add(int fd, int eventMask, long data) {
        request.set(JAVA_INT_UNALIGNED, 0, eventMask);
        request.set(JAVA_LONG_UNALIGNED, DATA_OFFSET, data);
        ctl(EPOLL_CTL_ADD, fd, request);
    }

    public void remove(int fd) {
        ctl(EPOLL_CTL_DEL, fd, request);
    }

    /** Arming and disarming may happen on a poll loop's idle path: no allocation unless it fails. */
    private void ctl(int op, int fd, MemorySegment event) {
        MemorySegment errno = Libc.errnoState();
        int rc;
        try {
            rc = (int) CTL.invokeExact(errno, epfd, op, fd, event);
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        }
        if (rc < 0) {
            throw new SysException("epoll_ctl(" + (op == EPOLL_CTL_ADD ? "ADD" : "DEL") + ", " + fd + ")",
                    Libc.lastErrno(errno));
        }
    }

    /**
     * Blocks up to {@code timeoutMillis} (-1: forever, 0: just look) and returns the number of
     * ready descriptors; 0 on timeout or when a signal interrupted the wait.
     */
    public int await(int timeoutMillis) {
        int n;
        try {
            n = (int) WAIT.invokeExact(epfd, events, capacity, timeoutMillis);
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        }
        return n >= 0 ? n : afterFailedWait();
    }

    /**
     * epoll_wait failed without saying why. Its one transient failure is EINTR (a signal); the
     * others (EBADF, EFAULT, EINVAL) fail every call. So look again, without blocking and with
     * errno captured: a success means the wait was interrupted, and reports what is ready now.
     */
    private int afterFailedWait() {
        MemorySegment errno = Libc.errnoState();
        int n;
        try {
            n = (int) WAIT_CHECKED.invokeExact(errno, epfd, events, capacity, 0);
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        }
        if (n >= 0) {
            return n;
        }
        int e = Libc.lastErrno(errno);
        if (e == Errno.EINTR) {
            return 0;
        }
        throw new SysException("epoll_wait", e);
    }

    /** The epoll instance's own descriptor. */
    int fd() {
        return epfd;
    }

    public long data(int i) {
        return events.get(JAVA_LONG_UNALIGNED, i * EVENT_SIZE + DATA_OFFSET);
    }

    public int events(int i) {
        return events.get(JAVA_INT_UNALIGNED, i * EVENT_SIZE);
    }

    @Override
    public void close() {
        Syscalls.close(epfd);
        arena.close();
    }
}
