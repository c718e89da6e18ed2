package io.wirespeed.virt.nic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wirespeed.ethdev.Port;
import io.wirespeed.mbuf.Mbuf;
import io.wirespeed.net.MacAddress;
import io.wirespeed.virt.traffic.FlowSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

class EmulatedNicTest {
    private static final long A = MacAddress.parse("02:00:00:00:00:10");
    private static final long B = MacAddress.parse("02:00:00:00:00:11");
    private static final long PEER = MacAddress.parse("02:00:00:00:99:01");

    private static NicFixture twoVfs(List<FlowSpec> wire) {
        NicFixture f = new NicFixture(NicConfig.defaults(), wire);
        f.nic.pf().numVfs(2);
        f.nic.pf().mac(0, A);
        f.nic.pf().mac(1, B);
        return f;
    }

    @Test
    void wireUnicastReachesOnlyTheVfWithThatMac() throws Exception {
        try (NicFixture f = twoVfs(List.of(FlowSpec.of(A, PEER, 64, 100)))) {
            Port a = f.guest(0);
            Port b = f.guest(1);
            f.settle();
            assertThat(NicFixture.drain(a)).isEqualTo(100);
            assertThat(NicFixture.drain(b)).isZero();
            assertThat(f.nic.vf(0).stats().rxPackets()).isEqualTo(100);
        }
    }

    @Test
    void receivedFrameIsInTheGuestsOwnBuffer() throws Exception {
        try (NicFixture f = twoVfs(List.of(FlowSpec.of(A, PEER, 128, 1)))) {
            Port a = f.guest(0);
            f.settle();
            Mbuf[] burst = new Mbuf[1];
            assertThat(a.rxBurst(0, burst, 0, 1)).isEqualTo(1);
            assertThat(burst[0].packetLength()).isEqualTo(128);
            assertThat(burst[0].pool().zone().name()).isEqualTo("guest0");
            burst[0].free();
        }
    }

    @Test
    void broadcastIsCopiedToEveryStartedVf() throws Exception {
        try (NicFixture f = twoVfs(List.of(FlowSpec.of(MacAddress.BROADCAST, PEER, 64, 10)))) {
            Port a = f.guest(0);
            Port b = f.guest(1);
            f.settle();
            assertThat(NicFixture.drain(a)).isEqualTo(10);
            assertThat(NicFixture.drain(b)).isEqualTo(10);
        }
    }

    @Test
    void unknownUnicastIsCountedAsNoPool() throws Exception {
        try (NicFixture f = twoVfs(List.of(FlowSpec.of(MacAddress.parse("02:00:00:00:00:99"), PEER, 64, 7)))) {
            f.guest(0);
            f.settle();
            assertThat(f.nic.nicStats().drops(DropReason.NO_POOL)).isEqualTo(7);
        }
    }

    @Test
    void portVlanIsStrippedAndOtherVlansAreFiltered() throws Exception {
        List<FlowSpec> wire = List.of(FlowSpec.of(A, PEER, 64, 5).withVlan(100), FlowSpec.of(A, PEER, 64, 3).withVlan(200),
                FlowSpec.of(A, PEER, 64, 2).withVlan(200).withInnerVlan(100));
        try (NicFixture f = twoVfs(wire)) {
            f.nic.pf().vlan(0, 100, 0, VlanProto.DOT1Q);
            Port a = f.guest(0);
            f.settle();
            Mbuf[] burst = new Mbuf[32];
            int n = a.rxBurst(0, burst, 0, 32);
            assertThat(n).isEqualTo(5);
            assertThat(burst[0].packetLength()).isEqualTo(60); // the 4-byte tag is gone
            Mbuf.freeBulk(burst, 0, n);
            assertThat(f.nic.vf(0).stats().drops(DropReason.VLAN_FILTER)).isEqualTo(5);
        }
    }

    @Test
    void fullReceiveRingCountsRxRingFull() throws Exception {
        try (NicFixture f = twoVfs(List.of(FlowSpec.of(A, PEER, 64, 1000)))) {
            Port a = f.guest(0);
            f.settle();
            // a ring of 256 holds 255 frames; the rest wait for nobody
            assertThat(NicFixture.drain(a)).isEqualTo(255);
            assertThat(f.nic.vf(0).stats().drops(DropReason.RX_RING_FULL)).isEqualTo(745);
        }
    }

    @Test
    void vfTrafficHairpinsInsideTheNicInVebMode() throws Exception {
        try (NicFixture f = twoVfs(List.of())) {
            NicFixture.Guest a = f.guestWithPool(0);
            Port b = f.guest(1);
            NicFixture.send(a, FlowSpec.of(B, A, 64, 20));
            f.settle();
            assertThat(NicFixture.drain(b)).isEqualTo(20);
            assertThat(f.nic.uplinkStats().txPackets()).isZero();
        }
    }

    @Test
    void vepaSendsVfToVfTrafficToTheWire() throws Exception {
        try (NicFixture f = new NicFixture(NicConfig.defaults().withSwitchMode(SwitchMode.VEPA), List.of())) {
            f.nic.pf().numVfs(2);
            f.nic.pf().mac(0, A);
            f.nic.pf().mac(1, B);
            NicFixture.Guest a = f.guestWithPool(0);
            Port b = f.guest(1);
            NicFixture.send(a, FlowSpec.of(B, A, 64, 20));
            f.settle();
            assertThat(NicFixture.drain(b)).isZero();
            assertThat(f.nic.uplinkStats().txPackets()).isEqualTo(20);
        }
    }

    @Test
    void spoofedSourceMacIsDroppedAndCounted() throws Exception {
        try (NicFixture f = twoVfs(List.of())) {
            NicFixture.Guest a = f.guestWithPool(0);
            Port b = f.guest(1);
            NicFixture.send(a, FlowSpec.of(B, PEER, 64, 4));
            f.settle();
            assertThat(NicFixture.drain(b)).isZero();
            assertThat(f.nic.vf(0).stats().drops(DropReason.SPOOF)).isEqualTo(4);
        }
    }

    @Test
    void untrustedVfCannotChangeAMacThePfSet() throws Exception {
        try (NicFixture f = twoVfs(List.of())) {
            Port a = f.guest(0);
            assertThatThrownBy(() -> a.macAddress(new io.wirespeed.ethdev.MacAddress(B)))
                    .hasMessageContaining("not trusted");
            assertThat(f.nic.vf(0).refused()).containsEntry("set_mac", 1L);
        }
    }

    @Test
    void numVfsChangesOnlyThroughZero() throws Exception {
        try (NicFixture f = twoVfs(List.of())) {
            assertThatThrownBy(() -> f.nic.pf().numVfs(4)).hasMessageContaining("set it to 0");
            assertThat(f.nic.pf().numVfs()).isEqualTo(2);
        }
    }

    @Test
    void badAdminInputLeavesTheVfAsItWas() throws Exception {
        try (NicFixture f = twoVfs(List.of())) {
            assertThatThrownBy(() -> f.nic.pf().vlan(0, 5000, 0, VlanProto.DOT1Q)).hasMessageContaining("0..4095");
            assertThatThrownBy(() -> f.nic.pf().mac(2, A)).hasMessageContaining("VF 2 does not exist");
            assertThat(f.nic.pf().settings(0).vlan()).isZero();
        }
    }
}
