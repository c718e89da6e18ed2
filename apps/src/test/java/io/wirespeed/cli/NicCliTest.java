package io.wirespeed.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirespeed.ethdev.DriverRegistry;
import io.wirespeed.virt.scenario.ScenarioFile;
import io.wirespeed.virt.scenario.ScenarioReport;
import io.wirespeed.virt.scenario.ScenarioRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code wirespeed nic ...} against a scenario that is running. */
class NicCliTest {
    @TempDir
    Path dir;
    private Path socket;
    private final ExecutorService executor = Executors.newSingleThreadExecutor();
    private Future<ScenarioReport> running;

    @BeforeEach
    void startAScenario() throws Exception {
        socket = dir.resolve("nic.sock");
        var scenario = ScenarioFile.parse("""
                nic: {numvfs: 2}
                guests: {a: {attach: vf0}}
                traffic: [{dst: "02:00:00:57:00:00", count: 100000000, rate_pps: 10000}]
                duration: 2s
                """, "test.yaml");
        running = executor.submit(() -> ScenarioRun.run(scenario, DriverRegistry.of(), socket));
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!Files.exists(socket) && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
    }

    @AfterEach
    void stop() throws Exception {
        running.get();
        executor.shutdown();
    }

    @Test
    void aSettingIsAppliedAndShown() {
        CliRun set = CliRun.of("nic", "--socket", socket.toString(), "vf", "1", "vlan", "100", "qos", "2");
        assertThat(set.exitCode()).as(set.err()).isZero();

        CliRun show = CliRun.of("nic", "--socket", socket.toString(), "show");
        assertThat(show.exitCode()).isZero();
        assertThat(show.out()).contains("vf 1 ").contains("vlan 100, qos 2");
    }

    @Test
    void aBadSettingIsOneLineWithExitCode2AndChangesNothing() {
        CliRun bad = CliRun.of("nic", "--socket", socket.toString(), "vf", "1", "trust", "on", "vlan", "5000");
        assertThat(bad.exitCode()).isEqualTo(Wirespeed.EXIT_USAGE);
        assertThat(bad.errLines()).singleElement().asString().isEqualTo("nic: VF 1: VLAN 5000 is outside 0..4095");

        CliRun show = CliRun.of("nic", "--socket", socket.toString(), "show");
        assertThat(show.outLines()).filteredOn(l -> l.trim().startsWith("vf 1 ")).singleElement().asString()
                .contains("trust off"); // the trust on before the bad VLAN was put back
    }

    @Test
    void noRunningNicIsOneLineWithExitCode2() {
        CliRun run = CliRun.of("nic", "--socket", dir.resolve("other.sock").toString(), "show");
        assertThat(run.exitCode()).isEqualTo(Wirespeed.EXIT_USAGE);
        assertThat(run.errLines()).singleElement().asString().startsWith("nic: no NIC is running");
    }
}
