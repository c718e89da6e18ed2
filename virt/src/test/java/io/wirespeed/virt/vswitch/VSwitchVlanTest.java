package io.wirespeed.virt.vswitch;

import static io.wirespeed.virt.vswitch.SwitchRig.BROADCAST;
import static io.wirespeed.virt.vswitch.SwitchRig.frame;
import static io.wirespeed.virt.vswitch.SwitchRig.hex;
import static io.wirespeed.virt.vswitch.SwitchRig.mac;
import static io.wirespeed.virt.vswitch.SwitchRig.tagged;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** 802.1Q tags in and out of access and trunk ports. */
class VSwitchVlanTest {
    private static final long A = 0x02_00_00_00_00_0aL;
    private static final long B = 0x02_00_00_00_00_0bL;

    @Test
    void anUntaggedFrameFromAnAccessPortLeavesATrunkTaggedWithTheAccessVlan() {
        try (SwitchRig rig = new SwitchRig()) {
            rig.add(VlanMode.access(10));
            rig.add(VlanMode.trunk(10, 20));
            rig.send(0, 0, frame(B, A));
            assertThat(rig.sent(1)).singleElement().isEqualTo(tagged(B, A, 10));
        }
    }

    @Test
    void aTaggedFrameFromATrunkLeavesAnAccessPortUntagged() {
        try (SwitchRig rig = new SwitchRig()) {
            rig.add(VlanMode.trunk(10, 20));
            rig.add(VlanMode.access(20));
            rig.send(0, 0, tagged(B, A, 20));
            assertThat(rig.sent(1)).singleElement().isEqualTo(frame(B, A));
        }
    }

    @Test
    void aTaggedFrameCrossesTrunksWithItsTagAndPriorityKept() {
        try (SwitchRig rig = new SwitchRig()) {
            rig.add(VlanMode.trunk(10, 20));
            rig.add(VlanMode.trunk(20));
            byte[] priority5 = tagged(B, A, 0xa000 | 20);
            rig.send(0, 0, priority5);
            assertThat(rig.sent(1)).singleElement().isEqualTo(priority5);
        }
    }

    @Test
    void untaggedFramesOnATrunkBelongToItsNativeVlanAndItsFramesLeaveUntagged() {
        try (SwitchRig rig = new SwitchRig()) {
            rig.add(VlanMode.trunkWithNative(1, 10));
            rig.add(VlanMode.access(1));
            rig.add(VlanMode.trunkWithNative(1, 10));
            rig.send(0, 0, frame(BROADCAST, A));
            assertThat(rig.sent(1)).singleElement().isEqualTo(frame(BROADCAST, A));
            assertThat(rig.sent(2)).singleElement().isEqualTo(frame(BROADCAST, A));
            rig.send(1, 1, frame(A, B));                       // back from the access port of VLAN 1
            assertThat(rig.sent(0)).singleElement().isEqualTo(frame(A, B));
        }
    }

    @Test
    void aTrunkAcceptsItsNativeVlanTaggedToo() {
        try (SwitchRig rig = new SwitchRig()) {
            rig.add(VlanMode.trunkWithNative(1, 10));
            rig.add(VlanMode.access(1));
            rig.send(0, 0, tagged(B, A, 1));
            assertThat(rig.sent(1)).singleElement().isEqualTo(frame(B, A));
        }
    }

    @Test
    void framesOutsideThePortsVlansAreDroppedAsVlanNotAllowed() {
        try (SwitchRig rig = new SwitchRig()) {
            rig.add(VlanMode.access(10));
            rig.add(VlanMode.trunk(10, 20));
            rig.add(VlanMode.trunkWithNative(1, 10));
            rig.send(0, 0, tagged(B, A, 10));                  // tagged on an access port, even with its own VID
            rig.send(1, 0, tagged(B, A, 30));                  // a VID the trunk does not carry
            rig.send(1, 0, frame(B, A));                       // untagged on a trunk without a native VLAN
            rig.send(2, 0, tagged(B, A, 4095));                // the reserved VID
            assertThat(rig.sentCounts()).containsExactly(0, 0, 0);
            assertThat(rig.vswitch.stats(0).drops(DropReason.VLAN_NOT_ALLOWED)).isEqualTo(1);
            assertThat(rig.vswitch.stats(1).drops(DropReason.VLAN_NOT_ALLOWED)).isEqualTo(2);
            assertThat(rig.vswitch.stats(2).drops(DropReason.VLAN_NOT_ALLOWED)).isEqualTo(1);
            assertThat(rig.vswitch.macTableSize(0)).as("nothing learned from a refused frame").isZero();
        }
    }

