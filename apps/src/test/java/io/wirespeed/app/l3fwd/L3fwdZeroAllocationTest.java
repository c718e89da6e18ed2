package io.wirespeed.app.l3fwd;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirespeed.ethdev.DriverRegistry;
import io.wirespeed.lcore.CoreList;
import io.wirespeed.sys.Log;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The forwarding lcore allocates no heap per packet once warm, under every lookup. */
class L3fwdZeroAllocationTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(LookupMode.class)
    void forwardingAllocatesNoHeapInSteadyState(LookupMode mode) throws IOException, InterruptedException {
        Log.quiet(true);
        Path pcap = dir.resolve("traffic.pcap");
        Path routes = dir.resolve("routes.txt");
        StringBuilder table = new StringBuilder();
        ByteBuffer file = ByteBuffer.allocate(24 + 256 * (16 + 96)).order(ByteOrder.LITTLE_ENDIAN);
        file.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65535).putInt(1);
        for (int i = 0; i < 256; i++) {
            // LPM routes IPv6 too: every other frame is IPv6 there, to a /64 of its own.
            boolean ipv6 = mode == LookupMode.LPM && i % 2 == 1;
            String host = ipv6 ? "2001:db8:" + Integer.toHexString(i) + "::7" : "10.1." + i + ".7";
            table.append(ipv6 ? "2001:db8:" + Integer.toHexString(i) + "::/64" : host + "/32").append(' ').append(i % 2).append('\n');
            byte[] f = ipv6 ? Ipv4Frames.udp6(host, 64) : Ipv4Frames.udp(host, 64);
            file.putInt(0).putInt(i).putInt(f.length).putInt(f.length).put(f);
        }
        Files.write(pcap, java.util.Arrays.copyOf(file.array(), file.position()));
        Files.writeString(routes, table);
        L3fwdConfig config = L3fwdConfig.of(List.of("net_pcap0,rx_pcap=" + pcap + ",infinite_rx=1", "net_null1,no-rx=1"),
                CoreList.parseCores("0-1"), 0x3, mode, routes).withHugePages(false);
        try (L3fwd l3fwd = L3fwd.open(config, DriverRegistry.load(), new PrintStream(new ByteArrayOutputStream()))) {
            // The quietest of three runs is the steady state (a JIT event may allocate once; an
            // allocation per packet would show in every run).
            long fewest = Long.MAX_VALUE;
            long packets = 0;
            for (int run = 0; run < 3; run++) {
                l3fwd.start();
                Thread.sleep(L3fwd.WARMUP_NANOS / 1_000_000 + 500);
                L3fwdReport report = l3fwd.stop();
                assertThat(report.dropped()).as("drops %s", java.util.Arrays.stream(DropReason.values()).map(r -> r + "=" + report.dropped(r)).toList()).isZero();
                L3fwdReport.LcoreReport lcore = report.lcores().getFirst();
                if (lcore.steadyAllocBytes() < fewest) {
                    fewest = lcore.steadyAllocBytes();
                    packets = lcore.steadyPackets();
                }
            }
            assertThat(packets).as("packets forwarded after the warm-up").isGreaterThanOrEqualTo(100_000);
            assertThat(fewest).as("heap bytes allocated after the warm-up").isZero();
        }
    }
}
