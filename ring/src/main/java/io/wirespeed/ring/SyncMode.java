package io.wirespeed.ring;

/**
 * How many threads may use one side of a {@link Ring} at the same time.
 *
 * <p>DPDK's SP/MP (producers) and SC/MC (consumers) flags. {@link #SINGLE} is cheaper: the
 * side's index is updated with a plain read and a release store, no compare-and-set and no
 * waiting for other threads of the same side.
 */
public enum SyncMode {
    /** Exactly one thread at a time uses this side of the ring (SP / SC). */
    SINGLE,
    /** Any number of threads may use this side of the ring concurrently (MP / MC). */
    MULTI
}
