package io.wirespeed.virt.paths;

import io.wirespeed.lcore.IdlePolicy;
import io.wirespeed.lcore.InterruptSource;
import io.wirespeed.sys.Affinity;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;

/**
 * One core of a path (the host's or the guest's): a thread that runs a pass again and again and,
 * when a pass finds nothing, does what its idle policy says (spin, or sleep on the watched
 * queues' interrupts). Its CPU time is the thread's, read by any thread while it runs.
 */
final class Worker implements AutoCloseable {
    /** One pass over the core's queues; returns the frames it moved. */
    interface Pass {
        int run(long now);
    }

    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile Throwable failure;
    /** The thread's CPU time when it ended (its live value is gone with it). */
    private volatile long finalCpuNanos = -1;

    private Worker(String name, Pass pass, IdlePolicy idle, int cpu) {
        this.thread = Thread.ofPlatform().name(name).daemon().unstarted(() -> {
            if (cpu >= 0) {
                Affinity.setCurrentThread(cpu);
            }
            loop(pass, idle);
        });
    }

    /** Starts a core's thread, pinned to {@code cpu} (or unpinned when -1). */
    static Worker start(String name, Pass pass, IdlePolicy idle, List<InterruptSource> wakeups, int cpu) {
        for (InterruptSource s : wakeups) {
            idle.watch(s);
        }
        Worker w = new Worker(name, pass, idle, cpu);
        w.thread.start();
        return w;
    }

    private void loop(Pass pass, IdlePolicy idle) {
        try {
            int empty = 0;
            while (running) {
                int work = pass.run(System.nanoTime());
                if (work > 0) {
                    idle.busy(work);
                    empty = 0;
                } else {
                    idle.idle(++empty);
                }
            }
        } catch (Throwable t) {
            failure = t;
        } finally {
            finalCpuNanos = CPU.getCurrentThreadCpuTime();
            idle.close();
        }
    }

    long cpuNanos() {
        long done = finalCpuNanos;
        if (done >= 0) {
            return done;
        }
        long live = CPU.getThreadCpuTime(thread.threadId());
        return live >= 0 ? live : Math.max(0, finalCpuNanos);
    }

    /** What ended the loop, if it failed. */
    Throwable failure() {
        return failure;
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
