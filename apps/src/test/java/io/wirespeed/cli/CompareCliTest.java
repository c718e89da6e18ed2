package io.wirespeed.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code wirespeed compare} as a user runs it: a short search, so the figures are rough but every key is there. */
class CompareCliTest {
    @TempDir
    Path dir;

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> m, String key) {
        return (Map<String, Object>) m.get(key);
    }

    private static long number(Map<String, Object> m, String key) {
        return ((Number) m.get(key)).longValue();
    }

    @Test
    void theJsonLineHoldsEveryPathsFiguresAndEachConservesItsFrames() {
        CliRun run = CliRun.of("compare", "--paths", "normal,sriov", "--sizes", "64,1500", "--steps", "1",
                "--trial-ms", "20", "--json");

        assertThat(run.exitCode()).as("stderr: %s", run.err()).isZero();
        Map<String, Object> json = MiniJson.parseObject(run.lastOutLine());
        Map<String, Object> paths = map(json, "paths");
        assertThat(paths).containsOnlyKeys("normal", "sriov");
        for (String path : List.of("normal", "sriov")) {
            Map<String, Object> p = map(paths, path);
            assertThat(p).containsKeys("zero_loss_mpps", "host_ns_per_packet", "guest_ns_per_packet", "nic_ns_per_packet",
                    "interrupts_per_packet", "copies_per_packet", "latency_p50_us", "latency_p99_us", "latency_p999_us",
                    "offered", "delivered", "drops");
            assertThat(map(p, "sizes")).containsOnlyKeys("64", "1500");
            long dropped = map(p, "drops").values().stream().mapToLong(v -> ((Number) v).longValue()).sum();
            assertThat(number(p, "delivered") + dropped).isEqualTo(number(p, "offered"));
        }
        assertThat(((Number) map(paths, "normal").get("copies_per_packet")).doubleValue()).isEqualTo(1.0);
        assertThat(((Number) map(paths, "sriov").get("copies_per_packet")).doubleValue()).isZero();
        assertThat(((Number) map(paths, "sriov").get("interrupts_per_packet")).doubleValue()).isZero();
    }

    @Test
    void theReportIsWrittenWhereItIsAskedFor() {
        Path report = dir.resolve("out");
        CliRun run = CliRun.of("compare", "--paths", "passthrough", "--sizes", "64", "--steps", "0", "--trial-ms", "20",
                "--report", report.toString());

        assertThat(run.exitCode()).as("stderr: %s", run.err()).isZero();
        assertThat(report.resolve("index.html")).exists();
        assertThat(run.out()).contains("report: " + report.resolve("index.html"));
    }

    @Test
    void anUnknownPathIsOneLineAndExitCodeTwo() {
        CliRun run = CliRun.of("compare", "--paths", "normal,macvtap");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip()).isEqualTo("compare: unknown path 'macvtap' (normal, vmdq, sriov, passthrough, ovs-dpdk)");
    }

    @Test
    void aFrameSizeOutsideEthernetsIsRefused() {
        CliRun run = CliRun.of("compare", "--sizes", "64,9000");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip()).isEqualTo("compare: frame size 9000 is outside 64..1518");
    }
}
