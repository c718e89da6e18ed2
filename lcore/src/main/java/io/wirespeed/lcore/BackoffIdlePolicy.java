package io.wirespeed.lcore;

import java.util.concurrent.locks.LockSupport;

/**
 * Waits longer the longer the queues stay empty: first spins (a burst that is about to arrive is
 * caught at once), then yields the CPU to other runnable threads, then parks for a time that
 * doubles after each further empty poll up to a cap. A poll that finds work starts over at the
 * spinning stage. The cap bounds the latency the first packet after a quiet spell may see.
 *
 * <p>Stateless: the stage and the park time follow from the count of consecutive empty polls, so
 * one instance could even serve several lcores.
 */
public final class BackoffIdlePolicy implements IdlePolicy {
    public static final int DEFAULT_SPIN_POLLS = 128;
    public static final int DEFAULT_YIELD_POLLS = 64;
    public static final long DEFAULT_MIN_PARK_NANOS = 10_000;
    public static final long DEFAULT_MAX_PARK_NANOS = 1_000_000;

    private final int spinPolls;
    private final int yieldPolls;
    private final long minParkNanos;
    private final long maxParkNanos;

    /** Spins 128 empty polls, yields 64, then parks from 10 µs doubling to 1 ms. */
    public BackoffIdlePolicy() {
        this(DEFAULT_SPIN_POLLS, DEFAULT_YIELD_POLLS, DEFAULT_MIN_PARK_NANOS, DEFAULT_MAX_PARK_NANOS);
    }

    /**
     * @param spinPolls empty polls answered by a spin-wait hint
     * @param yieldPolls further empty polls answered by {@link Thread#yield()}
     * @param minParkNanos the first park, after spinning and yielding
     * @param maxParkNanos the longest park: the worst added latency once the loop is parked
     */
    public BackoffIdlePolicy(int spinPolls, int yieldPolls, long minParkNanos, long maxParkNanos) {
        if (spinPolls < 0 || yieldPolls < 0 || minParkNanos <= 0 || maxParkNanos < minParkNanos) {
            throw new IllegalArgumentException("backoff needs spin, yield >= 0 and 0 < min park <= max park, not "
                    + spinPolls + ", " + yieldPolls + ", " + minParkNanos + ", " + maxParkNanos);
        }
        this.spinPolls = spinPolls;
        this.yieldPolls = yieldPolls;
        this.minParkNanos = minParkNanos;
        this.maxParkNanos = maxParkNanos;
    }

    @Override
    public void idle(int emptyPolls) {
        if (emptyPolls <= spinPolls) {
            Thread.onSpinWait();
        } else if (emptyPolls - spinPolls <= yieldPolls) {
            Thread.yield();
        } else {
            LockSupport.parkNanos(this, parkNanos(emptyPolls));
        }
    }

    /** Nothing to reset: the caller's empty-poll count starts over, and the stages with it. */
    @Override
    public void busy(int workFound) {
    }

    /** How long the {@code emptyPolls}-th empty poll parks: 0 while spinning or yielding. */
    long parkNanos(int emptyPolls) {
        long parks = (long) emptyPolls - spinPolls - yieldPolls;
        if (parks <= 0) {
            return 0;
        }
        int doublings = (int) Math.min(parks - 1, 62);
        long park = minParkNanos << doublings;
        return park <= 0 || park >>> doublings != minParkNanos ? maxParkNanos : Math.min(park, maxParkNanos);
    }

    @Override
    public String name() {
        return "backoff";
    }

    @Override
    public String toString() {
        return "backoff (spin " + spinPolls + ", yield " + yieldPolls + ", park " + minParkNanos / 1000 + "-"
                + maxParkNanos / 1000 + " µs)";
    }
}
