package io.wirespeed.sys;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.BitSet;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class AffinityTest {
    @Test
    void pinnedThreadRunsOnlyOnItsCpu() throws InterruptedException {
        int cpu = Affinity.process().previousSetBit(Integer.MAX_VALUE);
        AtomicReference<BitSet> seen = new AtomicReference<>();
        AtomicReference<Integer> ranOn = new AtomicReference<>();
        Thread t = new Thread(() -> {
            Affinity.setCurrentThread(cpu);
            seen.set(Affinity.currentThread());
            ranOn.set(Affinity.currentCpu());
        });
        t.start();
        t.join();
        BitSet expected = new BitSet();
        expected.set(cpu);
        assertThat(seen.get()).isEqualTo(expected);
        assertThat(ranOn.get()).isEqualTo(cpu);
    }

    @Test
    void processMayRunOnAtLeastOneCpu() {
        assertThat(Affinity.process().cardinality()).isPositive();
    }
}
