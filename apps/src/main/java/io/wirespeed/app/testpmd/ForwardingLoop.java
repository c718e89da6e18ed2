package io.wirespeed.app.testpmd;

import io.wirespeed.lcore.IdlePolicy;
import io.wirespeed.lcore.LcoreContext;
import io.wirespeed.lcore.LcoreFunction;
import io.wirespeed.lcore.PollPacer;

/**
 * The loop a forwarding lcore runs (DPDK testpmd's run_pkt_fwd_on_lcore): every iteration hands
 * each of its streams to the engine once, then tells the pacer whether anything was found.
 */
final class ForwardingLoop implements LcoreFunction {
    /** Loop iterations between two looks at the clock for the allocation watch. */
    private static final int TICK_MASK = 1023;

    private final ForwardStream[] streams;
    private final ForwardEngine engine;
    private final IdlePolicy idle;
    final AllocationWatch allocations;

    ForwardingLoop(ForwardStream[] streams, ForwardEngine engine, IdlePolicy idle, long warmupNanos) {
        this.streams = streams;
        this.engine = engine;
        this.idle = idle;
        this.allocations = new AllocationWatch(warmupNanos);
    }

    @Override
    public int run(LcoreContext ctx) {
        PollPacer pacer = ctx.pacer(idle);
        ForwardStream[] mine = streams;
        ForwardEngine e = engine;
        long handled = 0;
        int iterations = 0;
        allocations.begin();
        while (!ctx.stopRequested()) {
            int work = 0;
            for (ForwardStream s : mine) {
                work += e.forward(s);
            }
            handled += work;
            pacer.afterPoll(work);
            if ((++iterations & TICK_MASK) == 0) {
                allocations.tick(handled);
            }
        }
        allocations.end(handled);
        return 0;
    }

    ForwardStream[] streams() {
        return streams;
    }
}
