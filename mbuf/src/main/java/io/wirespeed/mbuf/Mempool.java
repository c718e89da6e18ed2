package io.wirespeed.mbuf;

import io.wirespeed.lcore.LcoreThread;
import io.wirespeed.memory.MemoryZone;
import io.wirespeed.ring.Ring;
import io.wirespeed.ring.SyncMode;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.atomic.LongAdder;

/**
 * A fixed population of mbufs whose buffers sit in one memory zone (DPDK's rte_pktmbuf_pool).
 *
 * <p>Free mbufs live in a multi-producer/multi-consumer {@link Ring}. In front of it, each lcore
 * has a cache, an array stack touched only by that lcore, so the common get and put cost no
 * atomic operation: the ring is visited only to refill an empty cache or to flush a full one,
 * a burst at a time. Threads that are not lcores use the ring directly.
 *
 * <p>Running out is not exceptional on a data path: {@link #allocBulk} returns 0 and the failure
 * is counted ({@link #allocFailures()}); the caller counts the packet it could not receive.
 */
public final class Mempool implements AutoCloseable {
    /** The most lcores that get a cache; higher ids share the ring like non-lcore threads. */
    public static final int MAX_LCORES = 128;
    public static final int DEFAULT_CACHE_SIZE = 256;
    private static final int BUFFER_ALIGN = 64;

    private final String name;
    private final int size;
    private final int headroom;
    private final int dataRoom;
    private final int cacheSize;
    private final MemoryZone zone;
    private final boolean ownsZone;
    private final Ring<Mbuf> free;
    private final Mbuf[] all;
    private final LcoreCache[] caches = new LcoreCache[MAX_LCORES];
    private final LongAdder sharedAllocFailures = new LongAdder();

    private Mempool(String name, int size, int cacheSize, int headroom, int dataRoom, MemoryZone zone, boolean ownsZone) {
        this.name = name;
        this.size = size;
        this.headroom = headroom;
        this.dataRoom = dataRoom;
        this.cacheSize = cacheSize;
        this.zone = zone;
        this.ownsZone = ownsZone;
        this.free = Ring.create(name, ringSizeFor(size), SyncMode.MULTI, SyncMode.MULTI, Mbuf.class);
        this.all = new Mbuf[size];
        int bufferLength = headroom + dataRoom;
        long stride = (bufferLength + BUFFER_ALIGN - 1) & -BUFFER_ALIGN;
        MemorySegment buffers = zone.allocate(stride * size, BUFFER_ALIGN);
        for (int i = 0; i < size; i++) {
            all[i] = new Mbuf(this, i, buffers.asSlice(i * stride, bufferLength));
        }
        if (free.enqueueBulk(all, 0, size) != size) {
            throw new IllegalStateException("mempool " + name + ": ring refused " + size + " mbufs");
        }
        for (int i = 0; i < MAX_LCORES && cacheSize > 0; i++) {
            caches[i] = new LcoreCache(cacheSize);
        }
    }

    private static int ringSizeFor(int n) {
        return Integer.highestOneBit(Math.max(2, n - 1)) << 1;
    }

    /** A pool with the default 128-byte headroom and 2048-byte data room. */
    public static Builder builder(String name, int size) {
        return new Builder(name, size);
    }

    /** Builds a {@link Mempool} (DPDK's rte_pktmbuf_pool_create arguments, by name). */
    public static final class Builder {
        private final String name;
        private final int size;
        private int cacheSize = DEFAULT_CACHE_SIZE;
        private int headroom = 128;
        private int dataRoom = 2048;
        private MemoryZone zone;
        private boolean hugePages = true;

        private Builder(String name, int size) {
            this.name = name;
            this.size = size;
        }

        /** Mbufs kept per lcore in front of the shared ring; 0 for none. */
        public Builder cacheSize(int n) {
            this.cacheSize = n;
            return this;
        }

        public Builder headroom(int bytes) {
            this.headroom = bytes;
            return this;
        }

        /** Bytes after the headroom. */
        public Builder dataRoom(int bytes) {
            this.dataRoom = bytes;
            return this;
        }

        /** Carves the buffers out of this zone (e.g. a guest's memory) instead of a zone of its own. */
        public Builder zone(MemoryZone z) {
            this.zone = z;
            return this;
        }

        /** Whether a zone of its own prefers 2 MiB pages (default) or takes 4 KiB pages. */
        public Builder hugePages(boolean on) {
            this.hugePages = on;
            return this;
        }

        public Mempool build() {
            if (size < 1) {
                throw new IllegalArgumentException("mempool " + name + ": size " + size + " must be at least 1");
            }
            if (cacheSize < 0 || cacheSize > size) {
                throw new IllegalArgumentException("mempool " + name + ": cache size " + cacheSize + " must be 0.." + size);
            }
            if (headroom < 0 || dataRoom < 1 || (long) headroom + dataRoom > 0xffff) {
                throw new IllegalArgumentException("mempool " + name + ": headroom " + headroom + " + data room "
                        + dataRoom + " must fit 1..65535 bytes");
            }
            if (zone != null) {
                return new Mempool(name, size, cacheSize, headroom, dataRoom, zone, false);
            }
            long stride = (headroom + dataRoom + BUFFER_ALIGN - 1) & -BUFFER_ALIGN;
            long bytes = stride * size + BUFFER_ALIGN;
            MemoryZone own = hugePages ? MemoryZone.preferHuge(name, bytes) : MemoryZone.anonymous(name, bytes);
            try {
                return new Mempool(name, size, cacheSize, headroom, dataRoom, own, true);
            } catch (RuntimeException e) {
                own.close();
                throw e;
            }
        }
    }

