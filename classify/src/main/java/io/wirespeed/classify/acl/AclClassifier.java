package io.wirespeed.classify.acl;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * A compiled, immutable rule set (rte_acl_ctx after rte_acl_build): classifies IPv4 5-tuples,
 * returning for each requested category the userdata of the best matching rule, or 0. Made by
 * {@link AclContext#build()}; to change the rules, build a new one. Safe to share between lcores:
 * nothing in it changes after the build. Classification allocates nothing and never throws.
 *
 * <p>Results of a burst are laid out as rte_acl_classify's: packet {@code i}, category {@code c}
 * at {@code results[i * categories + c]}.
 *
 * <p>Ties: when several matching rules of one category share the highest priority, the rule that
 * was added to the {@link AclContext} first wins, always. DPDK leaves this case undefined (its
 * answer is deterministic for one build but depends on how the trie was cut); rule files rank
 * every rule by its line, so they never tie.
 *
 * <p>Packet layout read by the burst calls: each offset is the start of an IPv4 header; the
 * protocol is read at +9, the source address at +12 and the destination at +16 (network order),
 * and the source and destination ports at the L4 offset and L4 + 2, where the L4 offset is either
 * given by the caller or derived from the IHL (offset + 4 * IHL). As with rte_acl over l3fwd's
 * field layout, the four bytes after the IPv4 header are read as ports whatever the protocol: rules
 * for port-less protocols should leave the ports wild. A packet whose header does not fit in the
 * segment, is not version 4 or has an IHL below 5 gets no match in every category and is counted
 * in the return value.
 */
public final class AclClassifier {
    /** What a call returns for bad arguments (categories outside 1..16, arrays too short): -EINVAL, as rte_acl_classify. */
    public static final int EINVAL = -22;

    private static final ValueLayout.OfInt BE_INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    private static final ValueLayout.OfShort BE_SHORT = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    private static final int IPV4_MIN_HEADER = 20;

    private final byte[] protoClass;
    private final int[] roots;
    private final int[] tree;
    private final int[] records;
    private final Stats stats;

    AclClassifier(byte[] protoClass, int[] roots, int[] tree, int[] records, Stats stats) {
        this.protoClass = protoClass;
        this.roots = roots;
        this.tree = tree;
        this.records = records;
        this.stats = stats;
    }

    /**
     * What the build made and what it cost.
     *
     * @param rules rules compiled
     * @param protoClasses protocol equivalence classes (one tree each)
     * @param nodes inner nodes over all trees
     * @param leaves distinct leaves
     * @param leafRules rule copies held by the leaves
     * @param largestLeaf rules in the largest leaf: what the slowest lookup scans
     * @param maxDepth deepest leaf, in levels
     * @param memoryBytes bytes of the lookup structures
     * @param buildNanos time {@link AclContext#build()} took
     */
    public record Stats(int rules, int protoClasses, int nodes, int leaves, int leafRules, int largestLeaf, int maxDepth,
            long memoryBytes, long buildNanos) {
    }

    public Stats stats() {
        return stats;
    }

    /**
     * Classifies {@code n} packets whose IPv4 headers start at {@code l3Offsets[0..n)} in
     * {@code seg}, with the L4 header right after the IPv4 header (IHL). Returns how many packets
     * were malformed (their results are all 0), or {@link #EINVAL} for bad arguments, in which case
     * nothing is written.
     */
    public int classify(MemorySegment seg, long[] l3Offsets, int n, int categories, int[] results) {
        if (badBurst(seg, l3Offsets, n, categories, results)) {
            return EINVAL;
        }
        return burst(seg, l3Offsets, null, n, categories, results);
    }

    /**
     * As {@link #classify(MemorySegment, long[], int, int, int[])}, with the L4 headers at
     * {@code l4Offsets[0..n)} (for callers that already parsed the packet, e.g. the mbuf's l2/l3
     * lengths).
     */
    public int classify(MemorySegment seg, long[] l3Offsets, long[] l4Offsets, int n, int categories, int[] results) {
        if (badBurst(seg, l3Offsets, n, categories, results) || l4Offsets == null || l4Offsets.length < n) {
            return EINVAL;
        }
        return burst(seg, l3Offsets, l4Offsets, n, categories, results);
    }

    /**
     * Classifies one tuple (host-order addresses and ports, as the rules) into
     * {@code results[resultOffset .. resultOffset + categories)}. Returns the bit mask of the
     * categories that matched (0 for none), or {@link #EINVAL} for bad arguments.
     */
    public int classify(int proto, int src, int dst, int sport, int dport, int categories, int[] results, int resultOffset) {
        if (categories < 1 || categories > AclRule.MAX_CATEGORIES || results == null
                || resultOffset < 0 || resultOffset > results.length - categories) {
            return EINVAL;
        }
        return lookup(proto & 0xff, src, dst, sport & 0xffff, dport & 0xffff, categories, results, resultOffset);
    }

    private static boolean badBurst(MemorySegment seg, long[] l3Offsets, int n, int categories, int[] results) {
        return seg == null || l3Offsets == null || results == null || n < 0 || n > l3Offsets.length
                || categories < 1 || categories > AclRule.MAX_CATEGORIES || (long) n * categories > results.length;
    }

    private int burst(MemorySegment seg, long[] l3Offsets, long[] l4Offsets, int n, int categories, int[] results) {
        long size = seg.byteSize();
        int malformed = 0;
        for (int i = 0; i < n; i++) {
            int out = i * categories;
            long l3 = l3Offsets[i];
            if (l3 < 0 || l3 > size - IPV4_MIN_HEADER) {
                malformed += noMatch(results, out, categories);
                continue;
            }
            int versionIhl = seg.get(ValueLayout.JAVA_BYTE, l3);
            long l4 = l4Offsets != null ? l4Offsets[i] : l3 + ((versionIhl & 0xf) << 2);
            if ((versionIhl & 0xf0) != 0x40 || (versionIhl & 0xf) < 5 || l4 < 0 || l4 > size - 4) {
                malformed += noMatch(results, out, categories);
                continue;
            }
            int proto = seg.get(ValueLayout.JAVA_BYTE, l3 + 9) & 0xff;
            int src = seg.get(BE_INT, l3 + 12);
            int dst = seg.get(BE_INT, l3 + 16);
            int sport = seg.get(BE_SHORT, l4) & 0xffff;
            int dport = seg.get(BE_SHORT, l4 + 2) & 0xffff;
            lookup(proto, src, dst, sport, dport, categories, results, out);
        }
        return malformed;
    }

    private static int noMatch(int[] results, int out, int categories) {
        for (int c = 0; c < categories; c++) {
            results[out + c] = 0;
        }
        return 1;
    }

    /** Walks the protocol class's tree to a leaf, then scans the leaf's rules in priority order. */
    private int lookup(int proto, int src, int dst, int sport, int dport, int categories, int[] results, int out) {
        for (int c = 0; c < categories; c++) {
            results[out + c] = 0;
        }
        long addrs = (long) src << 32 | (dst & 0xffff_ffffL);
        long ports = (long) sport << 16 | dport;
        int[] t = tree;
        int at = roots[protoClass[proto] & 0xff];
        int h = t[at];
        while (h >= 0) {
            long word = (h & 1) == 0 ? addrs : ports;
            int child = (int) (word >>> ((h >>> 1) & 63)) & (h >>> 16);
            at = t[at + 1 + child];
            h = t[at];
        }
        int count = h & Integer.MAX_VALUE;
        int[] rec = records;
        int r = t[at + 1];
        int want = (1 << categories) - 1;
        int matched = 0;
        for (int i = 0; i < count; i++, r += AclTreeBuilder.RECORD) {
            int cats = rec[r + 8] & want;
            if (cats == 0
                    || (src & rec[r + 1]) != rec[r] || (dst & rec[r + 3]) != rec[r + 2]
                    || sport < rec[r + 4] || sport > rec[r + 5] || dport < rec[r + 6] || dport > rec[r + 7]) {
                continue;
            }
            int userdata = rec[r + 9];
            matched |= cats;
            want &= ~cats;
            do {
                results[out + Integer.numberOfTrailingZeros(cats)] = userdata;
                cats &= cats - 1;
            } while (cats != 0);
            if (want == 0) {
                break;
            }
        }
        return matched;
    }
}
