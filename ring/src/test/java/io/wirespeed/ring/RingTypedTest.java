package io.wirespeed.ring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Rings created with an element type, and what happens when an array cannot hold an element. */
class RingTypedTest {

    @ParameterizedTest(name = "{0}/{1}")
    @MethodSource("io.wirespeed.ring.Modes#all")
    void typedRingMovesBurstsBetweenArraysOfItsType(SyncMode p, SyncMode c) {
        Ring<Integer> ring = Ring.create("r", 8, p, c, Integer.class);
        assertThat(ring.enqueueBulk(Modes.seq(0, 6), 0, 6)).isEqualTo(6);
        Integer[] out = new Integer[6];
        assertThat(ring.dequeueBulk(out, 0, 6)).isEqualTo(6);
        assertThat(out).containsExactly(0, 1, 2, 3, 4, 5);
    }

    @Test
    void typedRingTakesArraysOfASubtypeOfItsElementType() {
        Ring<Number> ring = Ring.create("r", 8, SyncMode.SINGLE, SyncMode.SINGLE, Number.class);
        Integer[] src = Modes.seq(0, 3);
        assertThat(ring.enqueueBulk(src, 0, 3)).isEqualTo(3);
        Number[] out = new Number[3];
        assertThat(ring.dequeueBulk(out, 0, 3)).isEqualTo(3);
        assertThat(out).containsExactly(0, 1, 2);
    }

    @Test
    void primitiveElementTypeIsRejected() {
        assertThatThrownBy(() -> Ring.create("r", 8, SyncMode.SINGLE, SyncMode.SINGLE, int.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ring element type int is primitive (use its wrapper class)");
    }

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void singleProducerPollutedEnqueueThrowsAndPublishesNothing() {
        Ring raw = Ring.create("r", 8, SyncMode.SINGLE, SyncMode.SINGLE, Integer.class);
        assertThatThrownBy(() -> raw.enqueueBurst(new Object[] {1, "two", 3}, 0, 3))
                .isInstanceOf(ArrayStoreException.class);
        assertThat(raw.isEmpty()).isTrue();
        assertThat(raw.offer(4)).isTrue();
        assertThat(raw.poll()).isEqualTo(4);
    }

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void multiProducerPollutedEnqueueThrowsAndPublishesNullsSoLaterProducersAreNotBlocked() {
        Ring raw = Ring.create("r", 8, SyncMode.MULTI, SyncMode.SINGLE, Integer.class);
        assertThatThrownBy(() -> raw.enqueueBurst(new Object[] {1, "two", 3}, 0, 3))
                .isInstanceOf(ArrayStoreException.class);
        assertThat(raw.offer(4)).isTrue();
        Object[] out = new Object[4];
        assertThat(raw.dequeueBurst(out, 0, 4)).isEqualTo(4);
        assertThat(out).containsExactly(null, null, null, 4);
    }

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void singleConsumerDequeueIntoAnArrayThatCannotHoldTheElementsConsumesNothing() {
        Ring raw = Ring.create("r", 8, SyncMode.SINGLE, SyncMode.SINGLE);
        raw.enqueueBurst(new Object[] {"a", "b", "c", "d"}, 0, 4);
        assertThatThrownBy(() -> raw.dequeueBurst(new Integer[4], 0, 4)).isInstanceOf(ArrayStoreException.class);
        assertThat(raw.count()).isEqualTo(4);
    }

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void multiConsumerDequeueIntoAnArrayThatCannotHoldTheElementsReleasesItsReservation() {
        Ring raw = Ring.create("r", 8, SyncMode.SINGLE, SyncMode.MULTI);
        raw.enqueueBurst(new Object[] {"a", "b", "c", "d"}, 0, 4);
        assertThatThrownBy(() -> raw.dequeueBurst(new Integer[4], 0, 4)).isInstanceOf(ArrayStoreException.class);
        assertThat(raw.isEmpty()).isTrue();
        assertThat(raw.offer("e")).isTrue();
        assertThat(raw.poll()).isEqualTo("e");
    }
}