    /** One lcore's stack of free mbufs. Touched only by its lcore: plain fields. */
    private static final class LcoreCache {
        final Mbuf[] objects;
        final int size;
        final int flushThreshold;
        int length;
        long allocFailures;

        LcoreCache(int size) {
            this.size = size;
            // DPDK flushes at 1.5x the nominal size so that alternating get/put does not thrash the ring.
            this.flushThreshold = size + size / 2;
            this.objects = new Mbuf[flushThreshold + 512];
        }
    }

    private LcoreCache cache() {
        int id = LcoreThread.currentLcoreId();
        return id >= 0 && id < MAX_LCORES ? caches[id] : null;
    }

    // ---- raw get / put: no reset ---------------------------------------------------------------

    /** Takes {@code n} mbufs, all or none (DPDK's rte_mempool_get_bulk). Returns n or 0. */
    public int getBulk(Mbuf[] dst, int offset, int n) {
        LcoreCache c = cache();
        if (c == null || n > c.objects.length) {
            if (free.dequeueBulk(dst, offset, n) == n) {
                return n;
            }
            if (c == null) {
                sharedAllocFailures.increment();
            } else {
                c.allocFailures++;
            }
            return 0;
        }
        if (c.length < n) {
            // Refill to the nominal size plus what this request needs, in one ring visit.
            int want = c.size + n - c.length;
            int got = free.dequeueBurst(c.objects, c.length, Math.min(want, c.objects.length - c.length));
            c.length += got;
            if (c.length < n) {
                c.allocFailures++;
                return 0;
            }
        }
        // LIFO: the most recently freed mbufs are the ones still in the CPU cache.
        int from = c.length - n;
        for (int i = 0; i < n; i++) {
            dst[offset + i] = c.objects[from + n - 1 - i];
        }
        c.length = from;
        return n;
    }

    /** Gives back {@code n} mbufs (DPDK's rte_mempool_put_bulk). */
    public void putBulk(Mbuf[] src, int offset, int n) {
        LcoreCache c = cache();
        if (c == null || n > c.objects.length - c.length) {
            if (free.enqueueBulk(src, offset, n) != n) {
                throw new IllegalStateException("mempool " + name + ": more mbufs returned than it owns");
            }
            return;
        }
        System.arraycopy(src, offset, c.objects, c.length, n);
        c.length += n;
        if (c.length >= c.flushThreshold) {
            int excess = c.length - c.size;
            free.enqueueBulk(c.objects, c.size, excess);
            c.length = c.size;
        }
    }

    void put(Mbuf m) {
        LcoreCache c = cache();
        if (c == null) {
            free.offer(m);
            return;
        }
        c.objects[c.length++] = m;
        if (c.length >= c.flushThreshold) {
            int excess = c.length - c.size;
            free.enqueueBulk(c.objects, c.size, excess);
            c.length = c.size;
        }
    }

    // ---- packet allocation: get + reset ----------------------------------------------------------

    /**
     * Allocates {@code n} packet mbufs, all or none (DPDK's rte_pktmbuf_alloc_bulk), each reset to
     * an empty one-segment packet. Returns n, or 0 when the pool cannot supply them (counted).
     */
    public int allocBulk(Mbuf[] dst, int offset, int n) {
        if (getBulk(dst, offset, n) == 0) {
            return 0;
        }
        for (int i = offset; i < offset + n; i++) {
            dst[i].reset();
        }
        return n;
    }

    /** One packet mbuf, or null when the pool is empty (counted). */
    public Mbuf alloc() {
        LcoreCache c = cache();
        Mbuf m;
        if (c != null && c.length > 0) {
            m = c.objects[--c.length];
        } else {
            m = free.poll();
            if (m == null) {
                if (c == null) {
                    sharedAllocFailures.increment();
                } else {
                    c.allocFailures++;
                }
                return null;
            }
        }
        m.reset();
        return m;
    }

    // ---- facts and counters ------------------------------------------------------------------------

    public String name() {
        return name;
    }

    /** Number of mbufs the pool owns. */
    public int size() {
        return size;
    }

    public int cacheSize() {
        return cacheSize;
    }

    public int headroom() {
        return headroom;
    }

    public int dataRoom() {
        return dataRoom;
    }

    public MemoryZone zone() {
        return zone;
    }

    /**
     * Free mbufs, in the ring and in every lcore's cache. Caches are read without synchronisation,
     * so while lcores run this is an estimate (as in DPDK).
     */
    public int availableCount() {
        int n = free.count();
        for (LcoreCache c : caches) {
            if (c != null) {
                n += c.length;
            }
        }
        return n;
    }

    public int inUseCount() {
        return size - availableCount();
    }

    /** Allocation requests that could not be met since the pool was built. */
    public long allocFailures() {
        long n = sharedAllocFailures.sum();
        for (LcoreCache c : caches) {
            if (c != null) {
                n += c.allocFailures;
            }
        }
        return n;
    }

    /** The mbuf with this {@link Mbuf#index()}. */
    public Mbuf get(int index) {
        return all[index];
    }

    @Override
    public void close() {
        if (ownsZone) {
            zone.close();
        }
    }

    @Override
    public String toString() {
        return "Mempool[" + name + ", " + size + " x " + (headroom + dataRoom) + " bytes, cache " + cacheSize + "]";
    }
}
