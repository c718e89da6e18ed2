package io.wirespeed.ring;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Bulk operations move all {@code n} elements or none. */
class RingBulkTest {

    @ParameterizedTest(name = "{0}/{1}")
    @MethodSource("io.wirespeed.ring.Modes#all")
    void enqueueBulkThatDoesNotFitEnqueuesNothing(SyncMode p, SyncMode c) {
        Ring<Integer> ring = Ring.create("r", 8, p, c);
        assertThat(ring.enqueueBulk(Modes.seq(0, 6), 0, 6)).isEqualTo(6);

        assertThat(ring.enqueueBulk(Modes.seq(6, 3), 0, 3)).isZero();

        assertThat(ring.count()).isEqualTo(6);
        Integer[] out = new Integer[8];
        assertThat(ring.dequeueBurst(out, 0, 8)).isEqualTo(6);
        assertThat(out).startsWith(0, 1, 2, 3, 4, 5);
    }

    @ParameterizedTest(name = "{0}/{1}")
    @MethodSource("io.wirespeed.ring.Modes#all")
    void enqueueBulkThatExactlyFillsTheRingSucceeds(SyncMode p, SyncMode c) {
        Ring<Integer> ring = Ring.create("r", 8, p, c);
        assertThat(ring.enqueueBulk(Modes.seq(0, 3), 0, 3)).isEqualTo(3);
        assertThat(ring.enqueueBulk(Modes.seq(3, 5), 0, 5)).isEqualTo(5);
        assertThat(ring.isFull()).isTrue();
    }

    @ParameterizedTest(name = "{0}/{1}")
    @MethodSource("io.wirespeed.ring.Modes#all")
    void enqueueBulkLargerThanTheCapacityAlwaysFails(SyncMode p, SyncMode c) {
        Ring<Integer> ring = Ring.create("r", 8, p, c);
        assertThat(ring.enqueueBulk(Modes.seq(0, 9), 0, 9)).isZero();
        assertThat(ring.isEmpty()).isTrue();
    }

    @ParameterizedTest(name = "{0}/{1}")
    @MethodSource("io.wirespeed.ring.Modes#all")
    void dequeueBulkWithTooFewEntriesDequeuesNothing(SyncMode p, SyncMode c) {
        Ring<Integer> ring = Ring.create("r", 8, p, c);
        ring.enqueueBulk(Modes.seq(0, 3), 0, 3);
        Integer[] out = new Integer[4];

        assertThat(ring.dequeueBulk(out, 0, 4)).isZero();

        assertThat(out).containsOnlyNulls();
        assertThat(ring.count()).isEqualTo(3);
        assertThat(ring.dequeueBulk(out, 1, 3)).isEqualTo(3);
        assertThat(out).containsExactly(null, 0, 1, 2);
    }

    @ParameterizedTest(name = "{0}/{1}")
    @MethodSource("io.wirespeed.ring.Modes#all")
    void bulkOfZeroElementsIsANoOp(SyncMode p, SyncMode c) {
        Ring<Integer> ring = Ring.create("r", 8, p, c);
        assertThat(ring.enqueueBulk(new Integer[0], 0, 0)).isZero();
        assertThat(ring.dequeueBulk(new Integer[0], 0, 0)).isZero();
        assertThat(ring.isEmpty()).isTrue();
    }

    @ParameterizedTest(name = "{0}/{1}")
    @MethodSource("io.wirespeed.ring.Modes#all")
    void bulkUsesTheGivenOffsetsOfSourceAndDestination(SyncMode p, SyncMode c) {
        Ring<Integer> ring = Ring.create("r", 8, p, c);
        Integer[] src = Modes.seq(100, 10);
        assertThat(ring.enqueueBulk(src, 4, 3)).isEqualTo(3);
        Integer[] dst = new Integer[6];
        assertThat(ring.dequeueBulk(dst, 2, 3)).isEqualTo(3);
        assertThat(dst).containsExactly(null, null, 104, 105, 106, null);
    }
}
