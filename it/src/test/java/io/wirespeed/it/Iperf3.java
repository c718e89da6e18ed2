package io.wirespeed.it;

import io.wirespeed.testkit.Host;
import io.wirespeed.testkit.Netns;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** iperf3 between two namespaces: a one-shot server in one, a client with JSON output in the other. */
final class Iperf3 {
    private static final Pattern SUM_RECEIVED = Pattern.compile("\"sum_received\"\\s*:\\s*\\{([^}]*)\\}");

    /** What the receiver measured. */
    record Result(double bitsPerSecond, double lostPercent, String raw) {
        double mbitsPerSecond() {
            return bitsPerSecond / 1e6;
        }
    }

    private Iperf3() {
    }

    /**
     * Runs {@code iperf3 -s -1} in {@code server}, then {@code iperf3 -c serverIp -t seconds -J
     * [extra]} in {@code client} (retried while the server is not listening yet); the server is
     * killed if still there at the end. Every step has a timeout.
     */
    static Result run(Netns server, Netns client, String serverIp, int seconds, String... extra) throws InterruptedException {
        Process s;
        try {
            s = new ProcessBuilder(server.inside("iperf3", "-s", "-1")).redirectErrorStream(true)
                    .redirectOutput(new File("/dev/null")).start();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot start iperf3 -s in " + server + ": " + e.getMessage(), e);
        }
        try {
            List<String> command = new ArrayList<>(client.inside("iperf3", "-c", serverIp, "-t", Integer.toString(seconds), "-J"));
            command.addAll(List.of(extra));
            Host.Result r = null;
            for (int attempt = 0; attempt < 20; attempt++) {
                r = Host.runAllowingFailure(command, seconds + 20L);
                // iperf3 3.12 with -J exits 0 even when it could not connect.
                if (!r.stdout().contains("Connection refused")) {
                    break;
                }
                Thread.sleep(100); // the server is not listening yet
            }
            if (r.exitCode() != 0 || r.stdout().contains("\"error\"")) {
                throw new AssertionError("iperf3 client failed (exit " + r.exitCode() + "): " + r.stdout() + r.stderr());
            }
            Matcher m = SUM_RECEIVED.matcher(r.stdout());
            if (!m.find()) {
                throw new AssertionError("no sum_received in iperf3's output: " + r.stdout());
            }
            String sum = m.group(1);
            return new Result(number(sum, "bits_per_second"), sum.contains("lost_percent") ? number(sum, "lost_percent") : 0,
                    r.stdout());
        } finally {
            if (!s.waitFor(5, TimeUnit.SECONDS)) {
                s.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    private static double number(String json, String key) {
        Matcher m = Pattern.compile("\"" + key + "\"\\s*:\\s*([-0-9.eE+]+)").matcher(json);
        if (!m.find()) {
            throw new AssertionError("no " + key + " in " + json);
        }
        return Double.parseDouble(m.group(1));
    }
}
