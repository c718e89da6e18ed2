package io.wirespeed.lcore;

import static io.wirespeed.lcore.TestCores.set;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wirespeed.sys.Affinity;
import io.wirespeed.sys.Log;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.BitSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
class LcoreRuntimeTest {
    @Test
    void firstListedLcoreIsMainAndTheOthersAreWorkersInOrder() {
        int cpu = TestCores.available()[0];
        CoreList cores = CoreList.parseLcores("3@" + cpu + ",1@" + cpu + ",2@" + cpu);
        try (LcoreRuntime runtime = LcoreRuntime.start(cores)) {
            assertThat(runtime.mainLcore()).isEqualTo(3);
            assertThat(runtime.workerLcores()).containsExactly(1, 2);
            assertThat(runtime.cpusOf(1)).isEqualTo(set(cpu));
        }
    }

    @Test
    void workerRunsOnTheCpuItWasPinnedTo() {
        int cpu = TestCores.lastCpu();
        CoreList cores = CoreList.of(List.of(
                new LcoreAssignment(0, set(TestCores.available()[0])), new LcoreAssignment(1, set(cpu))));
        AtomicReference<BitSet> allowed = new AtomicReference<>();
        try (LcoreRuntime runtime = LcoreRuntime.start(cores)) {
            runtime.launch(1, ctx -> {
                allowed.set(Affinity.currentThread());
                return Affinity.currentCpu();
            });

            assertThat(runtime.await(1)).isEqualTo(cpu);
            assertThat(allowed.get()).isEqualTo(set(cpu));
            assertThat(runtime.isPinned(1)).isTrue();
        }
    }

    @Test
    void workerThreadCarriesItsLcoreIdEvenWhenItDiffersFromTheCpu() {
        int cpu = TestCores.available()[0];
        try (LcoreRuntime runtime = LcoreRuntime.start(CoreList.parseLcores("0@" + cpu + ",5@" + cpu))) {
            runtime.launch(5, ctx -> LcoreThread.currentLcoreId() * 100 + ctx.lcoreId());

            assertThat(runtime.await(5)).isEqualTo(505);
        }
    }

    @Test
    void awaitReturnsTheFunctionsResult() {
        try (LcoreRuntime runtime = LcoreRuntime.start(TestCores.mainAndWorkers(1))) {
            runtime.launch(1, ctx -> 42);

            assertThat(runtime.await(1)).isEqualTo(42);
            assertThat(runtime.state(1)).isEqualTo(LcoreState.IDLE);
        }
    }

    @Test
    void workerRunsAgainAfterItsResultWasAwaited() {
        try (LcoreRuntime runtime = LcoreRuntime.start(TestCores.mainAndWorkers(1))) {
            for (int i = 0; i < 100; i++) {
                int expected = i;
                runtime.launch(1, ctx -> expected);
                assertThat(runtime.await(1)).isEqualTo(expected);
            }
        }
    }

    @Test
    void awaitOnAWorkerWithNothingLaunchedReturnsZeroAtOnce() {
        try (LcoreRuntime runtime = LcoreRuntime.start(TestCores.mainAndWorkers(1))) {
            assertThat(runtime.await(1)).isZero();
        }
    }

    @Test
    void exceptionInsideTheFunctionSurfacesFromAwait() {
        try (LcoreRuntime runtime = LcoreRuntime.start(TestCores.mainAndWorkers(1))) {
            runtime.launch(1, ctx -> {
                throw new IOException("link down");
            });

            assertThatThrownBy(() -> runtime.await(1))
                    .isInstanceOf(LcoreFailedException.class)
                    .hasMessage("lcore 1: java.io.IOException: link down")
                    .hasCauseInstanceOf(IOException.class)
                    .satisfies(e -> assertThat(((LcoreFailedException) e).lcoreId()).isEqualTo(1));
            assertThat(runtime.state(1)).isEqualTo(LcoreState.IDLE);
        }
    }

