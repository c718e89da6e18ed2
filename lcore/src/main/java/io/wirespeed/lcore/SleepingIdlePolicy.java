package io.wirespeed.lcore;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * The policies that trade latency for CPU by sleeping on the queues' interrupts, as DPDK's
 * l3fwd-power does:
 *
 * <ul>
 *   <li>{@code adaptive}: poll while traffic flows; after {@code spinPolls} empty polls pause
 *       briefly between polls; after {@code suspendPolls} arm the queues' interrupts and block in
 *       epoll until one fires (or a timeout, so that a stop request is seen), then poll again.
 *   <li>{@code interrupt}: a kernel-like receiver: block after every empty poll.
 * </ul>
 *
 * Queues without an interrupt descriptor cannot wake a sleeper, so with none to watch the policy
 * parks by the clock instead ({@code maxParkNanos}).
 *
 * <p>Wake-ups and sleeps are counted by the owning lcore (opaque stores) for any thread to read.
 */
public final class SleepingIdlePolicy implements IdlePolicy {
    static final int ADAPTIVE_SPIN_POLLS = 64;
    static final int ADAPTIVE_SUSPEND_POLLS = 300;
    static final long PAUSE_NANOS = 10_000;
    /**
     * The longest sleep. Short, because a wake-up the descriptor fails to give costs at most this
     * long: over AF_PACKET's TPACKET_V3 rings most sleeps at full speed end by this timeout rather
     * than by EPOLLIN (measured: 1 wake-up in 1819 sleeps), and at 50 ms the ring overflowed.
     */
    static final int WAIT_TIMEOUT_MILLIS = 2;
    static final long NO_SOURCE_PARK_NANOS = 1_000_000;

    private static final VarHandle SLEEPS;
    private static final VarHandle WAKEUPS;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            SLEEPS = l.findVarHandle(SleepingIdlePolicy.class, "sleeps", long.class);
            WAKEUPS = l.findVarHandle(SleepingIdlePolicy.class, "wakeups", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final String name;
    private final int spinPolls;
    private final int suspendPolls;
    private final List<InterruptSource> watched = new ArrayList<>();
    private InterruptWaiter waiter;
    @SuppressWarnings("unused") // through SLEEPS
    private long sleeps;
    @SuppressWarnings("unused") // through WAKEUPS
    private long wakeups;

    private SleepingIdlePolicy(String name, int spinPolls, int suspendPolls) {
        this.name = name;
        this.spinPolls = spinPolls;
        this.suspendPolls = suspendPolls;
    }

    /** DPDK l3fwd-power's scheme: spin, then pause, then sleep on interrupts. */
    public static SleepingIdlePolicy adaptive() {
        return new SleepingIdlePolicy("adaptive", ADAPTIVE_SPIN_POLLS, ADAPTIVE_SUSPEND_POLLS);
    }

    /** Sleep on interrupts after every empty poll. */
    public static SleepingIdlePolicy interrupt() {
        return new SleepingIdlePolicy("interrupt", 0, 0);
    }

    @Override
    public void watch(InterruptSource source) {
        if (waiter != null) {
            throw new IllegalStateException("watch every source before the loop starts");
        }
        watched.add(source);
    }

    @Override
    public void idle(int emptyPolls) {
        if (emptyPolls <= spinPolls) {
            Thread.onSpinWait();
        } else if (emptyPolls <= suspendPolls) {
            LockSupport.parkNanos(this, PAUSE_NANOS);
        } else {
            sleep();
        }
    }

    private void sleep() {
        if (waiter == null) {
            waiter = new InterruptWaiter(watched);
        }
        SLEEPS.setOpaque(this, sleeps + 1);
        if (waiter.canWait()) {
            if (waiter.await(WAIT_TIMEOUT_MILLIS)) {
                WAKEUPS.setOpaque(this, wakeups + 1);
            }
        } else {
            LockSupport.parkNanos(this, NO_SOURCE_PARK_NANOS);
        }
    }

    @Override
    public void busy() {
    }

    /** Times the lcore went to sleep (on interrupts, or by the clock when it has none). */
    @Override
    public long sleeps() {
        return (long) SLEEPS.getOpaque(this);
    }

    /** Times an interrupt woke the lcore (timeouts not counted). */
    @Override
    public long wakeups() {
        return (long) WAKEUPS.getOpaque(this);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void close() {
        if (waiter != null) {
            waiter.close();
            waiter = null;
        }
    }

    @Override
    public String toString() {
        return name + " (spin " + spinPolls + ", pause to " + suspendPolls + " empty polls, then sleep on "
                + watched.size() + " queues)";
    }
}
