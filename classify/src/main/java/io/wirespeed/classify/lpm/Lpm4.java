package io.wirespeed.classify.lpm;

import java.util.HashMap;
import java.util.Map;

/**
 * Longest-prefix match over IPv4 addresses, DPDK's rte_lpm: the DIR-24-8 layout. The top 24 bits
 * of an address index {@code tbl24}; an entry there holds the next hop of the longest route of
 * depth 24 or less, or, when some route is longer, the number of a 256-entry {@code tbl8} group
 * that the low 8 bits index. A lookup is one load, or two.
 *
 * <p>Entry layout (an int): bit 31 valid, bit 30 extended (tbl24 only: the low 24 bits are a tbl8
 * group), bits 24-29 the depth of the route that wrote it, bits 0-23 the next hop. Valid entries
 * are negative ints, so a lookup tests the sign.
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

    private static final int VALID = 1 << 31;
    private static final int EXTENDED = 1 << 30;
    private static final int DEPTH_SHIFT = 24;
    private static final int DEPTH_MASK = 0x3f;
    private static final int VALUE_MASK = 0xff_ffff;
    private static final int TBL24_SIZE = 1 << 24;
    private static final int GROUP_SIZE = 256;

    private final int[] tbl24 = new int[TBL24_SIZE];
    private final int[] tbl8;
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
        this.groupInUse = new boolean[tbl8Groups];
        this.rules = new Map[33];
        for (int d = 1; d <= 32; d++) {
            rules[d] = new HashMap<>();
        }
    }

    /** The next hop of the longest route covering {@code ip}, or {@link #MISS}. */
    public int lookup(int ip) {
        int e = tbl24[ip >>> 8];
        if ((e & EXTENDED) != 0) {
            e = tbl8[(e & VALUE_MASK) << 8 | (ip & 0xff)];
        }
        return e < 0 ? e & VALUE_MASK : MISS;
    }

    /**
     * Looks up {@code n} addresses from {@code ips[offset]} into {@code hops[offset]} ({@link #MISS}
     * where no route covers one). Iterations do not depend on each other, so the CPU overlaps
     * their cache misses.
     */
    public void lookupBulk(int[] ips, int offset, int n, int[] hops) {
        int[] t24 = tbl24;
        int[] t8 = tbl8;
        for (int i = offset, end = offset + n; i < end; i++) {
            int ip = ips[i];
            int e = t24[ip >>> 8];
            if ((e & EXTENDED) != 0) {
                e = t8[(e & VALUE_MASK) << 8 | (ip & 0xff)];
            }
            hops[i] = e < 0 ? e & VALUE_MASK : MISS;
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
        if (depth > 24 && (tbl24[prefix >>> 8] & EXTENDED) == 0 && groupsInUse == groupInUse.length) {
            throw new IllegalStateException("LPM has no free tbl8 group for " + Prefixes.format(prefix, depth)
                    + " (all " + groupInUse.length + " in use)");
        }
        rules[depth].put(prefix, nextHop);
        if (previous == null) {
            ruleCount++;
        }
        int entry = VALID | depth << DEPTH_SHIFT | nextHop;
        if (depth <= 24) {
            writeShort(prefix, depth, entry, depth);
        } else {
            int group = extend(prefix >>> 8);
            writeGroup(group, prefix & 0xff, 1 << (32 - depth), entry, depth);
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
        int replacement = coveringEntry(prefix, depth);
        if (depth <= 24) {
            int first = prefix >>> 8;
            int end = first + (1 << (24 - depth));
            for (int i = first; i < end; i++) {
                int e = tbl24[i];
                if ((e & EXTENDED) != 0) {
                    int group = e & VALUE_MASK;
                    replaceInGroup(group, 0, GROUP_SIZE, depth, replacement);
                    collapseIfUniform(i, group);
                } else if (depthOf(e) == depth && e < 0) {
                    tbl24[i] = replacement;
                }
            }
        } else {
            int index = prefix >>> 8;
            int group = tbl24[index] & VALUE_MASK;
            replaceInGroup(group, prefix & 0xff, 1 << (32 - depth), depth, replacement);
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
        java.util.Arrays.fill(tbl24, 0);
        java.util.Arrays.fill(tbl8, 0);
        java.util.Arrays.fill(groupInUse, false);
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

    /** Bytes the lookup tables take (tbl24 is 64 MiB; each tbl8 group 1 KiB). */
    public long tableBytes() {
        return 4L * (tbl24.length + tbl8.length);
    }

    /** Writes a route of depth <= 24 over its tbl24 range, and into the groups inside it. */
    private void writeShort(int prefix, int depth, int entry, int routeDepth) {
        int first = prefix >>> 8;
        int end = first + (1 << (24 - depth));
        for (int i = first; i < end; i++) {
            int e = tbl24[i];
            if ((e & EXTENDED) != 0) {
                writeGroup(e & VALUE_MASK, 0, GROUP_SIZE, entry, routeDepth);
            } else if (e >= 0 || depthOf(e) <= routeDepth) {
                tbl24[i] = entry;
            }
        }
    }

    /** Entries of a group that no more specific route owns take the entry. */
    private void writeGroup(int group, int from, int count, int entry, int routeDepth) {
        int base = group << 8;
        for (int i = base + from, end = base + from + count; i < end; i++) {
            int e = tbl8[i];
            if (e >= 0 || depthOf(e) <= routeDepth) {
                tbl8[i] = entry;
            }
        }
    }

    /** The tbl8 group behind tbl24[index], taking a free one (filled with the old entry) if needed. */
    private int extend(int index) {
        int e = tbl24[index];
        if ((e & EXTENDED) != 0) {
            return e & VALUE_MASK;
        }
        int group = 0;
        while (groupInUse[group]) {
            group++;
        }
        groupInUse[group] = true;
        groupsInUse++;
        java.util.Arrays.fill(tbl8, group << 8, (group + 1) << 8, e);
        tbl24[index] = VALID | EXTENDED | group;
        return group;
    }

    private void replaceInGroup(int group, int from, int count, int depth, int replacement) {
        int base = group << 8;
        for (int i = base + from, end = base + from + count; i < end; i++) {
            int e = tbl8[i];
            if (e < 0 && depthOf(e) == depth) {
                tbl8[i] = replacement;
            }
        }
    }

    /**
     * A group whose entries are all the same entry of a route no longer than /24 (or all empty)
     * says nothing tbl24 cannot: fold it back and free it (rte_lpm's tbl8 recycling).
     */
    private void collapseIfUniform(int index, int group) {
        int base = group << 8;
        int first = tbl8[base];
        if (first < 0 && depthOf(first) > 24) {
            return;
        }
        for (int i = base + 1; i < base + GROUP_SIZE; i++) {
            if (tbl8[i] != first) {
                return;
            }
        }
        tbl24[index] = first;
        groupInUse[group] = false;
        groupsInUse--;
    }

    /** The entry of the longest route shorter than {@code depth} that covers the prefix, or empty. */
    private int coveringEntry(int prefix, int depth) {
        for (int d = depth - 1; d >= 1; d--) {
            Integer hop = rules[d].get(prefix & mask(d));
            if (hop != null) {
                return VALID | d << DEPTH_SHIFT | hop;
            }
        }
        return 0;
    }

    private static int depthOf(int entry) {
        return entry >>> DEPTH_SHIFT & DEPTH_MASK;
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
