package io.wirespeed.lcore;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * What a running {@link LcoreFunction} knows about its lcore: its id, whether it has been asked to
 * stop, and its statistics. One context per lcore, created with the runtime and reused by every
 * launch, so launching allocates nothing here.
 */
public final class LcoreContext {
    private static final VarHandle STOP;

    static {
        try {
            STOP = MethodHandles.lookup().findVarHandle(LcoreContext.class, "stop", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final int lcoreId;
    private final LcoreStats stats;
    /**
     * Written by the controlling thread ({@link #requestStop}, {@link #clearStop}), read by the lcore
     * on every poll. Opaque on both sides: the flag carries no data with it, so no ordering is
     * needed, only that each read really loads it (a plain read may be hoisted out of the loop) and
     * sees the write soon. On x86 and ARM an opaque read is an ordinary load.
     */
    @SuppressWarnings("unused")
    private boolean stop;

    LcoreContext(int lcoreId, LcoreStats stats) {
        this.lcoreId = lcoreId;
        this.stats = stats;
    }

    /** This lcore's id: the same number {@link LcoreThread#currentLcoreId()} returns on a worker. */
    public int lcoreId() {
        return lcoreId;
    }

    /** Whether {@link LcoreRuntime#requestStop} was called since this launch began. Cheap: call it every poll. */
    public boolean stopRequested() {
        return (boolean) STOP.getOpaque(this);
    }

    /** This lcore's counters. Only this lcore's thread may record into them. */
    public LcoreStats stats() {
        return stats;
    }

    /**
     * A pacer for this lcore's poll loop: counts each poll into {@link #stats()} and lets the
     * policy idle after empty ones. Create it once, before the loop.
     */
    public PollPacer pacer(IdlePolicy policy) {
        return new PollPacer(stats, policy);
    }

    void requestStop() {
        STOP.setOpaque(this, true);
    }

    void clearStop() {
        STOP.setOpaque(this, false);
    }

    @Override
    public String toString() {
        return "lcore " + lcoreId;
    }
}
