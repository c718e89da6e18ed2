package io.wirespeed.lcore;

import io.wirespeed.sys.Affinity;
import io.wirespeed.sys.Log;
import io.wirespeed.sys.Syscalls;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * DPDK's EAL lcore runtime. Built from a {@link CoreList}: the first lcore listed is the
 * <em>main</em> lcore, played by the thread that calls {@link #start} (no thread is made for it);
 * every other lcore is a <em>worker</em>: an {@link LcoreThread} created once, pinned to its CPUs
 * with sched_setaffinity as it starts, then parked until a function is launched on it.
 *
 * <p>Launching, awaiting and closing are done by one controlling thread, normally the main lcore, as in
 * DPDK ({@link #launch} = rte_eal_remote_launch, {@link #await} = rte_eal_wait_lcore,
 * {@link #awaitAll} = rte_eal_mp_wait_lcore). A launch publishes the function to the worker with
 * release semantics and the worker takes it with acquire; completion publishes the result the same
 * way back (see {@link WorkerLcore} for the details). Launch is atomic, so even two controllers
 * can never start two functions on one worker.
 *
 * <p>A worker the kernel will not pin (a cgroup cpuset, a container CPU limit) is not an error:
 * one line goes to standard error, the worker runs unpinned, and {@link #isPinned} says so.
 *
 * <p>While the runtime runs, the JVM's own threads (JIT compilers, GC workers and the rest) are
 * kept off the pinned workers' CPUs, as DPDK keeps its control threads off them; close() gives
 * them their CPUs back. See {@link ServiceThreads}; {@link #serviceCpus} says where they went.
 */
public final class LcoreRuntime implements AutoCloseable {
    /** How long {@link #close()} waits for workers whose functions are asked to stop. */
    public static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private final CoreList cores;
    private final LcoreContext mainContext;
    /** Indexed by lcore id; null for the main lcore and for ids not in the list. */
    private final WorkerLcore[] workersById;
    private final List<WorkerLcore> workers;
    private boolean mainPinned;
    private ServiceThreads serviceThreads;
    private boolean closed;

    private LcoreRuntime(CoreList cores) {
        this.cores = cores;
        this.mainContext = new LcoreContext(cores.mainLcore(), new LcoreStats(cores.mainLcore()));
        this.workersById = new WorkerLcore[cores.maxLcoreId() + 1];
        List<WorkerLcore> list = new ArrayList<>();
        for (LcoreAssignment lcore : cores.lcores().subList(1, cores.size())) {
            WorkerLcore worker = new WorkerLcore(lcore, new LcoreContext(lcore.lcoreId(), new LcoreStats(lcore.lcoreId())));
            workersById[lcore.lcoreId()] = worker;
            list.add(worker);
        }
        this.workers = List.copyOf(list);
    }

    /**
     * Starts a thread for every worker lcore and returns once each has pinned itself (or found it
     * cannot) and is waiting for work.
     */
    public static LcoreRuntime start(CoreList cores) {
        LcoreRuntime runtime = new LcoreRuntime(cores);
        try {
            for (WorkerLcore worker : runtime.workers) {
                worker.start();
            }
            for (WorkerLcore worker : runtime.workers) {
                worker.awaitStarted();
            }
            runtime.confineServiceThreads();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            runtime.closeQuietly();
            throw new IllegalStateException("interrupted while starting the lcores " + cores, e);
        } catch (RuntimeException | Error e) {
            runtime.closeQuietly();
            throw e;
        }
        return runtime;
    }

    private void confineServiceThreads() {
        BitSet workerCpus = new BitSet();
        for (WorkerLcore worker : workers) {
            if (worker.isPinned()) {
                workerCpus.or(cpusOf(worker.lcoreId()));
            }
        }
        serviceThreads = ServiceThreads.confine(cpusOf(mainLcore()), workerCpus, Syscalls.gettid());
    }

    /**
     * The CPUs the JVM's own threads were moved to, off the workers' (empty if none were moved:
     * no pinned worker, or nowhere else to go).
     */
    public BitSet serviceCpus() {
        return serviceThreads == null ? new BitSet() : serviceThreads.cpus();
    }

    /** The first lcore listed, played by the thread that started the runtime. */
    public int mainLcore() {
        return cores.mainLcore();
    }

    /** The worker lcores' ids, in the order listed. */
    public List<Integer> workerLcores() {
        return cores.workerLcores();
    }

    /** The core list this runtime was built from. */
    public CoreList cores() {
        return cores;
    }

    /** The CPUs lcore {@code lcoreId} is meant to run on (a copy). */
    public BitSet cpusOf(int lcoreId) {
        return cores.cpusOf(lcoreId);
    }

    /**
     * Whether lcore {@code lcoreId}'s thread is pinned to its CPUs. For the main lcore, whether
     * {@link #pinMainThread()} succeeded.
     */
    public boolean isPinned(int lcoreId) {
        return lcoreId == mainLcore() ? mainPinned : worker(lcoreId).isPinned();
    }

    /**
     * Pins the calling thread to the main lcore's CPUs (optional: DPDK pins it, a JVM program may
     * prefer to leave its main thread free). Failure is reported as for a worker, not thrown.
     *
     * @return whether the thread is now pinned
     */
    public boolean pinMainThread() {
        BitSet cpus = cpusOf(mainLcore());
        try {
            Affinity.setCurrentThread(cpus);
            mainPinned = true;
        } catch (RuntimeException | LinkageError e) {
            Log.info("lcore", "main lcore " + mainLcore() + " cannot be pinned to " + CpuRanges.describe(cpus)
                    + " (" + e.getMessage() + "); it runs unpinned");
            mainPinned = false;
        }
        return mainPinned;
    }

    /**
     * Runs {@code fn} on worker {@code lcoreId} and returns at once.
     *
     * @throws IllegalStateException if the worker is running a function, or finished one whose
     *     result {@link #await} has not collected yet, or the runtime is closed
     * @throws IllegalArgumentException for the main lcore or an lcore not in the list
     */
    public void launch(int lcoreId, LcoreFunction fn) {
        checkOpen();
        worker(lcoreId).launch(fn);
    }

    /**
     * Runs {@code fn} on every worker (DPDK's rte_eal_mp_remote_launch with SKIP_MAIN). Refuses,
     * launching nothing, if any worker is not idle.
     */
    public void launchWorkers(LcoreFunction fn) {
        checkOpen();
        workers.forEach(WorkerLcore::requireIdle);
        for (WorkerLcore worker : workers) {
            worker.launch(fn);
        }
    }

    /**
     * Runs {@code fn} as the main lcore on the calling thread (DPDK's CALL_MAIN), with the main
     * lcore's context and statistics, and returns its result.
     *
     * @throws LcoreFailedException wrapping whatever {@code fn} threw
     */
    public int runOnMain(LcoreFunction fn) {
        checkOpen();
        mainContext.clearStop();
        try {
            return fn.run(mainContext);
        } catch (Throwable t) {
            throw new LcoreFailedException(mainLcore(), t);
        } finally {
            mainContext.stats().flush();
        }
    }

    /**
     * Waits for the function launched on worker {@code lcoreId} and returns its result; returns 0
     * at once if nothing was launched since the last await. Afterwards the worker is idle again.
     *
     * @throws LcoreFailedException wrapping whatever the function threw
     */
    public int await(int lcoreId) {
        return worker(lcoreId).await();
    }

    /**
     * Waits for every worker. Every one is awaited even if some failed; then the first failure is
     * thrown with the others attached as suppressed.
     */
    public void awaitAll() {
        LcoreFailedException first = null;
        for (WorkerLcore worker : workers) {
            try {
                worker.await();
            } catch (LcoreFailedException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /** Where worker {@code lcoreId} is in its launch/await cycle. */
    public LcoreState state(int lcoreId) {
        return worker(lcoreId).state();
    }

    /**
     * Asks every lcore's running function, the main lcore's included, to return: sets the flag
     * {@link LcoreContext#stopRequested()} reads. Safe from any thread (a signal handler, a timer).
     * Each launch clears its lcore's flag, so a stop applies to the functions running now.
     */
    public void requestStop() {
        mainContext.requestStop();
        for (WorkerLcore worker : workers) {
            worker.context().requestStop();
        }
    }

    /** Asks the function running on lcore {@code lcoreId} to return. */
    public void requestStop(int lcoreId) {
        context(lcoreId).requestStop();
    }

    /** Lcore {@code lcoreId}'s counters; any thread may read them. */
    public LcoreStats stats(int lcoreId) {
        return context(lcoreId).stats();
    }

    /**
     * Asks every running function to stop, ends every worker thread and joins it. A failure no one
     * awaited is reported on standard error rather than lost.
     *
     * @throws IllegalStateException if a worker is still running after {@link #CLOSE_TIMEOUT}:
     *     its function does not check {@link LcoreContext#stopRequested()}
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        requestStop();
        workers.forEach(WorkerLcore::shutdown);
        long deadline = System.nanoTime() + CLOSE_TIMEOUT.toNanos();
        BitSet stuck = new BitSet();
        boolean interrupted = false;
        for (WorkerLcore worker : workers) {
            while (true) {
                try {
                    if (!worker.thread().join(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())))) {
                        stuck.set(worker.lcoreId());
                    }
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (serviceThreads != null) {
            serviceThreads.restore();
        }
        for (WorkerLcore worker : workers) {
            Throwable lost = stuck.get(worker.lcoreId()) ? null : worker.uncollectedFailure();
            if (lost != null) {
                Log.info("lcore", "lcore " + worker.lcoreId() + " failed and no one awaited it: " + lost);
            }
        }
        if (!stuck.isEmpty()) {
            throw new IllegalStateException("lcore" + (stuck.cardinality() == 1 ? " " : "s ") + CpuRanges.format(stuck)
                    + " did not stop within " + CLOSE_TIMEOUT.toSeconds()
                    + " s of close(): the function does not check stopRequested()");
        }
    }

    private void closeQuietly() {
        try {
            close();
        } catch (RuntimeException e) {
            // Already failing; the first failure is the one to report.
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the lcore runtime " + cores + " is closed");
        }
    }

    private LcoreContext context(int lcoreId) {
        return lcoreId == mainLcore() ? mainContext : worker(lcoreId).context();
    }

    private WorkerLcore worker(int lcoreId) {
        if (lcoreId == mainLcore()) {
            throw new IllegalArgumentException("lcore " + lcoreId
                    + " is the main lcore: it runs on the calling thread (use runOnMain), not as a worker");
        }
        WorkerLcore worker = lcoreId >= 0 && lcoreId < workersById.length ? workersById[lcoreId] : null;
        if (worker == null) {
            throw new IllegalArgumentException("lcore " + lcoreId + " is not in this runtime (lcores: " + cores + ")");
        }
        return worker;
    }
}
