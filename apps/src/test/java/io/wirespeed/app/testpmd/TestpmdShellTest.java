package io.wirespeed.app.testpmd;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirespeed.ethdev.DriverRegistry;
import io.wirespeed.sys.Log;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

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
                .contains("Bad arguments: usage: show port stats|info all|<id>, show config fwd")
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
}
