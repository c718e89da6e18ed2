package io.wirespeed.classify.lpm;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Longest-prefix match over IPv4 addresses, DPDK's rte_lpm: the DIR-24-8 layout. The top 24 bits
 * of an address index {@code tbl24}; an entry there holds the next hop of the longest route of
 * depth 24 or less, or, when some route is longer, the number of a 256-entry {@code tbl8} group
 * that the low 8 bits index. A lookup is one load, or two.
 *
 * <p>An entry is what a lookup returns, so a lookup does no decoding: a next hop (0 to 2^24 - 1),
 * {@link #MISS} where no route covers the range, or (tbl24 only) {@code EXTENDED | group}, which
 * is larger than any next hop. The depth of the route that wrote each entry, which adding and
 * deleting need, lives in byte arrays beside the tables that lookups never read (one byte per
 * entry; rte_lpm packs it into the entry instead and masks it off on every lookup).
 *
 * <p>Routes are kept per depth (control path only) so that deleting one can restore the next less
 * specific route covering its range, and a tbl8 group is given back once a delete leaves it
 * uniform. Changes are for one thread; lookups from other threads while routes change may see a
 * mix of the old and new route for the range being rewritten (as rte_lpm without RCU).
 * Lookups allocate nothing and never throw.
 */
public final class Lpm4 {
    /** What {@link #lookup} returns when no route covers the address. */
    public static final int MISS = -1;
    /** The largest next hop: 24 bits, as rte_lpm since DPDK 20.11. */
    public static final int MAX_NEXT_HOP = (1 << 24) - 1;

    /** A tbl24 entry at or above this names a tbl8 group in its low 24 bits. */
    private static final int EXTENDED = 1 << 30;
    private static final int VALUE_MASK = 0xff_ffff;
    private static final int TBL24_SIZE = 1 << 24;
    private static final int GROUP_SIZE = 256;

    private final int[] tbl24 = new int[TBL24_SIZE];
    private final int[] tbl8;
    /** The depth of the route behind each tbl24 / tbl8 entry; 0 for none (control path). */
    private final byte[] depth24 = new byte[TBL24_SIZE];
    private final byte[] depth8;
    private final boolean[] groupInUse;
    private final int maxRules;
    /** rules[d]: the routes of depth d, by masked address (control path). */
    private final Map<Integer, Integer>[] rules;
    private int ruleCount;
    private int groupsInUse;

    /**
     * @param maxRules   how many routes the table holds at most
     * @param tbl8Groups how many 256-entry groups routes longer than /24 may use (rte_lpm's number_tbl8s)
     */
    @SuppressWarnings("unchecked")
    public Lpm4(int maxRules, int tbl8Groups) {
        if (maxRules < 1) {
            throw new IllegalArgumentException("LPM needs room for at least one rule (maxRules=" + maxRules + ")");
        }
        if (tbl8Groups < 0 || tbl8Groups > VALUE_MASK) {
            throw new IllegalArgumentException("tbl8 groups must be 0.." + VALUE_MASK + " (got " + tbl8Groups + ")");
        }
        this.maxRules = maxRules;
        this.tbl8 = new int[Math.multiplyExact(tbl8Groups, GROUP_SIZE)];
        this.depth8 = new byte[tbl8.length];
        this.groupInUse = new boolean[tbl8Groups];
        this.rules = new Map[33];
        for (int d = 1; d <= 32; d++) {
            rules[d] = new HashMap<>();
        }
        Arrays.fill(tbl24, MISS);
    }

    /** The next hop of the longest route covering {@code ip}, or {@link #MISS}. */
    public int lookup(int ip) {
        int e = tbl24[ip >>> 8];
        if (e >= EXTENDED) {
            e = tbl8[(e & VALUE_MASK) << 8 | (ip & 0xff)];
        }
        return e;
    }

    /**
     * Looks up {@code n} addresses from {@code ips[offset]} into {@code hops[offset]} ({@link #MISS}
     * where no route covers one). Iterations do not depend on each other, so the CPU overlaps
     * their cache misses.
     */
    public void lookupBulk(int[] ips, int offset, int n, int[] hops) {
        lookupBulk(ips, offset, n, hops, offset);
    }

    /**
     * Looks up {@code n} addresses from {@code ips[offset]} into {@code hops[hopsOffset]}: a
     * small, cache-resident {@code hops} can then serve a large array of addresses.
     */
    public void lookupBulk(int[] ips, int offset, int n, int[] hops, int hopsOffset) {
        int[] t24 = tbl24;
        int[] t8 = tbl8;
        for (int i = 0; i < n; i++) {
            int ip = ips[offset + i];
            int e = t24[ip >>> 8];
            if (e >= EXTENDED) {
                e = t8[(e & VALUE_MASK) << 8 | (ip & 0xff)];
            }
            hops[hopsOffset + i] = e;
        }
    }

    /**
     * Adds a route, or changes the next hop of the route with the same prefix and depth.
     *
     * @throws IllegalArgumentException for a depth outside 1..32 or a next hop beyond 24 bits
     * @throws IllegalStateException    when the rules or the tbl8 groups are all used
     */
    public void add(int ip, int depth, int nextHop) {
        checkDepth(depth);
        if (nextHop < 0 || nextHop > MAX_NEXT_HOP) {
            throw new IllegalArgumentException("next hop " + nextHop + " out of range 0.." + MAX_NEXT_HOP);
        }
        int prefix = ip & mask(depth);
        Integer previous = rules[depth].get(prefix);
        if (previous == null && ruleCount == maxRules) {
            throw new IllegalStateException("LPM is full: " + maxRules + " rules");
        }
        if (depth > 24 && tbl24[prefix >>> 8] < EXTENDED && groupsInUse == groupInUse.length) {
            throw new IllegalStateException("LPM has no free tbl8 group for " + Prefixes.format(prefix, depth)
                    + " (all " + groupInUse.length + " in use)");
        }
        rules[depth].put(prefix, nextHop);
        if (previous == null) {
            ruleCount++;
        }
        if (depth <= 24) {
            writeShort(prefix, depth, nextHop);
        } else {
            int group = extend(prefix >>> 8);
            writeGroup(group, prefix & 0xff, 1 << (32 - depth), nextHop, depth);
        }
    }

    /**
     * Deletes a route; addresses it covered go to the next less specific route covering them, or
     * miss. Returns false when there is no such route.
     */
    public boolean delete(int ip, int depth) {
        checkDepth(depth);
        int prefix = ip & mask(depth);
        if (rules[depth].remove(prefix) == null) {
            return false;
        }
        ruleCount--;
        int coverDepth = coveringDepth(prefix, depth);
        int coverHop = coverDepth == 0 ? MISS : rules[coverDepth].get(prefix & mask(coverDepth));
        if (depth <= 24) {
            int first = prefix >>> 8;
            int end = first + (1 << (24 - depth));
            for (int i = first; i < end; i++) {
                int e = tbl24[i];
                if (e >= EXTENDED) {
                    int group = e & VALUE_MASK;
                    replaceInGroup(group, 0, GROUP_SIZE, depth, coverHop, coverDepth);
                    collapseIfUniform(i, group);
                } else if (depth24[i] == depth) {
                    tbl24[i] = coverHop;
                    depth24[i] = (byte) coverDepth;
                }
            }
        } else {
            int index = prefix >>> 8;
            int group = tbl24[index] & VALUE_MASK;
            replaceInGroup(group, prefix & 0xff, 1 << (32 - depth), depth, coverHop, coverDepth);
            collapseIfUniform(index, group);
        }
        return true;
    }

    /** Whether a route with this prefix and depth exists. */
    public boolean isRulePresent(int ip, int depth) {
        checkDepth(depth);
        return rules[depth].containsKey(ip & mask(depth));
    }

    /** The next hop of the route with exactly this prefix and depth, or {@link #MISS}. */
    public int ruleNextHop(int ip, int depth) {
        checkDepth(depth);
        Integer hop = rules[depth].get(ip & mask(depth));
        return hop == null ? MISS : hop;
    }

    /** Deletes every route. */
    public void deleteAll() {
        for (int d = 1; d <= 32; d++) {
            rules[d].clear();
        }
        Arrays.fill(tbl24, MISS);
        Arrays.fill(depth24, (byte) 0);
        Arrays.fill(depth8, (byte) 0);
        Arrays.fill(groupInUse, false);
        ruleCount = 0;
        groupsInUse = 0;
    }

    public int ruleCount() {
        return ruleCount;
    }

    public int maxRules() {
        return maxRules;
    }

    public int tbl8GroupsInUse() {
        return groupsInUse;
    }

    public int tbl8Groups() {
        return groupInUse.length;
    }

    /** Bytes the tables take with their depths (tbl24 is 80 MiB; each tbl8 group 1.25 KiB). */
    public long tableBytes() {
        return 5L * (tbl24.length + tbl8.length);
    }

    /** Writes a route of depth <= 24 over its tbl24 range, and into the groups inside it. */
    private void writeShort(int prefix, int depth, int nextHop) {
        int first = prefix >>> 8;
        int end = first + (1 << (24 - depth));
        for (int i = first; i < end; i++) {
            int e = tbl24[i];
            if (e >= EXTENDED) {
                writeGroup(e & VALUE_MASK, 0, GROUP_SIZE, nextHop, depth);
            } else if (depth24[i] <= depth) {
                tbl24[i] = nextHop;
                depth24[i] = (byte) depth;
            }
        }
    }

    /** Entries of a group that no more specific route owns take the next hop. */
    private void writeGroup(int group, int from, int count, int nextHop, int depth) {
        int base = group << 8;
        for (int i = base + from, end = base + from + count; i < end; i++) {
            if (depth8[i] <= depth) {
                tbl8[i] = nextHop;
                depth8[i] = (byte) depth;
            }
        }
    }

    /** The tbl8 group behind tbl24[index], taking a free one (filled with the old entry) if needed. */
    private int extend(int index) {
        int e = tbl24[index];
        if (e >= EXTENDED) {
            return e & VALUE_MASK;
        }
        int group = 0;
        while (groupInUse[group]) {
            group++;
        }
        groupInUse[group] = true;
        groupsInUse++;
        Arrays.fill(tbl8, group << 8, (group + 1) << 8, e);
        Arrays.fill(depth8, group << 8, (group + 1) << 8, depth24[index]);
        tbl24[index] = EXTENDED | group;
        return group;
    }

    private void replaceInGroup(int group, int from, int count, int depth, int coverHop, int coverDepth) {
        int base = group << 8;
        for (int i = base + from, end = base + from + count; i < end; i++) {
            if (depth8[i] == depth) {
                tbl8[i] = coverHop;
                depth8[i] = (byte) coverDepth;
            }
        }
    }

    /**
     * A group whose entries all hold one route no longer than /24 (or none) says nothing tbl24
     * cannot: fold it back and free it (rte_lpm's tbl8 recycling).
     */
    private void collapseIfUniform(int index, int group) {
        int base = group << 8;
        int hop = tbl8[base];
        byte depth = depth8[base];
        if (depth > 24) {
            return;
        }
        for (int i = base + 1; i < base + GROUP_SIZE; i++) {
            if (tbl8[i] != hop || depth8[i] != depth) {
                return;
            }
        }
        tbl24[index] = hop;
        depth24[index] = depth;
        groupInUse[group] = false;
        groupsInUse--;
    }

    /** The depth of the longest route shorter than {@code depth} that covers the prefix, or 0. */
    private int coveringDepth(int prefix, int depth) {
        for (int d = depth - 1; d >= 1; d--) {
            if (rules[d].containsKey(prefix & mask(d))) {
                return d;
            }
        }
        return 0;
    }

    private static int mask(int depth) {
        return depth == 0 ? 0 : -1 << (32 - depth);
    }

    private static void checkDepth(int depth) {
        if (depth < 1 || depth > 32) {
            throw new IllegalArgumentException("IPv4 prefix length " + depth + " out of range 1..32");
        }
    }
}
