package io.wirespeed.lcore;

import io.wirespeed.sys.Affinity;
import java.util.BitSet;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Which lcores to run and on which CPUs, in the order they were listed: DPDK's {@code -l 0-3,5}
 * and {@code --lcores (0-2)@(0,1),3@1} options. The first lcore is the main lcore (the thread that
 * started the runtime); the others become worker threads.
 *
 * <p>The parse methods check the text against the CPUs this process may use and fail with an
 * {@link IllegalArgumentException} whose message is one line fit for a command line's error
 * output, naming the option: {@code -l 0-7: CPUs 2-7 do not exist here (available: 0-1)}.
 */
public final class CoreList {
    /**
     * The largest lcore id (and CPU id) a list may name: glibc's cpu_set_t holds 1024 CPUs, and an
     * id indexes per-lcore arrays, so it must stay small.
     */
    public static final int MAX_LCORE_ID = 1023;

    private final List<LcoreAssignment> lcores;

    private CoreList(List<LcoreAssignment> lcores) {
        this.lcores = List.copyOf(lcores);
    }

    /** Parses {@code -l} text ({@code 0-3,5}): lcore N on CPU N, checked against this process's CPUs. */
    public static CoreList parseCores(String text) {
        return parseCores(text, Affinity.process());
    }

    /** Parses {@code -l} text, checking it against the given CPUs instead of this process's. */
    public static CoreList parseCores(String text, BitSet availableCpus) {
        return new CoreList(new CoreListParser(CoreListParser.Syntax.CORES, text, availableCpus).parse());
    }

    /**
     * Parses {@code --lcores} text ({@code 1,2@(0-1),(3-5)@(0,1),(6,7)}), checked against this
     * process's CPUs. A bare number or range maps each lcore to the CPU of the same number; a group
     * without {@code @} gives every lcore in it the whole group as its CPU set.
     */
    public static CoreList parseLcores(String text) {
        return parseLcores(text, Affinity.process());
    }

    /** Parses {@code --lcores} text, checking it against the given CPUs instead of this process's. */
    public static CoreList parseLcores(String text, BitSet availableCpus) {
        return new CoreList(new CoreListParser(CoreListParser.Syntax.LCORES, text, availableCpus).parse());
    }

    /**
     * A list built by a program rather than typed. The CPUs are not checked here: the kernel
     * checks them when the runtime pins each thread, and an lcore it refuses runs unpinned.
     */
    public static CoreList of(List<LcoreAssignment> lcores) {
        if (lcores.isEmpty()) {
            throw new IllegalArgumentException("a core list needs at least one lcore");
        }
        BitSet seen = new BitSet();
        for (LcoreAssignment lcore : lcores) {
            if (seen.get(lcore.lcoreId())) {
                throw new IllegalArgumentException("lcore " + lcore.lcoreId() + " is listed twice");
            }
            seen.set(lcore.lcoreId());
        }
        return new CoreList(lcores);
    }

    /** Every lcore, in the order listed; the first is the main lcore. */
    public List<LcoreAssignment> lcores() {
        return lcores;
    }

    public int size() {
        return lcores.size();
    }

    /** The first lcore listed: DPDK's main lcore, played by the thread that starts the runtime. */
    public int mainLcore() {
        return lcores.getFirst().lcoreId();
    }

    /** The lcores after the first, in the order listed: the ones that get a thread of their own. */
    public List<Integer> workerLcores() {
        return lcores.subList(1, lcores.size()).stream().map(LcoreAssignment::lcoreId).toList();
    }

    /** The largest lcore id listed: per-lcore arrays need {@code maxLcoreId() + 1} slots. */
    public int maxLcoreId() {
        return lcores.stream().mapToInt(LcoreAssignment::lcoreId).max().orElseThrow();
    }

    public boolean contains(int lcoreId) {
        return lcores.stream().anyMatch(l -> l.lcoreId() == lcoreId);
    }

    /** The CPUs lcore {@code lcoreId} is pinned to (a copy). */
    public BitSet cpusOf(int lcoreId) {
        for (LcoreAssignment lcore : lcores) {
            if (lcore.lcoreId() == lcoreId) {
                return lcore.cpus();
            }
        }
        throw new IllegalArgumentException("lcore " + lcoreId + " is not in the core list " + this);
    }

    /** Every CPU some lcore may run on. */
    public BitSet allCpus() {
        BitSet all = new BitSet();
        lcores.forEach(l -> all.or(l.cpus()));
        return all;
    }

    /** The list in {@code --lcores} syntax, one {@code id@cpus} per lcore; parses back to an equal list. */
    @Override
    public String toString() {
        return lcores.stream().map(LcoreAssignment::toString).collect(Collectors.joining(","));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CoreList list && list.lcores.equals(lcores);
    }

    @Override
    public int hashCode() {
        return lcores.hashCode();
    }
}
