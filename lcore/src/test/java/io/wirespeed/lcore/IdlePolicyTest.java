package io.wirespeed.lcore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wirespeed.sys.Clock;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
class IdlePolicyTest {
    @Test
    void namedKnowsBusyAndBackoff() {
        assertThat(IdlePolicy.named("busy")).isInstanceOf(BusyIdlePolicy.class);
        assertThat(IdlePolicy.named("backoff")).isInstanceOf(BackoffIdlePolicy.class);
        assertThat(IdlePolicy.NAMES).allSatisfy(name -> assertThat(IdlePolicy.named(name).name()).isEqualTo(name));
    }

    @Test
    void namedGivesEachCallerItsOwnInstance() {
        assertThat(IdlePolicy.named("backoff")).isNotSameAs(IdlePolicy.named("backoff"));
    }

    @Test
    void unknownNameIsRefusedWithTheValidNames() {
        assertThatThrownBy(() -> IdlePolicy.named("turbo"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown idle policy \"turbo\" (valid: busy, backoff, adaptive, interrupt)");
    }

    @Test
    void backoffSpinsThenYieldsThenParksTwiceAsLongEachTimeUpToTheCap() {
        BackoffIdlePolicy backoff = new BackoffIdlePolicy(4, 2, 10_000, 100_000);

        assertThat(backoff.parkNanos(1)).isZero();
        assertThat(backoff.parkNanos(6)).isZero();
        assertThat(backoff.parkNanos(7)).isEqualTo(10_000);
        assertThat(backoff.parkNanos(8)).isEqualTo(20_000);
        assertThat(backoff.parkNanos(9)).isEqualTo(40_000);
        assertThat(backoff.parkNanos(10)).isEqualTo(80_000);
        assertThat(backoff.parkNanos(11)).isEqualTo(100_000);
        assertThat(backoff.parkNanos(70)).isEqualTo(100_000);
        assertThat(backoff.parkNanos(Integer.MAX_VALUE)).isEqualTo(100_000);
    }

    @Test
    void backoffLoopUsesFarLessCpuThanABusyLoopOverTheSameTime() throws InterruptedException {
        long busyCpu = cpuOfEmptyPollLoop(IdlePolicy.named("busy"), 200_000_000L);
        long backoffCpu = cpuOfEmptyPollLoop(IdlePolicy.named("backoff"), 200_000_000L);

        assertThat(backoffCpu).as("backoff %d ns vs busy %d ns of CPU", backoffCpu, busyCpu)
                .isLessThan(busyCpu / 5);
    }

    /** Thread CPU time a loop of empty polls under {@code policy} uses in {@code wallNanos}. */
    private static long cpuOfEmptyPollLoop(IdlePolicy policy, long wallNanos) throws InterruptedException {
        AtomicLong cpu = new AtomicLong();
        Thread loop = new Thread(() -> {
            long cpuStart = Clock.threadCpuNanos();
            long end = Clock.monotonicNanos() + wallNanos;
            int emptyPolls = 0;
            while (Clock.monotonicNanos() < end) {
                policy.idle(++emptyPolls);
            }
            cpu.set(Clock.threadCpuNanos() - cpuStart);
        });
        loop.start();
        loop.join();
        return cpu.get();
    }
}
