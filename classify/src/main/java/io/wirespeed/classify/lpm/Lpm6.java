package io.wirespeed.classify.lpm;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Longest-prefix match over IPv6 addresses, DPDK's rte_lpm6: a wide first level indexed by the
 * top 24 bits of the address ({@code tbl24}), then a tree of 256-entry {@code tbl8} groups, one
 * level per further byte (13 at most, for a /128). An entry holds the next hop of the longest
 * route that covers its range, or the number of the group the next byte indexes; a lookup
 * follows groups until it reaches a next hop, so a /48 costs four loads and a /64 six.
 *
 * <p>Addresses are two longs in network order: {@code high} holds bytes 0-7 (byte 0 in the top
 * bits), {@code low} bytes 8-15, as {@link io.wirespeed.net.Ipv6Header} reads them.
 *
 * <p>Entry layout (an int): bit 31 valid, bit 30 extended (the low 22 bits are a group), bits
 * 22-29 the depth of the route that wrote it, bits 0-21 the next hop. Valid entries are negative
 * ints, so a lookup tests the sign.
 *
 * <p>Routes are kept per depth (control path only) so that deleting one restores the next less
 * specific route covering its range; a group that a delete leaves uniform is folded back into
 * its parent entry and reused. Changes are for one thread; lookups from other threads while
 * routes change may see a mix of the old and new route for the range being rewritten (as
 * rte_lpm6 without RCU). Lookups allocate nothing and never throw.
 */
public final class Lpm6 {
    /** What {@link #lookup} returns when no route covers the address. */
    public static final int MISS = -1;
    /** The largest next hop: 21 bits, as rte_lpm6. */
    public static final int MAX_NEXT_HOP = (1 << 21) - 1;
    /** The most groups a table may have: an extended entry has 22 bits for the group number. */
    public static final int MAX_GROUPS = 1 << 22;

    private static final int VALID = 1 << 31;
    private static final int EXTENDED = 1 << 30;
    private static final int DEPTH_SHIFT = 22;
    private static final int DEPTH_MASK = 0xff;
    private static final int VALUE_MASK = (1 << 22) - 1;
    private static final int TBL24_SIZE = 1 << 24;
    private static final int GROUP_SIZE = 256;
    /** Reads of tbl24 and tbl8 on the control path name the table by group number; this one is tbl24. */
    private static final int TOP = -1;

    private final int[] tbl24 = new int[TBL24_SIZE];
    private final int[] tbl8;
    /** Free group numbers, a stack: freeGroups[0..freeCount) are unused. */
    private final int[] freeGroups;
    private int freeCount;
    private final int maxRules;
    /** rules[d]: the routes of depth d, by masked address (control path). */
    private final Map<Address, Integer>[] rules;
    private int ruleCount;

    /** A route's masked address, as a map key on the control path. */
    private record Address(long high, long low) {}

    /**
     * @param maxRules   how many routes the table holds at most
     * @param tbl8Groups how many 256-entry groups routes longer than /24 may use (rte_lpm6's number_tbl8s)
     */
    @SuppressWarnings("unchecked")
    public Lpm6(int maxRules, int tbl8Groups) {
        if (maxRules < 1) {
            throw new IllegalArgumentException("LPM6 needs room for at least one rule (maxRules=" + maxRules + ")");
        }
        if (tbl8Groups < 0 || tbl8Groups > MAX_GROUPS) {
            throw new IllegalArgumentException("tbl8 groups must be 0.." + MAX_GROUPS + " (got " + tbl8Groups + ")");
        }
        this.maxRules = maxRules;
        this.tbl8 = new int[Math.multiplyExact(tbl8Groups, GROUP_SIZE)];
        this.freeGroups = new int[tbl8Groups];
        freeAllGroups();
        this.rules = new Map[129];
        for (int d = 1; d <= 128; d++) {
            rules[d] = new HashMap<>();
        }
    }

