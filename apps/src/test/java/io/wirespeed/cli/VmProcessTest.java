package io.wirespeed.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirespeed.ethdev.DriverRegistry;
import io.wirespeed.virt.nic.DropReason;
import io.wirespeed.virt.scenario.ScenarioFile;
import io.wirespeed.virt.scenario.ScenarioReport;
import io.wirespeed.virt.scenario.ScenarioRun;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code wirespeed vm}: a guest in another process, and what happens when that process is killed. */
class VmProcessTest {
    @TempDir
    Path dir;

    private static Process startVm(Path socket, String... more) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), Wirespeed.class.getName(), "vm", "--socket",
                socket.toString(), "--vf", "1"));
        command.addAll(List.of(more));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    /** Runs {@code scenario} on {@code executor} and returns once its control socket is there. */
    private static Future<ScenarioReport> startScenario(ExecutorService executor, io.wirespeed.virt.scenario.Scenario scenario,
                                                        Path socket) throws InterruptedException {
        Future<ScenarioReport> running = executor.submit(() -> ScenarioRun.run(scenario, DriverRegistry.of(), socket));
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!Files.exists(socket) && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        return running;
    }

    /** Waits for the guest's "attached" line; returns it. */
    private static String awaitAttached(Process vm) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(vm.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null && !line.startsWith("vm: attached")) {
            // the JVM's and the kit's notices before it
        }
        return line;
    }

    @Test
    void aKilledGuestProcessLosesItsTrafficCountedAndTheOtherVfKeepsItsOwn() throws Exception {
        Path socket = dir.resolve("nic.sock");
        var scenario = ScenarioFile.parse("""
                vfs: {0: {mac: "02:00:00:00:00:10"}, 1: {mac: "02:00:00:00:00:11"}}
                guests: {a: {attach: vf0, descriptors: 4096}}
                traffic:
                  - {dst: "02:00:00:00:00:10", count: 1000000000, rate_pps: 20000}
                  - {dst: "02:00:00:00:00:11", count: 1000000000, rate_pps: 20000}
                duration: 6s
                """, "test.yaml");
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            Future<ScenarioReport> running = startScenario(executor, scenario, socket);
            Process vm = startVm(socket, "--mode", "interrupt", "--descriptors", "4096");
            assertThat(awaitAttached(vm)).as("the guest process attached").isNotNull().contains("vf1");
            Thread.sleep(1_000);
            vm.destroyForcibly(); // SIGKILL: no goodbye to the NIC
            assertThat(vm.waitFor(10, TimeUnit.SECONDS)).isTrue();
            ScenarioReport r = running.get();

            ScenarioReport.FunctionResult vf1 = r.vfs().get(1);
            assertThat(vf1.counts().rxPackets()).as("frames the guest process received").isPositive();
            assertThat(vf1.interrupts()).as("its eventfd, duplicated into the NIC").isPositive();
            assertThat(vf1.drops().get(DropReason.LINK_DOWN)).as("frames for it after it died").isPositive();
            assertThat(r.vfs().get(0).drops().get(DropReason.LINK_DOWN)).isZero();
            assertThat(r.guests().getFirst().counts().rxPackets()).isGreaterThan(80_000); // ~6 s at 20 kpps
            assertThat(r.conserved()).isTrue();
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void aVmOnAVfWithAGuestAlreadyIsRefusedInOneLine() throws Exception {
        Path socket = dir.resolve("nic.sock");
        var scenario = ScenarioFile.parse("""
                guests: {a: {attach: vf0}, b: {attach: vf1}}
                traffic: [{dst: "02:00:00:57:00:00", count: 1000000000, rate_pps: 1000}]
                duration: 3s
                """, "test.yaml");
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            Future<ScenarioReport> running = startScenario(executor, scenario, socket);
            Process vm = startVm(socket, "--duration", "1");
            String output = new String(vm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(vm.waitFor(20, TimeUnit.SECONDS)).isTrue();
            assertThat(vm.exitValue()).isEqualTo(Wirespeed.EXIT_USAGE);
            assertThat(output.lines().filter(l -> l.startsWith("vm: "))).singleElement().asString()
                    .contains("refused the guest").contains("vf1 already has a guest attached");
            running.get();
        } finally {
            executor.shutdownNow();
        }
    }
}
