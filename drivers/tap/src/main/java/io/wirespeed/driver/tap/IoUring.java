package io.wirespeed.driver.tap;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import io.wirespeed.sys.Errno;
import io.wirespeed.sys.Libc;
import io.wirespeed.sys.Mman;
import io.wirespeed.sys.SysException;
import io.wirespeed.sys.Syscalls;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.VarHandle;

/**
 * A minimal io_uring instance (io_uring_setup(2), io_uring_enter(2)): the submission and
 * completion rings and the SQE array are mmap-shared with the kernel, so queueing a request is a
 * few stores and reaping a completion a few loads; only {@link #submit} enters the kernel, once for
 * however many requests were queued. That is how the tap queues move a whole burst of frames,
 * one read(2) or write(2) each, with one system call.
 *
 * <p>Single-threaded: one ring belongs to one queue, used by one lcore at a time.
 *
 * <p>Memory order, as the kernel's io_uring documentation prescribes: the SQE bodies are written
 * with plain stores and published by a store-release of the SQ tail (the kernel load-acquires
 * it); the CQ tail is load-acquired (the kernel store-releases it after writing the CQE), and the
 * CQ head is store-released after the CQEs are read, so the kernel cannot reuse a slot still being
 * read. The SQ head is the kernel's and is load-acquired.
 */
final class IoUring implements AutoCloseable {
    static final byte OP_WRITEV = 2;
    static final byte OP_READ = 22;
    static final byte OP_WRITE = 23;
    /**
     * rw_flags: fail with EAGAIN rather than wait. Needed even on an O_NONBLOCK descriptor: for a
     * file that supports non-blocking I/O, io_uring otherwise arms a poll and completes the
     * request later, when data arrives.
     */
    static final int RWF_NOWAIT = 0x8;

    private static final int SETUP_SUBMIT_ALL = 1 << 7;
    private static final int FEAT_SINGLE_MMAP = 1;
    private static final long OFF_SQ_RING = 0L;
    private static final long OFF_CQ_RING = 0x8000000L;
    private static final long OFF_SQES = 0x10000000L;
    private static final int SQE_SIZE = 64;
    private static final int CQE_SIZE = 16;
    /** sizeof(struct io_uring_params). */
    private static final int PARAMS_SIZE = 120;
    /** Ring indices live in memory the kernel writes: accessed with acquire/release through this. */
    private static final VarHandle INDEX = JAVA_INT.varHandle();

    private final int ringFd;
    private final int entries;
    private final MemorySegment sqRing;
    private final MemorySegment cqRing;
    private final MemorySegment sqes;
    private final long sqHeadAt;
    private final long sqTailAt;
    private final int sqMask;
    private final long cqHeadAt;
    private final long cqTailAt;
    private final long cqesAt;
    private final int cqMask;
    /** Our copy of the SQ tail: requests queued, published to the kernel by {@link #submit}. */
    private int sqTail;
    /** Our copy of the CQ head: completions consumed. */
    private int cqHead;
    private boolean closed;

    private IoUring(int ringFd, int entries, MemorySegment sqRing, MemorySegment cqRing, MemorySegment sqes,
                    MemorySegment params) {
        this.ringFd = ringFd;
        this.entries = entries;
        this.sqRing = sqRing;
        this.cqRing = cqRing;
        this.sqes = sqes;
        // struct io_sqring_offsets at 40, struct io_cqring_offsets at 80 (see linux/io_uring.h).
        this.sqHeadAt = params.get(JAVA_INT, 40);
        this.sqTailAt = params.get(JAVA_INT, 44);
        this.sqMask = sqRing.get(JAVA_INT, params.get(JAVA_INT, 48));
        this.cqHeadAt = params.get(JAVA_INT, 80);
        this.cqTailAt = params.get(JAVA_INT, 84);
        this.cqMask = cqRing.get(JAVA_INT, params.get(JAVA_INT, 88));
        this.cqesAt = params.get(JAVA_INT, 100);
        this.sqTail = (int) INDEX.getAcquire(sqRing, sqTailAt);
        this.cqHead = (int) INDEX.getAcquire(cqRing, cqHeadAt);
        // The SQ index array maps ring positions to SQE slots; identity once, never touched again.
        long arrayAt = params.get(JAVA_INT, 64);
        for (int i = 0; i < entries; i++) {
            sqRing.set(JAVA_INT, arrayAt + 4L * i, i);
        }
    }