    @Test
    void launchingAWorkerThatIsRunningIsRefused() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        try (LcoreRuntime runtime = LcoreRuntime.start(TestCores.mainAndWorkers(1))) {
            runtime.launch(1, ctx -> {
                release.await();
                return 1;
            });

            assertThatThrownBy(() -> runtime.launch(1, ctx -> 2))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("lcore 1 is busy: a function is still running on it");
            release.countDown();
            assertThat(runtime.await(1)).isEqualTo(1);
        }
    }

    @Test
    void launchingAWorkerWhoseResultWasNotAwaitedIsRefused() throws InterruptedException {
        try (LcoreRuntime runtime = LcoreRuntime.start(TestCores.mainAndWorkers(1))) {
            runtime.launch(1, ctx -> 1);
            while (runtime.state(1) != LcoreState.FINISHED) {
                Thread.sleep(1);
            }

            assertThatThrownBy(() -> runtime.launch(1, ctx -> 2))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("lcore 1 is busy: its last function finished but await(1) has not collected the result");
        }
    }

    @Test
    void requestStopEndsALoopingFunction() throws InterruptedException {
        CountDownLatch looping = new CountDownLatch(1);
        try (LcoreRuntime runtime = LcoreRuntime.start(TestCores.mainAndWorkers(1))) {
            runtime.launch(1, ctx -> {
                looping.countDown();
                while (!ctx.stopRequested()) {
                    Thread.onSpinWait();
                }
                return 7;
            });
            looping.await();

            runtime.requestStop();

            assertThat(runtime.await(1)).isEqualTo(7);
        }
    }

    @Test
    void launchClearsAStopRequestedForThePreviousRun() {
        try (LcoreRuntime runtime = LcoreRuntime.start(TestCores.mainAndWorkers(1))) {
            runtime.requestStop();
            runtime.launch(1, ctx -> ctx.stopRequested() ? 1 : 0);

            assertThat(runtime.await(1)).isZero();
        }
    }

    @Test
    void launchWorkersRunsTheFunctionOnEveryWorker() {
        Set<Integer> ran = ConcurrentHashMap.newKeySet();
        try (LcoreRuntime runtime = LcoreRuntime.start(TestCores.mainAndWorkers(3))) {
            runtime.launchWorkers(ctx -> {
                ran.add(ctx.lcoreId());
                return 0;
            });
            runtime.awaitAll();

            assertThat(ran).containsExactlyInAnyOrder(1, 2, 3);
        }
    }

    @Test
    void awaitAllAwaitsEveryWorkerAndThrowsTheFirstFailureWithTheOthersSuppressed() {
        try (LcoreRuntime runtime = LcoreRuntime.start(TestCores.mainAndWorkers(3))) {
            runtime.launch(1, ctx -> {
                throw new IllegalStateException("one");
            });
            runtime.launch(2, ctx -> 0);
            runtime.launch(3, ctx -> {
                throw new IllegalStateException("three");
            });

            assertThatThrownBy(runtime::awaitAll)
                    .isInstanceOf(LcoreFailedException.class)
                    .hasMessage("lcore 1: java.lang.IllegalStateException: one")
                    .satisfies(e -> assertThat(e.getSuppressed()).singleElement()
                            .extracting(Throwable::getMessage).isEqualTo("lcore 3: java.lang.IllegalStateException: three"));
            assertThat(runtime.workerLcores()).allSatisfy(id -> assertThat(runtime.state(id)).isEqualTo(LcoreState.IDLE));
        }
    }

    @Test
    void runOnMainRunsOnTheCallingThreadAsTheMainLcore() {
        Thread caller = Thread.currentThread();
        AtomicReference<Thread> ranOn = new AtomicReference<>();
        try (LcoreRuntime runtime = LcoreRuntime.start(TestCores.mainAndWorkers(1))) {
            int id = runtime.runOnMain(ctx -> {
                ranOn.set(Thread.currentThread());
                return ctx.lcoreId();
            });

            assertThat(id).isZero();
            assertThat(ranOn.get()).isSameAs(caller);
        }
    }

    @Test
    void mainLcoreAndUnlistedLcoresCannotBeLaunchedAsWorkers() {
        try (LcoreRuntime runtime = LcoreRuntime.start(TestCores.mainAndWorkers(1))) {
            assertThatThrownBy(() -> runtime.launch(0, ctx -> 0))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("lcore 0 is the main lcore");
            assertThatThrownBy(() -> runtime.launch(9, ctx -> 0))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("lcore 9 is not in this runtime");
        }
    }

    @Test
    void closeJoinsEveryWorkerThread() throws InterruptedException {
        Set<Thread> threads = ConcurrentHashMap.newKeySet();
        LcoreRuntime runtime = LcoreRuntime.start(TestCores.mainAndWorkers(3));
        runtime.launchWorkers(ctx -> {
            threads.add(Thread.currentThread());
            return 0;
        });
        runtime.awaitAll();

        runtime.close();

        assertThat(threads).hasSize(3).allSatisfy(t -> assertThat(t.isAlive()).isFalse());
    }

    @Test
    void closeStopsAndJoinsAWorkerThatIsStillPolling() throws InterruptedException {
        AtomicReference<Thread> thread = new AtomicReference<>();
        CountDownLatch looping = new CountDownLatch(1);
        LcoreRuntime runtime = LcoreRuntime.start(TestCores.mainAndWorkers(1));
        runtime.launch(1, ctx -> {
            thread.set(Thread.currentThread());
            looping.countDown();
            PollPacer pacer = ctx.pacer(IdlePolicy.named("backoff"));
            while (!ctx.stopRequested()) {
                pacer.afterPoll(0);
            }
            return 0;
        });
        looping.await();

        runtime.close();

        assertThat(thread.get().isAlive()).isFalse();
    }

    @Test
    void launchAfterCloseIsRefused() {
        LcoreRuntime runtime = LcoreRuntime.start(TestCores.mainAndWorkers(1));
        runtime.close();

        assertThatThrownBy(() -> runtime.launch(1, ctx -> 0))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageEndingWith("is closed");
    }

    @Test
    void workerThatCannotBePinnedRunsUnpinnedAndSaysSoInOneLine() {
        // No machine this runs on has CPU 1023, so sched_setaffinity fails with EINVAL, as under a cpuset.
        CoreList cores = CoreList.of(List.of(LcoreAssignment.onOwnCpu(TestCores.available()[0]),
                new LcoreAssignment(1, set(CoreList.MAX_LCORE_ID))));
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Log.to(new PrintStream(log, true, StandardCharsets.UTF_8));
        try (LcoreRuntime runtime = LcoreRuntime.start(cores)) {
            runtime.launch(1, ctx -> 3);

            assertThat(runtime.await(1)).isEqualTo(3);
            assertThat(runtime.isPinned(1)).isFalse();
        } finally {
            Log.to(System.err);
        }
        assertThat(log.toString(StandardCharsets.UTF_8).lines()).singleElement().asString()
                .startsWith("wirespeed: lcore: lcore 1 cannot be pinned to CPU 1023 (sched_setaffinity")
                .contains("EINVAL")
                .endsWith("; it runs unpinned");
    }

    @Test
    void pinMainThreadPinsTheCallingThreadToTheMainLcoresCpus() throws InterruptedException {
        int cpu = TestCores.lastCpu();
        AtomicReference<BitSet> allowed = new AtomicReference<>();
        AtomicInteger pinned = new AtomicInteger(-1);
        // A thread of its own: the test runner's thread must stay unpinned.
        Thread main = new Thread(() -> {
            try (LcoreRuntime runtime = LcoreRuntime.start(CoreList.parseCores(Integer.toString(cpu)))) {
                runtime.pinMainThread();
                pinned.set(runtime.isPinned(cpu) ? 1 : 0);
                allowed.set(Affinity.currentThread());
            }
        });
        main.start();
        main.join();

        assertThat(pinned.get()).isEqualTo(1);
        assertThat(allowed.get()).isEqualTo(set(cpu));
    }
}
