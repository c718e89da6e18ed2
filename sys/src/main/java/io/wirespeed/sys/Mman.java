package io.wirespeed.sys;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/** Memory mappings: mmap, munmap, madvise, mlock and memfd_create. */
public final class Mman {
    public static final int PROT_READ = 0x1;
    public static final int PROT_WRITE = 0x2;
    public static final int MAP_SHARED = 0x01;
    public static final int MAP_PRIVATE = 0x02;
    public static final int MAP_FIXED = 0x10;
    public static final int MAP_ANONYMOUS = 0x20;
    public static final int MAP_NORESERVE = 0x4000;
    public static final int MAP_POPULATE = 0x8000;
    public static final int MAP_HUGETLB = 0x40000;
    /** log2(2 MiB) shifted into place: asks MAP_HUGETLB for 2 MiB pages. */
    public static final int MAP_HUGE_2MB = 21 << 26;
    public static final int MADV_HUGEPAGE = 14;
    public static final int MFD_CLOEXEC = 0x1;
    public static final int MFD_ALLOW_SEALING = 0x2;
    public static final int MFD_HUGETLB = 0x4;
    public static final int MFD_HUGE_2MB = 21 << 26;

    private static final long MAP_FAILED = -1L;
    private static final MethodHandle MMAP = Libc.errnoCall("mmap",
            FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_LONG, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_LONG));
    private static final MethodHandle MUNMAP = Libc.errnoCall("munmap",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG));
    private static final MethodHandle MADVISE = Libc.errnoCall("madvise",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT));
    private static final MethodHandle MLOCK = Libc.errnoCall("mlock",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG));
    private static final MethodHandle MEMFD_CREATE = Libc.errnoCall("memfd_create",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));

    private Mman() {
    }

    /**
     * Maps {@code length} bytes and returns a segment of exactly that size. The segment is not
     * tied to an arena: release it with {@link #munmap}.
     */
    public static MemorySegment mmap(long length, int prot, int flags, int fd, long offset) {
        MemorySegment errno = Libc.errnoState();
        try {
            MemorySegment p = (MemorySegment) MMAP.invokeExact(errno, MemorySegment.NULL, length, prot, flags, fd, offset);
            if (p.address() == MAP_FAILED) {
                throw new SysException("mmap(" + length + " bytes, flags 0x" + Integer.toHexString(flags) + ")",
                        Libc.lastErrno(errno));
            }
            return p.reinterpret(length);
        } catch (SysException e) {
            throw e;
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        }
    }

    public static void munmap(MemorySegment mapping) {
        MemorySegment errno = Libc.errnoState();
        try {
            int rc = (int) MUNMAP.invokeExact(errno, mapping, mapping.byteSize());
            Syscalls.check(rc, "munmap", errno);
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        }
    }

    public static void madvise(MemorySegment mapping, int advice) {
        MemorySegment errno = Libc.errnoState();
        try {
            int rc = (int) MADVISE.invokeExact(errno, mapping, mapping.byteSize(), advice);
            Syscalls.check(rc, "madvise(" + advice + ")", errno);
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        }
    }

    /** Locks the pages in memory (needs CAP_IPC_LOCK or a large enough RLIMIT_MEMLOCK). */
    public static void mlock(MemorySegment mapping) {
        MemorySegment errno = Libc.errnoState();
        try {
            int rc = (int) MLOCK.invokeExact(errno, mapping, mapping.byteSize());
            Syscalls.check(rc, "mlock(" + mapping.byteSize() + " bytes)", errno);
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        }
    }

    /** An anonymous file in memory; another process maps the same bytes through /proc/PID/fd/N. */
    public static int memfdCreate(String name, int flags) {
        MemorySegment errno = Libc.errnoState();
        try (Arena arena = Arena.ofConfined()) {
            int fd = (int) MEMFD_CREATE.invokeExact(errno, arena.allocateFrom(name), flags);
            return Syscalls.check(fd, "memfd_create(\"" + name + "\")", errno);
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        }
    }
}
