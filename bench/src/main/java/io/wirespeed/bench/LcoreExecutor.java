package io.wirespeed.bench;

import io.wirespeed.lcore.LcoreThread;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs JMH's benchmark threads as lcores (ids 1, 2, ...), so that what they measure is the data
 * path an lcore takes (per-lcore mempool caches). Selected with the fork's system properties
 * {@code -Djmh.executor=CUSTOM -Djmh.executor.class=io.wirespeed.bench.LcoreExecutor}.
 */
public final class LcoreExecutor extends ThreadPoolExecutor {
    public LcoreExecutor(int maxThreads, String prefix) {
        super(maxThreads, maxThreads, 1, TimeUnit.MINUTES, new LinkedBlockingQueue<>(), lcores(prefix));
    }

    private static java.util.concurrent.ThreadFactory lcores(String prefix) {
        AtomicInteger next = new AtomicInteger(1);
        return body -> {
            int id = next.getAndIncrement();
            LcoreThread t = new LcoreThread(id, prefix + "-lcore-" + id, body);
            t.setDaemon(true);
            return t;
        };
    }
}
