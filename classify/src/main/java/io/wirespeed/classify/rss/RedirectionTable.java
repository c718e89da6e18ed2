package io.wirespeed.classify.rss;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The RSS redirection table (RETA): {@code size} entries (a power of two, 64..512), each a queue
 * number; a packet with hash h goes to queue {@code entry[h & (size - 1)]}, the low bits of the
 * hash indexing the table as NICs do. Starts spread round-robin: entry i = i mod queues.
 *
 * <p>Concurrency: entries are read and written opaque, so one thread may update the table (as
 * {@code ethtool -X} or {@code rte_eth_dev_rss_reta_update} does) while others steer packets
 * with it: a reader sees each entry either before or after an update, never torn, and sees the
 * update soon; an update of several entries is not atomic as a whole (nor is it on a NIC).
 */
public final class RedirectionTable {
    /** Smallest table size accepted. */
    public static final int MIN_SIZE = 64;
    /** Largest table size accepted. */
    public static final int MAX_SIZE = 512;
    /** Queue numbers are 16-bit, as in DPDK. */
    public static final int MAX_QUEUE = 65535;

    private static final VarHandle ENTRY = MethodHandles.arrayElementVarHandle(int[].class);

    private final int[] entries;
    private final int mask;

    /** A table of {@code size} entries spread round-robin over queues 0..queues-1. */
    public RedirectionTable(int size, int queues) {
        if (size < MIN_SIZE || size > MAX_SIZE || Integer.bitCount(size) != 1) {
            throw new IllegalArgumentException("RETA size must be a power of two in " + MIN_SIZE + ".." + MAX_SIZE
                    + ", got " + size);
        }
        this.entries = new int[size];
        this.mask = size - 1;
        spread(queues);
    }

    /** Sets entry i to i mod {@code queues} for every i. */
    public void spread(int queues) {
        if (queues < 1 || queues > MAX_QUEUE + 1) {
            throw new IllegalArgumentException("RETA needs 1.." + (MAX_QUEUE + 1) + " queues, got " + queues);
        }
        for (int i = 0; i < entries.length; i++) {
            ENTRY.setOpaque(entries, i, i % queues);
        }
    }

    /** Points entry {@code index} at {@code queue}. */
    public void update(int index, int queue) {
        if (index < 0 || index >= entries.length) {
            throw new IllegalArgumentException("RETA index " + index + " out of range 0.." + mask);
        }
        if (queue < 0 || queue > MAX_QUEUE) {
            throw new IllegalArgumentException("RETA queue " + queue + " out of range 0.." + MAX_QUEUE);
        }
        ENTRY.setOpaque(entries, index, queue);
    }

    /** The queue of entry {@code index}. */
    public int entry(int index) {
        return (int) ENTRY.getOpaque(entries, index);
    }

    /** The number of entries. */
    public int size() {
        return entries.length;
    }

    /** The queue for a packet whose RSS hash is {@code hash}. Allocates nothing. */
    public int queueFor(int hash) {
        return (int) ENTRY.getOpaque(entries, hash & mask);
    }
}
