package io.wirespeed.classify.hash;

import java.lang.foreign.MemorySegment;
import java.lang.invoke.VarHandle;

/**
 * One reader thread's bulk lookups in an {@link ExactMatchTable} (rte_hash_lookup_bulk): up to
 * 64 keys at a time, in phases so the memory accesses of different keys overlap: hash every key,
 * match the signatures in every key's primary bucket, compare the keys of the matching slots;
 * then the same two phases in the alternative buckets of the keys not found yet (rte_hash reads
 * both buckets at once; most keys sit in their primary, so this saves a cache miss per key). The
 * whole batch is retried if the writer moved or deleted a key meanwhile (the table's change
 * counter moved): a key that moved from its alternative to its primary bucket between the two
 * passes is missed in both, but the move bumped the counter first, so the retry finds it. Holds
 * the phases' scratch arrays, so it is not thread-safe: one per thread. Allocates nothing.
 */
public final class ExactMatchReader {
    /** The most keys one bulk lookup takes. */
    public static final int MAX_BURST = 64;

    private final ExactMatchTable table;
    private final int[] primary = new int[MAX_BURST];
    private final int[] signature = new int[MAX_BURST];
    /** Per key: bit s set when slot s of the bucket being searched carries the key's signature. */
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
            // Signatures in the primary buckets: most keys are there, so the alternative
            // buckets are read only for keys the primary did not hold.
            for (int i = 0; i < n; i++) {
                candidates[i] = buckets.signatureMatches(primary[i], signature[i]);
            }
            long hits = 0;
            long misses = 0;
            for (int i = 0; i < n; i++) {
                int position = compare(buckets, primary[i], segs[i], offs[i], i);
                positions[i] = position;
                if (position >= 0) {
                    hits |= 1L << i;
                } else {
                    misses |= 1L << i;
                }
            }
            for (long m = misses; m != 0; m &= m - 1) {
                int i = Long.numberOfTrailingZeros(m);
                primary[i] = buckets.alternative(primary[i], signature[i]); // for this pass only
                candidates[i] = buckets.signatureMatches(primary[i], signature[i]);
            }
            for (long m = misses; m != 0; m &= m - 1) {
                int i = Long.numberOfTrailingZeros(m);
                int position = compare(buckets, primary[i], segs[i], offs[i], i);
                primary[i] = buckets.alternative(primary[i], signature[i]); // back to the primary
                positions[i] = position;
                if (position >= 0) {
                    hits |= 1L << i;
                }
            }
            if (values != null) {
                for (long m = hits; m != 0; m &= m - 1) {
                    int i = Long.numberOfTrailingZeros(m);
                    values[i] = t.valueOpaque(positions[i]);
                }
            }
            if (t.unchangedSince(before)) {
                return hits;
            }
        }
    }

    /** Compares key i with the keys of its candidate slots in {@code bucket}; its position or NOT_FOUND. */
    private int compare(BucketArray buckets, int bucket, MemorySegment seg, long offset, int i) {
        for (int m = candidates[i]; m != 0; m &= m - 1) {
            long e = buckets.get(bucket, Integer.numberOfTrailingZeros(m));
            // The slot may have changed since its signature matched: check it again.
            if (e != 0 && BucketArray.signature(e) == signature[i]) {
                VarHandle.acquireFence(); // the slot's load before the key's
                if (table.keyAt(e, seg, offset)) {
                    return BucketArray.position(e);
                }
            }
        }
        return ExactMatchTable.NOT_FOUND;
    }
}
