package io.wirespeed.ring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Bad offsets and counts are rejected before the ring changes. */
class RingArgumentsTest {

    private final Ring<Integer> ring = Ring.create("r", 8, SyncMode.MULTI, SyncMode.MULTI);
    private final Integer[] array = Modes.seq(0, 4);

    @Test
    void negativeCountIsRejected() {
        assertThatThrownBy(() -> ring.enqueueBurst(array, 0, -1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> ring.dequeueBulk(array, 0, -1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThat(ring.isEmpty()).isTrue();
    }

    @Test
    void rangeBeyondTheArrayIsRejected() {
        assertThatThrownBy(() -> ring.enqueueBulk(array, 2, 3)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> ring.enqueueBurst(array, -1, 2)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> ring.dequeueBurst(array, 4, 1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThat(ring.isEmpty()).isTrue();
    }
}
