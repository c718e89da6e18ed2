package io.wirespeed.virt.vswitch;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * OVS's exact-match cache in front of the MAC table: (in-port, VLAN, destination MAC) to the
 * output port, in a fixed 2-way set-associative array, so a frame of a known conversation costs
 * one hashed probe of two entries instead of a probe sequence in the table.
 *
 * <p>It never forwards stale: an entry remembers the {@link MacTable#generation()} it was filled
 * at (a station move or a port flush changes it, and with it every entry goes stale at once) and
 * the instant its address ages out of the table ({@link MacTable#expiresAt}). Only known
 * destinations are cached, so learning a new address cannot make an entry wrong.
 *
 * <p>One thread (the switch's) looks up and fills it. It counts hits and misses in plain fields
 * and {@link #publish}es them once per burst with opaque stores (a store per frame to a counter
 * other threads read would cost more than the probe); any thread may read the published ones.
 */
final class ExactMatchCache {
    /** Returned by {@link #lookup} when there is no valid entry. */
    static final int MISS = -1;
    private static final VarHandle HITS;
    private static final VarHandle MISSES;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            HITS = l.findVarHandle(ExactMatchCache.class, "hits", long.class);
            MISSES = l.findVarHandle(ExactMatchCache.class, "misses", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** VLAN (12 bits) above the 48-bit MAC; -1 marks an empty way (no VLAN has all bits set). */
    private final long[] vlanMac;
    private final int[] inPort;
    private final int[] outPort;
    private final int[] generation;
    private final long[] validUntil;
    private final int setMask;
    @SuppressWarnings("unused") // through HITS
    private long hits;
    @SuppressWarnings("unused") // through MISSES
    private long misses;
    private long unpublishedHits;
    private long unpublishedMisses;

    /** @param entries rounded up to a power of two, at least 2 (two ways per set) */
    ExactMatchCache(int entries) {
        if (entries < 2 || entries > 1 << 24) {
            throw new IllegalArgumentException("exact-match cache entries must be 2.." + (1 << 24) + " (got " + entries + ")");
        }
        int size = Integer.highestOneBit(entries - 1) << 1;
        vlanMac = new long[size];
        inPort = new int[size];
        outPort = new int[size];
        generation = new int[size];
        validUntil = new long[size];
        setMask = (size >>> 1) - 1;
        java.util.Arrays.fill(vlanMac, -1L);
    }

    private static long key(int vlan, long mac) {
        return (long) vlan << 48 | mac;
    }

    /** The first way of the key's set. */
    private int set(long key, int in) {
        long h = (key ^ (long) in << 60 ^ in) * 0x9E3779B97F4A7C15L;
        return ((int) (h >>> 32) & setMask) << 1;
    }

    /** The output port cached for the flow, or {@link #MISS}; counts the hit or the miss (see {@link #publish}). */
    int lookup(int in, int vlan, long mac, int currentGeneration, long now) {
        long key = key(vlan, mac);
        int way = set(key, in);
        for (int end = way + 2; way < end; way++) {
            if (vlanMac[way] == key && inPort[way] == in && generation[way] == currentGeneration && now < validUntil[way]) {
                unpublishedHits++;
                return outPort[way];
            }
        }
        unpublishedMisses++;
        return MISS;
    }

    /** Makes the hits and misses counted since the last call visible to {@link #hits} and {@link #misses}. */
    void publish() {
        if (unpublishedHits != 0) {
            HITS.setOpaque(this, (long) HITS.getOpaque(this) + unpublishedHits);
            unpublishedHits = 0;
        }
        if (unpublishedMisses != 0) {
            MISSES.setOpaque(this, (long) MISSES.getOpaque(this) + unpublishedMisses);
            unpublishedMisses = 0;
        }
    }

    /**
     * Caches a MAC table answer. It takes the flow's own way if present, else a way whose entry
     * is no longer valid, else the second way (so a set's first entry, the older, survives one
     * newcomer: a little resistance to thrashing between two flows).
     */
    void insert(int in, int vlan, long mac, int out, int currentGeneration, long expiresAt, long now) {
        long key = key(vlan, mac);
        int first = set(key, in);
        int victim = first + 1;
        for (int way = first; way < first + 2; way++) {
            if (vlanMac[way] == key && inPort[way] == in) {
                victim = way;
                break;
            }
            if (generation[way] != currentGeneration || now >= validUntil[way] || vlanMac[way] == -1L) {
                victim = way;
            }
        }
        vlanMac[victim] = key;
        inPort[victim] = in;
        outPort[victim] = out;
        generation[victim] = currentGeneration;
        validUntil[victim] = expiresAt;
    }

    int capacity() {
        return vlanMac.length;
    }

    long hits() {
        return (long) HITS.getOpaque(this);
    }

    long misses() {
        return (long) MISSES.getOpaque(this);
    }
}
