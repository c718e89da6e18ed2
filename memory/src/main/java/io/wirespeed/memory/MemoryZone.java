package io.wirespeed.memory;

import io.wirespeed.sys.Errno;
import io.wirespeed.sys.Log;
import io.wirespeed.sys.Mman;
import io.wirespeed.sys.SysException;
import io.wirespeed.sys.Syscalls;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A named, page-aligned region of off-heap memory: where mbufs, descriptor rings and a guest's
 * RAM live. A zone is anonymous (this process only), backed by a memfd, or backed by a file in
 * /dev/shm; the last two can be mapped by a second process, which is how a "VM" shares its
 * memory with the emulated NIC.
 *
 * <p>Carving sub-regions out of a zone ({@link #allocate}) is a bump allocation for set-up
 * time, not for the data path.
 */
public final class MemoryZone implements AutoCloseable {
    private static final int RW = Mman.PROT_READ | Mman.PROT_WRITE;

    private final String name;
    private final MemorySegment memory;
    private final PageSize pageSize;
    private final int fd;
    private final Path path;
    private final boolean unlinkOnClose;
    private long allocated;
    private boolean closed;

    private MemoryZone(String name, MemorySegment memory, PageSize pageSize, int fd, Path path, boolean unlinkOnClose) {
        this.name = name;
        this.memory = memory;
        this.pageSize = pageSize;
        this.fd = fd;
        this.path = path;
        this.unlinkOnClose = unlinkOnClose;
    }

    /** Private anonymous memory on 4 KiB pages, zeroed. */
    public static MemoryZone anonymous(String name, long size) {
        long length = PageSize.SMALL.roundUp(checkSize(name, size));
        MemorySegment m = Mman.mmap(length, RW, Mman.MAP_PRIVATE | Mman.MAP_ANONYMOUS, -1, 0);
        return new MemoryZone(name, m, PageSize.SMALL, -1, null, false);
    }

    /**
     * Anonymous memory on 2 MiB hugepages when the host has enough free; otherwise one log line
     * and 4 KiB pages with transparent-hugepage advice. Never fails for want of hugepages.
     */
    public static MemoryZone preferHuge(String name, long size) {
        long length = PageSize.HUGE_2M.roundUp(checkSize(name, size));
        try {
            MemorySegment m = Mman.mmap(length, RW,
                    Mman.MAP_PRIVATE | Mman.MAP_ANONYMOUS | Mman.MAP_HUGETLB | Mman.MAP_HUGE_2MB, -1, 0);
            return new MemoryZone(name, m, PageSize.HUGE_2M, -1, null, false);
        } catch (SysException e) {
            long pages = length / PageSize.HUGE_2M.bytes();
            Log.info("memory", "zone " + name + ": no " + pages + " free 2 MiB hugepages (" + Errno.name(e.errno())
                    + "), using 4 KiB pages; reserve them with: echo " + pages + " > /proc/sys/vm/nr_hugepages");
            MemoryZone zone = anonymous(name, length);
            adviseHugePages(zone.memory);
            return zone;
        }
    }

    private static void adviseHugePages(MemorySegment m) {
        try {
            Mman.madvise(m, Mman.MADV_HUGEPAGE);
        } catch (SysException ignored) {
            // Kernels without transparent hugepages say EINVAL: 4 KiB pages it is.
        }
    }

    /** Shared memory in a memfd; another process maps it through {@link #path()} (/proc/PID/fd/N). */
    public static MemoryZone memfd(String name, long size) {
        long length = PageSize.SMALL.roundUp(checkSize(name, size));
        int fd = Mman.memfdCreate("wirespeed-" + name, Mman.MFD_CLOEXEC);
        try {
            Syscalls.ftruncate(fd, length);
            MemorySegment m = Mman.mmap(length, RW, Mman.MAP_SHARED, fd, 0);
            Path procPath = Path.of("/proc", Integer.toString(Syscalls.getpid()), "fd", Integer.toString(fd));
            return new MemoryZone(name, m, PageSize.SMALL, fd, procPath, false);
        } catch (RuntimeException e) {
            Syscalls.close(fd);
            throw e;
        }
    }

    /**
     * Creates {@code file} (which must not exist), sizes it and maps it shared. Closing the zone
     * removes the file; a second process maps it meanwhile with {@link #attach}.
     */
    public static MemoryZone createFile(Path file, long size) {
        long length = PageSize.SMALL.roundUp(checkSize(file.toString(), size));
        int fd = Syscalls.open(file.toString(), Syscalls.O_RDWR | Syscalls.O_CREAT | Syscalls.O_EXCL | Syscalls.O_CLOEXEC, 0600);
        try {
            Syscalls.ftruncate(fd, length);
            MemorySegment m = Mman.mmap(length, RW, Mman.MAP_SHARED, fd, 0);
            return new MemoryZone(file.getFileName().toString(), m, PageSize.SMALL, fd, file, true);
        } catch (RuntimeException e) {
            Syscalls.close(fd);
            deleteQuietly(file);
            throw e;
        }
    }

    /** Maps the whole of an existing shared zone file (or /proc/PID/fd/N of another process's memfd). */
    public static MemoryZone attach(Path file) {
        int fd = Syscalls.open(file.toString(), Syscalls.O_RDWR | Syscalls.O_CLOEXEC, 0);
        try {
            long length = Files.size(file);
            if (length == 0) {
                throw new IllegalArgumentException("memory zone file " + file + " is empty");
            }
            MemorySegment m = Mman.mmap(length, RW, Mman.MAP_SHARED, fd, 0);
            return new MemoryZone(file.getFileName().toString(), m, PageSize.SMALL, fd, file, false);
        } catch (java.io.IOException e) {
            Syscalls.close(fd);
            throw new IllegalArgumentException("cannot read the size of " + file + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            Syscalls.close(fd);
            throw e;
        }
    }

    private static long checkSize(String name, long size) {
        if (size <= 0) {
            throw new IllegalArgumentException("memory zone " + name + ": size " + size + " must be positive");
        }
        return size;
    }

    public String name() {
        return name;
    }

    /** The whole zone. */
    public MemorySegment segment() {
        return memory;
    }

    public long size() {
        return memory.byteSize();
    }

    public PageSize pageSize() {
        return pageSize;
    }

    /** Where a second process finds this zone, or null for an anonymous zone. */
    public Path path() {
        return path;
    }

    public boolean isShared() {
        return fd >= 0;
    }

    /**
     * Carves the next {@code size} bytes aligned to {@code alignment} (a power of two) out of the
     * zone. Set-up time only: it takes a lock.
     */
    public synchronized MemorySegment allocate(long size, long alignment) {
        if (Long.bitCount(alignment) != 1) {
            throw new IllegalArgumentException("alignment " + alignment + " is not a power of two");
        }
        long start = (memory.address() + allocated + alignment - 1 & -alignment) - memory.address();
        if (size < 0 || start + size > memory.byteSize()) {
            throw new IllegalStateException("memory zone " + name + " is full: " + size + " bytes asked, "
                    + (memory.byteSize() - allocated) + " of " + memory.byteSize() + " left");
        }
        allocated = start + size;
        return memory.asSlice(start, size);
    }

    /** Bytes handed out by {@link #allocate} so far, alignment padding included. */
    public synchronized long allocated() {
        return allocated;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        Mman.munmap(memory);
        if (fd >= 0) {
            Syscalls.close(fd);
        }
        if (unlinkOnClose) {
            deleteQuietly(path);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (java.io.IOException ignored) {
            // The file was ours and in /dev/shm; nothing more can be done about it here.
        }
    }

    @Override
    public String toString() {
        return "MemoryZone[" + name + ", " + memory.byteSize() + " bytes, " + pageSize + (path != null ? ", " + path : "") + "]";
    }
}
