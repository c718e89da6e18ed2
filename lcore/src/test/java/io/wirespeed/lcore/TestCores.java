package io.wirespeed.lcore;

import io.wirespeed.sys.Affinity;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/** Core lists for tests that fit whatever CPUs this process may use (one or more). */
final class TestCores {
    private TestCores() {
    }

    /** CPUs this process may use, in order. */
    static int[] available() {
        return Affinity.process().stream().toArray();
    }

    /** The last CPU this process may use: the one a pinning test moves a worker to. */
    static int lastCpu() {
        int[] cpus = available();
        return cpus[cpus.length - 1];
    }

    /** Main lcore 0 and workers 1..n, spread round-robin over the available CPUs. */
    static CoreList mainAndWorkers(int workers) {
        int[] cpus = available();
        List<LcoreAssignment> lcores = new ArrayList<>();
        for (int id = 0; id <= workers; id++) {
            lcores.add(new LcoreAssignment(id, set(cpus[id % cpus.length])));
        }
        return CoreList.of(lcores);
    }

    static BitSet set(int... ids) {
        BitSet set = new BitSet();
        for (int id : ids) {
            set.set(id);
        }
        return set;
    }
}
