package io.wirespeed.app.testpmd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wirespeed.ethdev.DriverRegistry;
import io.wirespeed.sys.Log;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestpmdShellTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    private Testpmd testpmd;

    @BeforeEach
    void setUp() {
        Log.quiet(true);
        testpmd = Testpmd.open(Configs.of(ForwardMode.IO, "net_null0", "net_null1").build(), DriverRegistry.load(), out);
    }

    @AfterEach
    void tearDown() {
        testpmd.close();
    }

    /** Feeds the lines to a shell and returns everything it printed. */
    private String script(String... lines) throws IOException {
        new TestpmdShell(testpmd, out).run(new BufferedReader(new StringReader(String.join("\n", lines) + "\n")));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aSessionPrintsDpdkStyleBlocks() throws IOException {
        String output = script("set fwd macswap", "show config fwd", "start", "show port stats all", "stop",
                "show port info 0", "clear port stats all", "quit");

        assertThat(output)
                .contains("testpmd> ")
                .contains("Set macswap packet forwarding mode")
                .contains("macswap packet forwarding - ports=2")
                .contains("Logical Core 1 (socket 0) forwards packets on 2 streams:")
                .contains("RX P=0/Q=0 -> TX P=1/Q=0")
                .contains("######################## NIC statistics for port 0")
                .contains("######################## NIC statistics for port 1")
                .contains("Telling cores to stop...")
                .contains("---------------------- Forward statistics for port 0")
                .contains("---------------------- Forward statistics for port 1")
                .contains("+++++++++++++++ Accumulated forward statistics for all ports+++++++++++++++")
                .contains("********************* Infos for port 0")
                .contains("Driver name: net_null")
                .contains("NIC statistics for port 0 cleared")
                .contains("NIC statistics for port 1 cleared")
                .contains("Bye...")
                .doesNotContain("Bad arguments");
        assertThat(testpmd.mode()).isEqualTo(ForwardMode.MACSWAP);
        assertThat(testpmd.lastReport().mode()).isEqualTo(ForwardMode.MACSWAP);
    }

    @Test
    void anUnknownCommandPrintsBadArgumentsAndTheShellCarriesOn() throws IOException {
        String output = script("bogus", "show port info 1", "quit");

        assertThat(output).contains("Bad arguments: unknown command 'bogus'");
        assertThat(output.substring(output.indexOf("Bad arguments"))).contains("Infos for port 1").contains("Bye...");
    }

    @Test
    void badArgumentsToKnownCommandsAreReportedAndDoNotEndTheSession() throws IOException {
        String output = script("set fwd foo", "show port stats 7", "clear port stats x", "stop", "start tx_first 0",
                "show", "show config fwd", "quit");

        assertThat(output)
                .contains("Bad arguments: unknown forwarding mode 'foo'")
                .contains("Bad arguments: invalid port 7")
                .contains("Bad arguments: port id 'x' is not a number")
                .contains("Bad arguments: packet forwarding not started")
                .contains("Bad arguments: tx_first bursts must be at least 1")
                .contains("Bad arguments: usage: show port stats|info|xstats all|<id>")
                .contains("io packet forwarding - ports=2")
                .contains("Bye...");
        assertThat(testpmd.isForwarding()).isFalse();
    }

    @Test
    void modeCannotChangeWhileForwarding() throws IOException {
        String output = script("start", "set fwd rxonly", "stop", "quit");

        assertThat(output).contains("Bad arguments: stop forwarding before changing the mode");
        assertThat(testpmd.mode()).isEqualTo(ForwardMode.IO);
    }

    @Test
    void clearPortStatsStartsTheCountersFromZero() throws IOException {
        testpmd.start(0);
        assertThat(Await.until(() -> testpmd.ports().get(1).stats().ipackets() > 0)).isTrue();
        testpmd.stop();

        String output = script("clear port stats 0", "show port stats 0", "quit");

        String afterClear = output.substring(output.indexOf("NIC statistics for port 0 cleared"));
        assertThat(afterClear).contains("RX-packets: 0 ").contains("TX-packets: 0 ");
        assertThat(testpmd.ports().get(0).stats().ipackets()).isZero();
        assertThat(testpmd.ports().get(1).stats().ipackets()).as("port 1 not cleared").isPositive();
    }

    @Test
    void endOfInputWhileForwardingStopsAndPrintsTheStatistics() throws IOException {
        String output = script("start");

        assertThat(testpmd.isForwarding()).isFalse();
        assertThat(output).contains("Forward statistics for port 0").contains("Bye...");
        assertThat(testpmd.lastReport().totals().balanced()).isTrue();
    }

    @Test
    void helpListsTheCommandsAndModes() throws IOException {
        String output = script("help", "quit");

        assertThat(output).contains("start tx_first [N]").contains("show port stats all|<id>")
                .contains("io, mac, macswap, rxonly, txonly, flowgen, icmpecho");
    }

    @Test
    void flowCreateListAndDestroyUseDpdkWording() throws IOException {
        String output = script(
                "flow create 0 ingress pattern eth / ipv4 dst is 10.0.0.1 / udp dst is 53 / end actions queue index 0 / count / end",
                "flow list 0", "flow destroy 0 rule 0", "flow destroy 0 rule 0", "quit");

        assertThat(output)
                .contains("Flow rule #0 created")
                .contains("0\t0\t0\ti--\tETH IPV4 UDP => QUEUE COUNT")
                .contains("Flow rule #0 destroyed")
                .contains("Flow rule #0 not found on port 0")
                .doesNotContain("Bad arguments");
        assertThat(testpmd.steering(0).flows().size()).isZero();
    }

    @Test
    void aRuleNamingAMissingQueueIsRefusedWithThePartAtFault() throws IOException {
        String output = script("flow create 1 ingress pattern eth / end actions queue index 5 / end", "quit");

        assertThat(output).contains("Bad arguments: flow rule refused (action): queue 5");
        assertThat(testpmd.steering(1).flows().size()).isZero();
    }

    @Test
    void flowQueryPrintsTheCountersOfACountRule() throws IOException {
        String output = script("flow create 0 ingress pattern eth / end actions count / end", "flow query 0 0 count", "quit");

        assertThat(output).contains("COUNT:").contains(" hits: ").contains(" bytes: ");
    }

    @Test
    void flowFlushRemovesEveryRuleOfThePort() throws IOException {
        String output = script("flow create 0 ingress pattern eth / end actions drop / end",
                "flow create 0 ingress pattern eth / ipv4 / end actions drop / end", "flow flush 0", "quit");

        assertThat(output).contains("Flushed 2 flow rules on port 0");
        assertThat(testpmd.steering(0).flows().size()).isZero();
    }

    @Test
    void portConfigAllRssSetsTheHashTypesOfEveryPort() throws IOException {
        String output = script("port config all rss udp", "show port 1 rss-hash", "quit");

        assertThat(output).contains("RSS functions:\n  ipv4-udp ipv6-udp");
        assertThat(testpmd.steering(0).rss().types().toString()).isEqualTo("ipv4-udp,ipv6-udp");
    }

    @Test
    void anRssHashKeyOfTheWrongLengthIsRefused() throws IOException {
        String output = script("port config 0 rss-hash-key ipv4 6d5a", "quit");

        assertThat(output).contains("Bad arguments: RSS key has 2 bytes; expected 40 or 52");
    }

    @Test
    void retaEntriesAreSetAndShownThroughTheMask() throws IOException {
        String output = script("port config 0 rss reta (0,0),(1,0)", "show port 0 rss reta 128 (0x3,0x0)", "quit");

        assertThat(output)
                .contains("RSS RETA configuration: hash index=0, queue=0")
                .contains("RSS RETA configuration: hash index=1, queue=0")
                .doesNotContain("hash index=2,");
    }

    @Test
    void aRetaUpdateWithOneBadPairChangesNothing() throws IOException {
        testpmd.steering(0).retaUpdate(0, 0);
        String output = script("port config 0 rss reta (0,0),(200,0)", "quit");

        assertThat(output).contains("Bad arguments: RETA index 200 out of range 0..127");
        assertThat(testpmd.steering(0).retaEntry(0)).isZero();
    }

    @Test
    void showPortXstatsListsTheStandardAndSteeringCounters() throws IOException {
        String output = script("show port xstats 0", "quit");

        assertThat(output)
                .contains("###### NIC extended statistics for port 0")
                .contains("rx_good_packets: 0")
                .contains("rx_q0_packets: 0")
                .contains("rx_steer_flow_drop_packets: 0");
    }

    @Test
    void aCommandFileRunsItsLinesAndSkipsComments(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("rules.txt"),
                "# DNS to queue 0\n\nflow create 0 ingress pattern eth / ipv4 / udp dst is 53 / end actions queue index 0 / end\n");

        new TestpmdShell(testpmd, out).runFile(file);

        assertThat(testpmd.steering(0).flows().size()).isEqualTo(1);
    }

    @Test
    void aBadLineInACommandFileFailsNamingTheLine(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("rules.txt"), "show config fwd\nflow create 0 bogus\n");

        assertThatThrownBy(() -> new TestpmdShell(testpmd, out).runFile(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("--cmdline-file " + file + " line 2: ");
    }
}
