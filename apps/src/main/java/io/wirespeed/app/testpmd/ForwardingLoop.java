package io.wirespeed.app.testpmd;

import io.wirespeed.app.common.AllocationWatch;
import io.wirespeed.lcore.IdlePolicy;
import io.wirespeed.lcore.LcoreContext;
import io.wirespeed.lcore.LcoreFunction;
import io.wirespeed.lcore.PollPacer;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The loop a forwarding lcore runs (DPDK testpmd's run_pkt_fwd_on_lcore): every iteration hands
 * each of its streams to the engine once, then tells the pacer whether anything was found. It
 * ends when asked to stop, or by itself once every stream's source is a drained capture file.
 */
final class ForwardingLoop implements LcoreFunction {
    /** Loop iterations between two looks at the clock for the allocation watch. */
    private static final int TICK_MASK = 1023;
    private static final VarHandle DRAINED;

    static {
        try {
            DRAINED = MethodHandles.lookup().findVarHandle(ForwardingLoop.class, "drained", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final ForwardStream[] streams;
    private final ForwardEngine engine;
    final IdlePolicy idle;
    final AllocationWatch allocations;
    /** Set (opaque) by the lcore when it ended because its sources ran dry; read by the main lcore. */
    @SuppressWarnings("unused") // through DRAINED
    private boolean drained;

    ForwardingLoop(ForwardStream[] streams, ForwardEngine engine, IdlePolicy idle, long warmupNanos) {
        this.streams = streams;
        this.engine = engine;
        this.idle = idle;
        this.allocations = new AllocationWatch(warmupNanos);
        for (ForwardStream s : streams) {
            idle.watch(s.rx);
        }
    }

    @Override
    public int run(LcoreContext ctx) {
        PollPacer pacer = ctx.pacer(idle);
        ForwardStream[] mine = streams;
        ForwardEngine e = engine;
        long handled = 0;
        int iterations = 0;
        allocations.begin();
        try {
            while (!ctx.stopRequested()) {
                int work = forwardAll(mine, e);
                handled += work;
                if (work == 0 && allDrained()) {
                    DRAINED.setOpaque(this, true);
                    break;
                }
                pacer.afterPoll(work);
                if ((++iterations & TICK_MASK) == 0) {
                    allocations.tick(handled);
                }
            }
        } finally {
            allocations.end(handled);
            idle.close();
        }
        return 0;
    }

    /**
     * One pass over the streams. A method of its own so that the JIT compiles it by invocation
     * count (thousands of calls) rather than the loop by on-stack replacement (tens of thousands
     * of back-edges): a one-million-packet capture file is read in about 31 000 bursts, which is
     * over before an OSR compilation of the whole loop would arrive.
     */
    private static int forwardAll(ForwardStream[] streams, ForwardEngine engine) {
        int work = 0;
        for (ForwardStream s : streams) {
            work += engine.forward(s);
        }
        return work;
    }

    /** Checked only after an empty iteration: the packets already received have all been sent. */
    private boolean allDrained() {
        for (ForwardStream s : streams) {
            if (!s.isDrained()) {
                return false;
            }
        }
        return true;
    }

    /** Whether the loop ended by itself because every source ran dry. */
    boolean isDrained() {
        return (boolean) DRAINED.getOpaque(this);
    }

    /** Packets this loop's streams received or generated. */
    long packetsHandled() {
        long n = 0;
        for (ForwardStream s : streams) {
            n += s.received() + s.generated();
        }
        return n;
    }

    ForwardStream[] streams() {
        return streams;
    }
}
