package io.wirespeed.sys;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClockTest {
    @Test
    void threadCpuTimeGrowsWithWork() {
        long before = Clock.threadCpuNanos();
        long x = 0;
        for (int i = 0; i < 50_000_000; i++) {
            x += i * 31L ^ x;
        }
        assertThat(Clock.threadCpuNanos() - before + (x & 0)).isPositive();
    }

    @Test
    void monotonicClockNeverGoesBack() {
        long a = Clock.monotonicNanos();
        long b = Clock.monotonicNanos();
        assertThat(b).isGreaterThanOrEqualTo(a);
    }
}
