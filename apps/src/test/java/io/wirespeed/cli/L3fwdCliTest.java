package io.wirespeed.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code wirespeed l3fwd} as a user runs it: a JSON summary, and one line with exit code 2 for mistakes. */
class L3fwdCliTest {
    @TempDir
    Path dir;

    /** A pcap of one UDP/IPv4 frame to 10.1.2.3 (TTL 64), and a routes file. */
    private Path[] traffic(String routes) throws IOException {
        byte[] frame = java.util.HexFormat.of().parseHex("020000000099020000000001080045000032000000004011"
                + "0000c00002010a010203" + "03e80035001e0000" + "00".repeat(22));
        ByteBuffer f = ByteBuffer.allocate(24 + 16 + frame.length).order(ByteOrder.LITTLE_ENDIAN);
        f.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65535).putInt(1);
        f.putInt(0).putInt(0).putInt(frame.length).putInt(frame.length).put(frame);
        Path pcap = dir.resolve("in.pcap");
        Files.write(pcap, f.array());
        Path table = dir.resolve("routes.txt");
        Files.writeString(table, routes);
        return new Path[] {pcap, table};
    }

    @Test
    void aRunOverACaptureEndsWithOneJsonObjectWhoseCountsBalance() throws IOException {
        Path[] t = traffic("10.0.0.0/8 1\n");
        CliRun run = CliRun.of("l3fwd", "--vdev", "net_pcap0,rx_pcap=" + t[0] + ",infinite_rx=1", "--vdev", "net_null1",
                "-l", "0-1", "-p", "0x3", "--lookup", "lpm", "--routes", t[1].toString(), "--duration", "0.5", "--no-huge", "--json");

        assertThat(run.exitCode()).as("stderr: %s", run.err()).isZero();
        Map<String, Object> json = MiniJson.parseObject(run.lastOutLine());
        assertThat(json).containsEntry("command", "l3fwd").containsEntry("lookup", "lpm");
        @SuppressWarnings("unchecked")
        Map<String, Object> totals = (Map<String, Object>) json.get("totals");
        assertThat(totals).containsEntry("balanced", true);
        assertThat(((Number) totals.get("tx")).longValue()).isPositive();
        assertThat(json.get("drops")).isInstanceOf(Map.class);
    }

    @Test
    void aBadRoutesLineEndsWithOneLineNamingItAndExitCode2() throws IOException {
        Path[] t = traffic("10.0.0.0/8 1\n10.1.0.0/16 x\n");
        CliRun run = CliRun.of("l3fwd", "--vdev", "net_null0", "-l", "0-1", "-p", "0x1", "--routes", t[1].toString());

        assertThat(run.exitCode()).isEqualTo(Wirespeed.EXIT_USAGE);
        assertThat(run.errLines()).singleElement().asString().startsWith("l3fwd: " + t[1] + ":2: ").contains("port 'x'");
        assertThat(run.err()).doesNotContain("\tat ");
    }

    @Test
    void anUnknownLookupEndsWithOneLineListingTheChoices() throws IOException {
        Path[] t = traffic("10.0.0.0/8 1\n");
        CliRun run = CliRun.of("l3fwd", "--vdev", "net_null0", "-l", "0-1", "-p", "0x1", "--lookup", "trie", "--routes",
                t[1].toString());

        assertThat(run.exitCode()).isEqualTo(Wirespeed.EXIT_USAGE);
        assertThat(run.errLines()).singleElement().asString().contains("'trie' is not one of lpm, em, acl");
    }

    @Test
    void aBadEthDestEndsWithOneLine() throws IOException {
        Path[] t = traffic("10.0.0.0/8 1\n");
        CliRun run = CliRun.of("l3fwd", "--vdev", "net_null0", "-l", "0-1", "-p", "0x1", "--eth-dest", "0:02:00:00:00:00:01",
                "--routes", t[1].toString());

        assertThat(run.exitCode()).isEqualTo(Wirespeed.EXIT_USAGE);
        assertThat(run.errLines()).singleElement().asString().startsWith("l3fwd: --eth-dest 0:02");
    }
}
