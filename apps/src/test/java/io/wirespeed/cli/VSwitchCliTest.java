package io.wirespeed.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code wirespeed vswitch} as a user runs it: capture files in and out, a JSON summary, one line for mistakes. */
class VSwitchCliTest {
    private static final String A = "020000000a01";
    private static final String B = "020000000b01";

    @TempDir
    Path dir;

    /** A classic pcap (microsecond time stamps) holding the frames. */
    private Path pcap(String name, List<byte[]> frames) throws IOException {
        int size = 24;
        for (byte[] f : frames) {
            size += 16 + f.length;
        }
        ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65535).putInt(1);
        for (byte[] f : frames) {
            b.putInt(0).putInt(0).putInt(f.length).putInt(f.length).put(f);
        }
        Path file = dir.resolve(name);
        Files.write(file, b.array());
        return file;
    }

    private static byte[] frame(String dst, String src) {
        return HexFormat.of().parseHex(dst + src + "0800" + "00".repeat(50));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    private static long number(Map<String, Object> m, String key) {
        return ((Number) m.get(key)).longValue();
    }

    /**
     * Three broadcasts and two frames to an unknown station from a capture file on an access port:
     * all flooded to the other access port untagged and to the trunk tagged; the switch stops by
     * itself once the file is read.
     */
    @Test
    @SuppressWarnings("unchecked")
    void framesFromACaptureFileAreFloodedAndTheRunEndsWhenTheFileIsRead() throws IOException {
        byte[] broadcast = frame("ffffffffffff", A);
        byte[] unknown = frame(B, A);
        Path in = pcap("in.pcap", List.of(broadcast, unknown, broadcast, unknown, broadcast));
        CliRun run = CliRun.of("vswitch", "--vdev", "net_pcap0,rx_pcap=" + in,
                "--vdev", "net_pcap1,tx_pcap=" + dir.resolve("access.pcap"),
                "--vdev", "net_pcap2,tx_pcap=" + dir.resolve("trunk.pcap"),
                "-l", "0-1", "--vlan", "0:access:10", "--vlan", "1:access:10", "--vlan", "2:trunk:10,20", "--no-huge", "--json");

        assertThat(run.exitCode()).as("stderr: %s", run.err()).isZero();
        Map<String, Object> json = MiniJson.parseObject(run.lastOutLine());
        assertThat(json).containsEntry("command", "vswitch").containsEntry("ended", "drained")
                .containsKeys("ports", "drops", "emc_hits", "emc_misses", "mac_table_entries", "totals", "cpu_ns_per_packet");
        List<Object> ports = (List<Object>) json.get("ports");
        assertThat(number(map(ports.get(0)), "rx_packets")).isEqualTo(5);
        assertThat(number(map(ports.get(0)), "flooded")).isEqualTo(5);
        assertThat(number(map(ports.get(1)), "tx_bytes")).isEqualTo(5 * 64);
        assertThat(number(map(ports.get(2)), "tx_bytes")).as("tagged: 4 bytes more each").isEqualTo(5 * 68);
        assertThat(map(ports.get(2))).containsEntry("vlan", "trunk:10,20");
        assertThat(number(json, "mac_table_entries")).isEqualTo(1);
        Map<String, Object> totals = map(json.get("totals"));
        assertThat(number(totals, "rx_packets")).isEqualTo(5);
        assertThat(number(totals, "tx_packets")).isEqualTo(10);
        assertThat(totals).containsEntry("balanced", true);
        assertThat(Files.size(dir.resolve("trunk.pcap"))).isEqualTo(24 + 5 * (16 + 68));
    }

    @Test
    void aBadVlanModeIsOneLineAndExitCode2() {
        CliRun run = CliRun.of("vswitch", "--vdev", "net_null0", "--vdev", "net_null1", "-l", "0-1", "--vlan", "1:access:5000");
        assertThat(run.exitCode()).isEqualTo(Wirespeed.EXIT_USAGE);
        assertThat(run.errLines()).containsExactly("vswitch: --vlan 1:access:5000: VLAN id 5000 is out of range 1..4094");
    }

    @Test
    void aVlanForAPortThatDoesNotExistIsOneLineAndExitCode2() {
        CliRun run = CliRun.of("vswitch", "--vdev", "net_null0", "--vdev", "net_null1", "-l", "0-1", "--vlan", "2:access:5");
        assertThat(run.exitCode()).isEqualTo(Wirespeed.EXIT_USAGE);
        assertThat(run.errLines()).containsExactly("vswitch: --vlan 2:access:5: there is no port 2 (ports: 0..1)");
    }

    @Test
    void onePortIsNotASwitch() {
        CliRun run = CliRun.of("vswitch", "--vdev", "net_null0", "-l", "0-1");
        assertThat(run.exitCode()).isEqualTo(Wirespeed.EXIT_USAGE);
        assertThat(run.errLines()).singleElement().asString().startsWith("vswitch: a switch needs at least two ports");
    }

    @Test
    void aBadDeviceIsOneLineAndExitCode2() {
        CliRun run = CliRun.of("vswitch", "--vdev", "net_nul0", "--vdev", "net_null1", "-l", "0-1", "--no-huge");
        assertThat(run.exitCode()).isEqualTo(Wirespeed.EXIT_USAGE);
        assertThat(run.errLines()).singleElement().asString().startsWith("vswitch: no driver for device 'net_nul0'");
    }
}
