package io.wirespeed.lcore;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.ThreadMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
class LcoreStatsTest {
    @Test
    void pollsAreBusyPollsPlusEmptyPolls() {
        LcoreStats stats = new LcoreStats(0);
        PollPacer pacer = new PollPacer(stats, new BusyIdlePolicy());
        for (int i = 0; i < 10_000; i++) {
            pacer.afterPoll(i % 3 == 0 ? 32 : 0);
        }

        assertThat(stats.busyPolls()).isEqualTo(3_334);
        assertThat(stats.emptyPolls()).isEqualTo(6_666);
        assertThat(stats.polls()).isEqualTo(10_000);
    }

    @Test
    void pacerTellsThePolicyHowManyEmptyPollsCameInARow() {
        List<String> calls = new ArrayList<>();
        PollPacer pacer = new PollPacer(new LcoreStats(0), new IdlePolicy() {
            @Override
            public void idle(int emptyPolls) {
                calls.add("idle " + emptyPolls);
            }

            @Override
            public void busy(int workFound) {
                calls.add("busy " + workFound);
            }

            @Override
            public String name() {
                return "recording";
            }
        });
        for (int found : new int[] {0, 0, 0, 5, 0}) {
            pacer.afterPoll(found);
        }

        assertThat(calls).containsExactly("idle 1", "idle 2", "idle 3", "busy 5", "idle 1");
    }

    @Test
    void cpuTimeOfPollsThatFoundWorkIsChargedToBusyAndTheRestToIdle() {
        LcoreStats stats = new LcoreStats(0);
        long cpuStart = ThreadCpuClock.nanos();
        for (int i = 0; i < 1024; i++) {
            burnCpu(20_000);
            stats.recordPoll(true);
        }
        for (int i = 0; i < 4096; i++) {
            stats.recordPoll(false);
        }
        stats.flush();
        long cpuUsed = ThreadCpuClock.nanos() - cpuStart;

        assertThat(stats.busyCpuNanos()).isGreaterThan(10 * stats.idleCpuNanos());
        assertThat(stats.busyCpuNanos() + stats.idleCpuNanos()).isBetween(cpuUsed * 8 / 10, cpuUsed);
    }

    @Test
    void countsRecordedByAWorkerAreExactOnTheMainLcoreAfterAwait() {
        try (LcoreRuntime runtime = LcoreRuntime.start(TestCores.mainAndWorkers(1))) {
            runtime.launch(1, ctx -> {
                PollPacer pacer = ctx.pacer(new BusyIdlePolicy());
                for (int i = 0; i < 5_000; i++) {
                    pacer.afterPoll(i < 2_000 ? 1 : 0);
                }
                return 0;
            });
            runtime.await(1);

            LcoreStats.Snapshot stats = runtime.stats(1).snapshot();
            assertThat(stats.busyPolls()).isEqualTo(2_000);
            assertThat(stats.emptyPolls()).isEqualTo(3_000);
            assertThat(stats.polls()).isEqualTo(5_000);
            assertThat(stats.busyCpuNanos() + stats.idleCpuNanos()).isPositive();
        }
    }

    @Test
    void recordingPollsAllocatesNothing() {
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        LcoreStats stats = new LcoreStats(0);
        PollPacer pacer = new PollPacer(stats, new BusyIdlePolicy());
        for (int round = 0; round < 3; round++) {
            pollInBursts(pacer, 1_000_000); // until the JIT has compiled the poll path
        }

        // Tier transitions may still allocate a few bytes of linkage once; a steady round allocates none.
        long fewest = Long.MAX_VALUE;
        for (int round = 0; round < 5; round++) {
            long before = threads.getCurrentThreadAllocatedBytes();
            pollInBursts(pacer, 1_000_000);
            fewest = Math.min(fewest, threads.getCurrentThreadAllocatedBytes() - before);
        }

        assertThat(fewest).as("bytes allocated by a round of 1M polls").isZero();
    }

    /** Alternates 300 busy and 300 empty polls, so windows close at transitions as well as by count. */
    private static void pollInBursts(PollPacer pacer, int polls) {
        for (int i = 0; i < polls; i++) {
            pacer.afterPoll((i / 300) % 2 == 0 ? 1 : 0);
        }
    }

    private static void burnCpu(long nanos) {
        long end = ThreadCpuClock.nanos() + nanos;
        while (ThreadCpuClock.nanos() < end) {
            Thread.onSpinWait();
        }
    }
}
