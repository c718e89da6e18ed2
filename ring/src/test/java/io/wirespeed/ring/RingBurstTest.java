package io.wirespeed.ring;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Burst operations move as many elements as they can, in FIFO order. */
class RingBurstTest {

    @ParameterizedTest(name = "{0}/{1}")
    @MethodSource("io.wirespeed.ring.Modes#all")
    void enqueueBurstTakesWhatFits(SyncMode p, SyncMode c) {
        Ring<Integer> ring = Ring.create("r", 8, p, c);
        ring.enqueueBurst(Modes.seq(0, 5), 0, 5);

        assertThat(ring.enqueueBurst(Modes.seq(5, 10), 0, 10)).isEqualTo(3);

        Integer[] out = new Integer[8];
        assertThat(ring.dequeueBurst(out, 0, 8)).isEqualTo(8);
        assertThat(out).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
    }

    @ParameterizedTest(name = "{0}/{1}")
    @MethodSource("io.wirespeed.ring.Modes#all")
    void enqueueBurstIntoAFullRingReturnsZero(SyncMode p, SyncMode c) {
        Ring<Integer> ring = Ring.create("r", 4, p, c);
        ring.enqueueBurst(Modes.seq(0, 4), 0, 4);
        assertThat(ring.enqueueBurst(Modes.seq(4, 2), 0, 2)).isZero();
    }

    @ParameterizedTest(name = "{0}/{1}")
    @MethodSource("io.wirespeed.ring.Modes#all")
    void dequeueBurstTakesWhatIsAvailable(SyncMode p, SyncMode c) {
        Ring<Integer> ring = Ring.create("r", 8, p, c);
        ring.enqueueBurst(Modes.seq(0, 3), 0, 3);
        Integer[] out = new Integer[32];

        assertThat(ring.dequeueBurst(out, 0, 32)).isEqualTo(3);

        assertThat(out).startsWith(0, 1, 2);
        assertThat(out[3]).isNull();
        assertThat(ring.isEmpty()).isTrue();
    }

    @ParameterizedTest(name = "{0}/{1}")
    @MethodSource("io.wirespeed.ring.Modes#all")
    void dequeueBurstFromAnEmptyRingReturnsZero(SyncMode p, SyncMode c) {
        Ring<Integer> ring = Ring.create("r", 8, p, c);
        assertThat(ring.dequeueBurst(new Integer[4], 0, 4)).isZero();
    }

    @ParameterizedTest(name = "{0}/{1}")
    @MethodSource("io.wirespeed.ring.Modes#all")
    void burstsKeepFifoOrderOverManyLaps(SyncMode p, SyncMode c) {
        Ring<Integer> ring = Ring.create("r", 16, p, c);
        Integer[] in = new Integer[13];
        Integer[] out = new Integer[11];
        int next = 0;
        int expected = 0;
        for (int lap = 0; lap < 200; lap++) {
            int size = 1 + lap % 13;
            for (int i = 0; i < size; i++) {
                in[i] = next + i;
            }
            next += ring.enqueueBurst(in, 0, size);
            int got = ring.dequeueBurst(out, 0, 1 + lap % 11);
            for (int i = 0; i < got; i++) {
                assertThat(out[i]).isEqualTo(expected++);
            }
        }
        assertThat(ring.count()).isEqualTo(next - expected);
    }
}
