package io.wirespeed.virt.nic;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirespeed.ethdev.Port;
import io.wirespeed.mbuf.Mbuf;
import io.wirespeed.net.MacAddress;
import io.wirespeed.virt.traffic.FlowSource;
import io.wirespeed.virt.traffic.FlowSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

class VfRateLimitTest {
    private static final long A = MacAddress.parse("02:00:00:00:00:10");
    private static final long PEER = MacAddress.parse("02:00:00:00:99:01");

    /**
     * The wire sees the VF's frames at its max_tx_rate. The NIC runs on a clock the test moves
     * 10 µs per pass, so the figure is the limiter's, not this machine's scheduling.
     */
    @Test
    void maxTxRateHoldsTheVfToItsRateWithinFivePercent() throws Exception {
        long[] clock = {0};
        try (NicFixture f = new NicFixture(NicConfig.defaults(), List.of(), () -> clock[0])) {
            f.nic.pf().numVfs(1);
            f.nic.pf().mac(0, A);
            f.nic.pf().rate(0, 100, 0); // 100 Mbps: 1000-byte frames (1024 B on the wire) ~ 12,207 fps
            NicFixture.Guest g = f.guestWithPool(0);
            FlowSource source = new FlowSource(new FlowSpec(PEER, A, 0, 0x8100, 0, 0, 1000, Long.MAX_VALUE, 0));
            Mbuf[] burst = new Mbuf[32];
            long end = 500_000_000L;
            while (clock[0] < end) {
                int n = source.make(g.pool(), burst, 0, 32, clock[0]);
                int sent = g.port().txBurst(0, burst, 0, n);
                if (sent < n) {
                    Mbuf.freeBulk(burst, sent, n - sent);
                    source.unmake(n - sent);
                }
                f.nic.poll();
                clock[0] += 10_000;
            }
            double seconds = clock[0] / 1e9;
            double bits = f.nic.uplinkStats().txPackets() * (1000 + 24) * 8.0;
            // The bucket starts with up to 1 ms of credit: 100 kbit, 0.2 % of this run.
            assertThat(bits / seconds).isBetween(95e6, 105e6);
        }
    }
}
