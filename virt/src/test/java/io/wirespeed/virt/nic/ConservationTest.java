package io.wirespeed.virt.nic;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirespeed.ethdev.Port;
import io.wirespeed.net.MacAddress;
import io.wirespeed.virt.traffic.FlowSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConservationTest {
    private static final long A = MacAddress.parse("02:00:00:00:00:10");
    private static final long B = MacAddress.parse("02:00:00:00:00:11");
    private static final long PEER = MacAddress.parse("02:00:00:00:99:01");

    /**
     * Unicast to two VFs, to nobody, in a wrong VLAN and too short, with VF 1's ring left full
     * and its link disabled half-way: every frame from the wire is delivered or counted.
     */
    @Test
    void everyWireFrameIsDeliveredOrCountedWithAReason() throws Exception {
        List<FlowSpec> wire = List.of(FlowSpec.of(A, PEER, 64, 3_000), FlowSpec.of(B, PEER, 64, 3_000),
                FlowSpec.of(MacAddress.parse("02:00:00:00:00:99"), PEER, 64, 500),
                FlowSpec.of(A, PEER, 64, 400).withVlan(7), FlowSpec.of(A, PEER, 10, 100));
        try (NicFixture f = new NicFixture(NicConfig.defaults(), wire)) {
            f.nic.pf().numVfs(2);
            f.nic.pf().mac(0, A);
            f.nic.pf().mac(1, B);
            Port a = f.guest(0);
            f.guest(1); // never drained: its ring fills
            long delivered = 0;
            for (int pass = 0; pass < 400; pass++) {
                f.nic.poll();
                delivered += NicFixture.drain(a);
                if (pass == 100) {
                    f.nic.pf().linkState(1, LinkState.DISABLE);
                }
            }
            f.settle();
            delivered += NicFixture.drain(a) + f.nic.vf(1).stats().rxPackets();
            long drops = f.nic.nicStats().totalDrops() + f.nic.vf(0).stats().totalDrops()
                    + f.nic.vf(1).stats().totalDrops();
            assertThat(f.nic.uplinkStats().rxPackets()).isEqualTo(7_000);
            assertThat(delivered + drops).isEqualTo(7_000);
            assertThat(f.nic.vf(1).stats().drops(DropReason.LINK_DOWN)).isPositive();
            assertThat(f.nic.vf(1).stats().drops(DropReason.RX_RING_FULL)).isPositive();
            assertThat(f.nic.nicStats().drops(DropReason.MALFORMED)).isEqualTo(100);
            assertThat(f.nic.vf(0).stats().drops(DropReason.VLAN_FILTER)).isEqualTo(400);
            assertThat(f.nic.nicStats().drops(DropReason.NO_POOL)).isEqualTo(500);
        }
    }

    /** numvfs to 0 under traffic: frames for the removed VFs are counted, not lost. */
    @Test
    void removingVfsUnderTrafficCountsTheirFrames() throws Exception {
        try (NicFixture f = new NicFixture(NicConfig.defaults(), List.of(FlowSpec.of(A, PEER, 64, 5_000)))) {
            f.nic.pf().numVfs(1);
            f.nic.pf().mac(0, A);
            Port a = f.guest(0);
            NicFunction vf0 = f.nic.vf(0);
            long delivered = 0;
            for (int pass = 0; pass < 50; pass++) {
                f.nic.poll();
                delivered += NicFixture.drain(a);
            }
            f.nic.pf().numVfs(0);
            f.settle();
            delivered += NicFixture.drain(a);
            long drops = f.nic.nicStats().totalDrops() + vf0.stats().totalDrops();
            assertThat(delivered).isPositive();
            assertThat(delivered + drops).isEqualTo(5_000);
        }
    }
    /** A broadcast to three pools is one frame offered and three outcomes: two replicas counted. */
    @Test
    void replicatedFramesAreCountedPerCopy() throws Exception {
        long broadcast = MacAddress.parse("ff:ff:ff:ff:ff:ff");
        try (NicFixture f = new NicFixture(NicConfig.defaults(), List.of(FlowSpec.of(broadcast, PEER, 64, 100)))) {
            f.nic.pf().numVfs(3);
            Port[] guests = {f.guest(0), f.guest(1), f.guest(2)};
            f.settle();
            long delivered = 0;
            for (Port g : guests) {
                delivered += NicFixture.drain(g);
            }
            assertThat(f.nic.nicStats().replicas()).isEqualTo(200);
            assertThat(delivered).isEqualTo(f.nic.uplinkStats().rxPackets() + f.nic.nicStats().replicas());
        }
    }

    /** Frames a guest queued that the NIC never took are counted when its VF stops. */
    @Test
    void framesLeftInATransmitRingAreCountedWhenTheVfStops() throws Exception {
        try (NicFixture f = new NicFixture(NicConfig.defaults(), List.of())) {
            f.nic.pf().numVfs(2);
            f.nic.pf().mac(0, A);
            f.nic.pf().rate(1, 100, 0);
            f.nic.pf().mac(1, B);
            NicFixture.Guest a = f.guestWithPool(0);
            NicFixture.Guest b = f.guestWithPool(1);
            NicFixture.send(a, FlowSpec.of(B, A, 64, 100));
            NicFixture.send(b, FlowSpec.of(A, B, 64, 50));
            a.port().stop(); // no pass ran: all 100 are still queued
            b.port().stop();
            assertThat(f.nic.vf(0).stats().drops(DropReason.LINK_DOWN)).isEqualTo(100);
            assertThat(f.nic.vf(1).stats().drops(DropReason.RATE_LIMIT)).isEqualTo(50);
            assertThat(f.nic.vf(0).stats().txPackets() + f.nic.vf(1).stats().txPackets()).isZero();
        }
    }
    /** A guest that resets its VF (stop, mailbox reset, start) while the NIC runs under traffic. */
    @Test
    void aVfResetUnderTrafficLosesNothingUncounted() throws Exception {
        List<FlowSpec> wire = List.of(FlowSpec.of(A, PEER, 64, 20_000).withRate(200_000));
        try (NicFixture f = new NicFixture(NicConfig.defaults(), wire)) {
            f.nic.pf().numVfs(1);
            f.nic.pf().mac(0, A);
            NicFixture.Guest a = f.guestWithPool(0);
            f.nic.start();
            long delivered = 0;
            for (int round = 0; round < 5; round++) {
                long until = System.nanoTime() + 10_000_000;
                while (System.nanoTime() < until) {
                    delivered += NicFixture.drain(a.port());
                }
                NicFixture.send(a, FlowSpec.of(PEER, A, 64, 100)); // queued, maybe not yet sent
                a.port().stop();
                assertThat(f.nic.vf(0).request(new io.wirespeed.virt.vf.MailboxRequest.Reset()).acknowledged()).isTrue();
                a.port().start();
            }
            long until = System.nanoTime() + 2_000_000_000L;
            while (f.nic.uplinkStats().rxPackets() < 20_000 && System.nanoTime() < until) {
                delivered += NicFixture.drain(a.port());
            }
            Thread.sleep(20);
            delivered += NicFixture.drain(a.port());
            a.port().stop();
            FunctionStats vf = f.nic.vf(0).stats();
            // frames delivered into the ring that a stopping driver threw away are the guest's own loss
            assertThat(delivered).isPositive().isLessThanOrEqualTo(vf.rxPackets());
            long outcomes = vf.rxPackets() + f.nic.uplinkStats().txPackets() + vf.totalDrops() + f.nic.nicStats().totalDrops();
            assertThat(f.nic.uplinkStats().rxPackets()).isEqualTo(20_000);
            assertThat(outcomes).isEqualTo(20_000 + 500);
        }
    }
}
