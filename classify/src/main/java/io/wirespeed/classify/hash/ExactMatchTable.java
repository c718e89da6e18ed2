package io.wirespeed.classify.hash;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * An exact-match hash table of fixed-length keys with DPDK rte_hash's semantics: cuckoo hashing
 * over buckets of 8 slots, each slot a 16-bit signature and a key position; two candidate
 * buckets per key; a bounded breadth-first displacement search when both are full. Keys live in
 * a flat off-heap key store at their position (0..capacity-1), positions come from a free list,
 * and each position carries a user value (a long: l3fwd-em's output port, say).
 *
 * <p>Sizing: {@code nextPowerOfTwo(capacity) / 8} buckets (at least 2), as rte_hash; so the
 * table holds {@code capacity} keys when the buckets take them, and random keys fill about 95%
 * of the slots before {@link #add} reports {@link #NO_BUCKET_SPACE}.
 *
 * <p>Concurrency, rte_hash's lock-free read/write mode: one writer thread calls {@code add} and
 * {@code delete}; any number of threads look up at the same time without locks.
 * <ul>
 * <li>Shared fields and their order: bucket slots (release store by the writer; readers load
 *     them plainly and fence with acquire before reading the key they point at, see
 *     {@code BucketArray}); the key store and {@code values} are written by the writer before the slot that
 *     publishes them (plain key bytes; values opaque, so a value updated in place is never torn);
 *     {@code changes}, the change counter (release store by the writer, acquire load by readers
 *     before a lookup, and a load after an acquire fence at its end).</li>
 * <li>Moves: a displaced key is first stored in its new slot, then {@code changes} is
 *     incremented, then (after a store-store fence) its old slot is overwritten. A reader that
 *     missed it in both places therefore sees {@code changes} move and looks again: a key present
 *     throughout is never missed.</li>
 * <li>Deletes: the slot is cleared, then {@code changes} is incremented and fenced, then the
 *     position goes back on the free list; only the writer recycles positions. A reader reads the
 *     position from a slot, compares the key bytes at that position, and retries when
 *     {@code changes} moved meanwhile, so a position reused for another key (whose bytes may be
 *     half written) never produces a hit for the wrong key.</li>
 * </ul>
 * A position returned by a lookup names the key as it was at that moment; a caller that keeps it
 * while the writer deletes and adds keys must arrange its own grace period (as rte_hash's RCU).
 */
public final class ExactMatchTable implements AutoCloseable {
    /** Lookup and delete: the key is not in the table. */
    public static final int NOT_FOUND = -1;
    /** Add: all {@code capacity} positions are taken. */
    public static final int NO_FREE_POSITION = -2;
    /** Add: both buckets are full and the displacement search found no way to free a slot. */
    public static final int NO_BUCKET_SPACE = -3;

    private static final VarHandle CHANGES;
    private static final VarHandle VALUE = MethodHandles.arrayElementVarHandle(long[].class);

    static {
        try {
            CHANGES = MethodHandles.lookup().findVarHandle(ExactMatchTable.class, "changes", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Arena arena;
    final KeyLayout layout;
    final BucketArray buckets;
    private final MemorySegment keys;
    private final long[] values;
    private final int capacity;
    /** Incremented by the writer at every move and delete; see the class comment. */
    @SuppressWarnings("unused")
    private long changes;

    // Writer-only state.
    private final int[] freePositions;
    private int freeCount;
    private final DisplacementSearch search;
    private int size;
    private long displacements;

    /** A table of keys of {@code keyLength} bytes (1..64) for up to {@code capacity} keys. */
    public ExactMatchTable(int keyLength, int capacity) {
        this.layout = new KeyLayout(keyLength);
        if (capacity < 1 || capacity > (1 << 28)) {
            throw new IllegalArgumentException("capacity must be 1.." + (1 << 28) + " keys, got " + capacity);
        }
        this.capacity = capacity;
        int slots = Integer.highestOneBit(capacity) == capacity ? capacity : Integer.highestOneBit(capacity) << 1;
        int bucketCount = Math.max(2, slots / BucketArray.SLOTS);
        this.arena = Arena.ofShared();
        this.buckets = new BucketArray(arena, bucketCount);
        this.keys = arena.allocate((long) capacity * layout.stride, 64);
        this.values = new long[capacity];
        this.freePositions = new int[capacity];
        for (int i = 0; i < capacity; i++) {
            freePositions[i] = capacity - 1 - i; // position 0 is handed out first
        }
        this.freeCount = capacity;
        this.search = new DisplacementSearch(bucketCount);
    }

    // ---- writer ---------------------------------------------------------------------------

    /** Adds {@code key} (value 0) or finds it; its position, or {@link #NO_FREE_POSITION} / {@link #NO_BUCKET_SPACE}. */
    public int add(byte[] key) {
        return add(segmentOf(key), 0, 0, false);
    }

    /** Adds {@code key} with {@code value}, or sets the value of the key already there; its position or a negative code. */
    public int add(byte[] key, long value) {
        return add(segmentOf(key), 0, value, true);
    }

    /** Adds the key at {@code offset} of {@code seg} (value 0) or finds it. */
    public int add(MemorySegment seg, long offset) {
        return add(seg, offset, 0, false);
    }

    /** Adds the key at {@code offset} of {@code seg} with {@code value}, or sets its value. */
    public int add(MemorySegment seg, long offset, long value) {
        return add(seg, offset, value, true);
    }

    private int add(MemorySegment seg, long offset, long value, boolean setValue) {
        long h = layout.hash(seg, offset);
        int sig = signature(h);
        int b1 = (int) h & buckets.mask;
        int b2 = buckets.alternative(b1, sig);
        int found = find(seg, offset, b1, sig);
        if (found < 0) {
            found = find(seg, offset, b2, sig);
        }
        if (found >= 0) {
            if (setValue) {
                VALUE.setOpaque(values, found, value);
            }
            return found;
        }
        if (freeCount == 0) {
            return NO_FREE_POSITION;
        }
        int bucket = b1;
        int slot = buckets.emptySlot(b1);
        if (slot < 0) {
            bucket = b2;
            slot = buckets.emptySlot(b2);
        }
        if (slot < 0) {
            int leaf = search.search(buckets, b1, b2);
            if (leaf < 0) {
                return NO_BUCKET_SPACE;
            }
            long freed = displace(leaf);
            bucket = (int) (freed >>> 32);
            slot = (int) freed;
        }
        int position = freePositions[--freeCount];
        MemorySegment.copy(seg, offset, keys, (long) position * layout.stride, layout.length);
        VALUE.setOpaque(values, position, value);
        buckets.setRelease(bucket, slot, BucketArray.slot(sig, position)); // publishes key and value
        size++;
        return position;
    }

    /**
     * Moves keys along the path ending at node {@code leaf}, from its end back to its root, each
     * into the slot the previous move emptied. Returns the slot freed in the root bucket (one of
     * the new key's two) as {@code bucket << 32 | slot}.
     */
    private long displace(int leaf) {
        int node = leaf;
        int destBucket = search.bucket[leaf];
        int destSlot = search.leafSlot;
        while (search.parent[node] >= 0) {
            int from = search.parent[node];
            int srcBucket = search.bucket[from];
            int srcSlot = search.slot[node];
            buckets.setRelease(destBucket, destSlot, buckets.get(srcBucket, srcSlot)); // key now in both places
            bumpChanges(); // before the old place is overwritten
            displacements++;
            destBucket = srcBucket;
            destSlot = srcSlot;
            node = from;
        }
        return ((long) destBucket << 32) | destSlot;
    }

    /** Deletes {@code key}; its former position, or {@link #NOT_FOUND}. */
    public int delete(byte[] key) {
        return delete(segmentOf(key), 0);
    }

    /** Deletes the key at {@code offset} of {@code seg}; its former position, or {@link #NOT_FOUND}. */
    public int delete(MemorySegment seg, long offset) {
        long h = layout.hash(seg, offset);
        int sig = signature(h);
        int b1 = (int) h & buckets.mask;
        int position = deleteIn(seg, offset, b1, sig);
        if (position < 0) {
            position = deleteIn(seg, offset, buckets.alternative(b1, sig), sig);
        }
        return position;
    }

    private int deleteIn(MemorySegment seg, long offset, int bucket, int sig) {
        for (int s = 0; s < BucketArray.SLOTS; s++) {
            long e = buckets.get(bucket, s);
            if (e != 0 && BucketArray.signature(e) == sig
                    && layout.equal(seg, offset, keys, (long) BucketArray.position(e) * layout.stride)) {
                buckets.setRelease(bucket, s, 0L);
                bumpChanges(); // before the position can be reused and its key bytes rewritten
                int position = BucketArray.position(e);
                freePositions[freeCount++] = position;
                size--;
                return position;
            }
        }
        return NOT_FOUND;
    }

    /** Writer: changes + 1 with release, then a store-store fence so later stores stay after it. */
    private void bumpChanges() {
        CHANGES.setRelease(this, (long) CHANGES.get(this) + 1);
        VarHandle.storeStoreFence();
    }

    /** Writer's search (its own stores need no ordering). */
    private int find(MemorySegment seg, long offset, int bucket, int sig) {
        for (int s = 0; s < BucketArray.SLOTS; s++) {
            long e = buckets.get(bucket, s);
            if (e != 0 && BucketArray.signature(e) == sig
                    && layout.equal(seg, offset, keys, (long) BucketArray.position(e) * layout.stride)) {
                return BucketArray.position(e);
            }
        }
        return -1;
    }

    // ---- readers --------------------------------------------------------------------------

    /** The position of {@code key}, or {@link #NOT_FOUND}. Any thread. */
    public int lookup(byte[] key) {
        return lookup(segmentOf(key), 0);
    }

    /** The position of the key at {@code offset} of {@code seg}, or {@link #NOT_FOUND}. Any thread; allocates nothing. */
    public int lookup(MemorySegment seg, long offset) {
        long h = layout.hash(seg, offset);
        int sig = signature(h);
        int b1 = (int) h & buckets.mask;
        int b2 = buckets.alternative(b1, sig);
        while (true) {
            long before = changesAcquire();
            int position = search(seg, offset, b1, sig);
            if (position < 0) {
                position = search(seg, offset, b2, sig);
            }
            if (unchangedSince(before)) {
                return position;
            }
        }
    }

    /** Searches one bucket (readers): a slot's load, then an acquire fence, then its key. */
    int search(MemorySegment seg, long offset, int bucket, int sig) {
        for (int s = 0; s < BucketArray.SLOTS; s++) {
            long e = buckets.get(bucket, s);
            if (e != 0 && BucketArray.signature(e) == sig) {
                VarHandle.acquireFence();
                if (keyAt(e, seg, offset)) {
                    return BucketArray.position(e);
                }
            }
        }
        return -1;
    }

    /** Whether the key published in slot value {@code e} equals the key at {@code offset} of {@code seg}. */
    boolean keyAt(long e, MemorySegment seg, long offset) {
        return layout.equal(seg, offset, keys, (long) BucketArray.position(e) * layout.stride);
    }

    long changesAcquire() {
        return (long) CHANGES.getAcquire(this);
    }

    /** After an acquire fence (the lookup's loads stay before it), whether changes still reads {@code before}. */
    boolean unchangedSince(long before) {
        VarHandle.acquireFence();
        return (long) CHANGES.getOpaque(this) == before;
    }

    static int signature(long hash) {
        return (int) (hash >>> 48);
    }

    long valueOpaque(int position) {
        return (long) VALUE.getOpaque(values, position);
    }

    /** A bulk-lookup context for one reader thread. */
    public ExactMatchReader reader() {
        return new ExactMatchReader(this);
    }

    // ---- control path ---------------------------------------------------------------------

    /** The value stored at {@code position} (meaningful while its key is in the table). */
    public long value(int position) {
        return (long) VALUE.getOpaque(values, position);
    }

    /** A copy of the key stored at {@code position}. */
    public byte[] key(int position) {
        byte[] k = new byte[layout.length];
        MemorySegment.copy(keys, ValueLayout.JAVA_BYTE, (long) position * layout.stride, k, 0, layout.length);
        return k;
    }

    public int keyLength() {
        return layout.length;
    }

    public int capacity() {
        return capacity;
    }

    /** Keys in the table (writer's count). */
    public int size() {
        return size;
    }

    public int bucketCount() {
        return buckets.count;
    }

    /** Slots in all buckets: bucketCount * 8. */
    public int slotCount() {
        return buckets.count * BucketArray.SLOTS;
    }

    /** size / slotCount. */
    public double loadFactor() {
        return (double) size / slotCount();
    }

    /** Keys moved by displacement so far. */
    public long displacements() {
        return displacements;
    }

    /** Frees the off-heap buckets and keys; no thread may use the table afterwards. */
    @Override
    public void close() {
        arena.close();
    }

    private MemorySegment segmentOf(byte[] key) {
        if (key.length != layout.length) {
            throw new IllegalArgumentException("key of " + key.length + " bytes; this table's keys are "
                    + layout.length + " bytes");
        }
        return MemorySegment.ofArray(key);
    }
}
