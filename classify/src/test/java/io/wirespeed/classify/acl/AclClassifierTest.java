package io.wirespeed.classify.acl;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The classifier at the edges a random rule set rarely reaches: wildcards, ties, all categories, burst sizes, bad input. */
class AclClassifierTest {
    private static final int TCP = 6;
    private static final int SENTINEL = 0x5a5a5a5a;

    private static int ip(String dotted) {
        return (int) Ipv4Text.parseAddress(dotted);
    }

    private static AclClassifier build(AclRule... rules) {
        return new AclContext().addAll(List.of(rules)).build();
    }

    /** Category 0's result for one tuple. */
    private static int classify(AclClassifier acl, int proto, int src, int dst, int sport, int dport) {
        int[] out = {SENTINEL};
        acl.classify(proto, src, dst, sport, dport, 1, out, 0);
        return out[0];
    }

    @Test
    void anEmptyRuleSetMatchesNothingAndStillClearsTheResults() {
        AclClassifier acl = new AclContext().build();
        int[] out = new int[4];
        Arrays.fill(out, SENTINEL);
        assertThat(acl.classify(TCP, 1, 2, 3, 4, 4, out, 0)).isZero();
        assertThat(out).containsOnly(0);
        assertThat(acl.stats().rules()).isZero();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment seg = arena.allocate(64);
            AclReferenceTest.writeIpv4(seg, 0, 5, new int[] {TCP, 1, 2, 3, 4});
            int[] burst = {SENTINEL, SENTINEL};
            assertThat(acl.classify(seg, new long[] {0}, 1, 2, burst)).isZero();
            assertThat(burst).containsOnly(0);
        }
    }

    @Test
    void aRuleWildInEveryFieldMatchesEveryTupleUpToTheEdgesOfEachField() {
        AclClassifier acl = build(AclRule.builder().src("0.0.0.0/0").dst("0.0.0.0/0").srcPorts(0, 65535).dstPorts(0, 65535)
                .proto(0, 0).userdata(7).build());
        int[] addrs = {0, -1, 0x7fff_ffff, 0x8000_0000, ip("10.1.2.3")};
        int[] ports = {0, 1, 65534, 65535};
        for (int proto : new int[] {0, 1, TCP, 255}) {
            for (int a : addrs) {
                for (int p : ports) {
                    assertThat(classify(acl, proto, a, ~a, p, 65535 - p)).as("proto %d addr %08x port %d", proto, a, p).isEqualTo(7);
                }
            }
        }
    }

    @Test
    void aSlashZeroPrefixWildsOnlyItsOwnField() {
        AclClassifier acl = build(
                AclRule.builder().src("0.0.0.0/0").dst("10.0.0.0/8").dstPort(80).proto(TCP).userdata(1).build(),
                AclRule.builder().src("192.168.1.1/32").dst("0.0.0.0/0").proto(17).userdata(2).build());
        assertThat(classify(acl, TCP, -1, ip("10.255.255.255"), 1, 80)).isEqualTo(1);
        assertThat(classify(acl, TCP, 0, ip("10.0.0.0"), 1, 80)).isEqualTo(1);
        assertThat(classify(acl, TCP, 0, ip("11.0.0.0"), 1, 80)).isZero();
        assertThat(classify(acl, TCP, 0, ip("10.0.0.0"), 1, 81)).isZero();
        assertThat(classify(acl, 17, ip("192.168.1.1"), 0, 0, 0)).isEqualTo(2);
        assertThat(classify(acl, 17, ip("192.168.1.1"), -1, 65535, 65535)).isEqualTo(2);
        assertThat(classify(acl, 17, ip("192.168.1.2"), -1, 65535, 65535)).isZero();
    }

    @Test
    void portRangesIncludeBothEnds() {
        AclClassifier acl = build(
                AclRule.builder().dstPort(0).priority(3).userdata(1).build(),
                AclRule.builder().dstPort(65535).priority(3).userdata(2).build(),
                AclRule.builder().dstPorts(1024, 65535).priority(2).userdata(3).build(),
                AclRule.builder().srcPorts(1, 1023).priority(1).userdata(4).build());
        assertThat(classify(acl, TCP, 0, 0, 0, 0)).isEqualTo(1);
        assertThat(classify(acl, TCP, 0, 0, 1, 0)).isEqualTo(1);
        assertThat(classify(acl, TCP, 0, 0, 0, 1)).isZero();
        assertThat(classify(acl, TCP, 0, 0, 1, 1023)).isEqualTo(4);
        assertThat(classify(acl, TCP, 0, 0, 0, 1024)).isEqualTo(3);
        assertThat(classify(acl, TCP, 0, 0, 0, 65534)).isEqualTo(3);
        assertThat(classify(acl, TCP, 0, 0, 0, 65535)).isEqualTo(2);
        assertThat(classify(acl, TCP, 0, 0, 1024, 1023)).isZero();
    }

    @Test
    void aProtocolMaskNeedNotBeContiguous() {
        List<AclRule> rules = List.of(
                AclRule.builder().proto(0x11, 0x13).priority(2).userdata(1).build(),
                AclRule.builder().proto(0x80, 0x80).priority(1).userdata(2).build());
        AclClassifier acl = new AclContext().addAll(rules).build();
        NaiveAcl naive = new NaiveAcl(rules);
        for (int p = 0; p < 256; p++) {
            assertThat(classify(acl, p, 5, 6, 7, 8)).as("protocol %d", p).isEqualTo(naive.classify(p, 5, 6, 7, 8, 1)[0]);
        }
        assertThat(classify(acl, 0x15, 0, 0, 0, 0)).isEqualTo(1);
        assertThat(classify(acl, 0x91, 0, 0, 0, 0)).isEqualTo(1);
        assertThat(classify(acl, 0x90, 0, 0, 0, 0)).isEqualTo(2);
    }

    @Test
    void ofTwoMatchingRulesOfEqualPriorityTheOneAddedFirstWins() {
        AclRule wide = AclRule.builder().dst("10.0.0.0/8").priority(5).userdata(1).build();
        AclRule narrow = AclRule.builder().dst("10.1.2.0/24").dstPort(80).priority(5).userdata(2).build();
        assertThat(classify(build(wide, narrow), TCP, 0, ip("10.1.2.3"), 9, 80)).isEqualTo(1);
        assertThat(classify(build(narrow, wide), TCP, 0, ip("10.1.2.3"), 9, 80)).isEqualTo(2);
        assertThat(classify(build(narrow, wide), TCP, 0, ip("10.1.2.3"), 9, 81)).isEqualTo(1);
    }

    @Test
    void theTieRuleHoldsWhenTheTreeCutsBetweenTheTiedRules() {
        // 64 /24s in 10.0.0.0/16 and, added in the middle at the same priority, the whole /16:
        // enough rules that the tree cuts, so the tie is decided in many different leaves.
        List<AclRule> rules = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            if (i == 32) {
                rules.add(AclRule.builder().dst("10.0.0.0/16").priority(9).userdata(1000).build());
            }
            rules.add(AclRule.builder().dst((ip("10.0.0.0") | i << 8), 24).priority(9).userdata(i + 1).build());
        }
        AclClassifier acl = new AclContext().addAll(rules).build();
        assertThat(acl.stats().nodes()).as("the rules were cut into a tree").isPositive();
        for (int i = 0; i < 64; i++) {
            int want = i < 32 ? i + 1 : 1000;
            assertThat(classify(acl, TCP, 0, ip("10.0.0.77") | i << 8, 1, 2)).as("/24 number %d", i).isEqualTo(want);
        }
        assertThat(classify(acl, TCP, 0, ip("10.0.200.1"), 1, 2)).isEqualTo(1000);
    }

    @Test
    void rulesCrowdedIntoOneSlash16AreStillCutIntoSmallLeaves() {
        // Every top-bit cut keeps such rules together; the box must shrink to the /16 first.
        Random rnd = new Random(3);
        List<AclRule> rules = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            rules.add(AclRule.builder().dst(ip("10.7.0.0") | rnd.nextInt(1 << 16), 32).dstPort(80).proto(TCP)
                    .priority(1 + rnd.nextInt(1000)).userdata(i + 1).build());
        }
        AclClassifier acl = new AclContext().addAll(rules).build();
        assertThat(acl.stats().largestLeaf()).as("%s", acl.stats()).isLessThanOrEqualTo(AclTreeBuilder.LEAF_RULES);
        NaiveAcl naive = new NaiveAcl(rules);
        for (int i = 0; i < 5000; i++) {
            int dst = i % 2 == 0 ? rules.get(rnd.nextInt(rules.size())).dstAddr() : ip("10.7.0.0") | rnd.nextInt(1 << 17);
            int dport = i % 3 == 0 ? 81 : 80;
            assertThat(classify(acl, TCP, rnd.nextInt(), dst, 1, dport)).as("dst %08x", dst)
                    .isEqualTo(naive.classify(TCP, 0, dst, 1, dport, 1)[0]);
        }
    }

    @Test
    void manyRulesOverTheSameBoxKeepTheirRanking() {
        // No cut separates rules that all cover everything: they end in one leaf, scanned in rank order.
        Random rnd = new Random(5);
        List<AclRule> rules = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            rules.add(AclRule.builder().priority(1 + rnd.nextInt(20)).categoryMask(1 + rnd.nextInt(15)).userdata(i + 1).build());
        }
        AclClassifier acl = new AclContext().addAll(rules).build();
        int[] want = new NaiveAcl(rules).classify(TCP, 1, 2, 3, 4, 4);
        int[] got = new int[4];
        assertThat(acl.classify(TCP, 1, 2, 3, 4, 4, got, 0)).isEqualTo(0xf);
        assertThat(got).containsExactly(want);
    }

    @Test
    void eachOfTheSixteenCategoriesGetsItsOwnBestRule() {
        List<AclRule> rules = new ArrayList<>();
        for (int c = 0; c < AclRule.MAX_CATEGORIES; c++) {
            rules.add(AclRule.builder().dst("10.0.0.0/8").priority(100 + c).categoryMask(1 << c).userdata(10 + c).build());
        }
        rules.add(AclRule.builder().priority(108).categoryMask(AclRule.ALL_CATEGORIES).userdata(99).build());
        AclClassifier acl = new AclContext().addAll(rules).build();
        int[] out = new int[AclRule.MAX_CATEGORIES + 1];
        Arrays.fill(out, SENTINEL);
        int matched = acl.classify(TCP, 0, ip("10.9.9.9"), 1, 2, AclRule.MAX_CATEGORIES, out, 1);
        assertThat(matched).isEqualTo(AclRule.ALL_CATEGORIES);
        assertThat(out[0]).as("before the offset: untouched").isEqualTo(SENTINEL);
        for (int c = 0; c < AclRule.MAX_CATEGORIES; c++) {
            // Below priority 108 the catch-all wins; at 108 the category rule, added first, wins the tie.
            assertThat(out[1 + c]).as("category %d", c).isEqualTo(c < 8 ? 99 : 10 + c);
        }
        assertThat(acl.classify(TCP, 0, ip("11.0.0.0"), 1, 2, AclRule.MAX_CATEGORIES, out, 0)).isEqualTo(AclRule.ALL_CATEGORIES);
        assertThat(Arrays.copyOf(out, AclRule.MAX_CATEGORIES)).containsOnly(99);
    }

    @Test
    void askingForFewerCategoriesWritesOnlyThose() {
        AclClassifier acl = build(AclRule.builder().categoryMask(0b1010).userdata(3).build());
        int[] out = new int[8];
        Arrays.fill(out, SENTINEL);
        assertThat(acl.classify(TCP, 0, 0, 0, 0, 3, out, 2)).isEqualTo(0b010);
        assertThat(out).containsExactly(SENTINEL, SENTINEL, 0, 3, 0, SENTINEL, SENTINEL, SENTINEL);
    }

    @ParameterizedTest(name = "bursts of {0}")
    @ValueSource(ints = {1, 2, 31, 64, 100, 1000})
    void aBurstOfAnySizeAgreesWithTupleClassification(int burst) {
        RandomRules gen = new RandomRules(31);
        List<AclRule> rules = gen.rules(700, 50, 3);
        AclClassifier acl = new AclContext().addAll(rules).build();
        int packets = 1000;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment seg = arena.allocate(64L * packets);
            long[] l3 = new long[packets];
            int[][] tuples = new int[packets][];
            for (int i = 0; i < packets; i++) {
                tuples[i] = gen.tuple(i % 2 == 0 ? rules.get(gen.random().nextInt(rules.size())) : null);
                l3[i] = 64L * i;
                AclReferenceTest.writeIpv4(seg, l3[i], 5, tuples[i]);
            }
            int[] got = new int[burst * 3];
            int[] want = new int[3];
            for (int first = 0; first < packets; first += burst) {
                int n = Math.min(burst, packets - first);
                long[] offsets = Arrays.copyOfRange(l3, first, first + burst); // zero-padded past the end
                assertThat(acl.classify(seg, offsets, n, 3, got)).isZero();
                for (int i = 0; i < n; i++) {
                    int[] t = tuples[first + i];
                    acl.classify(t[0], t[1], t[2], t[3], t[4], 3, want, 0);
                    assertThat(Arrays.copyOfRange(got, 3 * i, 3 * i + 3)).as("packet %d", first + i).containsExactly(want);
                }
            }
        }
    }

    @Test
    void malformedPacketsAreCountedAndMatchNothing() {
        AclClassifier acl = build(AclRule.builder().userdata(1).build());
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment seg = arena.allocate(240);
            int[] t = {TCP, 1, 2, 3, 4};
            for (long at = 0; at < 240; at += 64) {
                AclReferenceTest.writeIpv4(seg, at, 5, t);
            }
            seg.set(ValueLayout.JAVA_BYTE, 64, (byte) 0x65);  // version 6
            seg.set(ValueLayout.JAVA_BYTE, 128, (byte) 0x44); // IHL 4
            seg.set(ValueLayout.JAVA_BYTE, 192, (byte) 0x4f); // IHL 15: the ports would lie past the end
            long[] l3 = {0, 64, 128, 192, 230, -1, 0};         // 230: the header does not fit
            int[] out = new int[l3.length];
            Arrays.fill(out, SENTINEL);
            assertThat(acl.classify(seg, l3, l3.length, 1, out)).isEqualTo(5);
            assertThat(out).containsExactly(1, 0, 0, 0, 0, 0, 1);

            Arrays.fill(out, SENTINEL);
            assertThat(acl.classify(seg, new long[] {0, 0, 0}, new long[] {20, 238, -4}, 3, 1, out)).isEqualTo(2);
            assertThat(Arrays.copyOf(out, 3)).containsExactly(1, 0, 0);
        }
    }

    @Test
    void badArgumentsReturnEinvalAndWriteNothing() {
        AclClassifier acl = build(AclRule.builder().userdata(1).build());
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment seg = arena.allocate(64);
            AclReferenceTest.writeIpv4(seg, 0, 5, new int[] {TCP, 1, 2, 3, 4});
            long[] l3 = {0, 0};
            int[] out = {SENTINEL, SENTINEL};
            assertThat(acl.classify(seg, l3, 2, 0, out)).isEqualTo(AclClassifier.EINVAL);
            assertThat(acl.classify(seg, l3, 1, AclRule.MAX_CATEGORIES + 1, new int[32])).isEqualTo(AclClassifier.EINVAL);
            assertThat(acl.classify(seg, l3, 3, 1, out)).as("more packets than offsets").isEqualTo(AclClassifier.EINVAL);
            assertThat(acl.classify(seg, l3, 2, 2, out)).as("results too short").isEqualTo(AclClassifier.EINVAL);
            assertThat(acl.classify(seg, l3, -1, 1, out)).isEqualTo(AclClassifier.EINVAL);
            assertThat(acl.classify(null, l3, 1, 1, out)).isEqualTo(AclClassifier.EINVAL);
            assertThat(acl.classify(seg, l3, new long[1], 2, 1, out)).as("fewer L4 offsets than packets").isEqualTo(AclClassifier.EINVAL);
            assertThat(acl.classify(TCP, 1, 2, 3, 4, 2, out, 1)).as("results end before the last category").isEqualTo(AclClassifier.EINVAL);
            assertThat(acl.classify(TCP, 1, 2, 3, 4, 1, out, -1)).isEqualTo(AclClassifier.EINVAL);
            assertThat(out).containsOnly(SENTINEL);
            assertThat(acl.classify(seg, l3, 0, 1, out)).as("an empty burst").isZero();
        }
    }
}
