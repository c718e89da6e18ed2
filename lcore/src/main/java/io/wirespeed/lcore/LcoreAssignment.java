package io.wirespeed.lcore;

import java.util.BitSet;

/**
 * One lcore of a {@link CoreList}: its id (what {@link LcoreThread#currentLcoreId()} returns on
 * its thread, and the index of its per-lcore mempool caches and statistics) and the CPUs its
 * thread is pinned to. The id and the CPUs may differ: {@code --lcores 4@1} runs lcore 4 on CPU 1.
 *
 * <p>The CPU set is copied in and out, so an assignment is immutable.
 */
public record LcoreAssignment(int lcoreId, BitSet cpus) {
    public LcoreAssignment {
        if (lcoreId < 0 || lcoreId > CoreList.MAX_LCORE_ID) {
            throw new IllegalArgumentException(
                    "lcore id " + lcoreId + " is out of range (0-" + CoreList.MAX_LCORE_ID + ")");
        }
        if (cpus.isEmpty()) {
            throw new IllegalArgumentException("lcore " + lcoreId + " has no CPU to run on");
        }
        cpus = (BitSet) cpus.clone();
    }

    /** Lcore {@code id} on CPU {@code id}: what {@code -l} means. */
    public static LcoreAssignment onOwnCpu(int id) {
        BitSet cpu = new BitSet();
        cpu.set(id);
        return new LcoreAssignment(id, cpu);
    }

    /** A copy: the caller may change it. */
    @Override
    public BitSet cpus() {
        return (BitSet) cpus.clone();
    }

    /** In {@code --lcores} syntax: {@code 4@1}, {@code 2@(0-1)}. */
    @Override
    public String toString() {
        String set = CpuRanges.format(cpus);
        return lcoreId + "@" + (cpus.cardinality() == 1 ? set : "(" + set + ")");
    }
}
