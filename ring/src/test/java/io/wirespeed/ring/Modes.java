package io.wirespeed.ring;

import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/** The four producer/consumer mode combinations, for parameterized single-thread tests. */
final class Modes {
    private Modes() {
    }

    static Stream<Arguments> all() {
        return Stream.of(
                Arguments.of(SyncMode.SINGLE, SyncMode.SINGLE),
                Arguments.of(SyncMode.SINGLE, SyncMode.MULTI),
                Arguments.of(SyncMode.MULTI, SyncMode.SINGLE),
                Arguments.of(SyncMode.MULTI, SyncMode.MULTI));
    }

    /** {@code n} distinct boxed values from {@code first}. */
    static Integer[] seq(int first, int n) {
        Integer[] a = new Integer[n];
        for (int i = 0; i < n; i++) {
            a[i] = first + i;
        }
        return a;
    }
}
