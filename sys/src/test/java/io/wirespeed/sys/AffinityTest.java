package io.wirespeed.sys;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.BitSet;
import java.util.concurrent.CountDownLatch;
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
    void anotherThreadIsPinnedByItsKernelId() throws InterruptedException {
        int cpu = Affinity.process().nextSetBit(0);
        AtomicReference<Integer> tid = new AtomicReference<>();
        CountDownLatch pinned = new CountDownLatch(1);
        AtomicReference<BitSet> seen = new AtomicReference<>();
        Thread t = new Thread(() -> {
            tid.set(Syscalls.gettid());
            try {
                pinned.await();
            } catch (InterruptedException e) {
                return;
            }
            seen.set(Affinity.currentThread());
        });
        t.start();
        while (tid.get() == null) {
            Thread.onSpinWait();
        }
        BitSet one = new BitSet();
        one.set(cpu);
        Affinity.setThread(tid.get(), one);
        assertThat(Affinity.ofThread(tid.get())).isEqualTo(one);
        pinned.countDown();
        t.join();
        assertThat(seen.get()).isEqualTo(one);
    }

    @Test
    void processMayRunOnAtLeastOneCpu() {
        assertThat(Affinity.process().cardinality()).isPositive();
    }
}
