package io.wirespeed.lcore;

/**
 * A thread that runs one lcore. Its id is what DPDK's rte_lcore_id() returns: it selects the
 * lcore's mempool caches and statistics slots without a ThreadLocal look-up.
 */
public class LcoreThread extends Thread {
    /** The id a thread that is not an lcore has (DPDK's LCORE_ID_ANY). */
    public static final int ANY = -1;

    private final int lcoreId;

    public LcoreThread(int lcoreId, String name, Runnable body) {
        super(body, name);
        if (lcoreId < 0) {
            throw new IllegalArgumentException("lcore id " + lcoreId + " is negative");
        }
        this.lcoreId = lcoreId;
    }

    public final int lcoreId() {
        return lcoreId;
    }

    /** The calling thread's lcore id, or {@link #ANY}. Costs a type check and a field load. */
    public static int currentLcoreId() {
        return Thread.currentThread() instanceof LcoreThread t ? t.lcoreId : ANY;
    }
}