    @Test
    void aPriorityTaggedFrameOnAnAccessPortBelongsToItsVlan() {
        try (SwitchRig rig = new SwitchRig()) {
            rig.add(VlanMode.access(10));
            rig.add(VlanMode.access(10));
            rig.add(VlanMode.trunk(10));
            rig.send(0, 0, tagged(B, A, 0x6000));              // priority 3, VID 0
            assertThat(rig.sent(1)).singleElement().isEqualTo(frame(B, A));
            assertThat(rig.sent(2)).singleElement().isEqualTo(tagged(B, A, 0x6000 | 10));
        }
    }

    /**
     * One frame flooded to two untagged and two tagged ports: the untagged ones share the frame,
     * the tagged ones share one copy; every port gets the bytes its mode asks for.
     */
    @Test
    void aFloodToMixedEncapsulationsGivesEachPortItsOwnBytes() {
        try (SwitchRig rig = new SwitchRig()) {
            rig.add(VlanMode.access(10));
            rig.add(VlanMode.access(10));
            rig.add(VlanMode.trunk(10));
            rig.add(VlanMode.access(10));
            rig.add(VlanMode.trunk(5, 10));
            int free = rig.pool.availableCount();
            rig.send(0, 0, frame(BROADCAST, A));
            assertThat(rig.pool.availableCount()).as("the frame, one tagged copy, two clones").isEqualTo(free - 4);
            assertThat(rig.sent(1)).singleElement().isEqualTo(frame(BROADCAST, A));
            assertThat(rig.sent(3)).singleElement().isEqualTo(frame(BROADCAST, A));
            assertThat(rig.sent(2)).singleElement().isEqualTo(tagged(BROADCAST, A, 10));
            assertThat(rig.sent(4)).singleElement().isEqualTo(tagged(BROADCAST, A, 10));
            assertThat(rig.pool.availableCount()).isEqualTo(free);
        }
    }

    @Test
    void aFrameSharedWithAnotherHolderIsCopiedRatherThanRetaggedInPlace() {
        try (SwitchRig rig = new SwitchRig()) {
            rig.add(VlanMode.access(10));
            rig.add(VlanMode.trunk(10));
            var original = rig.mbuf(frame(B, A));
            var clone = original.cloneInto(rig.pool);          // someone else (a capture, a mirror) holds it too
            rig.vswitch.switchBurst(0, new io.wirespeed.mbuf.Mbuf[] {clone}, 1, 0);
            assertThat(rig.sent(1)).singleElement().isEqualTo(tagged(B, A, 10));
            assertThat(original.toByteArray()).as("the shared bytes are untouched").isEqualTo(frame(B, A));
            original.free();
        }
    }

    @Test
    void aFrameWithoutHeadroomIsCopiedToBeTagged() {
        try (SwitchRig rig = new SwitchRig()) {
            rig.add(VlanMode.access(10));
            rig.add(VlanMode.trunk(10));
            var m = rig.pool.alloc();
            m.dataOffset(0);
            m.write(hex(mac(B) + mac(A) + "0800" + "ab".repeat(50)));
            rig.vswitch.switchBurst(0, new io.wirespeed.mbuf.Mbuf[] {m}, 1, 0);
            assertThat(rig.sent(1)).singleElement().isEqualTo(tagged(B, A, 10));
        }
    }

    @Test
    void aTagTheDriverStrippedIntoTheMbufCountsAsTheFramesTag() {
        try (SwitchRig rig = new SwitchRig()) {
            rig.add(VlanMode.trunk(20));
            rig.add(VlanMode.access(20));
            rig.add(VlanMode.trunk(20));
            var m = rig.mbuf(frame(BROADCAST, A));
            m.vlanTci(20);
            m.offloadFlags(io.wirespeed.mbuf.OffloadFlags.RX_VLAN | io.wirespeed.mbuf.OffloadFlags.RX_VLAN_STRIPPED);
            rig.vswitch.switchBurst(0, new io.wirespeed.mbuf.Mbuf[] {m}, 1, 0);
            assertThat(rig.sent(1)).singleElement().isEqualTo(frame(BROADCAST, A));
            assertThat(rig.sent(2)).singleElement().isEqualTo(tagged(BROADCAST, A, 20));
            assertThat(rig.vswitch.stats(0).drops(DropReason.VLAN_NOT_ALLOWED)).isZero();
        }
    }
}
