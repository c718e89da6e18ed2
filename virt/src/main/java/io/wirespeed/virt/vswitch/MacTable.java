package io.wirespeed.virt.vswitch;

/**
 * The software switch's forwarding database (OVS's MAC learning table): which port a MAC address
 * was last seen on, per VLAN, forgotten after {@code ageingNanos} without a frame from it.
 * Open addressing with linear probing over parallel arrays: learning and lookup allocate nothing.
 * An aged entry stays in its slot as a marker (probes go on past it) until a new address is
 * learned into it; a table whose every slot holds a live address refuses to learn more and counts
 * it (the switch then floods frames for that address, as a full FDB does).
 *
 * <p>{@link #generation()} changes whenever an address that was live may now lead elsewhere (a
 * station moved, a port was flushed), so a cache of lookups in front of the table (the switch's
 * exact-match cache) can tell its entries are stale; ageing needs no such signal, as a cached
 * lookup carries the time its address expires ({@link #expiresAt}).
 *
 * <p>One thread (the switch's lcore) uses a table; nothing here is safe for concurrent use.
 */
public final class MacTable {
    /** Linux bridge's and OVS's default: 300 s. */
    public static final long DEFAULT_AGEING_NANOS = 300_000_000_000L;
    /** Returned by {@link #lookup} when the address is unknown (or aged). */
    public static final int UNKNOWN = -1;
    private static final long EMPTY = -1L;
    /** A last-seen time older than any ageing period (and far enough from MIN_VALUE not to overflow). */
    private static final long GONE = Long.MIN_VALUE / 4;

    private final long[] keys;
    private final int[] ports;
    private final long[] seen;
    private final int mask;
    private final long ageingNanos;
    private long learnFailures;
    private long moves;
    private int generation;

    /**
     * @param capacity the addresses it can hold, rounded up to a power of two (at least 16)
     * @param ageingNanos how long an address is remembered without a frame from it
     */
    public MacTable(int capacity, long ageingNanos) {
        if (capacity < 1 || capacity > 1 << 24) {
            throw new IllegalArgumentException("MAC table capacity must be 1.." + (1 << 24) + " (got " + capacity + ")");
        }
        if (ageingNanos <= 0) {
            throw new IllegalArgumentException("ageing time must be > 0 (got " + ageingNanos + " ns)");
        }
        int size = Math.max(16, Integer.highestOneBit(capacity - 1) << 1);
        this.keys = new long[size];
        this.ports = new int[size];
        this.seen = new long[size];
        this.mask = size - 1;
        this.ageingNanos = ageingNanos;
        java.util.Arrays.fill(keys, EMPTY);
    }

    private static long key(int vlan, long mac) {
        return (long) vlan << 48 | mac;
    }

    private static int hash(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ h >>> 32);
    }

    private boolean fresh(int slot, long now) {
        return now - seen[slot] < ageingNanos;
    }

    /**
     * Records that {@code mac} in {@code vlan} sent a frame in on {@code port} at {@code now}; a
     * station that moved is re-pointed. Returns false when the table is full of live addresses.
     */
    public boolean learn(int vlan, long mac, int port, long now) {
        long key = key(vlan, mac);
        int reuse = -1;
        for (int slot = hash(key) & mask, probes = 0; probes <= mask; slot = (slot + 1) & mask, probes++) {
            long k = keys[slot];
            if (k == key) {
                if (ports[slot] != port) {
                    moves++;
                    generation++;
                    ports[slot] = port;
                }
                seen[slot] = now;
                return true;
            }
            if (k == EMPTY) {
                return insert(reuse >= 0 ? reuse : slot, key, port, now);
            }
            if (reuse < 0 && !fresh(slot, now)) {
                reuse = slot; // aged: usable, but the key may still sit further along the probe
            }
        }
        if (reuse >= 0) {
            return insert(reuse, key, port, now);
        }
        learnFailures++;
        return false;
    }

    private boolean insert(int slot, long key, int port, long now) {
        keys[slot] = key;
        ports[slot] = port;
        seen[slot] = now;
        return true;
    }

    /** The port {@code mac} in {@code vlan} was last seen on, or {@link #UNKNOWN}. */
    public int lookup(int vlan, long mac, long now) {
        int slot = slotOf(key(vlan, mac));
        return slot >= 0 && fresh(slot, now) ? ports[slot] : UNKNOWN;
    }

    /**
     * When {@code mac} in {@code vlan} will be forgotten unless heard from again: the first
     * instant at which {@link #lookup} no longer finds it (in the past for an unknown address).
     */
    public long expiresAt(int vlan, long mac) {
        int slot = slotOf(key(vlan, mac));
        return slot >= 0 ? seen[slot] + ageingNanos : GONE;
    }

    /** The slot holding {@code key}, aged or not, or -1. */
    private int slotOf(long key) {
        for (int slot = hash(key) & mask, probes = 0; probes <= mask; slot = (slot + 1) & mask, probes++) {
            long k = keys[slot];
            if (k == key) {
                return slot;
            }
            if (k == EMPTY) {
                return -1;
            }
        }
        return -1;
    }

    /** Forgets every address learned on {@code port} (its link went down, or it was removed). */
    public void flushPort(int port) {
        for (int slot = 0; slot <= mask; slot++) {
            if (keys[slot] != EMPTY && ports[slot] == port) {
                seen[slot] = GONE;
            }
        }
        generation++;
    }

    /**
     * A number that changes whenever a live address may have changed port (a move, a flush);
     * learning a new address or refreshing one leaves it as it is.
     */
    public int generation() {
        return generation;
    }

    /** Addresses that are live at {@code now} (a scan: for show commands, not the data path). */
    public int size(long now) {
        int n = 0;
        for (int slot = 0; slot <= mask; slot++) {
            if (keys[slot] != EMPTY && fresh(slot, now)) {
                n++;
            }
        }
        return n;
    }

    public int capacity() {
        return mask + 1;
    }

    /** Addresses it could not learn because every slot held a live one. */
    public long learnFailures() {
        return learnFailures;
    }

    /** Times a known address was seen on another port than before. */
    public long moves() {
        return moves;
    }
}
