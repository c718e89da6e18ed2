package io.wirespeed.bench;

import io.wirespeed.classify.acl.AclClassifier;
import io.wirespeed.classify.acl.AclContext;
import io.wirespeed.classify.acl.AclRule;
import io.wirespeed.classify.acl.AclRuleFile;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * The files scripts/compare-acl.sh gives both sides, and Wirespeed's answers on them:
 *
 * <pre>
 * write RULES TRACE RULE_COUNT [TRACE_COUNT=65536] [SEED=1]   the {@link AclWorkload}, as dpdk-test-acl reads it
 * results RULES TRACE [BURST=32]                             each packet's category-0 result, one line each, in the
 *                                                            layout of dpdk-test-acl --verbose=2 (rule number - 1)
 * </pre>
 *
 * Run with {@code java -cp bench/target/benchmarks.jar io.wirespeed.bench.AclWorkloadMain ...}.
 */
public final class AclWorkloadMain {
    private AclWorkloadMain() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length >= 4 && args[0].equals("write")) {
            int n = Integer.parseInt(args[3]);
            int count = args.length > 4 ? Integer.parseInt(args[4]) : 65_536;
            long seed = args.length > 5 ? Long.parseLong(args[5]) : 1;
            AclWorkload w = new AclWorkload(seed);
            List<AclRule> rules = w.rules(n);
            AclTraceFile.writeRules(Path.of(args[1]), rules);
            AclTraceFile.writeTrace(Path.of(args[2]), w.traces(rules, count));
        } else if (args.length >= 3 && args[0].equals("results")) {
            results(Path.of(args[1]), Path.of(args[2]), args.length > 3 ? Integer.parseInt(args[3]) : 32);
        } else {
            System.err.println("usage: AclWorkloadMain write RULES TRACE RULE_COUNT [TRACE_COUNT] [SEED]");
            System.err.println("       AclWorkloadMain results RULES TRACE [BURST]");
            System.exit(2);
        }
    }

    private static void results(Path rulesFile, Path traceFile, int burst) throws IOException {
        AclClassifier acl = new AclContext().addAll(AclRuleFile.read(rulesFile).rules()).build();
        System.err.println("wirespeed build: " + acl.stats());
        int[][] tuples = AclTraceFile.readTrace(traceFile);
        long[] l3 = new long[burst];
        int[] results = new int[burst];
        try (Arena arena = Arena.ofConfined();
                BufferedWriter out = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.US_ASCII))) {
            MemorySegment seg = arena.allocate((long) Math.max(1, tuples.length) * AclTraceFile.PACKET_STRIDE);
            AclTraceFile.packets(seg, tuples);
            for (int first = 0; first < tuples.length; first += burst) {
                int n = Math.min(burst, tuples.length - first);
                for (int j = 0; j < n; j++) {
                    l3[j] = (long) (first + j) * AclTraceFile.PACKET_STRIDE;
                }
                acl.classify(seg, l3, n, 1, results);
                for (int j = 0; j < n; j++) {
                    out.write("ipv4_5tuple: " + (first + j + 1) + ", category: 0, result: "
                            + Integer.toUnsignedString(results[j] - 1) + "\n");
                }
            }
        }
    }
}
