package io.wirespeed.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code wirespeed plan PLAN.yaml} as a user runs it, on the seed's example with fixed (not measured) costs. */
class PlanCliTest {
    /** The shipped example: two 50G VNFs at 512 B on one 100G port, 16 cores. */
    private static final Path EXAMPLE = Path.of("../examples/plans/vnf-50g.yaml");
    /** Costs shaped like compare --json's line; at 512 B: normal 300/100, vmdq 200/100, sriov 0/80, passthrough 0/75 host/guest ns. */
    private static final Path COSTS = Path.of("src/test/resources/plan/costs.json");
    /** 50 Gbit/s of 512 B frames, 536 B each on the wire. */
    private static final double VNF_PPS = 50e9 / (536 * 8);

    @TempDir
    Path dir;

    private static Map<String, Object> seedPlan() {
        CliRun run = CliRun.of("plan", EXAMPLE.toString(), "--costs", COSTS.toString(), "--json");
        assertThat(run.exitCode()).as("stderr: %s", run.err()).isZero();
        return MiniJson.parseObject(run.lastOutLine());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> m, String... keys) {
        Map<String, Object> at = m;
        for (String key : keys) {
            at = (Map<String, Object>) at.get(key);
        }
        return at;
    }

    private static double number(Map<String, Object> m, String key) {
        return ((Number) m.get(key)).doubleValue();
    }

    private CliRun planWith(String yaml) throws IOException {
        Path file = dir.resolve("p.yaml");
        Files.writeString(file, yaml);
        return CliRun.of("plan", file.toString(), "--costs", COSTS.toAbsolutePath().toString());
    }

    /** A user's mistake: exit 2 and the one line on standard error. */
    private static void assertOneLineError(CliRun run, String line) {
        assertThat(run.exitCode()).isEqualTo(Wirespeed.EXIT_USAGE);
        assertThat(run.errLines()).containsExactly(line);
    }

    @Test
    void passthroughFitsOnlyOneVnfAndWastesHalfThePort() {
        Map<String, Object> passthrough = map(seedPlan(), "paths", "passthrough");
        assertThat(passthrough).containsEntry("fits", false);
        assertThat(number(passthrough, "vms_fit")).isEqualTo(1);
        assertThat(number(passthrough, "ports_needed")).isEqualTo(2);
        assertThat(number(passthrough, "wasted_gbps")).isEqualTo(50);
        assertThat(map(passthrough, "vms", "vnf1")).containsEntry("fits", true);
        assertThat(map(passthrough, "vms", "vnf2")).containsEntry("fits", false)
                .containsEntry("refusal", "no port left: passthrough gives each VM a whole port");
    }

    @Test
    void sriovFitsBothVnfsEachHeldTo50000Mbps() {
        Map<String, Object> sriov = map(seedPlan(), "paths", "sriov");
        assertThat(sriov).containsEntry("fits", true);
        assertThat(number(sriov, "wasted_gbps")).isZero();
        for (String vnf : List.of("vnf1", "vnf2")) {
            Map<String, Object> vm = map(sriov, "vms", vnf);
            assertThat(number(vm, "max_tx_rate_mbps")).isEqualTo(50_000);
            assertThat(number(vm, "min_tx_rate_mbps")).isEqualTo(50_000);
        }
        assertThat(sriov.get("rate_limits")).isEqualTo(List.of(
                "ip link set dev pf0 vf 0 max_tx_rate 50000 min_tx_rate 50000",
                "ip link set dev pf0 vf 1 max_tx_rate 50000 min_tx_rate 50000"));
    }

