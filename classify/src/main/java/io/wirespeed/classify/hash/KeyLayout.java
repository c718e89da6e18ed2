package io.wirespeed.classify.hash;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * How a key of a fixed length is read, hashed and compared, as 8-byte words. A key of 8 bytes
 * or more is read as the words at 0, 8, 16, … with the last one moved back to end at the key's
 * last byte (so it may overlap the one before); nothing beyond the key is ever read, which is
 * what lets a key be hashed straight out of a packet. A shorter key is one word put together
 * from 4-, 2- or 1-byte reads. Words are read little-endian, unaligned.
 *
 * <p>The hash is a multiply-xorshift over those words: each word is multiplied by an odd
 * constant and folded into the state, which is rotated and multiplied; the result goes through
 * MurmurHash3's 64-bit finaliser so every output bit depends on every input bit. Allocates
 * nothing; costs a few cycles per word.
 */
final class KeyLayout {
    private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED;
    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED;
    private static final ValueLayout.OfShort SHORT = ValueLayout.JAVA_SHORT_UNALIGNED;

    static final int MAX_LENGTH = 64;

    final int length;
    /** Bytes between keys in the key store: the length rounded up to 8. */
    final int stride;
    private final int words;
    private final long lastWord;

    KeyLayout(int length) {
        if (length < 1 || length > MAX_LENGTH) {
            throw new IllegalArgumentException("key length must be 1.." + MAX_LENGTH + " bytes, got " + length);
        }
        this.length = length;
        this.stride = (length + 7) & ~7;
        this.words = length < 8 ? 1 : (length + 7) >>> 3;
        this.lastWord = length - 8L;
    }

    /** Word {@code i} of the key at {@code base}; i in 0..words-1. Kept small so it inlines. */
    private long word(MemorySegment s, long base, int i) {
        return length >= 8 ? s.get(LONG, base + Math.min(8L * i, lastWord)) : shortKeyWord(s, base);
    }

    /** The one word of a key shorter than 8 bytes, from reads that stay inside it. */
    private long shortKeyWord(MemorySegment s, long base) {
        if (length >= 4) {
            return (s.get(INT, base) & 0xffff_ffffL) | ((long) s.get(INT, base + length - 4) << 32);
        }
        if (length >= 2) {
            return (s.get(SHORT, base) & 0xffffL) | ((s.get(SHORT, base + length - 2) & 0xffffL) << 16);
        }
        return s.get(ValueLayout.JAVA_BYTE, base) & 0xffL;
    }

    /** The 64-bit hash of the key at {@code base} of {@code s}. */
    long hash(MemorySegment s, long base) {
        long h = 0x243f_6a88_85a3_08d3L ^ length;
        for (int i = 0; i < words; i++) {
            h ^= word(s, base, i) * 0x9e37_79b9_7f4a_7c15L;
            h = Long.rotateLeft(h, 29) * 0xbf58_476d_1ce4_e5b9L;
        }
        h ^= h >>> 33;
        h *= 0xff51_afd7_ed55_8ccdL;
        h ^= h >>> 33;
        h *= 0xc4ce_b9fe_1a85_ec53L;
        return h ^ (h >>> 33);
    }

    /** Whether the keys at {@code a + aBase} and {@code b + bBase} are equal. */
    boolean equal(MemorySegment a, long aBase, MemorySegment b, long bBase) {
        for (int i = 0; i < words; i++) {
            if (word(a, aBase, i) != word(b, bBase, i)) {
                return false;
            }
        }
        return true;
    }
}