    /**
     * An io_uring with {@code entries} submission slots (a power of two) and twice as many
     * completion slots. {@code who} names the owner in error messages.
     */
    static IoUring create(int entries, String who) {
        MemorySegment errno = Libc.errnoState();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment params = arena.allocate(PARAMS_SIZE, 8);
            params.set(JAVA_INT, 8, SETUP_SUBMIT_ALL);
            long fd = LinuxSyscall.call2(errno, LinuxSyscall.IO_URING_SETUP, entries, params.address());
            if (fd < 0 && Libc.lastErrno(errno) == Errno.EINVAL) {
                // Kernels before 5.18 do not know IORING_SETUP_SUBMIT_ALL; a ring without it stops
                // submitting at a request that fails to start, which submit() tolerates.
                params.fill((byte) 0);
                fd = LinuxSyscall.call2(errno, LinuxSyscall.IO_URING_SETUP, entries, params.address());
            }
            if (fd < 0) {
                throw setupFailure(who, Libc.lastErrno(errno));
            }
            return map((int) fd, params, who);
        }
    }

    private static RuntimeException setupFailure(String who, int errno) {
        return switch (errno) {
            case Errno.ENOSYS -> new IllegalArgumentException(who + ": this kernel has no io_uring (Linux 5.1 or later"
                    + " is needed for batched tap I/O)");
            case Errno.EPERM, Errno.EACCES -> new IllegalArgumentException(who + ": io_uring is disabled for this process"
                    + " (/proc/sys/kernel/io_uring_disabled is not 0: set it to 0, or run as root with it at 1)");
            default -> new SysException(who + ": io_uring_setup", errno);
        };
    }

    private static IoUring map(int fd, MemorySegment params, String who) {
        MemorySegment sqRing = null;
        MemorySegment cqRing = null;
        MemorySegment sqes = null;
        try {
            int sqEntries = params.get(JAVA_INT, 0);
            int cqEntries = params.get(JAVA_INT, 4);
            int features = params.get(JAVA_INT, 20);
            long sqSize = params.get(JAVA_INT, 64) + 4L * sqEntries;
            long cqSize = params.get(JAVA_INT, 100) + (long) CQE_SIZE * cqEntries;
            int prot = Mman.PROT_READ | Mman.PROT_WRITE;
            int flags = Mman.MAP_SHARED | Mman.MAP_POPULATE;
            if ((features & FEAT_SINGLE_MMAP) != 0) {
                sqRing = Mman.mmap(Math.max(sqSize, cqSize), prot, flags, fd, OFF_SQ_RING);
                cqRing = sqRing;
            } else {
                sqRing = Mman.mmap(sqSize, prot, flags, fd, OFF_SQ_RING);
                cqRing = Mman.mmap(cqSize, prot, flags, fd, OFF_CQ_RING);
            }
            sqes = Mman.mmap((long) SQE_SIZE * sqEntries, prot, flags, fd, OFF_SQES);
            return new IoUring(fd, sqEntries, sqRing, cqRing, sqes, params);
        } catch (RuntimeException e) {
            unmapQuietly(sqes);
            if (cqRing != sqRing) {
                unmapQuietly(cqRing);
            }
            unmapQuietly(sqRing);
            Syscalls.close(fd);
            throw e;
        }
    }

    private static void unmapQuietly(MemorySegment mapping) {
        if (mapping != null) {
            try {
                Mman.munmap(mapping);
            } catch (RuntimeException ignored) {
                // Best effort while already failing.
            }
        }
    }

    /** Submission slots. */
    int entries() {
        return entries;
    }

    /** Requests that can be queued before the next {@link #submit}. */
    int submissionSpace() {
        return entries - (sqTail - (int) INDEX.getAcquire(sqRing, sqHeadAt));
    }

    /**
     * Queues a read/write request (not yet visible to the kernel). For {@link #OP_WRITEV},
     * {@code address} points at {@code length} struct iovec.
     */
    void queue(byte opcode, int fd, long address, int length, int rwFlags, long userData) {
        long at = (long) (sqTail & sqMask) * SQE_SIZE;
        MemorySegment s = sqes;
        s.set(JAVA_BYTE, at, opcode);
        s.set(JAVA_BYTE, at + 1, (byte) 0);          // flags
        s.set(JAVA_SHORT, at + 2, (short) 0);        // ioprio
        s.set(JAVA_INT, at + 4, fd);
        s.set(JAVA_LONG, at + 8, 0L);                // offset: ignored by a stream device
        s.set(JAVA_LONG, at + 16, address);
        s.set(JAVA_INT, at + 24, length);
        s.set(JAVA_INT, at + 28, rwFlags);
        s.set(JAVA_LONG, at + 32, userData);
        s.set(JAVA_LONG, at + 40, 0L);               // buf_index, personality, splice_fd_in
        s.set(JAVA_LONG, at + 48, 0L);
        s.set(JAVA_LONG, at + 56, 0L);
        sqTail++;
    }

    /**
     * Publishes the queued requests and hands them to the kernel with one io_uring_enter(2).
     * Requests on non-blocking descriptors complete during the call, so their completions are
     * there when it returns. Returns how many the kernel took; 0 when it was busy (EAGAIN, EBUSY,
     * EINTR), in which case they stay queued for the next call.
     */
    int submit() {
        INDEX.setRelease(sqRing, sqTailAt, sqTail);
        int pending = sqTail - (int) INDEX.getAcquire(sqRing, sqHeadAt);
        if (pending == 0) {
            return 0;
        }
        return enter(pending);
    }

    private int enter(int toSubmit) {
        long rc = LinuxSyscall.call6(LinuxSyscall.IO_URING_ENTER, ringFd, toSubmit, 0L, 0L, 0L, 0L);
        if (rc >= 0) {
            return (int) rc;
        }
        // Failed (nothing was consumed): once more, capturing errno this time, to learn why.
        MemorySegment errno = Libc.errnoState();
        rc = LinuxSyscall.call6(errno, LinuxSyscall.IO_URING_ENTER, ringFd, toSubmit, 0L, 0L, 0L, 0L);
        if (rc >= 0) {
            return (int) rc;
        }
        int e = Libc.lastErrno(errno);
        if (e == Errno.EAGAIN || e == Errno.EBUSY || e == Errno.EINTR) {
            return 0;
        }
        throw new SysException("io_uring_enter(" + toSubmit + " requests)", e);
    }

    /** Completions posted and not yet consumed. */
    int completions() {
        return (int) INDEX.getAcquire(cqRing, cqTailAt) - cqHead;
    }

    /** The user data of the {@code i}-th unconsumed completion. */
    long completionUserData(int i) {
        return cqRing.get(JAVA_LONG, cqesAt + (long) ((cqHead + i) & cqMask) * CQE_SIZE);
    }

    /** The result of the {@code i}-th unconsumed completion: bytes moved, or -errno. */
    int completionResult(int i) {
        return cqRing.get(JAVA_INT, cqesAt + (long) ((cqHead + i) & cqMask) * CQE_SIZE + 8);
    }

    /** Gives {@code n} completion slots back to the kernel. */
    void consume(int n) {
        cqHead += n;
        INDEX.setRelease(cqRing, cqHeadAt, cqHead);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        unmapQuietly(sqes);
        if (cqRing != sqRing) {
            unmapQuietly(cqRing);
        }
        unmapQuietly(sqRing);
        Syscalls.close(ringFd);
    }
}