    @Test
    void theCoreCountsFollowTheFixturesNanoseconds() {
        Map<String, Object> paths = map(seedPlan(), "paths");
        // normal: 300 host ns for both VNFs together, 100 guest ns each.
        assertThat(number(map(paths, "normal"), "host_cores")).isCloseTo(2 * VNF_PPS * 300e-9, within(1e-3));
        assertThat(number(map(paths, "normal"), "host_cores_whole")).isEqualTo(7);
        assertThat(number(map(paths, "normal", "vms", "vnf1"), "guest_cores")).isCloseTo(VNF_PPS * 100e-9, within(1e-3));
        assertThat(number(map(paths, "normal"), "cores_needed")).isEqualTo(7 + 2 + 2);
        assertThat(number(map(paths, "vmdq"), "cores_needed")).isEqualTo(5 + 2 + 2);
        assertThat(number(map(paths, "sriov"), "cores_needed")).isEqualTo(1 + 1);
        // The NIC's 70 ns are reported as emulated NIC time, not as cores.
        assertThat(number(map(paths, "sriov"), "nic_cores_emulated")).isCloseTo(2 * VNF_PPS * 70e-9, within(1e-3));
    }

    @Test
    void theTextGivesAVerdictPerPathAndTheRateLimitCommands() {
        CliRun run = CliRun.of("plan", EXAMPLE.toString(), "--costs", COSTS.toString());
        assertThat(run.exitCode()).as("stderr: %s", run.err()).isZero();
        assertThat(run.outLines()).anySatisfy(l -> assertThat(l).startsWith("  sriov        fits: 2 of 2 VMs"))
                .anySatisfy(l -> assertThat(l).startsWith("  passthrough  does not fit: 1 of 2 VMs (vnf2: no port left")
                        .contains("wastes 50 Gbps"))
                .anySatisfy(l -> assertThat(l).startsWith("  wirespeed nic vf 1 max_tx_rate 50000 min_tx_rate 50000"));
    }

    @Test
    void aMissingPlanFileIsOneLine() {
        assertOneLineError(CliRun.of("plan", "no/such/plan.yaml"), "plan: no/such/plan.yaml: no such plan file");
    }

    @Test
    void anUnknownKeyNamesTheFileAndTheKey() throws IOException {
        CliRun run = planWith("nic: {speed: 100G}\nhost: {cores: 16, threads: 32}\nvms: {a: {demand: 1G}}\n");
        assertOneLineError(run, "plan: " + dir.resolve("p.yaml") + ": host.threads: unknown key (this section has: cores)");
    }

    @Test
    void aNegativeDemandIsOneLine() throws IOException {
        CliRun run = planWith("nic: {speed: 100G}\nhost: {cores: 16}\nvms: {a: {demand: -50G}}\n");
        assertOneLineError(run, "plan: " + dir.resolve("p.yaml") + ": vms.a.demand: must be a rate in bits/s above 0,"
                + " like 50G, 2.5G or 800M (got '-50G')");
    }

    @Test
    void anUnknownPathIsOneLine() throws IOException {
        CliRun run = planWith("nic: {speed: 100G}\nhost: {cores: 16}\npaths: [sriov, vdpa]\nvms: {a: {demand: 1G}}\n");
        assertOneLineError(run, "plan: " + dir.resolve("p.yaml") + ": paths[1]: unknown path 'vdpa'"
                + " (normal, vmdq, sriov, passthrough, ovs-dpdk)");
    }

    @Test
    void badYamlIsOneLine() throws IOException {
        CliRun run = planWith("nic: {speed: 100G\n");
        assertThat(run.exitCode()).isEqualTo(Wirespeed.EXIT_USAGE);
        assertThat(run.errLines()).singleElement().asString().startsWith("plan: " + dir.resolve("p.yaml") + ":2:1: not valid YAML");
    }

    @Test
    void aCostsFileWithoutAPathThePlanNeedsIsOneLine() throws IOException {
        Path costs = dir.resolve("sriov-only.json");
        Files.writeString(costs, "{\"paths\":{\"sriov\":{\"sizes\":{\"64\":{\"host_ns_per_packet\":0,\"guest_ns_per_packet\":80}}}}}\n");
        CliRun run = CliRun.of("plan", EXAMPLE.toString(), "--costs", costs.toString());
        assertOneLineError(run, "plan: " + costs + ": paths.normal: missing (the plan needs it: measure it with wirespeed"
                + " compare --paths normal --json)");
    }

    @Test
    void costsAndMeasureTogetherAreRefused() {
        assertOneLineError(CliRun.of("plan", EXAMPLE.toString(), "--costs", COSTS.toString(), "--measure"),
                "plan: --costs and --measure: choose one");
    }
}
