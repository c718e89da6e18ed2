package io.wirespeed.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.wirespeed.sys.Affinity;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A mistake on the command line ends with exit code 2 and exactly one line on standard error
 * that names the culprit: no stack trace, no other notice, nothing on standard output.
 */
class TestpmdCliErrorsTest {

    /** testpmd with a valid command line (one port, -l 0-1 unless {@code changes} gives -l) plus {@code changes}. */
    private static String[] testpmd(String... changes) {
        List<String> args = new ArrayList<>(List.of("testpmd", "--vdev", "net_null0", "--duration", "0.1"));
        if (!List.of(changes).contains("-l")) {
            args.addAll(List.of("-l", "0-1"));
        }
        args.addAll(List.of(changes));
        return args.toArray(String[]::new);
    }

    private static void assertOneLineUserError(CliRun run, String culprit) {
        assertThat(run.exitCode()).as("exit code; stderr: %s", run.err()).isEqualTo(Wirespeed.EXIT_USAGE);
        assertThat(run.errLines()).as("standard error").hasSize(1);
        String line = run.errLines().getFirst();
        assertThat(line).startsWith("testpmd: ").contains(culprit);
        assertThat(run.err()).doesNotContain("\tat ").doesNotContainPattern("[A-Za-z]+(Exception|Error)\\b");
        assertThat(run.out()).as("standard output").isEmpty();
    }

    static Stream<Arguments> userErrors() {
        return Stream.of(
                Arguments.of("unknown driver", new String[] {"--vdev", "net_bogus0"}, "net_bogus0"),
                Arguments.of("unknown devargs key", new String[] {"--vdev", "net_null1,foo=1"}, "'foo'"),
                Arguments.of("devargs value not a number", new String[] {"--vdev", "net_null1,size=abc"}, "size=abc"),
                Arguments.of("devargs flag not 0/1", new String[] {"--vdev", "net_null1,copy=maybe"}, "copy=maybe"),
                Arguments.of("devargs without a device name", new String[] {"--vdev", "size=64"}, "size=64"),
                Arguments.of("ring size not a power of two", new String[] {"--vdev", "net_ring0,size=1000"}, "size=1000"),
                Arguments.of("bad core list", new String[] {"-l", "0-x"}, "0-x"),
                Arguments.of("reversed core range", new String[] {"-l", "1-0"}, "1-0"),
                Arguments.of("unknown forwarding mode", new String[] {"--fwd", "foo"}, "'foo'"),
                Arguments.of("more forwarding cores than lcores", new String[] {"--nb-cores", "2"}, "--nb-cores 2"),
                Arguments.of("only the main lcore", new String[] {"-l", "0"}, "no lcore to forward on"),
                Arguments.of("unknown option", new String[] {"--bogus"}, "--bogus"),
                Arguments.of("option value not a number", new String[] {"--nb-cores", "x"}, "--nb-cores"),
                Arguments.of("burst out of range", new String[] {"--burst", "0"}, "--burst 0"),
                Arguments.of("bad --eth-peer MAC", new String[] {"--eth-peer", "1,zz"}, "'zz'"),
                Arguments.of("unknown topology", new String[] {"--port-topology", "ring"}, "ring"),
                Arguments.of("missing command file", new String[] {"--no-huge", "--cmdline-file", "/nonexistent/rules.txt"},
                        "/nonexistent/rules.txt"),
                Arguments.of("unknown idle policy", new String[] {"--idle", "sleepy"}, "sleepy"),
                Arguments.of("txpkts shorter than the headers", new String[] {"--fwd", "txonly", "--txpkts", "10"}, "--txpkts 10"),
                Arguments.of("txpkts longer than an mbuf", new String[] {"--fwd", "txonly", "--txpkts", "4000"}, "--txpkts 4000"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("userErrors")
    void aUserErrorIsOneLineOnStandardErrorAndExitCode2(String what, String[] changes, String culprit) {
        assertOneLineUserError(CliRun.of(testpmd(changes)), culprit);
    }

    @Test
    void aCoreListNamingCpusTheMachineLacksIsOneLineThatNamesThem() {
        assumeTrue(!Affinity.process().get(63), "this process may run on CPU 63");

        CliRun run = CliRun.of(testpmd("-l", "0-63"));

        assertOneLineUserError(run, "0-63");
        assertThat(run.errLines().getFirst()).contains("do not exist");
    }

    @Test
    void noVdevIsOneLineThatSaysWhatToGive() {
        assertOneLineUserError(CliRun.of("testpmd", "-l", "0-1"), "--vdev");
    }

    @Test
    void anUnknownCommandIsOneLine() {
        CliRun run = CliRun.of("frobnicate");

        assertThat(run.exitCode()).isEqualTo(Wirespeed.EXIT_USAGE);
        assertThat(run.errLines()).hasSize(1);
        assertThat(run.errLines().getFirst()).contains("frobnicate");
    }
}
