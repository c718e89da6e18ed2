package io.wirespeed.lcore;

/**
 * What an lcore runs: DPDK's {@code lcore_function_t}. Typically a poll loop that runs until
 * {@link LcoreContext#stopRequested()}; the int it returns is what {@link LcoreRuntime#await}
 * gives back (0 for success, by DPDK's convention).
 */
@FunctionalInterface
public interface LcoreFunction {
    /**
     * @param ctx this lcore's id, stop flag and statistics; valid on the calling thread only
     * @return the result {@link LcoreRuntime#await} returns
     * @throws Exception whatever the function throws reaches the awaiting thread, wrapped in an
     *     {@link LcoreFailedException}
     */
    int run(LcoreContext ctx) throws Exception;
}
