package io.wirespeed.app.l2fwd;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirespeed.cli.Wirespeed;
import io.wirespeed.sys.Log;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code wirespeed l2fwd} as a user runs it: a JSON summary, and one line with exit code 2 for mistakes. */
class L2fwdCliTest {
    record Run(int exitCode, String out, String err) {
        List<String> errLines() {
            return err.lines().toList();
        }

        String lastOutLine() {
            List<String> lines = out.lines().toList();
            return lines.isEmpty() ? "" : lines.getLast();
        }
    }

    static synchronized Run run(String... args) {
        PrintStream savedOut = System.out;
        PrintStream savedErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        System.setOut(o);
        System.setErr(e);
        Log.to(e);
        Log.quiet(false);
        try {
            int code = Wirespeed.run(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(savedOut);
            System.setErr(savedErr);
            Log.to(savedErr);
            Log.quiet(true);
        }
    }

    @Test
    void aRunEndsWithOneJsonObjectWhoseCountsBalance() {
        Run r = run("l2fwd", "--vdev", "net_null0", "--vdev", "net_null1", "-l", "0-1", "-p", "0x3", "-q", "2",
                "--duration", "0.5", "-T", "0", "--no-huge", "--json");

        assertThat(r.exitCode()).as(r.err()).isZero();
        String json = r.lastOutLine();
        assertThat(json).startsWith("{\"command\":\"l2fwd\",\"duration_s\":")
                .contains("\"ports\":[{\"id\":0,\"name\":\"net_null0\",\"dst_port\":1,\"rx\":")
                .contains("\"ipackets\":", "\"opackets\":", "\"imissed\":0", "\"rx_nombuf\":0")
                .contains("\"dropped\":0,\"balanced\":true}", "\"fwd_mpps\":", "\"lcores\":[{\"lcore\":1,");
        assertThat(r.out()).contains("Port statistics ====", "Aggregate statistics", "conservation: received");
    }

    @Test
    void aBadPortMaskIsOneLineAndExitCode2() {
        Run r = run("l2fwd", "--vdev", "net_null0", "--vdev", "net_null1", "-l", "0-1", "-p", "zz");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.errLines()).containsExactly("l2fwd: -p zz: not a port mask (a non-zero hexadecimal bit mask of the"
                + " ports to forward, e.g. -p 0x3 for ports 0 and 1)");
    }

    @Test
    void anOddNumberOfPortsWithoutAPortmapIsOneLineAndExitCode2() {
        Run r = run("l2fwd", "--vdev", "net_null0", "--vdev", "net_null1", "--vdev", "net_null2", "-l", "0-1", "-p", "0x7",
                "-q", "3", "--no-huge");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.errLines()).containsExactly("l2fwd: -p 0x7 enables 3 ports: l2fwd forwards between pairs of ports,"
                + " so enable an even number (or pair them with --portmap)");
    }

    @Test
    void aPortmapPortOutsideTheMaskIsOneLineAndExitCode2() {
        Run r = run("l2fwd", "--vdev", "net_null0", "--vdev", "net_null1", "--vdev", "net_null2", "-l", "0-1", "-p", "0x3",
                "--portmap", "(0,2)", "--no-huge");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.errLines()).containsExactly("l2fwd: --portmap (0,2): port 2 is not in the port mask 0x3");
    }

    @Test
    void anUnknownOptionIsOneLineAndExitCode2() {
        Run r = run("l2fwd", "--vdev", "net_null0", "-p", "0x3", "--fast");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.errLines().getFirst()).startsWith("l2fwd: Unknown option: '--fast'");
    }

    @Test
    void tooFewForwardingLcoresSaysWhichQWouldDo() {
        Run r = run("l2fwd", "--vdev", "net_null0", "--vdev", "net_null1", "-l", "0-1", "-p", "0x3", "--no-huge");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.errLines()).containsExactly("l2fwd: not enough lcores: 2 ports at -q 1 per lcore need 2 forwarding"
                + " lcores, and 1 lcore forward (the first of -l is the main one): give -q 2 or more lcores");
    }

    @Test
    void aMissingPortMaskIsOneLineAndExitCode2() {
        Run r = run("l2fwd", "--vdev", "net_null0", "--vdev", "net_null1");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.errLines().getFirst()).startsWith("l2fwd: Missing required option: '-p=PORTMASK'");
    }
}
