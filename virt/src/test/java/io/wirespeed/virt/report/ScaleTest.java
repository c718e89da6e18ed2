package io.wirespeed.virt.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ScaleTest {
    @Test
    void fromZeroRoundsUpToATickAtARoundStep() {
        Scale s = Scale.fromZero(7.3);
        assertThat(s.ticks()).containsExactly(0.0, 2.0, 4.0, 6.0, 8.0);
        assertThat(s.fraction(8)).isEqualTo(1.0);
        assertThat(s.fraction(0)).isZero();
    }

    @Test
    void fromZeroOfNothingMeasuredIsZeroToOne() {
        for (double max : new double[] {0, -3, Double.NaN, Double.POSITIVE_INFINITY}) {
            Scale s = Scale.fromZero(max);
            assertThat(s.min()).isZero();
            assertThat(s.max()).isEqualTo(1.0);
        }
    }

    @Test
    void logCoversWholeDecadesWithTheirTwosAndFivesWhenNarrow() {
        Scale s = Scale.log(0.7, 42);
        assertThat(s.min()).isEqualTo(0.1, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(s.max()).isEqualTo(100.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(s.ticks()).hasSize(10);
        assertThat(s.fraction(1)).isEqualTo(1.0 / 3, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(Scale.log(1, 1e6).ticks()).hasSize(7);
    }

    @Test
    void logRepairsBoundsItCannotUse() {
        Scale s = Scale.log(Double.POSITIVE_INFINITY, 0);
        assertThat(s.min()).isEqualTo(1.0);
        assertThat(s.max()).isEqualTo(10.0);
        assertThat(Scale.log(5, 5).max()).isGreaterThan(5);
    }

    @Test
    void aWideLogRangeTicksEveryFewDecades() {
        Scale s = Scale.log(1e-6, 1e14);
        assertThat(s.ticks()).containsExactly(1e-6, 1e-4, 0.01, 1.0, 100.0, 1e4, 1e6, 1e8, 1e10, 1e12, 1e14);
    }

    @Test
    void aHugeLinearDomainHasABoundedNumberOfTicks() {
        assertThat(Scale.fromZero(Double.MAX_VALUE).ticks()).hasSizeLessThanOrEqualTo(Scale.MAX_TICKS);
    }

    @Test
    void aLinearScaleOfOneValueIsWidenedAroundIt() {
        Scale s = Scale.linear(64, 64, List.of(64.0));
        assertThat(s.fraction(64)).isEqualTo(0.5);
        assertThat(s.ticks()).containsExactly(64.0);
    }
}
