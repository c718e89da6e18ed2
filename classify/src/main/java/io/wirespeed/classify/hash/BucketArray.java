package io.wirespeed.classify.hash;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;

/**
 * The cuckoo buckets, off-heap: a power-of-two number of 64-byte buckets, each aligned to a
 * cache line and holding 8 slots. A slot is one long, {@code signature << 32 | (position + 1)},
 * 0 when empty, so a reader always sees a signature and a position that belong together.
 *
 * <p>A key's two buckets: the primary is the hash's low bits; the alternative is the primary
 * XOR an odd function of the 16-bit signature, so each is found from the other and the signature
 * (as rte_hash does), and the two are never the same bucket.
 *
 * <p>Memory order: the one writer stores slots with release (after the key and value they point
 * at are written). Readers load slots plainly and issue {@code VarHandle.acquireFence()} before
 * reading the key or value a slot points at, which orders them as an acquire load would (the
 * fence keeps the slot's load before the key's). Why not getAcquire: on JDK 25 the layout
 * VarHandle's acquire path was not fully inlined in the bulk lookup (its segment checks ran as
 * calls of their own) and ExactMatchBenchmark's bulk lookups took about twice as long; a bucket
 * scan is eight such loads. A slot is an aligned 8-byte word, which a 64-bit JVM loads and
 * stores in one access, so a plain load never sees half of a release store; and the fences in
 * the lookup's retry loop keep the JIT from reusing a slot value loaded in an earlier pass. The
 * writer reads its own slots plainly.
 */
final class BucketArray {
    static final int SLOTS = 8;
    static final int BUCKET_BYTES = 64;
    private static final VarHandle SLOT = ValueLayout.JAVA_LONG.varHandle();

    final int count;
    final int mask;
    private final MemorySegment seg;

    BucketArray(Arena arena, int count) {
        this.count = count;
        this.mask = count - 1;
        this.seg = arena.allocate((long) count * BUCKET_BYTES, BUCKET_BYTES);
    }

    static long slot(int signature, int position) {
        return ((long) signature << 32) | (position + 1L);
    }

    static int signature(long slot) {
        return (int) (slot >>> 32);
    }

    static int position(long slot) {
        return (int) slot - 1;
    }

    private static long offset(int bucket, int slot) {
        return (long) bucket * BUCKET_BYTES + (long) slot * 8;
    }

    /** The other bucket of a key in {@code bucket} with {@code signature}. */
    int alternative(int bucket, int signature) {
        int t = signature * 0x9e37_79b1;
        t ^= t >>> 15;
        return (bucket ^ (t | 1)) & mask;
    }

    /**
     * Plain load, by the writer of its own stores, or by a reader that then issues
     * {@code VarHandle.acquireFence()} before using what the slot points at.
     */
    long get(int bucket, int slot) {
        // MemorySegment.get, not SLOT.get: on JDK 25 the layout's VarHandle is several times slower.
        return seg.get(ValueLayout.JAVA_LONG, offset(bucket, slot));
    }

    /** Writer's store: whatever the slot points at must be written before. */
    void setRelease(int bucket, int slot, long value) {
        SLOT.setRelease(seg, offset(bucket, slot), value);
    }

    /** The first empty slot of {@code bucket}, or -1 (writer). */
    int emptySlot(int bucket) {
        for (int s = 0; s < SLOTS; s++) {
            if (get(bucket, s) == 0) {
                return s;
            }
        }
        return -1;
    }

    /**
     * Bit s set when slot s of {@code bucket} is taken and carries {@code signature} (reader); the
     * caller re-reads a matching slot before following it.
     */
    int signatureMatches(int bucket, int signature) {
        int m = 0;
        for (int s = 0; s < SLOTS; s++) {
            long e = get(bucket, s);
            if (e != 0 && signature(e) == signature) {
                m |= 1 << s;
            }
        }
        return m;
    }
}