    /**
     * How many groups a table holding exactly these routes uses: one for every distinct path
     * node, a node at level L being named by the first 24 + 8 (L - 1) bits of a route deep
     * enough to reach it. Sizing a table with this leaves no group unused and none missing.
     */
    public static int groupsNeeded(Iterable<RouteFile.Route6> routes) {
        record Node(int level, Address path) {}
        java.util.Set<Node> nodes = new java.util.HashSet<>();
        for (RouteFile.Route6 r : routes) {
            for (int level = 1, target = levelOf(r.depth()); level <= target; level++) {
                nodes.add(new Node(level, masked(r.high(), r.low(), span(level - 1))));
            }
        }
        return nodes.size();
    }

    /** The next hop of the longest route covering the address, or {@link #MISS}. */
    public int lookup(long high, long low) {
        int e = tbl24[(int) (high >>> 40)];
        if ((e & EXTENDED) != 0) {
            e = descend(e, high, low);
        }
        return e < 0 ? e & MAX_NEXT_HOP : MISS;
    }

    /**
     * Looks up {@code n} addresses, {@code (highs[i], lows[i])} from {@code offset}, into
     * {@code hops[i]} ({@link #MISS} where no route covers one). The first-level loads of the
     * whole bulk are issued before any group is followed, so their cache misses overlap.
     */
    public void lookupBulk(long[] highs, long[] lows, int offset, int n, int[] hops) {
        lookupBulk(highs, lows, offset, n, hops, offset);
    }

    /** Looks up {@code n} addresses from index {@code offset} into {@code hops[hopsOffset]}. */
    public void lookupBulk(long[] highs, long[] lows, int offset, int n, int[] hops, int hopsOffset) {
        int[] t24 = tbl24;
        for (int i = 0; i < n; i++) {
            hops[hopsOffset + i] = t24[(int) (highs[offset + i] >>> 40)];
        }
        for (int i = 0; i < n; i++) {
            int e = hops[hopsOffset + i];
            if ((e & EXTENDED) != 0) {
                e = descend(e, highs[offset + i], lows[offset + i]);
            }
            hops[hopsOffset + i] = e < 0 ? e & MAX_NEXT_HOP : MISS;
        }
    }

    /** Follows groups from an extended first-level entry until an entry that is not extended. */
    private int descend(int e, long high, long low) {
        int[] t8 = tbl8;
        // Bytes 3-7 come from high, 8-15 from low; an extended entry at byte 15 cannot exist.
        for (int shift = 32; shift >= 0 && (e & EXTENDED) != 0; shift -= 8) {
            e = t8[(e & VALUE_MASK) << 8 | (int) (high >>> shift) & 0xff];
        }
        for (int shift = 56; (e & EXTENDED) != 0; shift -= 8) {
            e = t8[(e & VALUE_MASK) << 8 | (int) (low >>> shift) & 0xff];
        }
        return e;
    }

    /**
     * Adds a route, or changes the next hop of the route with the same prefix and depth. Host
     * bits of the address are ignored.
     *
     * @throws IllegalArgumentException for a depth outside 1..128 or a next hop beyond 21 bits
     * @throws IllegalStateException    when the rules or the tbl8 groups are all used
     */
    public void add(long high, long low, int depth, int nextHop) {
        checkDepth(depth);
        if (nextHop < 0 || nextHop > MAX_NEXT_HOP) {
            throw new IllegalArgumentException("next hop " + nextHop + " out of range 0.." + MAX_NEXT_HOP);
        }
        Address prefix = masked(high, low, depth);
        Integer previous = rules[depth].get(prefix);
        if (previous == null && ruleCount == maxRules) {
            throw new IllegalStateException("LPM6 is full: " + maxRules + " rules");
        }
        int target = levelOf(depth);
        int needed = groupsMissing(prefix, target);
        if (needed > freeCount) {
            throw new IllegalStateException("LPM6 has no free tbl8 group for " + Ipv6Prefixes.format(prefix.high, prefix.low, depth)
                    + " (needs " + needed + ", " + freeCount + " of " + freeGroups.length + " free)");
        }
        rules[depth].put(prefix, nextHop);
        if (previous == null) {
            ruleCount++;
        }
        int group = TOP;
        int index = (int) (prefix.high >>> 40);
        for (int level = 1; level <= target; level++) {
            group = extend(group, index);
            index = byteAt(prefix, 2 + level);
        }
        int count = 1 << (span(target) - depth);
        writeRange(group, index & -count, count, VALID | depth << DEPTH_SHIFT | nextHop, depth);
    }

