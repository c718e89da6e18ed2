package io.wirespeed.lcore;

import io.wirespeed.sys.Affinity;
import io.wirespeed.sys.Errno;
import io.wirespeed.sys.Log;
import io.wirespeed.sys.ProcessThreads;
import io.wirespeed.sys.SysException;
import io.wirespeed.sys.Syscalls;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps the JVM's own threads off the worker lcores' CPUs while a runtime runs, as DPDK's EAL keeps
 * its control threads off them: they go to the CPUs the process may use that no lcore is on, or,
 * when the lcores take them all, to the main lcore's CPUs.
 *
 * <p>Why: the JIT compiles most of the data path only when traffic first takes it, and a C2
 * compiler thread is then runnable for hundreds of milliseconds. On a worker's CPU the scheduler
 * shares the CPU with it in whole ticks, and an lcore gone for 4-12 ms at a time lets its ring
 * overflow (measured: AF_XDP on veth at 0.4 Mpps, 25-47 k frames lost in the first second of
 * traffic in adaptive mode, 0.4-35 k in busy mode; with the JVM's threads on the main lcore's CPU,
 * 0-78 and 0-2.2 k).
 *
 * <p>Every thread of the process whose CPUs include a worker's is moved, except the lcores of every
 * runtime in the process, the thread that starts the runtime (the main lcore, which its
 * application places) and the process's first thread (the launcher's, which only waits). The
 * threads those moved start later inherit the service CPUs (Linux copies the creator's affinity),
 * the JIT compiler threads the JVM adds on demand among them. {@link #restore} gives every moved
 * thread back its CPUs, and those started meanwhile on the service CPUs the widest of them.
 * Owned by the runtime's controlling thread.
 */
final class ServiceThreads {
    /** Every running worker lcore's kernel id, of every runtime: never moved, never restored. */
    private static final Set<Integer> LCORES = ConcurrentHashMap.newKeySet();
    private static final ServiceThreads NONE = new ServiceThreads(new BitSet(), new int[0], new BitSet[0], new BitSet(), -1);

    private final BitSet cpus;
    private final int[] moved;
    private final BitSet[] before;
    private final BitSet widest;
    /** The thread that started the runtime: never moved, never restored. */
    private final int caller;

    private ServiceThreads(BitSet cpus, int[] moved, BitSet[] before, BitSet widest, int caller) {
        this.cpus = cpus;
        this.moved = moved;
        this.before = before;
        this.widest = widest;
        this.caller = caller;
    }

    /** Called by a worker lcore's thread as it starts. */
    static void lcoreStarted(int tid) {
        LCORES.add(tid);
    }

    /** Called by a worker lcore's thread as it ends. */
    static void lcoreEnded(int tid) {
        LCORES.remove(tid);
    }

    /**
     * Where service threads go: the CPUs {@code allowed} minus every lcore's, or, if that leaves
     * none, {@code allowed} minus the workers' (the main lcore's CPUs); empty when even that leaves
     * none, and then nothing is moved.
     */
    static BitSet serviceCpus(BitSet allowed, BitSet mainCpus, BitSet workerCpus) {
        BitSet free = (BitSet) allowed.clone();
        free.andNot(workerCpus);
        BitSet unused = (BitSet) free.clone();
        unused.andNot(mainCpus);
        return unused.isEmpty() ? free : unused;
    }

    /**
     * Moves the process's threads off {@code workerCpus}, but for the worker lcores (this
     * runtime's and any other's) and {@code callerTid}. Never throws for a thread the kernel will
     * not move: one line says how many stayed.
     */
    static ServiceThreads confine(BitSet mainCpus, BitSet workerCpus, int callerTid) {
        if (workerCpus.isEmpty()) {
            return NONE;
        }
        // The process's first thread is left too: it only waits for the JVM to end, and its
        // affinity is what Affinity.process() reports, which core lists are checked against.
        int process = Syscalls.getpid();
        int[] tids = ProcessThreads.ids();
        int[] candidates = new int[tids.length];
        BitSet[] masks = new BitSet[tids.length];
        BitSet allowed = new BitSet();
        int n = 0;
        for (int tid : tids) {
            if (tid == callerTid || tid == process || LCORES.contains(tid)) {
                continue;
            }
            BitSet mask = maskOf(tid);
            if (mask == null || !mask.intersects(workerCpus)) {
                continue;                           // ended, or already off the workers' CPUs
            }
            allowed.or(mask);
            candidates[n] = tid;
            masks[n++] = mask;
        }
        BitSet cpus = serviceCpus(allowed, mainCpus, workerCpus);
        if (cpus.isEmpty() || n == 0) {
            return NONE;
        }
        int[] moved = new int[n];
        BitSet[] before = new BitSet[n];
        int m = 0;
        int refused = 0;
        SysException why = null;
        for (int i = 0; i < n; i++) {
            try {
                Affinity.setThread(candidates[i], cpus);
                moved[m] = candidates[i];
                before[m++] = masks[i];
            } catch (SysException e) {
                if (e.errno() != Errno.ESRCH) {
                    refused++;
                    why = e;
                }
            }
        }
        if (refused > 0) {
            Log.info("lcore", refused + " of " + n + " JVM threads could not be moved off the worker lcores' "
                    + CpuRanges.describe(workerCpus) + " (" + why.getMessage() + "); they share them");
        }
        if (m == 0) {
            return NONE;
        }
        return new ServiceThreads(cpus, Arrays.copyOf(moved, m), Arrays.copyOf(before, m), allowed, callerTid);
    }

    /** The CPUs the service threads were moved to; empty if none were. */
    BitSet cpus() {
        return (BitSet) cpus.clone();
    }

    /**
     * Gives the moved threads their CPUs back, and the widest of those to the threads started
     * meanwhile on the service CPUs.
     */
    void restore() {
        if (moved.length == 0) {
            return;
        }
        for (int i = 0; i < moved.length; i++) {
            setQuietly(moved[i], before[i]);
        }
        int process = Syscalls.getpid();
        for (int tid : ProcessThreads.ids()) {
            boolean left = tid == caller || tid == process || LCORES.contains(tid) || contains(moved, tid);
            if (!left && cpus.equals(maskOf(tid))) {
                setQuietly(tid, widest);
            }
        }
    }

    private static void setQuietly(int tid, BitSet mask) {
        try {
            Affinity.setThread(tid, mask);
        } catch (SysException e) {
            // Ended (ESRCH), or a CPU went offline meanwhile: the thread keeps what it has.
        }
    }

    /** Thread {@code tid}'s CPUs, or null if it has ended. */
    private static BitSet maskOf(int tid) {
        try {
            return Affinity.ofThread(tid);
        } catch (SysException e) {
            return null;
        }
    }

    private static boolean contains(int[] ids, int id) {
        for (int x : ids) {
            if (x == id) {
                return true;
            }
        }
        return false;
    }
}
