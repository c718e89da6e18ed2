package io.wirespeed.app.common;

import io.wirespeed.ethdev.Port;
import io.wirespeed.lcore.LcoreRuntime;
import io.wirespeed.mbuf.Mempool;
import java.util.List;

/** Releasing what a forwarding application holds, in the one order that is safe: lcores, ports, pool. */
public final class DataPlaneResources {
    private DataPlaneResources() {
    }

    /**
     * Stops and joins the lcores (so nothing polls a closing port), closes the ports (returning
     * the mbufs they hold), then frees the pool. Any of them may be null: an open that failed
     * half-way releases what it got.
     */
    public static void release(LcoreRuntime runtime, List<Port> ports, Mempool pool) {
        if (runtime != null) {
            runtime.close();
        }
        for (Port p : ports) {
            p.close();
        }
        if (pool != null) {
            pool.close();
        }
    }
}
