package io.wirespeed.virt.nic;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirespeed.mbuf.Mbuf;
import io.wirespeed.net.MacAddress;
import io.wirespeed.virt.traffic.FlowSource;
import io.wirespeed.virt.traffic.FlowSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Three VFs blasting at a 1G uplink: shares under min_tx_rate, on a clock the test moves 10 µs a pass. */
class MinTxRateTest {
    private static final long PEER = MacAddress.parse("02:00:00:00:99:01");
    private static final int SIZE = 1500;
    private static final long RUN_NANOS = 500_000_000L;

    /** Mbit/s each VF got onto the wire. */
    private static double[] shares(int minMbpsOfVf0) throws Exception {
        long[] clock = {0};
        try (NicFixture f = new NicFixture(NicConfig.defaults().withLinkSpeed(1_000_000_000L), List.of(), () -> clock[0])) {
            f.nic.pf().numVfs(3);
            if (minMbpsOfVf0 > 0) {
                f.nic.pf().rate(0, 0, minMbpsOfVf0);
            }
            NicFixture.Guest[] guests = new NicFixture.Guest[3];
            FlowSource[] sources = new FlowSource[3];
            for (int vf = 0; vf < 3; vf++) {
                guests[vf] = f.guestWithPool(vf);
                long own = guests[vf].port().macAddress().bits();
                sources[vf] = new FlowSource(new FlowSpec(PEER, own, 0, 0x8100, 0, 0, SIZE, Long.MAX_VALUE, 0));
            }
            Mbuf[] burst = new Mbuf[32];
            while (clock[0] < RUN_NANOS) {
                for (int vf = 0; vf < 3; vf++) {
                    int n = sources[vf].make(guests[vf].pool(), burst, 0, 32, clock[0]);
                    int sent = guests[vf].port().txBurst(0, burst, 0, n);
                    if (sent < n) {
                        Mbuf.freeBulk(burst, sent, n - sent);
                        sources[vf].unmake(n - sent);
                    }
                }
                f.nic.poll();
                clock[0] += 10_000;
            }
            double[] mbps = new double[3];
            for (int vf = 0; vf < 3; vf++) {
                mbps[vf] = f.nic.vf(vf).stats().txPackets() * (SIZE + 24) * 8.0 / (RUN_NANOS / 1e9) / 1e6;
            }
            return mbps;
        }
    }

    @Test
    void withoutGuaranteesTheLinkIsSharedEvenly() throws Exception {
        double[] mbps = shares(0);
        for (double m : mbps) {
            assertThat(m).isBetween(300.0, 366.0);
        }
    }

    @Test
    void aVfGetsItsMinTxRateWhenTheLinkIsFull() throws Exception {
        double[] mbps = shares(600);
        assertThat(mbps[0]).isGreaterThanOrEqualTo(600 * 0.95);
        // the rest of the link goes to the others, neither starved
        assertThat(mbps[1]).isGreaterThan(100.0);
        assertThat(mbps[2]).isGreaterThan(100.0);
        assertThat(mbps[0] + mbps[1] + mbps[2]).isBetween(950.0, 1010.0);
    }

    @Test
    void guaranteesBeyondTheLinkAreRefused() throws Exception {
        try (NicFixture f = new NicFixture(NicConfig.defaults().withLinkSpeed(1_000_000_000L), List.of())) {
            f.nic.pf().numVfs(2);
            f.nic.pf().rate(0, 0, 600);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> f.nic.pf().rate(1, 0, 500))
                    .hasMessageContaining("1100 Mbps in all");
            assertThat(f.nic.pf().settings(1).minTxRateMbps()).isZero();
        }
    }
}
