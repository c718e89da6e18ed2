package io.wirespeed.lcore;

import static io.wirespeed.lcore.TestCores.set;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.wirespeed.sys.Affinity;
import io.wirespeed.sys.Syscalls;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ServiceThreadsTest {
    @Test
    void serviceThreadsGoWhereNoLcoreIs() {
        assertThat(ServiceThreads.serviceCpus(set(0, 1, 2, 3), set(0), set(1, 2))).isEqualTo(set(3));
    }

    @Test
    void serviceThreadsShareTheMainLcoreWhenTheLcoresTakeEveryCpu() {
        assertThat(ServiceThreads.serviceCpus(set(0, 1), set(0), set(1))).isEqualTo(set(0));
    }

    @Test
    void serviceThreadsStayWhereTheyAreWhenTheWorkersTakeEveryCpu() {
        assertThat(ServiceThreads.serviceCpus(set(0, 1), set(1), set(0, 1))).isEqualTo(new BitSet());
    }

    @Test
    void aRunningRuntimeKeepsOtherThreadsOffItsWorkersCpus() throws InterruptedException {
        try (Helper helper = Helper.start()) {
            try (LcoreRuntime runtime = LcoreRuntime.start(twoCpus())) {
                BitSet worker = runtime.cpusOf(1);
                assertThat(Affinity.ofThread(helper.tid()).intersects(worker)).isFalse();
                assertThat(Affinity.ofThread(helper.tid())).isEqualTo(runtime.serviceCpus());
            }
        }
    }

    @Test
    void aSecondRuntimeLeavesTheFirstOnesWorkersPinned() {
        try (LcoreRuntime first = LcoreRuntime.start(twoCpus());
                LcoreRuntime second = LcoreRuntime.start(twoCpus())) {
            AtomicReference<BitSet> seen = new AtomicReference<>();
            first.launch(1, ctx -> {
                seen.set(Affinity.currentThread());
                return 0;
            });
            first.await(1);
            assertThat(seen.get()).isEqualTo(first.cpusOf(1));
        }
    }

    @Test
    void theThreadThatStartsTheRuntimeIsNotMoved() {
        BitSet mine = Affinity.currentThread();
        try (LcoreRuntime runtime = LcoreRuntime.start(twoCpus())) {
            assertThat(Affinity.currentThread()).isEqualTo(mine);
        }
    }

    @Test
    void closeGivesTheMovedThreadsTheirCpusBack() throws InterruptedException {
        try (Helper helper = Helper.start()) {
            BitSet before = Affinity.ofThread(helper.tid());
            LcoreRuntime.start(twoCpus()).close();
            assertThat(Affinity.ofThread(helper.tid())).isEqualTo(before);
        }
    }

    @Test
    void closeWidensAThreadStartedOnTheServiceCpus() throws InterruptedException {
        try (Helper helper = Helper.start()) {
            BitSet before = Affinity.ofThread(helper.tid());
            Helper child;
            try (LcoreRuntime runtime = LcoreRuntime.start(twoCpus())) {
                child = helper.startChild();           // created by a moved thread: inherits its CPUs
                assertThat(Affinity.ofThread(child.tid())).isEqualTo(runtime.serviceCpus());
            }
            try (child) {
                assertThat(Affinity.ofThread(child.tid())).isEqualTo(before);
            }
        }
    }

    /** Main lcore on the first CPU, one worker on the last: needs two CPUs. */
    private static CoreList twoCpus() {
        int[] cpus = TestCores.available();
        assumeTrue(cpus.length >= 2, "needs two CPUs");
        return CoreList.of(List.of(new LcoreAssignment(0, set(cpus[0])),
                new LcoreAssignment(1, set(cpus[cpus.length - 1]))));
    }

    /** A parked thread that is no lcore, as the JVM's compiler and GC threads are. */
    private static final class Helper implements AutoCloseable {
        private final AtomicInteger tid = new AtomicInteger();
        private final CountDownLatch running = new CountDownLatch(1);
        private final CountDownLatch done = new CountDownLatch(1);
        private final CountDownLatch childAsked = new CountDownLatch(1);
        private final CountDownLatch childStarted = new CountDownLatch(1);
        private volatile Helper child;
        private final Thread thread;

        private Helper() {
            thread = new Thread(this::run, "service-test");
        }

        static Helper start() throws InterruptedException {
            Helper h = new Helper();
            h.thread.start();
            h.running.await();
            return h;
        }

        int tid() {
            return tid.get();
        }

        /** Has this thread start another, and returns it. */
        Helper startChild() throws InterruptedException {
            childAsked.countDown();
            childStarted.await();
            return child;
        }

        private void run() {
            tid.set(Syscalls.gettid());
            running.countDown();
            try {
                while (done.getCount() > 0) {
                    if (childAsked.getCount() == 0 && child == null) {
                        child = Helper.start();
                        childStarted.countDown();
                    }
                    done.await(1, TimeUnit.MILLISECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void close() throws InterruptedException {
            done.countDown();
            thread.join();
        }
    }
}
