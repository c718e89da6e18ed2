package io.wirespeed.lcore;

import io.wirespeed.sys.Affinity;
import io.wirespeed.sys.Log;
import io.wirespeed.sys.Syscalls;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.BitSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.LockSupport;

/**
 * One worker lcore: its thread, pinned to its CPUs when it starts, parked until a function is
 * launched on it; and the hand-over of that function and its result between the controlling thread
 * (the main lcore) and the worker, as DPDK's rte_eal_remote_launch / rte_eal_wait_lcore do.
 *
 * <h2>Memory ordering</h2>
 * {@code state} carries everything; the fields beside it are plain and ride on its edges:
 * <ul>
 *   <li>launch: the controller claims the worker with an acquire CAS IDLE→LAUNCHING (so two
 *       launchers can never both start a function), writes {@code function} plainly, then stores
 *       RUNNING with <b>release</b>. The worker loads {@code state} with <b>acquire</b>; seeing
 *       RUNNING it sees the function and everything the launcher wrote before launching.</li>
 *   <li>completion: the worker writes {@code result}/{@code failure} plainly, then stores FINISHED
 *       (release, and more, see below). The awaiter loads {@code state} with acquire; seeing
 *       FINISHED it sees the result and everything the function wrote. It then stores IDLE with
 *       release, which the next launch's acquire CAS pairs with.</li>
 *   <li>waking the awaiter is a Dekker handshake: the awaiter stores {@code waiter} then loads
 *       {@code state}; the worker stores {@code state} then loads {@code waiter}. Release/acquire
 *       does not order a store before a later load, so these four accesses are volatile (sequentially
 *       consistent): at least one side sees the other's store, and no wake-up is lost. They happen
 *       once per launch, never per poll.</li>
 *   <li>waking the worker needs no such care: its thread is known, and an unpark that comes before
 *       the park leaves a permit that makes the park return at once.</li>
 * </ul>
 */
final class WorkerLcore {
    private static final int IDLE = 0;
    private static final int LAUNCHING = 1;
    private static final int RUNNING = 2;
    private static final int FINISHED = 3;