    /**
     * Deletes a route; addresses it covered go to the next less specific route covering them, or
     * miss. Returns false when there is no such route.
     */
    public boolean delete(long high, long low, int depth) {
        checkDepth(depth);
        Address prefix = masked(high, low, depth);
        if (rules[depth].remove(prefix) == null) {
            return false;
        }
        ruleCount--;
        int target = levelOf(depth);
        int[] groups = new int[target + 1];     // groups[l]: the table at level l on the route's path
        int[] indexes = new int[target + 1];    // indexes[l]: the entry of groups[l] on the path
        groups[0] = TOP;
        indexes[0] = (int) (prefix.high >>> 40);
        for (int level = 1; level <= target; level++) {
            // A route deeper than this level keeps every group on its path extended.
            groups[level] = read(groups[level - 1], indexes[level - 1]) & VALUE_MASK;
            indexes[level] = byteAt(prefix, 2 + level);
        }
        int count = 1 << (span(target) - depth);
        replaceRange(groups[target], indexes[target] & -count, count, target, depth, coveringEntry(prefix, depth));
        for (int level = target; level >= 1; level--) {
            collapseIfUniform(groups[level - 1], indexes[level - 1], groups[level], level);
        }
        return true;
    }

    /** Whether a route with this prefix and depth exists. */
    public boolean isRulePresent(long high, long low, int depth) {
        checkDepth(depth);
        return rules[depth].containsKey(masked(high, low, depth));
    }

    /** The next hop of the route with exactly this prefix and depth, or {@link #MISS}. */
    public int ruleNextHop(long high, long low, int depth) {
        checkDepth(depth);
        Integer hop = rules[depth].get(masked(high, low, depth));
        return hop == null ? MISS : hop;
    }

    /** Deletes every route. */
    public void deleteAll() {
        for (int d = 1; d <= 128; d++) {
            rules[d].clear();
        }
        Arrays.fill(tbl24, 0);
        Arrays.fill(tbl8, 0);
        freeAllGroups();
        ruleCount = 0;
    }

    public int ruleCount() {
        return ruleCount;
    }

    public int maxRules() {
        return maxRules;
    }

    public int tbl8GroupsInUse() {
        return freeGroups.length - freeCount;
    }

    public int tbl8Groups() {
        return freeGroups.length;
    }

    /** Bytes the lookup tables take (tbl24 is 64 MiB; each tbl8 group 1 KiB). */
    public long tableBytes() {
        return 4L * (tbl24.length + tbl8.length);
    }

    /** Every group free, group 0 on top of the stack: low groups are taken first, denser in cache. */
    private void freeAllGroups() {
        for (int i = 0; i < freeGroups.length; i++) {
            freeGroups[i] = freeGroups.length - 1 - i;
        }
        freeCount = freeGroups.length;
    }

    /** How many groups adding a route at {@code target} would take: the levels its path has not reached. */
    private int groupsMissing(Address prefix, int target) {
        int e = tbl24[(int) (prefix.high >>> 40)];
        for (int level = 1; level <= target; level++) {
            if ((e & EXTENDED) == 0) {
                return target - level + 1;
            }
            e = tbl8[(e & VALUE_MASK) << 8 | byteAt(prefix, 2 + level)];
        }
        return 0;
    }

