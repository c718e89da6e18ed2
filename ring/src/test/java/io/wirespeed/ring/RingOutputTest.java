package io.wirespeed.ring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The DPDK outputs: free space after an enqueue, entries left after a dequeue. */
class RingOutputTest {

    @ParameterizedTest(name = "{0}/{1}")
    @MethodSource("io.wirespeed.ring.Modes#all")
    void enqueueReportsTheFreeSpaceLeft(SyncMode p, SyncMode c) {
        Ring<Integer> ring = Ring.create("r", 16, p, c);
        int[] free = {-1};
        assertThat(ring.enqueueBulk(Modes.seq(0, 5), 0, 5, free)).isEqualTo(5);
        assertThat(free[0]).isEqualTo(11);
        assertThat(ring.enqueueBurst(Modes.seq(5, 20), 0, 20, free)).isEqualTo(11);
        assertThat(free[0]).isZero();
    }

    @ParameterizedTest(name = "{0}/{1}")
    @MethodSource("io.wirespeed.ring.Modes#all")
    void failedBulkEnqueueReportsTheFreeSpaceItSaw(SyncMode p, SyncMode c) {
        Ring<Integer> ring = Ring.create("r", 8, p, c);
        ring.enqueueBulk(Modes.seq(0, 6), 0, 6);
        int[] free = {-1};
        assertThat(ring.enqueueBulk(Modes.seq(6, 3), 0, 3, free)).isZero();
        assertThat(free[0]).isEqualTo(2);
    }

    @ParameterizedTest(name = "{0}/{1}")
    @MethodSource("io.wirespeed.ring.Modes#all")
    void freeSpaceIsExactEvenWhenTheProducerCacheIsStale(SyncMode p, SyncMode c) {
        Ring<Integer> ring = Ring.create("r", 16, p, c);
        ring.enqueueBulk(Modes.seq(0, 12), 0, 12);
        ring.dequeueBulk(new Integer[12], 0, 12); // the producer has not seen this yet
        int[] free = {-1};
        ring.enqueueBulk(Modes.seq(12, 1), 0, 1, free);
        assertThat(free[0]).isEqualTo(15);
    }

    @ParameterizedTest(name = "{0}/{1}")
    @MethodSource("io.wirespeed.ring.Modes#all")
    void dequeueReportsTheEntriesLeft(SyncMode p, SyncMode c) {
        Ring<Integer> ring = Ring.create("r", 16, p, c);
        ring.enqueueBulk(Modes.seq(0, 10), 0, 10);
        int[] available = {-1};
        assertThat(ring.dequeueBulk(new Integer[4], 0, 4, available)).isEqualTo(4);
        assertThat(available[0]).isEqualTo(6);
        assertThat(ring.dequeueBurst(new Integer[8], 0, 8, available)).isEqualTo(6);
        assertThat(available[0]).isZero();
    }

    @ParameterizedTest(name = "{0}/{1}")
    @MethodSource("io.wirespeed.ring.Modes#all")
    void failedBulkDequeueReportsTheEntriesItSaw(SyncMode p, SyncMode c) {
        Ring<Integer> ring = Ring.create("r", 16, p, c);
        ring.enqueueBulk(Modes.seq(0, 3), 0, 3);
        int[] available = {-1};
        assertThat(ring.dequeueBulk(new Integer[5], 0, 5, available)).isZero();
        assertThat(available[0]).isEqualTo(3);
    }

    @ParameterizedTest(name = "{0}/{1}")
    @MethodSource("io.wirespeed.ring.Modes#all")
    void availableIsExactEvenWhenTheConsumerCacheIsStale(SyncMode p, SyncMode c) {
        Ring<Integer> ring = Ring.create("r", 16, p, c);
        ring.enqueueBulk(Modes.seq(0, 2), 0, 2);
        ring.dequeueBulk(new Integer[1], 0, 1); // the consumer has now seen 2 entries
        ring.enqueueBulk(Modes.seq(2, 8), 0, 8);
        int[] available = {-1};
        ring.dequeueBulk(new Integer[1], 0, 1, available);
        assertThat(available[0]).isEqualTo(8);
    }

    @ParameterizedTest(name = "{0}/{1}")
    @MethodSource("io.wirespeed.ring.Modes#all")
    void nullOutputArraysAreAllowed(SyncMode p, SyncMode c) {
        Ring<Integer> ring = Ring.create("r", 8, p, c);
        assertThat(ring.enqueueBurst(Modes.seq(0, 2), 0, 2, null)).isEqualTo(2);
        assertThat(ring.enqueueBulk(Modes.seq(2, 2), 0, 2, null)).isEqualTo(2);
        assertThat(ring.dequeueBurst(new Integer[2], 0, 2, null)).isEqualTo(2);
        assertThat(ring.dequeueBulk(new Integer[2], 0, 2, null)).isEqualTo(2);
    }

    @ParameterizedTest(name = "{0}/{1}")
    @MethodSource("io.wirespeed.ring.Modes#all")
    void emptyOutputArrayIsRejectedBeforeTheRingChanges(SyncMode p, SyncMode c) {
        Ring<Integer> ring = Ring.create("r", 8, p, c);
        assertThatThrownBy(() -> ring.enqueueBurst(Modes.seq(0, 2), 0, 2, new int[0]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(ring.isEmpty()).isTrue();
    }
}
