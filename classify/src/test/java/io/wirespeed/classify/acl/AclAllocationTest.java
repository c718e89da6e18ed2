package io.wirespeed.classify.acl;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Classifying bursts (either overload, malformed packets included) and single tuples allocates nothing. */
class AclAllocationTest {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final int PACKETS = 1024;
    private static final int BURST = 64;

    @Test
    void burstAndTupleClassificationAllocateNothing() {
        RandomRules gen = new RandomRules(77);
        List<AclRule> rules = gen.rules(2000, 1_000_000, 4);
        AclClassifier acl = new AclContext().addAll(rules).build();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment seg = arena.allocate(64L * PACKETS);
            long[] l3 = new long[PACKETS];
            long[] l4 = new long[PACKETS];
            int[][] tuples = new int[PACKETS][];
            for (int i = 0; i < PACKETS; i++) {
                tuples[i] = gen.tuple(i % 2 == 0 ? rules.get(gen.random().nextInt(rules.size())) : null);
                l3[i] = 64L * i;
                l4[i] = l3[i] + 20;
                AclReferenceTest.writeIpv4(seg, l3[i], 5, tuples[i]);
            }
            l3[PACKETS - 1] = -1; // one malformed packet per pass: the counting path allocates nothing either
            long[] l3Burst = new long[BURST];
            long[] l4Burst = new long[BURST];
            int[] results = new int[BURST * 4];
            THREADS.getCurrentThreadAllocatedBytes();
            int zeroRoundsInARow = 0;
            long[] perRound = new long[30];
            long sink = 0;
            for (int round = 0; round < perRound.length && zeroRoundsInARow < 3; round++) {
                long before = THREADS.getCurrentThreadAllocatedBytes();
                for (int pass = 0; pass < 20; pass++) {
                    for (int first = 0; first < PACKETS; first += BURST) {
                        System.arraycopy(l3, first, l3Burst, 0, BURST);
                        System.arraycopy(l4, first, l4Burst, 0, BURST);
                        sink += acl.classify(seg, l3Burst, BURST, 4, results);
                        sink += acl.classify(seg, l3Burst, l4Burst, BURST, 1, results);
                        sink += acl.classify(seg, l3Burst, 1, 4, results);
                        sink += results[0];
                    }
                    for (int[] t : tuples) {
                        sink += acl.classify(t[0], t[1], t[2], t[3], t[4], 4, results, 0);
                    }
                }
                perRound[round] = THREADS.getCurrentThreadAllocatedBytes() - before;
                zeroRoundsInARow = perRound[round] == 0 ? zeroRoundsInARow + 1 : 0;
            }
            assertThat(zeroRoundsInARow).as("bytes per round %s (sink %d)", Arrays.toString(perRound), sink).isEqualTo(3);
        }
    }
}
