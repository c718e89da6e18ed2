package io.wirespeed.ring;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RingCountTest {

    @ParameterizedTest(name = "{0}/{1}")
    @MethodSource("io.wirespeed.ring.Modes#all")
    void newRingIsEmptyWithAllSlotsFree(SyncMode p, SyncMode c) {
        Ring<Integer> ring = Ring.create("r", 16, p, c);
        assertThat(ring.count()).isZero();
        assertThat(ring.freeCount()).isEqualTo(16);
        assertThat(ring.isEmpty()).isTrue();
        assertThat(ring.isFull()).isFalse();
    }

    @ParameterizedTest(name = "{0}/{1}")
    @MethodSource("io.wirespeed.ring.Modes#all")
    void countAndFreeCountFollowEnqueuesAndDequeues(SyncMode p, SyncMode c) {
        Ring<Integer> ring = Ring.create("r", 16, p, c);
        ring.enqueueBurst(Modes.seq(0, 10), 0, 10);
        assertThat(ring.count()).isEqualTo(10);
        assertThat(ring.freeCount()).isEqualTo(6);

        ring.dequeueBurst(new Integer[4], 0, 4);
        assertThat(ring.count()).isEqualTo(6);
        assertThat(ring.freeCount()).isEqualTo(10);
        assertThat(ring.isEmpty()).isFalse();
        assertThat(ring.isFull()).isFalse();
    }

    @ParameterizedTest(name = "{0}/{1}")
    @MethodSource("io.wirespeed.ring.Modes#all")
    void fullRingReportsFullAndNoFreeSpace(SyncMode p, SyncMode c) {
        Ring<Integer> ring = Ring.create("r", 8, p, c);
        ring.enqueueBurst(Modes.seq(0, 8), 0, 8);
        assertThat(ring.isFull()).isTrue();
        assertThat(ring.count()).isEqualTo(8);
        assertThat(ring.freeCount()).isZero();
    }
}
