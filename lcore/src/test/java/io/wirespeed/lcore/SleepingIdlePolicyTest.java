package io.wirespeed.lcore;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirespeed.sys.Clock;
import io.wirespeed.sys.EventFd;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SleepingIdlePolicyTest {
    /** A queue stand-in: an eventfd that a test raises, recording the arm/disarm calls. */
    static final class Doorbell implements InterruptSource, AutoCloseable {
        final EventFd fd = EventFd.create();
        final List<Boolean> enables = new ArrayList<>();
        int sleptOn;

        @Override
        public int interruptFd() {
            return fd.fd();
        }

        @Override
        public void interruptEnable(boolean on) {
            enables.add(on);
        }

        @Override
        public void sleptOn() {
            sleptOn++;
        }

        @Override
        public void close() {
            fd.close();
        }
    }

    @Test
    void watchingASourceTellsItOnceThatItWillBeSleptOn() {
        try (Doorbell bell = new Doorbell()) {
            SleepingIdlePolicy policy = SleepingIdlePolicy.adaptive();
            policy.watch(bell);
            assertThat(bell.sleptOn).isEqualTo(1);
            policy.close();
        }
    }

    @Test
    void adaptiveSpinsAndPausesBeforeItSleeps() {
        try (Doorbell bell = new Doorbell()) {
            SleepingIdlePolicy policy = SleepingIdlePolicy.adaptive();
            policy.watch(bell);
            for (int empty = 1; empty <= SleepingIdlePolicy.ADAPTIVE_SUSPEND_POLLS; empty++) {
                policy.idle(empty);
            }
            assertThat(policy.sleeps()).isZero();
            assertThat(bell.enables).isEmpty();
            policy.close();
        }
    }

    @Test
    void adaptiveSleepsOnTheInterruptPastTheSuspendThresholdAndTheSignalWakesIt() {
        try (Doorbell bell = new Doorbell()) {
            SleepingIdlePolicy policy = SleepingIdlePolicy.adaptive();
            policy.watch(bell);
            bell.fd.signal();
            policy.idle(SleepingIdlePolicy.ADAPTIVE_SUSPEND_POLLS + 1);
            assertThat(policy.sleeps()).isEqualTo(1);
            assertThat(policy.wakeups()).isEqualTo(1);
            assertThat(bell.enables).containsExactly(true, false);
            policy.close();
        }
    }

    @Test
    void interruptModeSleepsAfterTheFirstEmptyPoll() {
        try (Doorbell bell = new Doorbell()) {
            SleepingIdlePolicy policy = SleepingIdlePolicy.interrupt();
            policy.watch(bell);
            bell.fd.signal();
            policy.idle(1);
            assertThat(policy.wakeups()).isEqualTo(1);
            policy.close();
        }
    }

    @Test
    void aTimeoutIsASleepButNotAWakeup() {
        try (Doorbell bell = new Doorbell()) {
            SleepingIdlePolicy policy = SleepingIdlePolicy.interrupt();
            policy.watch(bell);
            policy.idle(1);
            assertThat(policy.sleeps()).isEqualTo(1);
            assertThat(policy.wakeups()).isZero();
            policy.close();
        }
    }

    @Test
    void withoutAnyDescriptorItParksByTheClock() {
        SleepingIdlePolicy policy = SleepingIdlePolicy.interrupt();
        policy.watch(new InterruptSource() {
            @Override
            public int interruptFd() {
                return -1;
            }

            @Override
            public void interruptEnable(boolean on) {
                throw new AssertionError("a source without a descriptor is never armed");
            }
        });
        policy.idle(1);
        assertThat(policy.sleeps()).isEqualTo(1);
        assertThat(policy.wakeups()).isZero();
        policy.close();
    }

    @Test
    void anIdleAdaptiveLoopUsesFarLessCpuThanABusyOne() {
        try (Doorbell bell = new Doorbell()) {
            long busy = cpuOfIdleLoop(new BusyIdlePolicy(), bell, 200);
            SleepingIdlePolicy adaptive = SleepingIdlePolicy.adaptive();
            adaptive.watch(bell);
            long sleeping = cpuOfIdleLoop(adaptive, bell, 200);
            adaptive.close();
            assertThat(sleeping).isLessThan(busy / 5);
        }
    }

    /** CPU nanoseconds a loop of empty polls uses over {@code millis} of wall time. */
    private static long cpuOfIdleLoop(IdlePolicy policy, Doorbell bell, long millis) {
        long cpuBefore = Clock.threadCpuNanos();
        long end = System.nanoTime() + millis * 1_000_000;
        int empty = 0;
        while (System.nanoTime() < end) {
            policy.idle(++empty);
        }
        return Clock.threadCpuNanos() - cpuBefore;
    }

    @Test
    void aTimedOutSleepFollowedByWorkHalvesTheNextSleep() {
        try (Doorbell silent = new Doorbell()) {
            SleepingIdlePolicy policy = SleepingIdlePolicy.interrupt();
            policy.watch(silent);
            policy.idle(1);     // sleeps the whole timeout: the doorbell never rings
            policy.busy(1);      // ... yet the next poll found work: a missed interrupt
            assertThat(policy.missedInterrupts()).isEqualTo(1);
            assertThat(policy.sleepNanos()).isEqualTo(SleepingIdlePolicy.MAX_SLEEP_NANOS / 2);
            policy.close();
        }
    }

    @Test
    void missedInterruptsShortenTheSleepNoFurtherThanTheMinimum() {
        try (Doorbell silent = new Doorbell()) {
            SleepingIdlePolicy policy = SleepingIdlePolicy.interrupt();
            policy.watch(silent);
            for (int i = 0; i < 10; i++) {
                policy.idle(1);
                policy.busy(1);
            }
            assertThat(policy.sleepNanos()).isEqualTo(SleepingIdlePolicy.MIN_SLEEP_NANOS);
            assertThat(policy.sleeps()).isEqualTo(10);
            assertThat(policy.wakeups()).isZero();
            policy.close();
        }
    }

    @Test
    void aTimedOutSleepFollowedByAnEmptyPollDoublesTheSleepBackUpToTheTimeout() {
        try (Doorbell silent = new Doorbell()) {
            SleepingIdlePolicy policy = SleepingIdlePolicy.interrupt();
            policy.watch(silent);
            policy.idle(1);
            policy.busy(1);
            policy.idle(1);
            policy.busy(1);      // now a quarter of the timeout
            policy.idle(1);     // times out; the next poll finds nothing
            policy.idle(2);
            assertThat(policy.sleepNanos()).isEqualTo(SleepingIdlePolicy.MAX_SLEEP_NANOS / 2);
            for (int empty = 3; empty < 8; empty++) {
                policy.idle(empty);
            }
            assertThat(policy.sleepNanos()).isEqualTo(SleepingIdlePolicy.MAX_SLEEP_NANOS);
            policy.close();
        }
    }

    @Test
    void aSignalledWakeUpLeavesTheSleepAsLongAsItWas() {
        try (Doorbell bell = new Doorbell()) {
            SleepingIdlePolicy policy = SleepingIdlePolicy.interrupt();
            policy.watch(bell);
            bell.fd.signal();
            policy.idle(1);
            policy.busy(1);
            assertThat(policy.wakeups()).isEqualTo(1);
            assertThat(policy.missedInterrupts()).isZero();
            assertThat(policy.sleepNanos()).isEqualTo(SleepingIdlePolicy.MAX_SLEEP_NANOS);
            policy.close();
        }
    }

    /** A clock the test moves by hand. */
    private static final class ManualClock implements java.util.function.LongSupplier {
        long now;

        @Override
        public long getAsLong() {
            return now;
        }
    }

    /** One rate window in which the polls found {@code packets}. */
    private static void windowOf(SleepingIdlePolicy policy, ManualClock clock, int packets) {
        policy.busy(packets);
        clock.now += SleepingIdlePolicy.RATE_WINDOW_NANOS;
    }

    private static SleepingIdlePolicy adaptiveOn(ManualClock clock, long lowRatePps) {
        return new SleepingIdlePolicy("adaptive", SleepingIdlePolicy.ADAPTIVE_SPIN_POLLS,
                SleepingIdlePolicy.ADAPTIVE_SUSPEND_POLLS, lowRatePps,
                SleepingIdlePolicy.ADAPTIVE_MIN_WAKEUP_INTERVAL_NANOS, clock);
    }

    private static final int ASLEEP = SleepingIdlePolicy.ADAPTIVE_SUSPEND_POLLS + 1;

    /** Sleeps, is woken by the signalled doorbell, and finds work; then the clock moves on. */
    private static void productiveWakeUp(SleepingIdlePolicy policy, ManualClock clock, long thenNanos) {
        policy.idle(ASLEEP);
        policy.busy(1);
        clock.now += thenNanos;
    }

    @Test
    void wakeUpsThatFoundWorkCloserThanTheIntervalThrottleTheNextSleep() {
        try (Doorbell bell = new Doorbell()) {
            ManualClock clock = new ManualClock();
            SleepingIdlePolicy policy = adaptiveOn(clock, 100_000);
            policy.watch(bell);
            bell.fd.signal();
            productiveWakeUp(policy, clock, 100_000);
            productiveWakeUp(policy, clock, 100_000);   // 0.1 ms after the first
            policy.idle(ASLEEP);
            assertThat(policy.throttledSleeps()).isEqualTo(1);
            assertThat(policy.sleeps()).isEqualTo(3);
            assertThat(bell.enables).containsExactly(true, false, true, false);   // not armed the third time
            policy.close();
        }
    }

    @Test
    void wakeUpsThatFoundWorkFurtherApartThanTheIntervalAreNotThrottled() {
        try (Doorbell bell = new Doorbell()) {
            ManualClock clock = new ManualClock();
            SleepingIdlePolicy policy = adaptiveOn(clock, 100_000);
            policy.watch(bell);
            bell.fd.signal();
            productiveWakeUp(policy, clock, SleepingIdlePolicy.ADAPTIVE_MIN_WAKEUP_INTERVAL_NANOS);
            productiveWakeUp(policy, clock, 100_000);   // an interval after the first
            policy.idle(ASLEEP);
            assertThat(policy.throttledSleeps()).isZero();
            assertThat(policy.wakeups()).isEqualTo(3);
            policy.close();
        }
    }

    @Test
    void aWakeUpThatFoundNothingDoesNotThrottleTheNextSleep() {
        try (Doorbell bell = new Doorbell()) {
            ManualClock clock = new ManualClock();
            SleepingIdlePolicy policy = adaptiveOn(clock, 100_000);
            policy.watch(bell);
            bell.fd.signal();
            productiveWakeUp(policy, clock, 100_000);
            policy.idle(ASLEEP);                        // woken, and the next poll is empty
            clock.now += 100_000;
            policy.idle(ASLEEP + 1);
            assertThat(policy.throttledSleeps()).isZero();
            assertThat(policy.wakeups()).isEqualTo(3);
            policy.close();
        }
    }

    @Test
    void onceTheIntervalHasPassedItSleepsOnTheQueuesAgain() {
        try (Doorbell bell = new Doorbell()) {
            ManualClock clock = new ManualClock();
            SleepingIdlePolicy policy = adaptiveOn(clock, 100_000);
            policy.watch(bell);
            bell.fd.signal();
            productiveWakeUp(policy, clock, 100_000);
            productiveWakeUp(policy, clock, SleepingIdlePolicy.ADAPTIVE_MIN_WAKEUP_INTERVAL_NANOS);
            policy.idle(ASLEEP);
            assertThat(policy.throttledSleeps()).isZero();
            assertThat(policy.wakeups()).isEqualTo(3);  // the eventfd still reads as signalled
            policy.close();
        }
    }

    @Test
    void interruptModeDoesNotThrottleItsWakeUps() {
        try (Doorbell bell = new Doorbell()) {
            SleepingIdlePolicy policy = SleepingIdlePolicy.interrupt();
            policy.watch(bell);
            bell.fd.signal();
            policy.idle(1);
            policy.busy(1);
            policy.idle(1);
            assertThat(policy.throttledSleeps()).isZero();
            assertThat(policy.wakeups()).isEqualTo(2);
            policy.close();
        }
    }

    @Test
    void adaptiveNeverWaitsWhileTheTrafficIsAboveItsThreshold() {
        try (Doorbell bell = new Doorbell()) {
            ManualClock clock = new ManualClock();
            SleepingIdlePolicy policy = adaptiveOn(clock, 100_000);
            policy.watch(bell);
            windowOf(policy, clock, 200);                       // 200 packets in 1 ms: 200 kpps
            for (int empty = 1; empty <= 2 * SleepingIdlePolicy.ADAPTIVE_SUSPEND_POLLS; empty++) {
                policy.idle(empty);
            }
            assertThat(policy.sleeps()).isZero();
            assertThat(bell.enables).isEmpty();
            policy.close();
        }
    }

    @Test
    void adaptiveWaitsAgainOnceAWindowFallsBelowItsThreshold() {
        try (Doorbell bell = new Doorbell()) {
            ManualClock clock = new ManualClock();
            SleepingIdlePolicy policy = adaptiveOn(clock, 100_000);
            policy.watch(bell);
            windowOf(policy, clock, 200);
            policy.idle(SleepingIdlePolicy.ADAPTIVE_SUSPEND_POLLS + 1);   // closes a 200 kpps window
            windowOf(policy, clock, 99);                                  // then 99 kpps
            bell.fd.signal();
            policy.idle(SleepingIdlePolicy.ADAPTIVE_SUSPEND_POLLS + 1);
            assertThat(policy.sleeps()).isEqualTo(1);
            assertThat(policy.wakeups()).isEqualTo(1);
            policy.close();
        }
    }

    @Test
    void aWindowShorterThanTheMinimumKeepsThePreviousVerdict() {
        try (Doorbell bell = new Doorbell()) {
            ManualClock clock = new ManualClock();
            SleepingIdlePolicy policy = adaptiveOn(clock, 100_000);
            policy.watch(bell);
            windowOf(policy, clock, 200);
            policy.idle(SleepingIdlePolicy.ADAPTIVE_SUSPEND_POLLS + 1);   // high
            clock.now += SleepingIdlePolicy.RATE_WINDOW_NANOS / 2;        // half a window, no packets
            policy.idle(SleepingIdlePolicy.ADAPTIVE_SUSPEND_POLLS + 1);
            assertThat(policy.sleeps()).isZero();
            policy.close();
        }
    }

    @Test
    void aZeroThresholdWaitsAtAnyRate() {
        try (Doorbell bell = new Doorbell()) {
            ManualClock clock = new ManualClock();
            SleepingIdlePolicy policy = adaptiveOn(clock, 0);
            policy.watch(bell);
            windowOf(policy, clock, 1_000_000);
            bell.fd.signal();
            policy.idle(SleepingIdlePolicy.ADAPTIVE_SUSPEND_POLLS + 1);
            assertThat(policy.sleeps()).isEqualTo(1);
            policy.close();
        }
    }

    @Test
    void aNegativeThresholdIsRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SleepingIdlePolicy.adaptive(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(">= 0 pps");
    }
}