    private static final VarHandle STATE;
    private static final VarHandle WAITER;
    private static final VarHandle SHUTDOWN;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            STATE = lookup.findVarHandle(WorkerLcore.class, "state", int.class);
            WAITER = lookup.findVarHandle(WorkerLcore.class, "waiter", Thread.class);
            SHUTDOWN = lookup.findVarHandle(WorkerLcore.class, "shutdown", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final int lcoreId;
    private final BitSet cpus;
    private final LcoreContext context;
    private final LcoreThread thread;
    private final CountDownLatch started = new CountDownLatch(1);

    @SuppressWarnings("unused") // through STATE
    private int state = IDLE;
    /** Plain: published by the release store of RUNNING. */
    private LcoreFunction function;
    /** Plain: published by the store of FINISHED. */
    private int result;
    /** Plain: published by the store of FINISHED. */
    private Throwable failure;
    @SuppressWarnings("unused") // through WAITER
    private Thread waiter;
    @SuppressWarnings("unused") // through SHUTDOWN
    private boolean shutdown;
    /** Plain: written before {@code started} counts down, read after it was awaited. */
    private boolean pinned;

    WorkerLcore(LcoreAssignment assignment, LcoreContext context) {
        this.lcoreId = assignment.lcoreId();
        this.cpus = assignment.cpus();
        this.context = context;
        this.thread = new LcoreThread(lcoreId, "lcore-" + lcoreId, this::run);
        // A worker parked for ever must not keep the JVM alive when the program forgets close().
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Blocks until the thread has tried to pin itself and is about to park. */
    void awaitStarted() throws InterruptedException {
        started.await();
    }

    int lcoreId() {
        return lcoreId;
    }

    LcoreThread thread() {
        return thread;
    }

    LcoreContext context() {
        return context;
    }

    boolean isPinned() {
        return pinned;
    }

    LcoreState state() {
        return switch ((int) STATE.getAcquire(this)) {
            case IDLE -> LcoreState.IDLE;
            case FINISHED -> LcoreState.FINISHED;
            default -> LcoreState.RUNNING;
        };
    }

    /** Hands {@code fn} to the worker; refuses unless the worker is idle (its last result collected). */
    void launch(LcoreFunction fn) {
        int witness = (int) STATE.compareAndExchangeAcquire(this, IDLE, LAUNCHING);
        if (witness != IDLE) {
            throw busy(witness);
        }
        context.clearStop();
        function = fn;
        STATE.setRelease(this, RUNNING);
        LockSupport.unpark(thread);
    }

    /** Throws the refusal {@link #launch} would, unless the worker is idle. */
    void requireIdle() {
        int current = (int) STATE.getAcquire(this);
        if (current != IDLE) {
            throw busy(current);
        }
    }

    private IllegalStateException busy(int state) {
        return new IllegalStateException(state == FINISHED
                ? "lcore " + lcoreId + " is busy: its last function finished but await(" + lcoreId
                        + ") has not collected the result"
                : "lcore " + lcoreId + " is busy: a function is still running on it");
    }

    /** Waits for the launched function and returns its result; 0 at once if nothing was launched. */
    int await() {
        if ((int) STATE.getAcquire(this) == IDLE) {
            return 0;
        }
        boolean interrupted = false;
        WAITER.setVolatile(this, Thread.currentThread());
        while ((int) STATE.getVolatile(this) != FINISHED) {
            LockSupport.park(this);
            // Waiting is uninterruptible (a worker cannot be abandoned mid-function); keep the flag for the caller.
            interrupted |= Thread.interrupted();
        }
        WAITER.setOpaque(this, null);
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        int value = result;
        Throwable thrown = failure;
        failure = null;
        STATE.setRelease(this, IDLE);
        if (thrown != null) {
            throw new LcoreFailedException(lcoreId, thrown);
        }
        return value;
    }

    /** Asks the thread to end once its current function (if any) returns. */
    void shutdown() {
        SHUTDOWN.setRelease(this, true);
        LockSupport.unpark(thread);
    }

    /** After the thread ended: what its last function threw, if nobody awaited it. */
    Throwable uncollectedFailure() {
        return (int) STATE.getAcquire(this) == FINISHED ? failure : null;
    }

    private void run() {
        int tid = Syscalls.gettid();
        ServiceThreads.lcoreStarted(tid);
        try {
            pinned = pin();
            started.countDown();
            LcoreFunction fn;
            while ((fn = nextFunction()) != null) {
                runOne(fn);
            }
        } finally {
            ServiceThreads.lcoreEnded(tid);
        }
    }

    private boolean pin() {
        try {
            Affinity.setCurrentThread(cpus);
            return true;
        } catch (RuntimeException | LinkageError e) {
            // A cgroup cpuset, a container's CPU limit or a non-Linux host: run anyway, unpinned.
            Log.info("lcore", "lcore " + lcoreId + " cannot be pinned to " + CpuRanges.describe(cpus)
                    + " (" + e.getMessage() + "); it runs unpinned");
            return false;
        }
    }

    private LcoreFunction nextFunction() {
        while (true) {
            if ((int) STATE.getAcquire(this) == RUNNING) {
                LcoreFunction fn = function;
                function = null;
                return fn;
            }
            if ((boolean) SHUTDOWN.getAcquire(this)) {
                return null;
            }
            LockSupport.park(this);
            Thread.interrupted(); // a stray interrupt would make every later park return at once
        }
    }

    private void runOne(LcoreFunction fn) {
        int value = 0;
        Throwable thrown = null;
        try {
            value = fn.run(context);
        } catch (Throwable t) {
            thrown = t;
        }
        try {
            context.stats().flush();
        } catch (RuntimeException e) {
            // The state must still reach FINISHED, or the awaiter would wait for ever.
            thrown = thrown != null ? thrown : e;
        }
        result = value;
        failure = thrown;
        STATE.setVolatile(this, FINISHED);
        Thread awaiting = (Thread) WAITER.getVolatile(this);
        if (awaiting != null) {
            LockSupport.unpark(awaiting);
        }
    }
}
