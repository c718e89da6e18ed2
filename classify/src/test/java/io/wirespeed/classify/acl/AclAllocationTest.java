package io.wirespeed.classify.acl;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirespeed.testkit.Allocations;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Classifying bursts (either overload, malformed packets included) and single tuples allocates nothing. */
class AclAllocationTest {
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
            long[] sink = {0};
            Allocations.assertSteadyStateAllocatesNothing("ACL classification", () -> {
                for (int pass = 0; pass < 20; pass++) {
                    for (int first = 0; first < PACKETS; first += BURST) {
                        System.arraycopy(l3, first, l3Burst, 0, BURST);
                        System.arraycopy(l4, first, l4Burst, 0, BURST);
                        sink[0] += acl.classify(seg, l3Burst, BURST, 4, results);
                        sink[0] += acl.classify(seg, l3Burst, l4Burst, BURST, 1, results);
                        sink[0] += acl.classify(seg, l3Burst, 1, 4, results);
                        sink[0] += results[0];
                    }
                    for (int[] t : tuples) {
                        sink[0] += acl.classify(t[0], t[1], t[2], t[3], t[4], 4, results, 0);
                    }
                }
            });
            assertThat(sink[0]).as("work was done").isNotZero();
        }
    }
}
