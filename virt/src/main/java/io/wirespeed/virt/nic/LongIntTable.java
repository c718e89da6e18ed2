package io.wirespeed.virt.nic;

/**
 * An open-addressing map from non-zero long keys to int values, built once and then only read
 * (the forwarding table is rebuilt, never updated in place): linear probing over arrays, no
 * boxing, at least half empty so a miss ends fast.
 */
final class LongIntTable {
    static final int MISSING = -1;
    private final long[] keys;
    private final int[] values;
    private final int mask;

    LongIntTable(int expected) {
        int capacity = Integer.highestOneBit(Math.max(4, expected) * 4 - 1);
        this.keys = new long[capacity];
        this.values = new int[capacity];
        this.mask = capacity - 1;
    }

    private int slot(long key) {
        long h = key * 0x9E37_79B9_7F4A_7C15L;
        return (int) (h >>> 40) & mask;
    }

    /** Puts {@code key -> value} unless the key is there already; returns the value the key maps to. */
    int putIfAbsent(long key, int value) {
        if (key == 0) {
            throw new IllegalArgumentException("key 0 is reserved");
        }
        int i = slot(key);
        while (keys[i] != 0) {
            if (keys[i] == key) {
                return values[i];
            }
            i = (i + 1) & mask;
        }
        keys[i] = key;
        values[i] = value;
        return value;
    }

    int get(long key) {
        int i = slot(key);
        long k;
        while ((k = keys[i]) != 0) {
            if (k == key) {
                return values[i];
            }
            i = (i + 1) & mask;
        }
        return MISSING;
    }
}
