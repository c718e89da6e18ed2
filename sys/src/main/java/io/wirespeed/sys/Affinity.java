package io.wirespeed.sys;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.util.BitSet;

/**
 * CPU affinity of the calling thread, or of any thread of this process by its kernel id:
 * sched_setaffinity, sched_getaffinity, sched_getcpu.
 */
public final class Affinity {
    /** Room for 1024 CPUs, glibc's cpu_set_t. */
    private static final int CPU_SET_BYTES = 128;
    private static final MethodHandle SET = Libc.errnoCall("sched_setaffinity",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, ADDRESS));
    private static final MethodHandle GET = Libc.errnoCall("sched_getaffinity",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, ADDRESS));
    private static final MethodHandle GETCPU = Libc.call("sched_getcpu", FunctionDescriptor.of(JAVA_INT));

    private Affinity() {
    }

    /** Pins the calling thread (pid 0 means "this thread" to the kernel) to exactly these CPUs. */
    public static void setCurrentThread(BitSet cpus) {
        setThread(0, cpus);
    }

    /**
     * Pins thread {@code tid} (a kernel thread id, see {@link ProcessThreads}) to exactly these CPUs.
     *
     * @throws SysException ESRCH if the thread has ended, EINVAL if none of the CPUs is allowed
     */
    public static void setThread(int tid, BitSet cpus) {
        if (cpus.isEmpty() || cpus.length() > CPU_SET_BYTES * 8) {
            throw new IllegalArgumentException("CPU set " + cpus + " is empty or past CPU " + (CPU_SET_BYTES * 8 - 1));
        }
        MemorySegment errno = Libc.errnoState();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment mask = arena.allocate(CPU_SET_BYTES);
            long[] words = cpus.toLongArray();
            for (int i = 0; i < words.length; i++) {
                mask.setAtIndex(JAVA_LONG, i, words[i]);
            }
            int rc = (int) SET.invokeExact(errno, tid, (long) CPU_SET_BYTES, mask);
            Syscalls.check(rc, "sched_setaffinity(" + (tid == 0 ? "" : tid + ", ") + cpus + ")", errno);
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        }
    }

    public static void setCurrentThread(int cpu) {
        BitSet one = new BitSet();
        one.set(cpu);
        setCurrentThread(one);
    }

    /** The CPUs the calling thread may run on. */
    public static BitSet currentThread() {
        return get(0);
    }

    /** The CPUs this process may run on: the ones a core list may name. */
    public static BitSet process() {
        return get(Syscalls.getpid());
    }

    /** The CPUs thread {@code tid} of this process may run on. */
    public static BitSet ofThread(int tid) {
        return get(tid);
    }

    private static BitSet get(int pid) {
        MemorySegment errno = Libc.errnoState();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment mask = arena.allocate(CPU_SET_BYTES);
            int rc = (int) GET.invokeExact(errno, pid, (long) CPU_SET_BYTES, mask);
            Syscalls.check(rc, "sched_getaffinity(" + pid + ")", errno);
            return BitSet.valueOf(mask.toArray(JAVA_LONG));
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        }
    }

    /** The CPU the calling thread runs on right now. */
    public static int currentCpu() {
        try {
            return (int) GETCPU.invokeExact();
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        }
    }
}
