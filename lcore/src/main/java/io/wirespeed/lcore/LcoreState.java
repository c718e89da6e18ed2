package io.wirespeed.lcore;

/** Where a worker lcore is in its launch/await cycle: DPDK's {@code rte_lcore_state_t}. */
public enum LcoreState {
    /** Parked, waiting for a function: {@link LcoreRuntime#launch} may start one. */
    IDLE,
    /** Running a function. */
    RUNNING,
    /** The function returned or threw; {@link LcoreRuntime#await} has not collected it yet. */
    FINISHED
}
