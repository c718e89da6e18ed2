package io.wirespeed.lcore;

import io.wirespeed.sys.TimerSlack;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * The policies that trade latency for CPU by sleeping on the queues' interrupts, as DPDK's
 * l3fwd-power does:
 *
 * <ul>
 *   <li>{@code adaptive}: poll while traffic flows; once the traffic falls below a threshold
 *       ({@link #ADAPTIVE_LOW_RATE_PPS} by default), after {@code spinPolls} empty polls pause
 *       briefly between polls (no such pauses by default, see {@link #ADAPTIVE_SUSPEND_POLLS});
 *       after {@code suspendPolls} arm the queues' interrupts and block in epoll until one fires
 *       (or a timeout, so that a stop request is seen), then poll again.
 *   <li>{@code interrupt}: a kernel-like receiver: block after every empty poll.
 * </ul>
 *
 * Queues without an interrupt descriptor cannot wake a sleeper, so with none to watch the policy
 * parks by the clock instead ({@code maxParkNanos}).
 *
 * <p>A descriptor may fail to signal work that is there: over veth, a TPACKET_V3 ring's blocks
 * closed by the kernel's retire timer, and most closed because full, raise no EPOLLIN on Linux 6.18
 * (measured: 5 wake-ups in 2598 sleeps at 0.9 Mpps), so each sleep lasts its whole timeout while
 * frames pile up. The policy therefore learns how long it may sleep: a sleep that timed out and
 * was followed by a poll that found work was a missed interrupt, and halves the next sleep (down
 * to {@link #MIN_SLEEP_NANOS}, below a millisecond by the clock, as epoll's timeout has no finer
 * unit); a timed-out sleep followed by an empty poll doubles it again (up to
 * {@link #WAIT_TIMEOUT_MILLIS}). Descriptors that do signal keep the longest sleep.
 *
 * <p>Why a rate threshold as well as empty-poll counts: at a high rate a poll still comes up empty
 * now and then (the kernel hands frames over in NAPI batches), and every pause it then takes lets
 * frames pile up that leave as one burst: measured over veth at 1.2 Mpps, a policy that paused on
 * empty polls alone lost 0.5-3.7 points more than busy polling. The rate is the packets the polls
 * found over the last window of at least {@link #RATE_WINDOW_NANOS}, read from the clock only on
 * empty polls past the spin threshold, so a loop that keeps finding work never reads it; at or
 * above the threshold the policy spins as busy polling does. When traffic stops, the first
 * window without enough packets ends the spinning.
 *
 * <p>Adaptive mode also throttles its wake-ups, as a NIC throttles its interrupts. When the last
 * two wake-ups that found work came less than {@link #ADAPTIVE_MIN_WAKEUP_INTERVAL_NANOS} apart,
 * the next sleep lasts, by the clock, until that interval has passed since the last one, and only
 * then does the lcore poll or wait on the queues again. Below the rate threshold a wake-up is a
 * large part of the lcore's cost (on this VM about 15 us: the halt, the interrupt, two context
 * switches, the spin), and a queue that signals every frame, as AF_XDP's does, brings one per
 * frame: measured at 4 kpps, 11 % of a core. A frame waits at most one interval longer. Wake-ups
 * that found nothing do not count, and neither does a queue whose own signals come less often
 * than the interval (AF_PACKET's retired blocks): those are not throttled at all.
 *
 * <p>Wake-ups and sleeps are counted by the owning lcore (opaque stores) for any thread to read.
 */
public final class SleepingIdlePolicy implements IdlePolicy {
    static final int ADAPTIVE_SPIN_POLLS = 64;
    /**
     * Adaptive mode sleeps right after its spin: no pause phase by default. A pause costs about
     * what a sleep costs (each is a context switch, on a VM through the hypervisor's halt) but,
     * unlike a sleep on the queues' descriptors, does not end when a frame comes. Measured over
     * AF_XDP at a steady 2,000 pps (kernel busy polling off): 10 pauses before each sleep took
     * 30 % of a core, 3 took 14 %, none 8 %.
     */
    static final int ADAPTIVE_SUSPEND_POLLS = ADAPTIVE_SPIN_POLLS;
    static final long PAUSE_NANOS = 10_000;
    /**
     * The timer slack a pausing lcore asks for: with Linux's default 50 µs a 10 µs pause lasted
     * about 60 µs, long enough at 1.5 Mpps for the frames that pile up meanwhile to leave as one
     * burst that overflows the receiving veth's backlog.
     */
    static final long LCORE_TIMER_SLACK_NANOS = 1_000;
    /**
     * The longest sleep. Short, because a wake-up the descriptor fails to give costs at most this
     * long: over AF_PACKET's TPACKET_V3 rings most sleeps at full speed end by this timeout rather
     * than by EPOLLIN (measured: 1 wake-up in 1819 sleeps), and at 50 ms the ring overflowed.
     */
    static final int WAIT_TIMEOUT_MILLIS = 2;
    static final long NO_SOURCE_PARK_NANOS = 1_000_000;
    /** The shortest learned sleep: about what one parkNanos costs on Linux (timer slack 50 µs). */
    static final long MIN_SLEEP_NANOS = 50_000;
    static final long MAX_SLEEP_NANOS = WAIT_TIMEOUT_MILLIS * 1_000_000L;
    private static final long NANOS_PER_MILLI = 1_000_000;
    private static final long NANOS_PER_SECOND = 1_000_000_000;
    /**
     * The rate below which adaptive mode starts to pause and sleep. Low enough that what arrives
     * during its longest sleep ({@link #MAX_SLEEP_NANOS}, 200 frames at this rate) fits a ring of
     * the default 1024 descriptors several times over; high enough that 1 % of a veth's forwarding
     * rate (about 12 kpps) is well below it.
     */
    public static final long ADAPTIVE_LOW_RATE_PPS = 100_000;
    /** The shortest span the rate is measured over. */
    static final long RATE_WINDOW_NANOS = 1_000_000;
    /**
     * The least time from one productive wake-up of adaptive mode to the next once throttled: at
     * most 1,000 a second. A frame waits at most this much longer (AF_PACKET's block retire timer
     * makes it wait about as long); at the rate threshold 100 frames arrive meanwhile, a small part
     * of any ring.
     */
    static final long ADAPTIVE_MIN_WAKEUP_INTERVAL_NANOS = 1_000_000;

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
    /** Below this rate the policy may wait; 0: at any rate (interrupt mode). */
    private final long lowRatePps;
    /** The least time between two wake-ups that found work; 0: no throttling. */
    private final long minWakeupIntervalNanos;
    private final LongSupplier clock;
    /** Packets found since {@link #windowStart} (lcore-private, plain, as the rest of the state). */
    private long windowPackets;
    private long windowStart;
    /** The last complete window's rate was at or above {@link #lowRatePps}: spin, never wait. */
    private boolean highRate;
    private final List<InterruptSource> watched = new ArrayList<>();
    private InterruptWaiter waiter;
    /** How long the next sleep may last; learned from missed interrupts (lcore-private, plain). */
    private long sleepNanos = MAX_SLEEP_NANOS;
    /** The last sleep ended by its timeout, not by a signal, and no poll has followed it yet. */
    private boolean timedOut;
    private long missedInterrupts;
    /** When the last sleep ended; whether no poll has told yet if that wake-up found work. */
    private long wokeAt;
    private boolean justWoke;
    /** When the last two wake-ups that found work happened (Long.MIN_VALUE / 4: none yet). */
    private long productiveWakeAt = Long.MIN_VALUE / 4;
    private long previousProductiveWakeAt = Long.MIN_VALUE / 2;
    private long throttledSleeps;
    private boolean slackSet;
    @SuppressWarnings("unused") // through SLEEPS
    private long sleeps;
    @SuppressWarnings("unused") // through WAKEUPS
    private long wakeups;

    SleepingIdlePolicy(String name, int spinPolls, int suspendPolls, long lowRatePps, long minWakeupIntervalNanos,
                       LongSupplier clock) {
        this.name = name;
        this.spinPolls = spinPolls;
        this.suspendPolls = suspendPolls;
        this.lowRatePps = lowRatePps;
        this.minWakeupIntervalNanos = minWakeupIntervalNanos;
        this.clock = clock;
        this.windowStart = clock.getAsLong();
    }

    /**
     * DPDK l3fwd-power's scheme: spin, then pause, then sleep on interrupts, once the traffic is
     * below {@link #ADAPTIVE_LOW_RATE_PPS}.
     */
    public static SleepingIdlePolicy adaptive() {
        return adaptive(ADAPTIVE_LOW_RATE_PPS);
    }

    /**
     * Adaptive mode that waits only below {@code lowRatePps} packets per second (0: at any rate).
     *
     * @throws IllegalArgumentException for a negative rate
     */
    public static SleepingIdlePolicy adaptive(long lowRatePps) {
        if (lowRatePps < 0) {
            throw new IllegalArgumentException("adaptive mode's rate threshold must be >= 0 pps (got " + lowRatePps + ")");
        }
        return new SleepingIdlePolicy("adaptive", ADAPTIVE_SPIN_POLLS, ADAPTIVE_SUSPEND_POLLS, lowRatePps,
                ADAPTIVE_MIN_WAKEUP_INTERVAL_NANOS, System::nanoTime);
    }

    /** Sleep on interrupts after every empty poll, whatever the rate. */
    public static SleepingIdlePolicy interrupt() {
        return new SleepingIdlePolicy("interrupt", 0, 0, 0, 0, System::nanoTime);
    }

    @Override
    public void watch(InterruptSource source) {
        if (waiter != null) {
            throw new IllegalStateException("watch every source before the loop starts");
        }
        watched.add(source);
        source.sleptOn();
    }

    @Override
    public void idle(int emptyPolls) {
        justWoke = false;                           // the wake-up, if this poll followed one, found nothing
        if (emptyPolls <= spinPolls || atHighRate()) {
            Thread.onSpinWait();
        } else if (emptyPolls <= suspendPolls) {
            tightenTimerSlack();
            LockSupport.parkNanos(this, PAUSE_NANOS);
        } else {
            if (timedOut) {
                sleepNanos = Math.min(MAX_SLEEP_NANOS, sleepNanos * 2); // the timeout found nothing
                timedOut = false;
            }
            sleep();
        }
    }

    /** Closes the rate window once it is long enough, and tells whether the traffic is high. */
    private boolean atHighRate() {
        if (lowRatePps == 0) {
            return false;
        }
        long now = clock.getAsLong();
        long elapsed = now - windowStart;
        if (elapsed >= RATE_WINDOW_NANOS) {
            // packets / elapsed >= pps / 1e9, without a division (in doubles: no overflow however long)
            highRate = (double) windowPackets * NANOS_PER_SECOND >= (double) lowRatePps * elapsed;
            windowPackets = 0;
            windowStart = now;
        }
        return highRate;
    }

    /** Once per lcore, from the lcore's own thread: timer slack is a per-thread setting. */
    private void tightenTimerSlack() {
        if (!slackSet) {
            slackSet = true;
            TimerSlack.setCurrentThread(LCORE_TIMER_SLACK_NANOS);
        }
    }

    private void sleep() {
        tightenTimerSlack();
        if (waiter == null) {
            waiter = new InterruptWaiter(watched);
        }
        SLEEPS.setOpaque(this, sleeps + 1);
        justWoke = true;
        long throttle = throttleNanos();
        if (throttle > 0) {
            throttledSleeps++;
            LockSupport.parkNanos(this, throttle);  // by the clock: what arrives meanwhile waits
        } else if (!waiter.canWait()) {
            LockSupport.parkNanos(this, NO_SOURCE_PARK_NANOS);
        } else if (sleepNanos < NANOS_PER_MILLI) {
            LockSupport.parkNanos(this, sleepNanos);
            timedOut = true;
        } else if (waiter.await((int) (sleepNanos / NANOS_PER_MILLI))) {
            WAKEUPS.setOpaque(this, wakeups + 1);
        } else {
            timedOut = true;
        }
        if (minWakeupIntervalNanos > 0) {
            wokeAt = clock.getAsLong();
        }
    }

    /**
     * How long to wait by the clock before polling again: what is left of the interval since the
     * last wake-up that found work, when the last two came closer than the interval; else 0.
     */
    private long throttleNanos() {
        if (minWakeupIntervalNanos == 0 || productiveWakeAt - previousProductiveWakeAt >= minWakeupIntervalNanos) {
            return 0;
        }
        return Math.max(0, productiveWakeAt + minWakeupIntervalNanos - clock.getAsLong());
    }

    @Override
    public void busy(int workFound) {
        windowPackets += workFound;
        if (justWoke) {
            previousProductiveWakeAt = productiveWakeAt;
            productiveWakeAt = wokeAt;
            justWoke = false;
        }
        if (timedOut) {
            // Work was there when the sleep timed out: the descriptor did not signal it.
            sleepNanos = Math.max(MIN_SLEEP_NANOS, sleepNanos / 2);
            missedInterrupts++;
            timedOut = false;
        }
    }

    /** Sleeps that ended by their timeout with work waiting (lcore thread only). */
    long missedInterrupts() {
        return missedInterrupts;
    }

    /** Sleeps that waited out the wake-up interval by the clock (lcore thread only). */
    long throttledSleeps() {
        return throttledSleeps;
    }

    /** How long the next sleep may last, in nanoseconds (lcore thread only). */
    long sleepNanos() {
        return sleepNanos;
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
        String below = lowRatePps == 0 ? "" : " below " + lowRatePps + " pps";
        String throttle = minWakeupIntervalNanos == 0 ? ""
                : ", at most " + NANOS_PER_SECOND / minWakeupIntervalNanos + " wake-ups/s";
        return name + " (spin " + spinPolls + ", pause to " + suspendPolls + " empty polls, then sleep on "
                + watched.size() + " queues" + below + throttle + ")";
    }
}
