package io.wirespeed.testkit;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What a test needs from the host: root, tools, commands. On a developer machine a missing
 * prerequisite skips the test; under CI (env CI=true), where .ci/run installs everything and runs
 * as root, it fails the test instead, so that a prerequisite lost from .ci/run cannot hide.
 */
public final class Host {
    private Host() {
    }

    public static boolean isRoot() {
        try {
            return Files.readString(Path.of("/proc/self/status")).lines()
                    .filter(l -> l.startsWith("Uid:")).anyMatch(l -> l.split("\\s+")[2].equals("0"));
        } catch (IOException e) {
            return false;
        }
    }

    public static boolean isCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /** Skips (or, under CI, fails) the calling test unless it runs as root. */
    public static void requireRoot() {
        if (!isRoot()) {
            missing("root (network namespaces, veth pairs, raw sockets)");
        }
    }

    /** Skips (or, under CI, fails) unless every tool is on the PATH. */
    public static void requireTools(String... tools) {
        for (String tool : tools) {
            if (!onPath(tool)) {
                missing("the tool '" + tool + "' (apt-get install it)");
            }
        }
    }

    public static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/sbin:/usr/bin:/sbin:/bin").split(":")) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return Files.isExecutable(Path.of("/usr/sbin", tool)) || Files.isExecutable(Path.of("/sbin", tool));
    }

    private static void missing(String what) {
        if (isCi()) {
            fail("this test needs " + what + ", which CI must provide");
        }
        abort("needs " + what);
    }

    /** Runs a command to completion (at most 60 s) and returns its standard output; throws on failure. */
    public static String run(String... command) {
        return run(List.of(command));
    }

    public static String run(List<String> command) {
        Result r = runAllowingFailure(command, 60);
        if (r.exitCode() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " exited " + r.exitCode() + ": " + r.stderr().strip());
        }
        return r.stdout();
    }

    /** What a finished command printed and returned. */
    public record Result(int exitCode, String stdout, String stderr) {
    }

    /** Runs a command for at most {@code timeoutSeconds} (then kills it) and returns what happened. */
    public static Result runAllowingFailure(List<String> command, long timeoutSeconds) {
        try {
            Path out = Files.createTempFile("ws-cmd", ".out");
            Path err = Files.createTempFile("ws-cmd", ".err");
            try {
                Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
                if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor();
                    return new Result(-1, Files.readString(out, StandardCharsets.UTF_8),
                            "timed out after " + timeoutSeconds + " s; " + Files.readString(err, StandardCharsets.UTF_8));
                }
                return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command, e);
        }
    }
}
