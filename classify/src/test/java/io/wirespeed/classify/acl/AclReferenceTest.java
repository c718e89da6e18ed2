package io.wirespeed.classify.acl;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The classifier against a brute-force scan of the rules, on seeded random rule sets and tuples. */
class AclReferenceTest {
    private static final ValueLayout.OfInt BE_INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    private static final ValueLayout.OfShort BE_SHORT = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);

    /** 7 sets x 20,000 tuples = 140,000 tuples, half of them drawn inside a rule. */
    @ParameterizedTest(name = "seed {0}: {1} rules, priorities 1..{2}, {3} categories")
    @CsvSource({
        "1, 1, 1000000, 1",
        "2, 40, 5, 4",
        "3, 300, 1000000, 4",
        "4, 1500, 1000000, 1",
        "5, 1500, 20, 16",
        "6, 4000, 1000000, 2",
        "7, 800, 3, 3",
    })
    void tupleClassificationAgreesWithBruteForce(long seed, int n, int priorities, int categories) {
        RandomRules gen = new RandomRules(seed);
        List<AclRule> rules = gen.rules(n, priorities, categories);
        AclClassifier acl = new AclContext().addAll(rules).build();
        NaiveAcl naive = new NaiveAcl(rules);
        int[] got = new int[categories];
        int hits = 0;
        for (int i = 0; i < 20_000; i++) {
            int[] t = gen.tuple(i % 2 == 0 ? rules.get(gen.random().nextInt(n)) : null);
            int[] want = naive.classify(t[0], t[1], t[2], t[3], t[4], categories);
            int mask = acl.classify(t[0], t[1], t[2], t[3], t[4], categories, got, 0);
            assertThat(got).as("seed %d tuple %d %s", seed, i, Arrays.toString(t)).containsExactly(want);
            assertThat(mask).isEqualTo(matchedMask(want));
            hits += mask != 0 ? 1 : 0;
        }
        assertThat(hits).as("tuples drawn inside rules match something").isGreaterThanOrEqualTo(10_000);
    }

    @ParameterizedTest(name = "seed {0}: {1} rules, {2} categories")
    @CsvSource({"11, 500, 4", "12, 2000, 1"})
    void burstsReadFromPacketBytesAgreeWithBruteForce(long seed, int n, int categories) {
        RandomRules gen = new RandomRules(seed);
        List<AclRule> rules = gen.rules(n, 1_000_000, categories);
        AclClassifier acl = new AclContext().addAll(rules).build();
        NaiveAcl naive = new NaiveAcl(rules);
        int burst = 32;
        int packets = 320 * burst;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment seg = arena.allocate(128L * packets);
            long[] l3 = new long[packets];
            long[] l4 = new long[packets];
            int[][] tuples = new int[packets][];
            for (int i = 0; i < packets; i++) {
                tuples[i] = gen.tuple(i % 2 == 0 ? rules.get(gen.random().nextInt(n)) : null);
                int ihl = 5 + gen.random().nextInt(11);
                l3[i] = 128L * i + 14;
                l4[i] = l3[i] + 4L * ihl;
                writeIpv4(seg, l3[i], ihl, tuples[i]);
            }
            int[] viaIhl = new int[burst * categories];
            int[] viaL4 = new int[burst * categories];
            for (int first = 0; first < packets; first += burst) {
                long[] l3b = Arrays.copyOfRange(l3, first, first + burst);
                long[] l4b = Arrays.copyOfRange(l4, first, first + burst);
                assertThat(acl.classify(seg, l3b, burst, categories, viaIhl)).isZero();
                assertThat(acl.classify(seg, l3b, l4b, burst, categories, viaL4)).isZero();
                for (int i = 0; i < burst; i++) {
                    int[] t = tuples[first + i];
                    int[] want = naive.classify(t[0], t[1], t[2], t[3], t[4], categories);
                    int[] gotIhl = Arrays.copyOfRange(viaIhl, i * categories, (i + 1) * categories);
                    int[] gotL4 = Arrays.copyOfRange(viaL4, i * categories, (i + 1) * categories);
                    assertThat(gotIhl).as("packet %d %s", first + i, Arrays.toString(t)).containsExactly(want);
                    assertThat(gotL4).as("packet %d %s", first + i, Arrays.toString(t)).containsExactly(want);
                }
            }
        }
    }

    static void writeIpv4(MemorySegment seg, long l3, int ihl, int[] t) {
        seg.set(ValueLayout.JAVA_BYTE, l3, (byte) (0x40 | ihl));
        seg.set(ValueLayout.JAVA_BYTE, l3 + 8, (byte) 64);
        seg.set(ValueLayout.JAVA_BYTE, l3 + 9, (byte) t[0]);
        seg.set(BE_INT, l3 + 12, t[1]);
        seg.set(BE_INT, l3 + 16, t[2]);
        seg.set(BE_SHORT, l3 + 4L * ihl, (short) t[3]);
        seg.set(BE_SHORT, l3 + 4L * ihl + 2, (short) t[4]);
    }

    private static int matchedMask(int[] results) {
        int m = 0;
        for (int c = 0; c < results.length; c++) {
            m |= results[c] != 0 ? 1 << c : 0;
        }
        return m;
    }
}
