package io.wirespeed.classify.acl;

import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Compiles rules into an {@link AclClassifier}: a 256-entry table sorts the protocol into
 * equivalence classes (protocols matched by the same rules), and each class owns a cutting tree
 * over source, destination, source port and destination port (HiCuts: a node cuts one field's
 * remaining bits into 2^k equal parts, so a child is found with one shift and mask). A node whose
 * rules fit in a leaf ({@link #LEAF_RULES}) stops; leaves hold the rules in priority order and are
 * scanned with full checks. Rules that a higher-priority rule covering the node's whole box
 * already shadows in all their categories are dropped on the way down, and a node's box first
 * shrinks to the part of each field its rules occupy, so rules crowded into a small part of the
 * address or port space are still cut apart.
 */
final class AclTreeBuilder {
    /** Rules a leaf may hold before the node is cut further. */
    static final int LEAF_RULES = 16;
    /** HiCuts' space factor: the children's rule copies plus their pointers stay within this many times the node's rules. */
    static final int SPACE_FACTOR = 4;
    /** The most bits one node cuts (256 children). */
    static final int MAX_CUT_BITS = 8;
    /** Ints per leaf rule: src value, src mask, dst value, dst mask, sport lo, hi, dport lo, hi, categories, userdata. */
    static final int RECORD = 10;
    /** Leaf rule copies after which nodes stop being cut (bounds memory on pathological sets, ~160 MiB). */
    static final long COPY_BUDGET = 1L << 22;

    private static final int[] WIDTH = {32, 32, 16, 16};
    /** Where each field sits in the 64-bit word the lookup shifts: src:dst in one word, sport:dport in the other. */
    private static final int[] WORD = {0, 0, 1, 1};
    private static final int[] WORD_SHIFT = {32, 0, 16, 0};

    private final AclRule[] byRank;
    private final long[][] lo = new long[4][];
    private final long[][] hi = new long[4][];
    private final IntArray tree = new IntArray();
    private final IntArray records = new IntArray();
    private final Map<IntKey, Integer> leaves = new HashMap<>();
    private final int[] diff = new int[(1 << MAX_CUT_BITS) + 1];
    private long copies;
    private int nodes;
    private int maxDepth;
    private int largestLeaf;

    private AclTreeBuilder(List<AclRule> rules) {
        Integer[] order = new Integer[rules.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        // Rank 0 is the best rule: highest priority, then the one added first.
        Arrays.sort(order, (a, b) -> rules.get(a).priority() != rules.get(b).priority()
                ? Integer.compare(rules.get(b).priority(), rules.get(a).priority()) : Integer.compare(a, b));
        byRank = new AclRule[order.length];
        for (int f = 0; f < 4; f++) {
            lo[f] = new long[order.length];
            hi[f] = new long[order.length];
        }
        for (int r = 0; r < order.length; r++) {
            AclRule rule = rules.get(order[r]);
            byRank[r] = rule;
            setPrefix(0, r, rule.srcAddr(), rule.srcPrefixLength());
            setPrefix(1, r, rule.dstAddr(), rule.dstPrefixLength());
            lo[2][r] = rule.srcPortLow();
            hi[2][r] = rule.srcPortHigh();
            lo[3][r] = rule.dstPortLow();
            hi[3][r] = rule.dstPortHigh();
        }
    }

    private void setPrefix(int f, int r, int addr, int length) {
        long a = addr & 0xffff_ffffL;
        lo[f][r] = a;
        hi[f][r] = a | ((1L << (32 - length)) - 1);
    }

    static AclClassifier build(List<AclRule> rules) {
        long start = System.nanoTime();
        AclTreeBuilder b = new AclTreeBuilder(rules);
        byte[] protoClass = new byte[256];
        Map<BitSet, Integer> classes = new HashMap<>();
        BitSet[] members = new BitSet[256];
        for (int p = 0; p < 256; p++) {
            BitSet s = new BitSet(b.byRank.length);
            for (int r = 0; r < b.byRank.length; r++) {
                AclRule rule = b.byRank[r];
                if ((p & rule.protoMask()) == rule.proto()) {
                    s.set(r);
                }
            }
            Integer c = classes.get(s);
            if (c == null) {
                c = classes.size();
                classes.put(s, c);
                members[c] = s;
            }
            protoClass[p] = (byte) (int) c;
        }
        int[] roots = new int[classes.size()];
        for (int c = 0; c < roots.length; c++) {
            int[] list = members[c].stream().toArray();
            roots[c] = b.node(list, list.length, new long[4], WIDTH.clone(), 1);
        }
        int[] tree = b.tree.toArray();
        int[] recs = b.records.toArray();
        long bytes = 256 + 4L * roots.length + 4L * tree.length + 4L * recs.length;
        AclClassifier.Stats stats = new AclClassifier.Stats(rules.size(), roots.length, b.nodes, b.leaves.size(),
                recs.length / RECORD, b.largestLeaf, b.maxDepth, bytes, System.nanoTime() - start);
        return new AclClassifier(protoClass, roots, tree, recs, stats);
    }

    /** Builds the subtree for the box (base, rem) holding {@code list[0..m)} in rank order; returns its tree offset. */
    private int node(int[] list, int m, long[] base, int[] rem, int depth) {
        m = prune(list, m, base, rem);
        if (m > LEAF_RULES && narrow(list, m, base, rem)) {
            m = prune(list, m, base, rem);
        }
        maxDepth = Math.max(maxDepth, depth);
        if (m <= LEAF_RULES || copies > COPY_BUDGET) {
            return leaf(list, m);
        }
        int bestField = -1;
        int bestBits = 0;
        int bestMax = m;
        long bestSum = Long.MAX_VALUE;
        for (int f = 0; f < 4; f++) {
            int bits = Math.min(rem[f], MAX_CUT_BITS);
            for (int k = 1; k <= bits; k++) {
                int cuts = 1 << k;
                long sum = spread(list, m, f, base[f], rem[f], rem[f] - k, cuts);
                if (k > 1 && sum + cuts > (long) SPACE_FACTOR * m) {
                    break;
                }
                int max = 0;
                int run = 0;
                for (int c = 0; c < cuts; c++) {
                    run += diff[c];
                    max = Math.max(max, run);
                }
                if (max < bestMax || (max == bestMax && bestField >= 0 && sum < bestSum)) {
                    bestField = f;
                    bestBits = k;
                    bestMax = max;
                    bestSum = sum;
                }
                if (max <= LEAF_RULES) {
                    break;
                }
            }
        }
        if (bestField < 0) {
            return leaf(list, m); // every cut keeps all rules together: they overlap everywhere
        }
        int f = bestField;
        int cuts = 1 << bestBits;
        int shift = rem[f] - bestBits;
        spread(list, m, f, base[f], rem[f], shift, cuts);
        int[][] children = new int[cuts][];
        int run = 0;
        for (int c = 0; c < cuts; c++) {
            run += diff[c];
            children[c] = new int[run];
        }
        int[] fill = new int[cuts];
        long boxHi = base[f] + (1L << rem[f]) - 1;
        for (int i = 0; i < m; i++) {
            int r = list[i];
            int a = (int) ((Math.max(lo[f][r], base[f]) - base[f]) >>> shift);
            int b = (int) ((Math.min(hi[f][r], boxHi) - base[f]) >>> shift);
            for (int c = a; c <= b; c++) {
                children[c][fill[c]++] = r;
            }
        }
        int at = tree.grow(1 + cuts);
        tree.set(at, WORD[f] | (WORD_SHIFT[f] + shift) << 1 | (cuts - 1) << 16);
        nodes++;
        for (int c = 0; c < cuts; c++) {
            long[] childBase = base.clone();
            int[] childRem = rem.clone();
            childBase[f] = base[f] + ((long) c << shift);
            childRem[f] = shift;
            int child = node(children[c], children[c].length, childBase, childRem, depth + 1);
            tree.set(at + 1 + c, child);
            children[c] = null;
        }
        return at;
    }

    /**
     * Shrinks the box, in place, to the smallest aligned sub-box that still holds every rule's part
     * of it, field by field; returns whether any field shrank. No node is needed for this: a packet
     * outside the smaller box matches none of the node's rules, hence (by the pruning argument) no
     * rule at all, so whatever leaf its lower bits lead it to, the leaf's full checks find nothing.
     * Without it, rules crowded into a small part of the space (all in one /16, say) share every
     * top-bit cut, no cut lowers the node's rule count and they would all end up in one leaf.
     */
    private boolean narrow(int[] list, int m, long[] base, int[] rem) {
        boolean shrank = false;
        for (int f = 0; f < 4; f++) {
            long boxHi = base[f] + (1L << rem[f]) - 1;
            long min = boxHi;
            long max = base[f];
            for (int i = 0; i < m; i++) {
                int r = list[i];
                min = Math.min(min, Math.max(lo[f][r], base[f]));
                max = Math.max(max, Math.min(hi[f][r], boxHi));
            }
            long differ = (min - base[f]) ^ (max - base[f]);
            int bits = 64 - Long.numberOfLeadingZeros(differ);
            if (bits < rem[f]) {
                base[f] = min & ~((1L << bits) - 1);
                rem[f] = bits;
                shrank = true;
            }
        }
        return shrank;
    }

    /** Fills {@link #diff} with +1/-1 at the first and past the last child each rule reaches; returns the copies. */
    private long spread(int[] list, int m, int f, long base, int rem, int shift, int cuts) {
        Arrays.fill(diff, 0, cuts + 1, 0);
        long boxHi = base + (1L << rem) - 1;
        long sum = 0;
        long[] l = lo[f];
        long[] h = hi[f];
        for (int i = 0; i < m; i++) {
            int r = list[i];
            int a = (int) ((Math.max(l[r], base) - base) >>> shift);
            int b = (int) ((Math.min(h[r], boxHi) - base) >>> shift);
            diff[a]++;
            diff[b + 1]--;
            sum += b - a + 1;
        }
        return sum;
    }

    /** Drops, in place, the rules whose every category a better rule covering the whole box already decides. */
    private int prune(int[] list, int m, long[] base, int[] rem) {
        int decided = 0;
        int kept = 0;
        for (int i = 0; i < m; i++) {
            int r = list[i];
            int cats = byRank[r].categoryMask();
            if ((cats & ~decided) == 0) {
                continue;
            }
            list[kept++] = r;
            if (covers(r, base, rem)) {
                decided |= cats;
            }
        }
        return kept;
    }

    private boolean covers(int r, long[] base, int[] rem) {
        for (int f = 0; f < 4; f++) {
            if (lo[f][r] > base[f] || hi[f][r] < base[f] + (1L << rem[f]) - 1) {
                return false;
            }
        }
        return true;
    }

    /** A leaf for {@code list[0..m)}; leaves with the same rules are stored once. */
    private int leaf(int[] list, int m) {
        IntKey key = new IntKey(Arrays.copyOf(list, m));
        Integer known = leaves.get(key);
        if (known != null) {
            return known;
        }
        int at = tree.grow(2);
        tree.set(at, Integer.MIN_VALUE | m);
        tree.set(at + 1, records.size());
        for (int i = 0; i < m; i++) {
            AclRule rule = byRank[list[i]];
            records.add(rule.srcAddr());
            records.add(AclRule.prefixMask(rule.srcPrefixLength()));
            records.add(rule.dstAddr());
            records.add(AclRule.prefixMask(rule.dstPrefixLength()));
            records.add(rule.srcPortLow());
            records.add(rule.srcPortHigh());
            records.add(rule.dstPortLow());
            records.add(rule.dstPortHigh());
            records.add(rule.categoryMask());
            records.add(rule.userdata());
        }
        copies += m;
        largestLeaf = Math.max(largestLeaf, m);
        leaves.put(key, at);
        return at;
    }

    private record IntKey(int[] values) {
        @Override
        public boolean equals(Object o) {
            return o instanceof IntKey k && Arrays.equals(values, k.values);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(values);
        }
    }
}
