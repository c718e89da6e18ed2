package io.wirespeed.virt.nic;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirespeed.ethdev.Port;
import io.wirespeed.mbuf.Mbuf;
import io.wirespeed.net.MacAddress;
import io.wirespeed.testkit.Allocations;
import io.wirespeed.virt.traffic.FlowSource;
import io.wirespeed.virt.traffic.FlowSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

class NicZeroAllocationTest {
    private static final long A = MacAddress.parse("02:00:00:00:00:10");
    private static final long B = MacAddress.parse("02:00:00:00:00:11");
    private static final long PEER = MacAddress.parse("02:00:00:00:99:01");

    /**
     * Wire -> VF 0 (broadcast and unicast, port VLAN stripped), VF 0 -> VF 1 (VEB hairpin) and
     * VF 0 -> wire, with VF 1's interrupt unmasked: once warm, a pass allocates nothing.
     */
    @Test
    void nicPassesAllocateNothing() throws Exception {
        List<FlowSpec> wire = List.of(FlowSpec.of(A, PEER, 64, Long.MAX_VALUE).withVlan(100),
                FlowSpec.of(MacAddress.BROADCAST, PEER, 64, Long.MAX_VALUE).withVlan(100));
        try (NicFixture f = new NicFixture(NicConfig.defaults().withLinkSpeed(1_000_000_000_000L), wire)) {
            f.nic.pf().numVfs(2);
            f.nic.pf().mac(0, A);
            f.nic.pf().mac(1, B);
            f.nic.pf().vlan(0, 100, 0, VlanProto.DOT1Q);
            f.nic.pf().vlan(1, 100, 0, VlanProto.DOT1Q);
            NicFixture.Guest a = f.guestWithPool(0);
            Port b = f.guest(1);
            b.rxQueue(0).interruptEnable(true);
            FlowSource toB = new FlowSource(FlowSpec.of(B, A, 64, Long.MAX_VALUE));
            FlowSource toWire = new FlowSource(FlowSpec.of(PEER, A, 64, Long.MAX_VALUE));
            FlowSource[] sources = {toB, toWire};
            Mbuf[] burst = new Mbuf[32];
            Allocations.assertSteadyStateAllocatesNothing("an emulated NIC pass", () -> {
                for (int i = 0; i < 2_000; i++) {
                    for (FlowSource s : sources) {
                        int n = s.make(a.pool(), burst, 0, 8, 0);
                        int sent = a.port().txBurst(0, burst, 0, n);
                        Mbuf.freeBulk(burst, sent, n - sent);
                    }
                    f.nic.poll();
                    free(a.port(), burst);
                    free(b, burst);
                    b.rxQueue(0).interruptEnable(true);
                }
            });
            // the rounds did the work they claim to
            assertThat(f.nic.vf(0).stats().rxPackets()).isPositive();
            assertThat(f.nic.vf(1).stats().rxPackets()).isPositive();
            assertThat(f.nic.vf(1).stats().interrupts()).isPositive();
            assertThat(f.nic.uplinkStats().txPackets()).isPositive();
        }
    }

    private static void free(Port port, Mbuf[] burst) {
        int n;
        while ((n = port.rxBurst(0, burst, 0, burst.length)) > 0) {
            Mbuf.freeBulk(burst, 0, n);
        }
    }
}
