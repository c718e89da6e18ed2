package io.wirespeed.bench;

import io.wirespeed.classify.acl.AclClassifier;
import io.wirespeed.classify.acl.AclContext;
import io.wirespeed.classify.acl.AclRule;
import io.wirespeed.classify.acl.AclRuleFile;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * ACL classification, the work of dpdk-test-acl: a classbench-like rule set ({@link AclWorkload},
 * ranked by position as dpdk-test-acl ranks its rule file) and a trace of 5-tuples, classified
 * for one category in bursts straight from IPv4 headers ({@code bulk}, {@link #PACKETS_PER_CALL}
 * packets per invocation in bursts of {@code burst}; dpdk-test-acl's {@code --tracestep}) or one
 * tuple at a time ({@code single}). Scores are ns per packet.
 *
 * <p>With {@code -p rulesFile=R -p traceFile=T} the rules and trace are read from the files
 * dpdk-test-acl is given (scripts/compare-acl.sh does this); otherwise they are generated from
 * {@code seed}, which gives the same rules and trace as {@code AclWorkloadMain write}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+UseParallelGC"})
public class AclBenchmark {
    static final int PACKETS_PER_CALL = 256;

    @Param({"1000", "10000"})
    int rules;

    @Param({"32"})
    int burst;

    @Param({"65536"})
    int traces;

    @Param({"1"})
    long seed;

    @Param({""})
    String rulesFile;

    @Param({""})
    String traceFile;

    Arena arena;
    AclClassifier acl;
    MemorySegment packets;
    int[][] tuples;
    long[] l3Offsets;
    int[] results;
    int cursor;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        List<AclRule> ruleList;
        if (rulesFile.isEmpty()) {
            AclWorkload w = new AclWorkload(seed);
            ruleList = w.rules(rules);
            tuples = w.traces(ruleList, traces);
        } else {
            ruleList = AclRuleFile.read(Path.of(rulesFile)).rules();
            tuples = AclTraceFile.readTrace(Path.of(traceFile));
        }
        if (ruleList.size() != rules || tuples.length != traces || traces % PACKETS_PER_CALL != 0 || PACKETS_PER_CALL % burst != 0) {
            throw new IllegalStateException("need " + rules + " rules and " + traces + " traces (a multiple of "
                    + PACKETS_PER_CALL + ", itself a multiple of the burst " + burst + "); have "
                    + ruleList.size() + " and " + tuples.length);
        }
        acl = new AclContext().addAll(ruleList).build();
        System.out.println("build: " + acl.stats());
        arena = Arena.ofShared();
        packets = arena.allocate((long) traces * AclTraceFile.PACKET_STRIDE, 64);
        AclTraceFile.packets(packets, tuples);
        l3Offsets = new long[burst];
        results = new int[burst];
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        arena.close();
    }

    /** {@link #PACKETS_PER_CALL} packets in bursts, the offsets of each burst filled in as dpdk-test-acl fills its data[]. */
    @Benchmark
    @OperationsPerInvocation(PACKETS_PER_CALL)
    public int bulk() {
        int malformed = 0;
        int at = cursor;
        for (int b = 0; b < PACKETS_PER_CALL; b += burst) {
            for (int j = 0; j < burst; j++) {
                l3Offsets[j] = (long) (at + j) * AclTraceFile.PACKET_STRIDE;
            }
            malformed += acl.classify(packets, l3Offsets, burst, 1, results);
            at += burst;
        }
        cursor = at == traces ? 0 : at;
        return malformed + results[0];
    }

    @Benchmark
    public int single() {
        int[] t = tuples[cursor];
        cursor = cursor + 1 == traces ? 0 : cursor + 1;
        return acl.classify(t[0], t[1], t[2], t[3], t[4], 1, results, 0);
    }
}
