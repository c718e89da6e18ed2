package io.wirespeed.classify.hash;

import java.lang.foreign.MemorySegment;

/**
 * One reader thread's bulk lookups in an {@link ExactMatchTable} (rte_hash_lookup_bulk): up to
 * 64 keys at a time, in phases so the memory accesses of different keys overlap: hash every key,
 * then match the signatures in both buckets of every key, then compare the keys of the matching
 * slots. The whole batch is retried if the writer moved or deleted a key meanwhile (the table's
 * change counter moved). Holds the phases' scratch arrays, so it is not thread-safe: one per
 * thread. Allocates nothing.
 */
public final class ExactMatchReader {
    /** The most keys one bulk lookup takes. */
    public static final int MAX_BURST = 64;

    private final ExactMatchTable table;
    private final int[] primary = new int[MAX_BURST];
    private final int[] signature = new int[MAX_BURST];
    /** Per key: signature matches, bits 0-7 the primary bucket's slots, 8-15 the alternative's. */
    private final int[] candidates = new int[MAX_BURST];
    private final MemorySegment[] sameSegment = new MemorySegment[MAX_BURST];

    ExactMatchReader(ExactMatchTable table) {
        this.table = table;
    }

    /** The table looked up. */
    public ExactMatchTable table() {
        return table;
    }

    /** Single lookup, as {@link ExactMatchTable#lookup(MemorySegment, long)}. */
    public int lookup(MemorySegment seg, long offset) {
        return table.lookup(seg, offset);
    }

    /**
     * Looks up {@code n} keys, key i at {@code offsets[i]} of {@code segments[i]}; sets
     * {@code positions[i]} to its position or {@link ExactMatchTable#NOT_FOUND} and returns the
     * hit mask (bit i set when key i was found).
     */
    public long lookupBulk(MemorySegment[] segments, long[] offsets, int n, int[] positions) {
        return lookup(segments, offsets, n, positions, null);
    }

    /** As {@link #lookupBulk(MemorySegment[], long[], int, int[])}, also setting {@code values[i]} for each hit. */
    public long lookupBulk(MemorySegment[] segments, long[] offsets, int n, int[] positions, long[] values) {
        return lookup(segments, offsets, n, positions, values);
    }

    /** Bulk lookup of keys that all lie in {@code segment} (a packet pool's memory, say), at {@code offsets}. */
    public long lookupBulk(MemorySegment segment, long[] offsets, int n, int[] positions) {
        return lookup(fill(segment, n), offsets, n, positions, null);
    }

    /** Bulk lookup of keys in one segment, with values. */
    public long lookupBulk(MemorySegment segment, long[] offsets, int n, int[] positions, long[] values) {
        return lookup(fill(segment, n), offsets, n, positions, values);
    }

    private MemorySegment[] fill(MemorySegment segment, int n) {
        checkBurst(n);
        for (int i = 0; i < n; i++) {
            sameSegment[i] = segment;
        }
        return sameSegment;
    }

    private static void checkBurst(int n) {
        if (n < 0 || n > MAX_BURST) {
            throw new IllegalArgumentException("bulk lookup of " + n + " keys; 0.." + MAX_BURST + " allowed");
        }
    }

    private long lookup(MemorySegment[] segs, long[] offs, int n, int[] positions, long[] values) {
        checkBurst(n);
        ExactMatchTable t = table;
        BucketArray buckets = t.buckets;
        KeyLayout layout = t.layout;
        for (int i = 0; i < n; i++) {
            long h = layout.hash(segs[i], offs[i]);
            primary[i] = (int) h & buckets.mask;
            signature[i] = ExactMatchTable.signature(h);
        }
        while (true) {
            long before = t.changesAcquire();
            for (int i = 0; i < n; i++) {
                int sig = signature[i];
                int b1 = primary[i];
                candidates[i] = buckets.signatureMatches(b1, sig)
                        | buckets.signatureMatches(buckets.alternative(b1, sig), sig) << BucketArray.SLOTS;
            }
            long hits = 0;
            for (int i = 0; i < n; i++) {
                int position = compare(buckets, segs[i], offs[i], i);
                positions[i] = position;
                if (position >= 0) {
                    hits |= 1L << i;
                    if (values != null) {
                        values[i] = t.valueOpaque(position);
                    }
                }
            }
            if (t.unchangedSince(before)) {
                return hits;
            }
        }
    }

    /** Compares key i with the keys of its candidate slots; its position or NOT_FOUND. */
    private int compare(BucketArray buckets, MemorySegment seg, long offset, int i) {
        int m = candidates[i];
        while (m != 0) {
            int bit = Integer.numberOfTrailingZeros(m);
            m &= m - 1;
            int bucket = bit < BucketArray.SLOTS ? primary[i] : buckets.alternative(primary[i], signature[i]);
            long e = buckets.getAcquire(bucket, bit & (BucketArray.SLOTS - 1));
            // The slot may have changed since its signature matched: check it again.
            if (e != 0 && BucketArray.signature(e) == signature[i] && table.keyAt(e, seg, offset)) {
                return BucketArray.position(e);
            }
        }
        return ExactMatchTable.NOT_FOUND;
    }
}
