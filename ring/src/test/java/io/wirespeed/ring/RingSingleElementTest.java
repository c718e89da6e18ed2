package io.wirespeed.ring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RingSingleElementTest {

    @ParameterizedTest(name = "{0}/{1}")
    @MethodSource("io.wirespeed.ring.Modes#all")
    void offerThenPollReturnsTheSameElements(SyncMode p, SyncMode c) {
        Ring<String> ring = Ring.create("r", 4, p, c);
        assertThat(ring.offer("a")).isTrue();
        assertThat(ring.offer("b")).isTrue();
        assertThat(ring.poll()).isEqualTo("a");
        assertThat(ring.poll()).isEqualTo("b");
    }

    @ParameterizedTest(name = "{0}/{1}")
    @MethodSource("io.wirespeed.ring.Modes#all")
    void pollOnAnEmptyRingReturnsNull(SyncMode p, SyncMode c) {
        Ring<String> ring = Ring.create("r", 4, p, c);
        assertThat(ring.poll()).isNull();
    }

    @ParameterizedTest(name = "{0}/{1}")
    @MethodSource("io.wirespeed.ring.Modes#all")
    void offerOnAFullRingReturnsFalse(SyncMode p, SyncMode c) {
        Ring<String> ring = Ring.create("r", 2, p, c);
        assertThat(ring.offer("a")).isTrue();
        assertThat(ring.offer("b")).isTrue();
        assertThat(ring.offer("c")).isFalse();
        assertThat(ring.count()).isEqualTo(2);
    }

    @ParameterizedTest(name = "{0}/{1}")
    @MethodSource("io.wirespeed.ring.Modes#all")
    void offerRejectsNull(SyncMode p, SyncMode c) {
        Ring<String> ring = Ring.create("r", 2, p, c);
        assertThatThrownBy(() -> ring.offer(null)).isInstanceOf(NullPointerException.class);
        assertThat(ring.isEmpty()).isTrue();
    }

    @ParameterizedTest(name = "{0}/{1}")
    @MethodSource("io.wirespeed.ring.Modes#all")
    void singleElementAndBurstOperationsShareOneFifo(SyncMode p, SyncMode c) {
        Ring<Integer> ring = Ring.create("r", 8, p, c);
        ring.offer(0);
        ring.enqueueBurst(Modes.seq(1, 3), 0, 3);
        ring.offer(4);
        assertThat(ring.poll()).isZero();
        Integer[] out = new Integer[4];
        assertThat(ring.dequeueBurst(out, 0, 4)).isEqualTo(4);
        assertThat(out).containsExactly(1, 2, 3, 4);
    }
}
