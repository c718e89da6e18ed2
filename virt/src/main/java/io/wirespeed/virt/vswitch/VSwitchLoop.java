package io.wirespeed.virt.vswitch;

import io.wirespeed.ethdev.RxQueue;
import io.wirespeed.lcore.IdlePolicy;
import io.wirespeed.lcore.LcoreContext;
import io.wirespeed.lcore.LcoreFunction;
import io.wirespeed.lcore.PollPacer;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The lcore loop of a standalone switch: every pass polls each port once, round-robin, with one
 * clock reading for the whole pass, then tells the idle policy whether anything came. It ends when
 * asked to stop, or by itself once every port's receive queue is a finite source that ran dry
 * (capture files read to their end).
 */
public final class VSwitchLoop implements LcoreFunction {
    private static final VarHandle DRAINED;
    private static final VarHandle PACKETS;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            DRAINED = l.findVarHandle(VSwitchLoop.class, "drained", boolean.class);
            PACKETS = l.findVarHandle(VSwitchLoop.class, "packets", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final VSwitch vswitch;
    private final IdlePolicy idle;
    private final RxQueue[] rxQueues;
    /** Set (opaque) by the lcore when it ended because its sources ran dry; read by any thread. */
    @SuppressWarnings("unused") // through DRAINED
    private boolean drained;
    /** Frames received, written (opaque) by the lcore once per pass that found some. */
    @SuppressWarnings("unused") // through PACKETS
    private long packets;

    /** The switch's ports must be set up and added; {@code idle} is this loop's own instance. */
    public VSwitchLoop(VSwitch vswitch, IdlePolicy idle) {
        this.vswitch = vswitch;
        this.idle = idle;
        this.rxQueues = new RxQueue[vswitch.portCount()];
        for (int p = 0; p < rxQueues.length; p++) {
            rxQueues[p] = vswitch.port(p).rxQueue(vswitch.rxQueueId(p));
        }
    }

    @Override
    public int run(LcoreContext ctx) {
        for (RxQueue q : rxQueues) {
            idle.watch(q);
        }
        PollPacer pacer = ctx.pacer(idle);
        try {
            while (!ctx.stopRequested()) {
                int work = pollAll(vswitch, rxQueues.length, System.nanoTime());
                if (work > 0) {
                    PACKETS.setOpaque(this, (long) PACKETS.getOpaque(this) + work);
                } else if (allDrained()) {
                    DRAINED.setOpaque(this, true);
                    break;
                }
                pacer.afterPoll(work);
            }
        } finally {
            idle.close();
        }
        return 0;
    }

    /** One pass; a method of its own so the JIT compiles it by call count, not by on-stack replacement. */
    private static int pollAll(VSwitch vswitch, int ports, long now) {
        int work = 0;
        for (int p = 0; p < ports; p++) {
            work += vswitch.poll(p, now);
        }
        return work;
    }

    /** Checked only after an empty pass, when everything received has been sent. */
    private boolean allDrained() {
        for (RxQueue q : rxQueues) {
            if (!q.isFinite() || !q.isExhausted()) {
                return false;
            }
        }
        return true;
    }

    /** Whether the loop ended by itself because every port's source ran dry. */
    public boolean isDrained() {
        return (boolean) DRAINED.getOpaque(this);
    }

    /** Frames the loop received so far. */
    public long packets() {
        return (long) PACKETS.getOpaque(this);
    }
}
