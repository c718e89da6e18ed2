package io.wirespeed.sys;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * A Linux eventfd: the kit's interrupt line. {@link #signal} adds one to the counter and wakes a
 * thread blocked on it in epoll (as KVM's irqfd does); {@link #drain} reads and clears it.
 * Both reuse one 8-byte buffer, so neither allocates.
 */
public final class EventFd implements AutoCloseable {
    public static final int EFD_NONBLOCK = 0x800;
    public static final int EFD_CLOEXEC = 0x80000;

    private static final MethodHandle EVENTFD = Libc.errnoCall("eventfd",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));

    private final int fd;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment one;
    private final MemorySegment drained;
    private boolean closed;

    private EventFd(int fd) {
        this.fd = fd;
        this.one = arena.allocate(JAVA_LONG);
        this.one.set(JAVA_LONG, 0, 1L);
        this.drained = arena.allocate(JAVA_LONG);
    }

    /** A non-blocking, close-on-exec eventfd with counter 0. */
    public static EventFd create() {
        MemorySegment errno = Libc.errnoState();
        try {
            int fd = (int) EVENTFD.invokeExact(errno, 0, EFD_NONBLOCK | EFD_CLOEXEC);
            return new EventFd(Syscalls.check(fd, "eventfd", errno));
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        }
    }

    /** Wraps an eventfd descriptor this process already holds (e.g. from {@link Pidfd#duplicate}); closing closes it. */
    public static EventFd adopt(int fd) {
        return new EventFd(fd);
    }

    public int fd() {
        return fd;
    }

    /** Raises the interrupt: one write(2). Safe from any thread. */
    public void signal() {
        Syscalls.write(fd, one);
    }

    /** Reads and clears the counter; returns how many signals arrived since the last drain (0 if none). */
    public long drain() {
        return Syscalls.read(fd, drained) < 0 ? 0 : drained.get(JAVA_LONG, 0);
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            Syscalls.close(fd);
            arena.close();
        }
    }
}
