package io.wirespeed.cli;

import io.wirespeed.app.common.Json;
import io.wirespeed.ethdev.DriverRegistry;
import io.wirespeed.virt.control.ControlClient;
import io.wirespeed.virt.scenario.GuestSpec;
import io.wirespeed.virt.scenario.Scenario;
import io.wirespeed.virt.scenario.ScenarioFile;
import io.wirespeed.virt.scenario.ScenarioReport;
import io.wirespeed.virt.scenario.ScenarioRun;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code wirespeed run SCENARIO.yaml}: a host scenario on the emulated SR-IOV / VMDq NIC (docs/NIC.md). */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Build the NIC, VFs and guests a scenario file describes, run its traffic until it is sent and"
                + " drained (at most its duration), and report what every guest, VF and the uplink did.",
                "Example: wirespeed run examples/scenarios/two-vms.yaml --json"})
public final class RunCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SCENARIO", description = "the scenario file (YAML)")
    Path file;

    @Option(names = "--json", description = "print one JSON object as the last line")
    boolean json;

    @Option(names = "--control", paramLabel = "PATH", description = "the control socket for wirespeed nic"
            + " (default: $TMPDIR/wirespeed-USER/NAME.sock, NAME the scenario's nic.name)")
    Path control;

    @Override
    public Integer call() {
        Scenario scenario = ScenarioFile.read(file);
        PrintStream out = System.out;
        out.println(describe(scenario));
        Path socket = control != null ? control : ControlClient.defaultPath(scenario.name());
        out.println("control: wirespeed nic " + (control != null ? "--socket " + socket : "--nic " + scenario.name())
                + " show | numvfs N | vf N SETTING...");
        out.flush();
        ScenarioReport report = ScenarioRun.run(scenario, DriverRegistry.load(), socket);
        report.lines().forEach(out::println);
        if (json) {
            out.println(Json.write(report.toJson()));
        }
        out.flush();
        if (!report.conserved()) {
            System.err.println("run: " + report.ledger().inFlight() + " frames offered have no outcome (a bug: please report it)");
            return Wirespeed.EXIT_FAILURE;
        }
        return 0;
    }

    private String describe(Scenario s) {
        long wire = s.traffic().stream().mapToLong(f -> f.count()).sum();
        long sent = s.guests().stream().flatMap(g -> g.frames().stream()).mapToLong(f -> f.count()).sum();
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "scenario %s: NIC %s, %s, %d of %d VFs, uplink %s; %d guests", file,
                speed(s.nic().linkBitsPerSecond()), s.nic().switchMode().word(), s.numVfs(), s.nic().totalVfs(),
                s.uplink(), s.guests().size()));
        long interrupt = s.guests().stream().filter(g -> g.mode() == GuestSpec.Mode.INTERRUPT).count();
        if (!s.guests().isEmpty()) {
            sb.append(" (").append(s.guests().size() - interrupt).append(" poll, ").append(interrupt).append(" interrupt)");
        }
        sb.append(String.format(Locale.ROOT, "; %d frames from the wire, %d from guests; at most %.1f s", wire, sent,
                s.durationNanos() / 1e9));
        return sb.toString();
    }

    private static String speed(long bitsPerSecond) {
        return bitsPerSecond % 1_000_000_000L == 0 ? bitsPerSecond / 1_000_000_000L + "G" : bitsPerSecond / 1_000_000 + "M";
    }
}
