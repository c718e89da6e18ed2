package io.wirespeed.ring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Indices are 64-bit; the slot is {@code (int) index & mask}. These tests start the indices just
 * below the points where the 32-bit slot arithmetic and the 64-bit index arithmetic overflow.
 */
class RingWrapAroundTest {

    private static final long[] STARTS = {
        Integer.MAX_VALUE - 5L, 0xFFFF_FFFFL - 5, Long.MAX_VALUE - 5, -6L
    };

    @ParameterizedTest(name = "{0}/{1}")
    @MethodSource("io.wirespeed.ring.Modes#all")
    void burstsCrossTheIndexOverflowPointsInOrder(SyncMode p, SyncMode c) {
        for (long start : STARTS) {
            Ring<Integer> ring = Ring.create("r", 8, p, c, null, start);
            Integer[] out = new Integer[8];
            int next = 0;
            int expected = 0;
            for (int round = 0; round < 6; round++) {
                next += ring.enqueueBurst(Modes.seq(next, 5), 0, 5);
                int got = ring.dequeueBurst(out, 0, 3);
                for (int i = 0; i < got; i++) {
                    assertThat(out[i]).as("start %d", start).isEqualTo(expected++);
                }
                assertThat(ring.count()).as("start %d", start).isEqualTo(next - expected);
            }
        }
    }

    @ParameterizedTest(name = "{0}/{1}")
    @MethodSource("io.wirespeed.ring.Modes#all")
    void fullAndEmptyAreDetectedAcrossTheOverflow(SyncMode p, SyncMode c) {
        for (long start : STARTS) {
            Ring<Integer> ring = Ring.create("r", 8, p, c, Integer.class, start);
            ring.enqueueBulk(Modes.seq(0, 4), 0, 4);
            ring.dequeueBulk(new Integer[4], 0, 4);
            assertThat(ring.enqueueBulk(Modes.seq(0, 8), 0, 8)).isEqualTo(8);
            assertThat(ring.offer(9)).isFalse();
            assertThat(ring.isFull()).isTrue();
            assertThat(ring.dequeueBulk(new Integer[8], 0, 8)).isEqualTo(8);
            assertThat(ring.poll()).isNull();
            assertThat(ring.isEmpty()).isTrue();
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 5, 7, 8})
    void aBurstSplitByTheEndOfTheSlotArrayArrivesWhole(int headSlot) {
        for (Class<Integer> type : Arrays.asList(null, Integer.class)) {
            Ring<Integer> ring = Ring.create("r", 8, SyncMode.SINGLE, SyncMode.SINGLE, type, headSlot);
            Integer[] out = new Integer[8];
            assertThat(ring.enqueueBulk(Modes.seq(0, 8), 0, 8)).isEqualTo(8);
            assertThat(ring.dequeueBulk(out, 0, 8)).isEqualTo(8);
            assertThat(out).containsExactly(Modes.seq(0, 8));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void smallBurstsSplitByTheEndOfTheSlotArrayArriveWhole(int n) {
        Ring<Integer> ring = Ring.create("r", 4, SyncMode.SINGLE, SyncMode.SINGLE, null, 3);
        Integer[] out = new Integer[n];
        assertThat(ring.enqueueBulk(Modes.seq(0, n), 0, n)).isEqualTo(n);
        assertThat(ring.dequeueBulk(out, 0, n)).isEqualTo(n);
        assertThat(out).containsExactly(Modes.seq(0, n));
    }
}
