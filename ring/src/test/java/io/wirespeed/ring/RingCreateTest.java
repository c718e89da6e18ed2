package io.wirespeed.ring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RingCreateTest {

    @Test
    void sizeThatIsNotAPowerOfTwoIsRejectedWithTheNextPowerOfTwoSuggested() {
        assertThatThrownBy(() -> Ring.create("r", 1000, SyncMode.SINGLE, SyncMode.SINGLE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ring size 1000 is not a power of two (try 1024)");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 0, -4, Integer.MIN_VALUE})
    void sizeBelowTwoIsRejected(int size) {
        assertThatThrownBy(() -> Ring.create("r", size, SyncMode.SINGLE, SyncMode.SINGLE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ring size " + size + " is too small (minimum 2)");
    }

    @ParameterizedTest
    @ValueSource(ints = {(1 << 30) + 1, Integer.MAX_VALUE})
    void sizeAboveTwoToTheThirtyIsRejected(int size) {
        assertThatThrownBy(() -> Ring.create("r", size, SyncMode.SINGLE, SyncMode.SINGLE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ring size " + size + " is too large (maximum 1073741824 = 2^30)");
    }

    @Test
    void errorMessagesAreOneLine() {
        assertThatThrownBy(() -> Ring.create("r", 3, SyncMode.SINGLE, SyncMode.SINGLE))
                .message().doesNotContain("\n");
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 4, 1024, 1 << 16})
    void everySlotOfAPowerOfTwoSizeIsUsable(int size) {
        Ring<Integer> ring = Ring.create("r", size, SyncMode.SINGLE, SyncMode.SINGLE);
        assertThat(ring.capacity()).isEqualTo(size);
        assertThat(ring.enqueueBurst(Modes.seq(0, size + 1), 0, size + 1)).isEqualTo(size);
        assertThat(ring.isFull()).isTrue();
    }

    @Test
    void nameAndModesAreReported() {
        Ring<Integer> ring = Ring.create("rx0", 8, SyncMode.MULTI, SyncMode.SINGLE);
        assertThat(ring.name()).isEqualTo("rx0");
        assertThat(ring.producerMode()).isEqualTo(SyncMode.MULTI);
        assertThat(ring.consumerMode()).isEqualTo(SyncMode.SINGLE);
        assertThat(ring.toString()).isEqualTo("Ring[rx0, size 8, MP/SC, count 0]");
    }

    @Test
    void nullNameOrModeIsRejected() {
        assertThatThrownBy(() -> Ring.create(null, 8, SyncMode.SINGLE, SyncMode.SINGLE)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Ring.create("r", 8, null, SyncMode.SINGLE)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Ring.create("r", 8, SyncMode.SINGLE, null)).isInstanceOf(NullPointerException.class);
    }
}
