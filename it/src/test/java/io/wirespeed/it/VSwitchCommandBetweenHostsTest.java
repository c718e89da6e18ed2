package io.wirespeed.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirespeed.cli.Wirespeed;
import io.wirespeed.testkit.Host;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code wirespeed vswitch} as a user runs it, in a process of its own, between two namespaces
 * over net_af_packet: host A pings host B through it, and its JSON line accounts for the run.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VSwitchCommandBetweenHostsTest {
    private VethHosts hosts;

    @BeforeAll
    void openTopology() {
        Host.requireRoot();
        Host.requireTools("ip", "ping");
        hosts = VethHosts.create();
    }

    @AfterAll
    void closeTopology() {
        if (hosts != null) {
            hosts.close();
        }
    }

    private static long number(String json, String key) {
        Matcher m = Pattern.compile("\"" + key + "\":(\\d+)").matcher(json);
        assertThat(m.find()).as("%s in %s", key, json).isTrue();
        return Long.parseLong(m.group(1));
    }

    @Test
    void hostAPingsHostBThroughTheCommand() throws IOException, InterruptedException {
        Process vswitch = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), Wirespeed.class.getName(), "vswitch",
                "--vdev", "net_af_packet0,iface=" + hosts.dutA(), "--vdev", "net_af_packet1,iface=" + hosts.dutB(),
                "-l", "0-1", "--idle", "backoff", "--vlan", "0:access:10", "--vlan", "1:access:10", "--duration", "8",
                "--no-huge", "--json").redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            Thread.sleep(3_000); // the JVM starts and opens its ports
            Host.Result ping = Host.runAllowingFailure(hosts.a().inside("ping", "-c", "5", "-i", "0.2", "-W", "2", Hosts.IP_B), 30);
            assertThat(vswitch.waitFor(30, TimeUnit.SECONDS)).as("the switch ends after --duration").isTrue();
            String out = new String(vswitch.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            List<String> lines = out.lines().toList();
            String json = lines.isEmpty() ? "" : lines.getLast();

            assertThat(vswitch.exitValue()).as(out).isZero();
            assertThat(ping.exitCode()).as("ping A -> B:%n%s%n%s", ping.stdout(), out).isZero();
            assertThat(json).startsWith("{\"command\":\"vswitch\"").contains("\"balanced\":true");
            assertThat(number(json, "mac_table_entries")).as("A and B learned").isGreaterThanOrEqualTo(2);
            assertThat(number(json, "emc_hits")).as("echo requests and replies by cache").isGreaterThanOrEqualTo(8);
        } finally {
            vswitch.destroyForcibly();
        }
    }
}
