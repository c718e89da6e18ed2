package io.wirespeed.lcore;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One lcore's poll counters and how its CPU time splits between busy polls (found work) and empty
 * polls: the numbers that say whether an lcore is saturated or mostly waiting.
 *
 * <h2>Who writes, who reads</h2>
 * Only the owning lcore's thread records (through {@link PollPacer} or {@link #recordPoll}); it
 * writes the published counters with opaque stores and its own bookkeeping with plain ones, so a
 * poll costs two increments and no fence. Any thread (the main lcore printing a status line) may
 * read them: reads are opaque, so each value is whole (no torn long) and recent, but the set is not
 * a consistent snapshot while the lcore runs. After {@link LcoreRuntime#await} the values are
 * exact, because completion is a release/acquire edge.
 *
 * <h2>Measuring CPU time cheaply</h2>
 * Reading the thread's CPU clock is a system call (about a microsecond), far dearer than an empty
 * poll, so it is not read per poll. Polls are grouped into windows; a window closes when the loop
 * switches between busy and empty after at least {@value #MIN_WINDOW_POLLS} polls, or after
 * {@value #MAX_WINDOW_POLLS} polls in any case. Closing reads the clock once and charges the
 * window's CPU time to busy or idle; a window holding both kinds (load that flips faster than
 * every {@value #MIN_WINDOW_POLLS} polls) is split by poll count, an approximation.
 *
 * <p>The counters are padded on both sides to their own cache lines, so two lcores' statistics
 * never share a line however the heap places them.
 */
public final class LcoreStats extends LcoreStatsRightPad {
    /** Fewest polls between two clock reads at busy/empty transitions. */
    static final int MIN_WINDOW_POLLS = 256;
    /** Most polls between two clock reads, so the CPU times of a steady loop stay current. */
    static final int MAX_WINDOW_POLLS = 4096;

    private static final VarHandle BUSY_POLLS;
    private static final VarHandle EMPTY_POLLS;
    private static final VarHandle BUSY_CPU_NANOS;
    private static final VarHandle IDLE_CPU_NANOS;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            BUSY_POLLS = lookup.findVarHandle(LcoreStatsFields.class, "busyPolls", long.class);
            EMPTY_POLLS = lookup.findVarHandle(LcoreStatsFields.class, "emptyPolls", long.class);
            BUSY_CPU_NANOS = lookup.findVarHandle(LcoreStatsFields.class, "busyCpuNanos", long.class);
            IDLE_CPU_NANOS = lookup.findVarHandle(LcoreStatsFields.class, "idleCpuNanos", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final int lcoreId;

    LcoreStats(int lcoreId) {
        this.lcoreId = lcoreId;
    }

    public int lcoreId() {
        return lcoreId;
    }

    /**
     * Counts one poll. Owning thread only; allocates nothing.
     *
     * @param foundWork whether the poll found anything to do
     */
    public void recordPoll(boolean foundWork) {
        if (windowStartCpuNanos < 0) {
            windowStartCpuNanos = ThreadCpuClock.nanos();
            lastPollFoundWork = foundWork;
        }
        if (foundWork) {
            BUSY_POLLS.setOpaque(this, busyPolls + 1);
            windowBusyPolls++;
        } else {
            EMPTY_POLLS.setOpaque(this, emptyPolls + 1);
            windowEmptyPolls++;
        }
        int windowPolls = windowBusyPolls + windowEmptyPolls;
        if (windowPolls >= MAX_WINDOW_POLLS
                || (foundWork != lastPollFoundWork && windowPolls >= MIN_WINDOW_POLLS)) {
            closeWindow();
        }
        lastPollFoundWork = foundWork;
    }

    /**
     * Charges the CPU time since the last window closed; the next poll opens a new window. The
     * runtime calls it on the lcore's thread when its function returns, so that the time between
     * two launches (parked) is charged to neither.
     */
    void flush() {
        if (windowStartCpuNanos >= 0) {
            closeWindow();
            windowStartCpuNanos = -1;
        }
    }

    private void closeWindow() {
        long now = ThreadCpuClock.nanos();
        long spent = now - windowStartCpuNanos;
        long busyShare;
        if (windowEmptyPolls == 0) {
            busyShare = spent;
        } else if (windowBusyPolls == 0) {
            busyShare = 0;
        } else {
            busyShare = spent * windowBusyPolls / (windowBusyPolls + windowEmptyPolls);
        }
        BUSY_CPU_NANOS.setOpaque(this, busyCpuNanos + busyShare);
        IDLE_CPU_NANOS.setOpaque(this, idleCpuNanos + (spent - busyShare));
        windowStartCpuNanos = now;
        windowBusyPolls = 0;
        windowEmptyPolls = 0;
    }

    /** Polls that found work plus polls that found none. */
    public long polls() {
        return busyPolls() + emptyPolls();
    }

    /** Polls that found work. */
    public long busyPolls() {
        return (long) BUSY_POLLS.getOpaque(this);
    }

    /** Polls that found nothing. */
    public long emptyPolls() {
        return (long) EMPTY_POLLS.getOpaque(this);
    }

    /** Thread CPU time charged to busy polls, up to the last closed window. */
    public long busyCpuNanos() {
        return (long) BUSY_CPU_NANOS.getOpaque(this);
    }

    /** Thread CPU time charged to empty polls (and to the idle policy's waiting), up to the last closed window. */
    public long idleCpuNanos() {
        return (long) IDLE_CPU_NANOS.getOpaque(this);
    }

    /** The counters as one value, for printing and for differences between two moments. */
    public Snapshot snapshot() {
        long busy = busyPolls();
        long empty = emptyPolls();
        return new Snapshot(lcoreId, busy, empty, busyCpuNanos(), idleCpuNanos());
    }

    /** The counters read at one moment (each read whole, not all at the same instant). */
    public record Snapshot(int lcoreId, long busyPolls, long emptyPolls, long busyCpuNanos, long idleCpuNanos) {
        public long polls() {
            return busyPolls + emptyPolls;
        }

        /** Share of the measured CPU time spent in busy polls, 0 to 100; 0 when nothing was measured. */
        public double busyPercent() {
            long total = busyCpuNanos + idleCpuNanos;
            return total == 0 ? 0 : 100.0 * busyCpuNanos / total;
        }

        /** What happened between {@code earlier} and this snapshot. */
        public Snapshot minus(Snapshot earlier) {
            return new Snapshot(lcoreId, busyPolls - earlier.busyPolls, emptyPolls - earlier.emptyPolls,
                    busyCpuNanos - earlier.busyCpuNanos, idleCpuNanos - earlier.idleCpuNanos);
        }
    }

    @Override
    public String toString() {
        return "lcore " + lcoreId + ": " + polls() + " polls (" + busyPolls() + " busy, " + emptyPolls()
                + " empty), CPU " + busyCpuNanos() / 1_000_000 + " ms busy, " + idleCpuNanos() / 1_000_000 + " ms idle";
    }
}

/** 128 bytes ahead of the counters: a cache line, and the adjacent line the prefetcher pairs with it. */
abstract class LcoreStatsLeftPad {
    long p00, p01, p02, p03, p04, p05, p06, p07, p08, p09, p10, p11, p12, p13, p14, p15;
}

/** The counters. Published ones are written opaque by the owner; window bookkeeping is owner-only, plain. */
abstract class LcoreStatsFields extends LcoreStatsLeftPad {
    long busyPolls;
    long emptyPolls;
    long busyCpuNanos;
    long idleCpuNanos;
    /** Thread CPU clock when the open window began; negative when no window is open. */
    long windowStartCpuNanos = -1;
    int windowBusyPolls;
    int windowEmptyPolls;
    boolean lastPollFoundWork;
}

/** 128 bytes behind the counters. */
abstract class LcoreStatsRightPad extends LcoreStatsFields {
    long q00, q01, q02, q03, q04, q05, q06, q07, q08, q09, q10, q11, q12, q13, q14, q15;
}