    /** The group behind entry {@code index} of {@code group}, taking a free one (filled with the old entry) if needed. */
    private int extend(int group, int index) {
        int e = read(group, index);
        if ((e & EXTENDED) != 0) {
            return e & VALUE_MASK;
        }
        int child = freeGroups[--freeCount];
        Arrays.fill(tbl8, child << 8, (child + 1) << 8, e);
        write(group, index, VALID | EXTENDED | child);
        return child;
    }

    /** Entries of the range, and of the groups below it, that no more specific route owns take the entry. */
    private void writeRange(int group, int first, int count, int entry, int depth) {
        for (int i = first; i < first + count; i++) {
            int e = read(group, i);
            if ((e & EXTENDED) != 0) {
                writeRange(e & VALUE_MASK, 0, GROUP_SIZE, entry, depth);
            } else if (e >= 0 || depthOf(e) <= depth) {
                write(group, i, entry);
            }
        }
    }

    /** Entries the deleted route of {@code depth} wrote, in the range and below it, take the replacement. */
    private void replaceRange(int group, int first, int count, int level, int depth, int replacement) {
        for (int i = first; i < first + count; i++) {
            int e = read(group, i);
            if ((e & EXTENDED) != 0) {
                int child = e & VALUE_MASK;
                replaceRange(child, 0, GROUP_SIZE, level + 1, depth, replacement);
                collapseIfUniform(group, i, child, level + 1);
            } else if (e < 0 && depthOf(e) == depth) {
                write(group, i, replacement);
            }
        }
    }

    /**
     * A group at {@code level} whose entries are all one entry of a route its parent entry's
     * range can hold (or all empty) says nothing the parent cannot: fold it back and free it.
     */
    private void collapseIfUniform(int parent, int index, int group, int level) {
        int base = group << 8;
        int first = tbl8[base];
        if ((first & EXTENDED) != 0 || first < 0 && depthOf(first) > span(level - 1)) {
            return;
        }
        for (int i = base + 1; i < base + GROUP_SIZE; i++) {
            if (tbl8[i] != first) {
                return;
            }
        }
        write(parent, index, first);
        freeGroups[freeCount++] = group;
    }

    /** The entry of the longest route shorter than {@code depth} that covers the prefix, or empty. */
    private int coveringEntry(Address prefix, int depth) {
        for (int d = depth - 1; d >= 1; d--) {
            Integer hop = rules[d].get(masked(prefix.high, prefix.low, d));
            if (hop != null) {
                return VALID | d << DEPTH_SHIFT | hop;
            }
        }
        return 0;
    }

    private int read(int group, int index) {
        return group == TOP ? tbl24[index] : tbl8[group << 8 | index];
    }

    private void write(int group, int index, int entry) {
        if (group == TOP) {
            tbl24[index] = entry;
        } else {
            tbl8[group << 8 | index] = entry;
        }
    }

    /** The level whose entries a route of this depth writes: 0 for tbl24, then one per byte. */
    private static int levelOf(int depth) {
        return depth <= 24 ? 0 : (depth - 24 + 7) / 8;
    }

    /** Address bits resolved once an entry of this level is read. */
    private static int span(int level) {
        return 24 + 8 * level;
    }

    private static int byteAt(Address a, int i) {
        long word = i < 8 ? a.high : a.low;
        return (int) (word >>> (56 - 8 * (i & 7))) & 0xff;
    }

    private static int depthOf(int entry) {
        return entry >>> DEPTH_SHIFT & DEPTH_MASK;
    }

    private static Address masked(long high, long low, int depth) {
        return new Address(high & Ipv6Prefixes.highMask(depth), low & Ipv6Prefixes.lowMask(depth));
    }

    private static void checkDepth(int depth) {
        if (depth < 1 || depth > 128) {
            throw new IllegalArgumentException("IPv6 prefix length " + depth + " out of range 1..128");
        }
    }
}
