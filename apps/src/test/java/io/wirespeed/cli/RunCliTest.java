package io.wirespeed.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code wirespeed run SCENARIO.yaml} as a user runs it. */
class RunCliTest {
    @TempDir
    Path dir;

    private Path scenario(String yaml) throws IOException {
        Path file = dir.resolve("scenario.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> m, String key) {
        return (Map<String, Object>) m.get(key);
    }

    private static long number(Map<String, Object> m, String key) {
        return ((Number) m.get(key)).longValue();
    }

    @Test
    void theJsonLineHoldsGuestsVfsUplinkAndDropsByReason() throws IOException {
        Path file = scenario("""
                vfs: {0: {mac: "02:00:00:00:00:10"}, 1: {mac: "02:00:00:00:00:11"}}
                guests:
                  a: {attach: vf0, descriptors: 1024}   # room for all 1000: none can overflow
                  b: {attach: vf1, app: txonly, requests: [{mac: "02:00:00:00:00:22"}],
                      frames: [{dst: "02:00:00:00:00:10", count: 300}]}
                traffic:
                  - {dst: "02:00:00:00:00:10", count: 700, rate_pps: 100000}
                  - {dst: "02:00:00:00:00:99", count: 40}
                duration: 20s
                """);
        CliRun run = CliRun.of("run", file.toString(), "--json", "--control", dir.resolve("nic.sock").toString());

        assertThat(run.exitCode()).as("stderr: %s", run.err()).isZero();
        Map<String, Object> json = MiniJson.parseObject(run.lastOutLine());
        assertThat(json).containsKeys("duration_s", "offered", "guests", "vfs", "uplink", "drops");
        assertThat(number(json, "offered")).isEqualTo(1_040);
        assertThat(json).containsEntry("conserved", true).containsEntry("ended", "drained");
        Map<String, Object> a = map(map(json, "guests"), "a");
        assertThat(number(a, "rx_packets")).isEqualTo(1_000);
        assertThat(number(a, "rx_bytes")).isEqualTo(64_000);
        Map<String, Object> vf1 = map(map(json, "vfs"), "1");
        assertThat(number(vf1, "tx_packets")).isEqualTo(300);
        assertThat(number(map(vf1, "refused"), "set_mac")).isEqualTo(1);
        assertThat(map(json, "drops")).containsKeys("no_pool", "vlan_filter", "spoof", "rate_limit", "rx_ring_full",
                "link_down", "malformed");
        assertThat(number(map(json, "drops"), "no_pool")).isEqualTo(40);
        assertThat(number(map(json, "uplink"), "rx_packets")).isEqualTo(740);
    }

    /** The uplink is any port: here a capture file, read once, every frame sorted to its VF. */
    @Test
    void aCaptureFileCanBeTheUplink() throws IOException {
        byte[] toA = HexFormat.of().parseHex("020000000010" + "020000009901" + "0800" + "00".repeat(50));
        byte[] toB = HexFormat.of().parseHex("020000000011" + "020000009901" + "0800" + "00".repeat(50));
        ByteBuffer f = ByteBuffer.allocate(24 + 5 * (16 + 64)).order(ByteOrder.LITTLE_ENDIAN);
        f.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65535).putInt(1);
        for (byte[] frame : new byte[][] {toA, toB, toA, toA, toB}) {
            f.putInt(0).putInt(0).putInt(frame.length).putInt(frame.length).put(frame);
        }
        Path pcap = dir.resolve("wire.pcap");
        Files.write(pcap, f.array());
        Path file = scenario("""
                nic: {uplink: "net_pcap0,rx_pcap=%s"}
                vfs: {0: {mac: "02:00:00:00:00:10"}, 1: {mac: "02:00:00:00:00:11"}}
                guests: {a: {attach: vf0}, b: {attach: vf1, mode: interrupt}}
                duration: 20s
                """.formatted(pcap));
        CliRun run = CliRun.of("run", file.toString(), "--json", "--control", dir.resolve("nic.sock").toString());

        assertThat(run.exitCode()).as("stderr: %s", run.err()).isZero();
        Map<String, Object> guests = map(MiniJson.parseObject(run.lastOutLine()), "guests");
        assertThat(number(map(guests, "a"), "rx_packets")).isEqualTo(3);
        assertThat(number(map(guests, "b"), "rx_packets")).isEqualTo(2);
    }

    @Test
    void aMistakeInTheFileIsOneLineWithExitCode2() throws IOException {
        Path file = scenario("nic: {switch: hub}\n");
        CliRun run = CliRun.of("run", file.toString(), "--control", dir.resolve("nic.sock").toString());

        assertThat(run.exitCode()).isEqualTo(Wirespeed.EXIT_USAGE);
        assertThat(run.errLines()).singleElement().asString().isEqualTo(
                "run: " + file + ": nic.switch: 'hub' is not one of veb, vepa");
    }

    @Test
    void aMissingFileIsOneLineWithExitCode2() {
        CliRun run = CliRun.of("run", dir.resolve("nope.yaml").toString());

        assertThat(run.exitCode()).isEqualTo(Wirespeed.EXIT_USAGE);
        assertThat(run.errLines()).singleElement().asString().endsWith("nope.yaml: no such scenario file");
    }

    @Test
    void aSettingThePfRefusesNamesTheVf() throws IOException {
        Path file = scenario("vfs: {0: {mac: \"ff:ff:ff:ff:ff:ff\"}}\n");
        CliRun run = CliRun.of("run", file.toString(), "--control", dir.resolve("nic.sock").toString());

        assertThat(run.exitCode()).isEqualTo(Wirespeed.EXIT_USAGE);
        assertThat(run.errLines()).singleElement().asString().startsWith("run: vfs.0: ");
    }
}
