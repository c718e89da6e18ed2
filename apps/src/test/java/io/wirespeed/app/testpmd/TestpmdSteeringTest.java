package io.wirespeed.app.testpmd;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirespeed.ethdev.DriverRegistry;
import io.wirespeed.ethdev.Port;
import io.wirespeed.ethdev.XStat;
import io.wirespeed.sys.Log;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A one-queue capture-file port read as four queues: RSS spreads the flows over all of them and a
 * flow rule sends DNS to queue 3, through testpmd's own commands.
 */
class TestpmdSteeringTest {
    private static final int FLOWS = 2000;
    private static final int DNS_EVERY = 10;

    @TempDir
    Path dir;

    @Test
    void rssSpreadsAManyFlowCaptureOverFourQueuesAndARuleSendsDnsToQueueThree() throws IOException {
        Log.quiet(true);
        Path pcap = manyFlowCapture();
        PrintStream out = new PrintStream(new ByteArrayOutputStream());
        try (Testpmd testpmd = Testpmd.open(Configs.of(ForwardMode.RXONLY, "net_pcap0,rx_pcap=" + pcap, "net_null0,no-rx=1")
                .queues(4).build(), DriverRegistry.load(), out)) {
            TestpmdShell shell = new TestpmdShell(testpmd, out);
            shell.execute("flow create 0 ingress pattern eth / ipv4 / udp dst is 53 / end actions queue index 3 / count / end");

            testpmd.start(0);
            Port port = testpmd.ports().get(0);
            assertThat(Await.until(() -> port.stats().ipackets() == FLOWS)).as("capture read").isTrue();
            testpmd.stop();

            long[] perQueue = new long[4];
            for (int q = 0; q < 4; q++) {
                perQueue[q] = xstat(port, "rx_q" + q + "_packets");
            }
            long dns = FLOWS / DNS_EVERY;
            assertThat(Arrays.stream(perQueue).sum()).isEqualTo(FLOWS);
            assertThat(testpmd.steering(0).flows().query(0).hits()).isEqualTo(dns);
            // The other flows spread by the RETA: every queue gets a fair share (expected 450 each).
            assertThat(perQueue[0]).isBetween(300L, 600L);
            assertThat(perQueue[1]).isBetween(300L, 600L);
            assertThat(perQueue[2]).isBetween(300L, 600L);
            assertThat(perQueue[3] - dns).isBetween(300L, 600L);
        }
    }

    private static long xstat(Port port, String name) {
        return port.xstats().stream().filter(x -> x.name().equals(name)).mapToLong(XStat::value).findFirst().orElseThrow();
    }

    /** FLOWS UDP frames from distinct sources, every DNS_EVERY-th to port 53. */
    private Path manyFlowCapture() throws IOException {
        ByteBuffer file = ByteBuffer.allocate(24 + FLOWS * (16 + 128)).order(ByteOrder.LITTLE_ENDIAN);
        file.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65535).putInt(1);
        for (int i = 0; i < FLOWS; i++) {
            int dport = i % DNS_EVERY == 0 ? 53 : 1024 + i;
            byte[] frame = TestFrames.ethernet(0x02_00_00_00_00_02L, TestFrames.CLIENT_MAC, TestFrames.ETHERTYPE_IPV4,
                    TestFrames.ipv4(TestFrames.ip(10, 0, i >> 8, i & 0xff), TestFrames.SERVER_IP, TestFrames.PROTO_UDP,
                            TestFrames.udp(40000 + i, dport, new byte[18])));
            file.putInt(0).putInt(i).putInt(frame.length).putInt(frame.length).put(frame);
        }
        Path pcap = dir.resolve("flows.pcap");
        Files.write(pcap, Arrays.copyOf(file.array(), file.position()));
        return pcap;
    }
}
