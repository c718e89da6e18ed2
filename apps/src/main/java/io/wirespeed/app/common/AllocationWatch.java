package io.wirespeed.app.common;

import java.lang.management.ManagementFactory;

/**
 * Heap bytes the forwarding thread allocates once it is warm: the proof that the data path
 * allocates nothing. Marks the thread's allocation counter after a warm-up (the JIT compiles the
 * loop meanwhile) and again at the end; owned by one lcore thread. Shared by the forwarding
 * loops of testpmd and l2fwd.
 */
public final class AllocationWatch {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private final long warmupNanos;
    private long beganAt;
    private long steadyFromBytes = -1;
    private long steadyFromPackets;
    private long steadyBytes;
    private long steadyPackets;

    public AllocationWatch(long warmupNanos) {
        this.warmupNanos = warmupNanos;
    }

    public void begin() {
        beganAt = System.nanoTime();
        steadyFromBytes = -1;
        steadyBytes = 0;
        steadyPackets = 0;
    }

    /** Called every so many loop iterations with the packets handled so far. */
    public void tick(long packets) {
        if (steadyFromBytes < 0 && System.nanoTime() - beganAt >= warmupNanos) {
            steadyFromPackets = packets;
            steadyFromBytes = THREADS.getCurrentThreadAllocatedBytes();
        }
    }

    public void end(long packets) {
        if (steadyFromBytes >= 0) {
            steadyBytes = THREADS.getCurrentThreadAllocatedBytes() - steadyFromBytes;
            steadyPackets = packets - steadyFromPackets;
        }
    }

    /** Bytes allocated after the warm-up (valid once the loop ended). */
    public long steadyBytes() {
        return steadyBytes;
    }

    /** Packets handled after the warm-up; 0 if the run was shorter than the warm-up. */
    public long steadyPackets() {
        return steadyPackets;
    }
}
